import { afterAll, describe, expect, it } from 'vitest';
import { pgTestSchema } from '../../testing/test-pg';
import { loadProfileSchema } from '../../load/profile';
import { describeRepositoryContract } from '../contract';
import { migrate } from './migrate';
import { pgRepository } from './repository';

// Cluster mode's store against a real PostgreSQL, in a fresh schema for this file.
const db = await pgTestSchema('repository');
afterAll(async () => db?.drop());

describe.skipIf(!db)('PostgreSQL repository', () => {
  describeRepositoryContract('PostgreSQL', async () => {
    const pool = db!.pool({ max: 3 });
    await migrate(pool);
    return { repo: pgRepository({ pool, nodeId: 'node-a' }), nodeId: 'node-a', close: async () => {} };
  });

  it('records which node holds a sandbox, and a move to another node with where it came from', async () => {
    const pool = db!.pool({ max: 2 });
    await migrate(pool);
    const a = pgRepository({ pool, nodeId: 'node-a' });
    const b = pgRepository({ pool, nodeId: 'node-b' });
    const sbx = await a.learners.createWithSandbox(new Date('2026-12-03T09:00:00Z'));
    expect(await b.sandboxes.holder(sbx.id)).toBe('node-a');
    await b.sandboxes.touch(sbx.id, new Date('2026-12-03T09:00:30Z'));
    expect(await b.sandboxes.holder(sbx.id)).toBe('node-a');
    expect(await b.sandboxes.hold(sbx.id, new Date('2026-12-03T09:01:00Z'))).toBe('node-a');
    expect(await b.sandboxes.hold(sbx.id, new Date('2026-12-03T09:02:00Z'))).toBeNull();
    expect(await a.sandboxes.holder(sbx.id)).toBe('node-b');
    expect(await a.sandboxes.moved(sbx.id)).toEqual({ at: '2026-12-03T09:01:00.000Z', from: 'node-a' });
  });

  it("fails only the named dead node's running runs, or at start only its own", async () => {
    const pool = db!.pool({ max: 2 });
    await migrate(pool);
    const a = pgRepository({ pool, nodeId: 'node-a' });
    const b = pgRepository({ pool, nodeId: 'node-b' });
    const learner = await a.learners.createWithSandbox(new Date());
    const profile = loadProfileSchema.parse({ model: 'constant-arrival' });
    const knobs = { settings: await a.settings.read(learner.id), indexes: [] };
    const base = {
      status: 'running' as const,
      profile,
      knobs,
      endedAt: null,
      error: null,
      note: null,
      lesson: null,
      seconds: [],
      summary: null,
    };
    await a.runs.insert(learner.learnerId, learner.id, {
      ...base,
      id: 'run_on_a',
      startedAt: new Date().toISOString(),
    });
    await b.runs.insert(learner.learnerId, learner.id, {
      ...base,
      id: 'run_on_b',
      startedAt: new Date().toISOString(),
    });

    expect(await b.runs.failRunning('node-a stopped answering.', new Date(), 'node-a')).toBe(1);
    expect(await a.runs.get(learner.learnerId, 'run_on_a')).toMatchObject({
      status: 'failed',
      error: 'node-a stopped answering.',
    });
    expect(await a.runs.get(learner.learnerId, 'run_on_b')).toMatchObject({ status: 'running' });
    // node-b restarting fails its own leftovers only.
    expect(await b.runs.failRunning('The server restarted while this run was going.', new Date())).toBe(1);
  });
});
