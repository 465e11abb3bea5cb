import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../knobs/schema';
import { startTestCore, type TestCore } from '../testing/test-core';
import { pipelineStages, type PipelineDeps } from './pipeline';

const claims = { learnerId: 'lrn_stagesstagesstagesst', sandboxId: 'sbx_stagesstagesstagesst' };
let lab: TestCore;

beforeAll(async () => {
  lab = await startTestCore(claims, 's');
});
afterAll(() => lab.stop());

const get = (path: string) =>
  lab.handle(new Request(`http://lab.local/api/v1${path}`, { headers: { authorization: `Bearer ${lab.token}` } }));

describe('the pipeline as a list of stages', () => {
  it('runs its stages in the documented order', () => {
    const names = pipelineStages({} as PipelineDeps).map((s) => s.name);
    expect(names).toEqual(['version', 'route', 'identify', 'ratelimit', 'body', 'replica', 'cache', 'handler', 'etag']);
  });

  it('a knob-switched stage times itself into Server-Timing only while its knob is on', async () => {
    const off = await get('/products/1');
    expect(off.headers.get('server-timing')).toMatch(/^db;dur=[\d.]+;desc="\d+ quer(?:y|ies)", total;dur=[\d.]+$/);

    lab.core.states.apply(claims.sandboxId, {
      ...DEFAULT_SETTINGS,
      rateLimit: { ...DEFAULT_SETTINGS.rateLimit, enabled: true, limit: 1000 },
      httpCache: { ...DEFAULT_SETTINGS.httpCache, enabled: true },
    });
    const on = await get('/products/1');
    expect(on.status).toBe(200);
    expect(on.headers.get('server-timing')).toMatch(
      /^db;dur=[\d.]+;desc="\d+ quer(?:y|ies)", ratelimit;dur=[\d.]+, etag;dur=[\d.]+, total;dur=[\d.]+$/,
    );
    expect(on.headers.get('ratelimit')).toBeTruthy();
    expect(on.headers.get('etag')).toBeTruthy();
    lab.core.states.apply(claims.sandboxId, DEFAULT_SETTINGS);
  });
});
