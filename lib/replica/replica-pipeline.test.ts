import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/open';
import { DEFAULT_SETTINGS, type KnobSettings } from '../knobs/schema';
import type { LabCore } from '../lab-server/core';
import { startTestCore, type TestCore } from '../testing/test-core';
import { replicaPath } from './manager';

// The real pipeline over real sandbox files: a primary, a replica made by SQLite's backup, and the log between them.
const sandboxId = 'sbx_replicareplicarepli2';
const claims = { learnerId: 'lrn_replicareplicarepli2', sandboxId };
let lab: TestCore;
let core: LabCore;
let handle: (r: Request) => Promise<Response>;
let token: string;

beforeAll(async () => {
  lab = await startTestCore(claims, 'r');
  ({ core, handle, token } = lab);
});
afterAll(() => lab.stop());

async function setReplica(replica: KnobSettings['replica']) {
  const settings = { ...DEFAULT_SETTINGS, replica };
  core.states.apply(sandboxId, settings);
  await core.replicas.sync(sandboxId, replica);
}
const call = (path: string, client: string, init: RequestInit = {}) =>
  handle(
    new Request(`http://lab.local/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'x-client-id': client, 'content-type': 'application/json' },
    }),
  );
async function placeOrder(client: string): Promise<{ res: Response; id: number }> {
  const res = await call('/orders', client, {
    method: 'POST',
    body: JSON.stringify({ user_id: 1, product_id: 1, quantity: 1 }),
  });
  return { res, id: ((await res.json()) as { id: number }).id };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('read replica in the pipeline', () => {
  it('without the knob, responses carry no replica headers', async () => {
    const res = await call('/orders/1', 'a');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-served-by')).toBeNull();
  });

  it('eventual: a read right after a write goes to the replica and misses it, then sees it after the lag', async () => {
    await setReplica({ enabled: true, lagMs: 400, consistency: 'eventual' });
    expect(fs.existsSync(replicaPath(lab.dataDir, sandboxId))).toBe(true);
    const { res, id } = await placeOrder('writer');
    expect(res.status).toBe(201);
    expect(res.headers.get('x-served-by')).toBe('primary');
    const stale = await call(`/orders/${id}`, 'writer');
    expect(stale.status).toBe(404);
    expect(stale.headers.get('x-served-by')).toBe('replica');
    expect(Number(stale.headers.get('x-replica-lag-ms'))).toBeGreaterThanOrEqual(0);
    expect(Number(stale.headers.get('x-replica-lag-ms'))).toBeLessThan(400);
    await sleep(600);
    const fresh = await call(`/orders/${id}`, 'writer');
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-served-by')).toBe('replica');
    expect(fresh.headers.get('x-replica-lag-ms')).toBe('0');
    expect(core.replicas.status(sandboxId)).toMatchObject({ status: 'ready', lagMs: 0 });
  });

  it('read-your-writes: the writer reads the primary until its write is replayed; others still read the replica', async () => {
    await setReplica({ enabled: true, lagMs: 400, consistency: 'read-your-writes' });
    const { id } = await placeOrder('writer');
    const own = await call(`/orders/${id}`, 'writer');
    expect(own.status).toBe(200);
    expect(own.headers.get('x-served-by')).toBe('primary');
    expect(own.headers.get('x-replica-route')).toBe('own-write-not-replicated');
    const other = await call(`/orders/${id}`, 'someone-else');
    expect(other.status).toBe(404);
    expect(other.headers.get('x-served-by')).toBe('replica');
    await sleep(600);
    const later = await call(`/orders/${id}`, 'writer');
    expect(later.status).toBe(200);
    expect(later.headers.get('x-served-by')).toBe('replica');
  });

  it('writes made while the replica is being copied are neither lost nor replayed twice', async () => {
    await setReplica({ enabled: false, lagMs: 0, consistency: 'eventual' });
    const replica = { enabled: true, lagMs: 0, consistency: 'eventual' } as const;
    core.states.apply(sandboxId, { ...DEFAULT_SETTINGS, replica });
    const copying = core.replicas.sync(sandboxId, replica);
    const writes = Promise.all(Array.from({ length: 10 }, (_, i) => placeOrder(`w${i}`)));
    await Promise.all([copying, writes]);
    await sleep(200);
    const fingerprint = (db: Db) =>
      db
        .prepare(
          'SELECT (SELECT count(*) FROM orders) AS orders, (SELECT max(id) FROM orders) AS maxId, (SELECT sum(stock) FROM products) AS stock',
        )
        .get();
    const copy = openDatabase(replicaPath(lab.dataDir, sandboxId), { readonly: true });
    try {
      expect(fingerprint(copy)).toEqual(fingerprint(core.pool.get(sandboxId)));
    } finally {
      copy.close();
    }
  });

  it('switching the replica off deletes it and clears the log', async () => {
    await setReplica({ enabled: false, lagMs: 400, consistency: 'eventual' });
    expect(fs.existsSync(replicaPath(lab.dataDir, sandboxId))).toBe(false);
    expect(core.replicas.status(sandboxId).status).toBe('off');
    const res = await call('/orders/1', 'a');
    expect(res.headers.get('x-served-by')).toBeNull();
  });
});
