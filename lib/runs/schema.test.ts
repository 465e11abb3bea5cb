import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLearnerWithSandbox, openAppDb } from '../db/app-db';
import { DEFAULT_SETTINGS } from '../knobs/schema';
import { loadProfileSchema } from '../load/profile';
import { runSchema } from './schema';
import { getRun, insertRun, listRuns } from './store';

/**
 * A run's profile is typed from the load profile schema, and stored rows written by older
 * versions still read: missing fields take today's defaults, today's limits are not applied
 * again, and a profile nothing can read becomes null instead of failing the whole list.
 */
const stored = (profile: unknown) => ({
  id: 'run_old',
  status: 'completed',
  profile,
  knobs: { settings: DEFAULT_SETTINGS, indexes: [] },
  startedAt: '2026-01-01T00:00:00Z',
  endedAt: '2026-01-01T00:00:10Z',
  error: null,
  seconds: [],
  summary: null,
});

describe('a stored run profile', () => {
  it('reads a profile saved today as the same typed profile', () => {
    const profile = loadProfileSchema.parse({ model: 'virtual-users', users: 25, clients: { count: 4 } });
    expect(runSchema.parse(stored(profile)).profile).toEqual(profile);
  });

  it('fills the fields an older version did not store with their defaults', () => {
    const read = runSchema.parse(stored({ model: 'constant-arrival', rate: 5, durationSec: 10 })).profile;
    expect(read).toEqual(loadProfileSchema.parse({ model: 'constant-arrival', rate: 5, durationSec: 10 }));
    expect(read?.clients.abusive.enabled).toBe(false);
  });

  it('keeps a profile that was within the limits of the server that ran it', () => {
    const big = { model: 'constant-arrival', rate: 5000, durationSec: 300 };
    expect(loadProfileSchema.safeParse(big).success).toBe(false);
    expect(runSchema.parse(stored(big)).profile).toMatchObject(big);
  });

  it.each([
    ['a model since renamed', { model: 'open-loop', rate: 5 }],
    ['a field since removed', { model: 'constant-arrival', rate: 5, burst: 3 }],
    ['no model at all', { rate: 5 }],
    ['not an object', 'constant-arrival at 5/s'],
  ])('reads %s as null and the rest of the run as it was', (_why, profile) => {
    const run = runSchema.parse(stored(profile));
    expect(run.profile).toBeNull();
    expect(run).toMatchObject({ id: 'run_old', status: 'completed', endedAt: '2026-01-01T00:00:10Z' });
  });

  it('still fails a run record whose other fields are wrong', () => {
    expect(runSchema.safeParse({ ...stored({ model: 'open-loop' }), status: 'paused' }).success).toBe(false);
  });
});

describe('old rows in app.db', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-profile-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('list and open with an unreadable profile as null, next to readable ones', () => {
    const db = openAppDb(path.join(dir, 'app.db'));
    const { learnerId, id: sandboxId } = createLearnerWithSandbox(db, new Date('2026-01-01T09:00:00Z'));
    const good = runSchema.parse({
      ...stored(loadProfileSchema.parse({ model: 'constant-arrival' })),
      id: 'run_new',
      startedAt: '2026-01-02T00:00:00Z',
    });
    insertRun(db, learnerId, sandboxId, good);
    insertRun(db, learnerId, sandboxId, runSchema.parse(stored(null)));
    // What an older version wrote, straight into the column.
    db.prepare('UPDATE runs SET profile = ? WHERE id = ?').run(JSON.stringify({ model: 'open-loop' }), 'run_old');

    const page = listRuns(db, learnerId, 10);
    expect(page.rows.map((r) => [r.id, r.profile?.model ?? null])).toEqual([
      ['run_new', 'constant-arrival'],
      ['run_old', null],
    ]);
    expect(getRun(db, learnerId, 'run_old')?.profile).toBeNull();
    db.close();
  });
});
