import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, knobSettingsSchema, mergeSettings } from '../knobs/schema';
import { loadProfileSchema } from '../load/profile';
import {
  decodeExperiment,
  encodeExperiment,
  experimentFromRun,
  shareUrl,
  type Experiment,
  MAX_ENCODED_LENGTH,
} from './experiment';

const experiment: Experiment = {
  v: 1,
  title: 'Cache the hot products — 90/10 traffic',
  lesson: 'caching',
  knobs: { appCache: { enabled: true, ttlSeconds: 30 }, indexes: { idx_user_email: true } },
  workload: {
    model: 'constant-arrival',
    rate: 300,
    durationSec: 10,
    keys: { distribution: 'hot-set' },
    mix: [{ endpoint: 'product-by-id', weight: 1 }],
  },
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('shared experiment links', () => {
  it('round-trip through a real URL unchanged (non-ASCII included)', () => {
    const url = new URL(shareUrl('http://127.0.0.1:3000', experiment));
    expect(url.pathname).toBe('/share');
    expect(url.search).toMatch(/^\?e=[A-Za-z0-9_-]+$/);
    const decoded = decodeExperiment(url.searchParams.get('e'));
    expect(decoded).toEqual({ ok: true, experiment });
  });

  it("reproduce a run's knobs in full and its workload with the defaults filled back in", () => {
    const settings = mergeSettings(DEFAULT_SETTINGS, {
      pagination: { mode: 'cursor' },
      rateLimit: { enabled: true, limit: 50 },
    });
    const profile = loadProfileSchema.parse({
      model: 'virtual-users',
      users: 25,
      durationSec: 20,
      clients: { count: 4 },
    });
    const run = {
      profile,
      knobs: {
        settings,
        indexes: [
          { name: 'idx_user_email', present: true },
          { name: 'idx_order_user_id', present: false },
        ],
      },
    };
    const shared = experimentFromRun(run, { lesson: 'rate-limiting' });
    // Only what differs from the defaults travels in the link...
    expect(Object.keys(shared.workload).sort()).toEqual(['clients', 'durationSec', 'model', 'users']);
    const back = decodeExperiment(encodeExperiment(shared));
    if (!back.ok) throw new Error(back.problems.join('; '));
    // ...and the opener gets the same run and the same knobs.
    expect(loadProfileSchema.parse(back.experiment.workload)).toEqual(profile);
    const { indexes, ...knobs } = back.experiment.knobs;
    expect(knobSettingsSchema.parse(knobs)).toEqual(settings);
    expect(indexes).toEqual({ idx_user_email: true, idx_order_user_id: false });
  });

  it('refuse a link that names a sandbox, a learner or a token', () => {
    for (const field of ['sandboxId', 'token', 'learnerId']) {
      const result = decodeExperiment(b64({ ...experiment, [field]: 'sbx_someoneelse0000000' }));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.join(' ')).toContain(field);
    }
    const nested = decodeExperiment(b64({ ...experiment, knobs: { ...experiment.knobs, sandboxId: 'sbx_x' } }));
    expect(nested.ok).toBe(false);
  });

  it('refuse knobs and workloads the APIs would refuse, naming the field', () => {
    const bad = decodeExperiment(
      b64({ ...experiment, knobs: { appCache: { ttlSeconds: 0 } }, workload: { model: 'constant-arrival', rate: -5 } }),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems.some((p) => p.startsWith('knobs.appCache.ttlSeconds'))).toBe(true);
      expect(bad.problems.some((p) => p.startsWith('workload.rate'))).toBe(true);
    }
  });

  it('explain damaged, cut-off, foreign and oversized links instead of throwing', () => {
    const good = encodeExperiment(experiment);
    expect(decodeExperiment(undefined).ok).toBe(false);
    expect(decodeExperiment('not base64!').ok).toBe(false);
    expect(decodeExperiment(good.slice(0, good.length - 7)).ok).toBe(false);
    expect(decodeExperiment(b64({ ...experiment, v: 2 }))).toMatchObject({
      ok: false,
      problems: [expect.stringContaining('different version')],
    });
    expect(decodeExperiment('A'.repeat(MAX_ENCODED_LENGTH + 1))).toMatchObject({
      ok: false,
      problems: [expect.stringContaining('too long')],
    });
  });
});
