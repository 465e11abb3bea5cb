import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppDb } from '../db/app-db';
import { sqliteRepository } from '../store/sqlite-repository';
import { derivedJoinCode, readWorkshop, setBroadcast, setCaps, setPaused, setProjector } from './state';

// The room's state through the repository's workshop store, on a real app.db.
const dirs: string[] = [];
function store() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-lab-room-'));
  dirs.push(dir);
  return sqliteRepository(openAppDb(dir)).workshop;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const secret = new TextEncoder().encode('s'.repeat(40));

describe('room state', () => {
  it('starts unpaused with no caps, broadcast or projector, and a join code every node derives alike', async () => {
    const a = store();
    const state = await readWorkshop(a, secret);
    expect(state).toEqual({
      paused: false,
      caps: null,
      broadcast: null,
      projector: null,
      joinCode: derivedJoinCode(secret),
    });
    expect(state.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    // Two nodes (two stores) that find no code write the same one; another secret, another code.
    expect((await readWorkshop(store(), secret)).joinCode).toBe(state.joinCode);
    expect(derivedJoinCode(new TextEncoder().encode('t'.repeat(40)))).not.toBe(state.joinCode);
  });

  it('keeps a stored join code (rooms created before codes were derived keep theirs)', async () => {
    const a = store();
    await a.set('joinCode', 'ABCDEF');
    expect((await readWorkshop(a, secret)).joinCode).toBe('ABCDEF');
  });

  it('reads back what the instructor set, and forgets a cleared broadcast or projector', async () => {
    const a = store();
    await setPaused(a, true);
    await setCaps(a, { perLearnerRate: 10, totalRate: 100, maxRuns: 4 });
    await setBroadcast(a, { id: 'b1', lesson: 'indexes', message: 'Now', at: '2026-12-03T08:00:00.000Z' });
    await setProjector(a, { runId: 'run_1', nodeId: 'node-a' });
    expect(await readWorkshop(a, secret)).toMatchObject({
      paused: true,
      caps: { perLearnerRate: 10, totalRate: 100, maxRuns: 4 },
      broadcast: { id: 'b1', lesson: 'indexes' },
      projector: { runId: 'run_1', nodeId: 'node-a' },
    });
    await setBroadcast(a, null);
    await setProjector(a, null);
    expect(await readWorkshop(a, secret)).toMatchObject({ broadcast: null, projector: null });
  });

  it('treats a value of the wrong shape as unset rather than trusting it', async () => {
    const a = store();
    await a.set('caps', { totalRate: 'lots' });
    await a.set('paused', 'yes');
    expect(await readWorkshop(a, secret)).toMatchObject({ caps: null, paused: false });
  });
});
