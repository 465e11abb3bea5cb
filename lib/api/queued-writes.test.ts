import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/open';
import { createSandboxFile, sandboxPath } from '../db/sandboxes';
import { DEFAULT_SETTINGS, mergeSettings, type KnobSettings } from '../knobs/schema';
import type { LabCore } from '../lab-server/core';
import { startTestCore, type TestCore } from '../testing/test-core';

/** POST /orders in sync and queued mode, through the real pipeline and the real job worker. */
const claims = { learnerId: 'lrn_queuesqueuesqueuesqu', sandboxId: 'sbx_queuesqueuesqueuesqu' };
let lab: TestCore;
let core: LabCore;
let handle: (r: Request) => Promise<Response>;
let token: string;

beforeAll(async () => {
  lab = await startTestCore(claims, 'q');
  ({ core, handle, token } = lab);
});
afterAll(() => lab.stop());

const setWrites = (writes: Partial<KnobSettings['writes']>) =>
  core.states.apply(claims.sandboxId, mergeSettings(DEFAULT_SETTINGS, { writes }));
beforeEach(() => setWrites({ mode: 'sync', processingMs: 0 }));

const call = (path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return handle(new Request(`http://lab.local/api/v1${path}`, { ...init, headers }));
};
const order = (body: unknown, headers: Record<string, string> = {}) =>
  call('/orders', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
const good = { user_id: 3, product_id: 4, quantity: 1 };

async function pollJob(location: string) {
  for (let i = 0; i < 100; i++) {
    const res = await call(location.replace('/api/v1', ''));
    expect(res.status).toBe(200);
    const job = await res.json();
    if (job.status === 'succeeded' || job.status === 'failed') return { job, res };
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`job at ${location} never finished`);
}

describe('POST /orders: sync vs queued', () => {
  it('sync: the client waits for the configured work, then gets 201 and the order', async () => {
    setWrites({ mode: 'sync', processingMs: 120 });
    const t0 = performance.now();
    const res = await order(good);
    const ms = performance.now() - t0;
    expect(res.status).toBe(201);
    expect(ms).toBeGreaterThanOrEqual(115);
    const created = await res.json();
    expect(res.headers.get('location')).toBe(`/api/v1/orders/${created.id}`);
  });

  it('sync: the slow work does not block the lab server for other requests', async () => {
    setWrites({ mode: 'sync', processingMs: 600 });
    const slow = order(good).then(() => 'order');
    const read = call('/products/1').then((r) => (expect(r.status).toBe(200), 'read'));
    // Order of completion, not milliseconds: this box may be busy, but a read never waits for the order's 600 ms.
    expect(await Promise.race([slow, read])).toBe('read');
    await slow;
  });

  it('queued: 202 at once with Location and Retry-After; the worker places the order', async () => {
    setWrites({ mode: 'queued', processingMs: 400 });
    const before = (core.pool.get(claims.sandboxId).prepare('SELECT count(*) AS n FROM orders').get() as { n: number })
      .n;
    const res = await order(good);
    // The answer came before the work was done: the job has not even finished its 400 ms.
    expect(['queued', 'running']).toContain(
      (await call(`/jobs/${(await res.clone().json()).id}`).then((r) => r.json())).status,
    );
    expect(res.status).toBe(202);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/api\/v1\/jobs\/\d+$/);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await res.json()).toMatchObject({
      status: 'queued',
      attempts: 0,
      order_id: null,
      order_url: null,
      error: null,
    });
    const { job, res: last } = await pollJob(location);
    expect(job).toMatchObject({ status: 'succeeded', attempts: 1, error: null });
    expect(last.headers.get('retry-after')).toBeNull();
    expect(last.headers.get('cache-control')).toBe('no-store');
    const placed = await call(job.order_url.replace('/api/v1', ''));
    expect(await placed.json()).toMatchObject({ id: job.order_id, ...good });
    const after = (core.pool.get(claims.sandboxId).prepare('SELECT count(*) AS n FROM orders').get() as { n: number })
      .n;
    expect(after).toBe(before + 1);
  });

  it('queued: the worker drains jobs in the order they were accepted', async () => {
    setWrites({ mode: 'queued', processingMs: 5 });
    const locations: string[] = [];
    for (const product_id of [5, 6, 7, 8])
      locations.push((await order({ ...good, product_id })).headers.get('location') ?? '');
    const jobs = [];
    for (const l of locations) jobs.push((await pollJob(l)).job);
    const orderIds = jobs.map((j) => j.order_id as number);
    expect(orderIds).toEqual([...orderIds].sort((a, b) => a - b));
    expect(jobs.map((j) => j.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
  });

  it('queued: a request the worker cannot carry out becomes a failed job with the problem, not a 4xx', async () => {
    setWrites({ mode: 'queued', processingMs: 0 });
    const res = await order({ user_id: 999_999, product_id: 1, quantity: 1 });
    expect(res.status).toBe(202);
    const { job } = await pollJob(res.headers.get('location') ?? '');
    expect(job).toMatchObject({
      status: 'failed',
      attempts: 1,
      order_id: null,
      error: { status: 422, type: '/problems/validation-failed' },
    });
  });

  it('bad input is still refused at once, in both modes, as problem+json', async () => {
    for (const mode of ['sync', 'queued'] as const) {
      setWrites({ mode });
      const res = await order({ user_id: 'x', product_id: 1 });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const bad = await order(good, { 'idempotency-key': 'has space' });
      expect(bad.status).toBe(400);
      expect((await bad.json()).errors[0]).toMatchObject({ field: 'Idempotency-Key', in: 'header' });
    }
    expect((await call('/jobs/abc')).status).toBe(400);
    expect((await call('/jobs/99999999')).status).toBe(404);
  });
});

describe('Idempotency-Key', () => {
  const count = () =>
    (core.pool.get(claims.sandboxId).prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;

  it('queued: the same key and body return the same job, and only one order is placed', async () => {
    setWrites({ mode: 'queued', processingMs: 30 });
    const before = count();
    const first = await order(good, { 'idempotency-key': '"order-q-1"' });
    const again = await order(good, { 'idempotency-key': 'order-q-1' });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const { job } = await pollJob(first.headers.get('location') ?? '');
    // After it is done, a retry gets the order itself.
    const late = await order(good, { 'idempotency-key': 'order-q-1' });
    expect(late.status).toBe(201);
    expect(late.headers.get('idempotent-replayed')).toBe('true');
    expect((await late.json()).id).toBe(job.order_id);
    expect(count()).toBe(before + 1);
  });

  it('the same key with a different body is a 422 problem', async () => {
    setWrites({ mode: 'queued', processingMs: 0 });
    await order(good, { 'idempotency-key': 'order-q-2' });
    const other = await order({ ...good, quantity: 2 }, { 'idempotency-key': 'order-q-2' });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ type: '/problems/idempotency-key-reused', status: 422 });
  });

  it('sync: a retry after success replays the order; a retry while the first is in flight gets 409', async () => {
    setWrites({ mode: 'sync', processingMs: 300 });
    const before = count();
    const first = order(good, { 'idempotency-key': 'order-s-1' });
    const db = core.pool.get(claims.sandboxId);
    for (let i = 0; i < 200 && !db.prepare("SELECT 1 FROM jobs WHERE idempotency_key = 'order-s-1'").get(); i++)
      await new Promise((r) => setTimeout(r, 2));
    const during = await order(good, { 'idempotency-key': 'order-s-1' });
    expect(during.status).toBe(409);
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const done = await first;
    expect(done.status).toBe(201);
    const replay = await order(good, { 'idempotency-key': 'order-s-1' });
    expect(replay.status).toBe(201);
    expect((await replay.json()).id).toBe((await done.json()).id);
    expect(count()).toBe(before + 1);
  });
});

describe('POST /orders: a bounded queue', () => {
  it('past the queue limit answers 503 queue-full with Retry-After and orders nothing; once the workers catch up it accepts again', async () => {
    setWrites({ mode: 'queued', processingMs: 300, workers: 1, queueLimit: 2 });
    // A user no other test orders for, so their order count is this test's alone.
    const mine = { user_id: 7, product_id: 4, quantity: 1 };
    const ordersBefore = (await (await call('/users/7/orders?limit=100')).json()).data.length;
    // One worker holds one order at a time, so at most limit + 1 are accepted before the queue is full.
    const accepted: string[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 4 && !refused; i++) {
      const res = await order(mine);
      if (res.status === 202) accepted.push(res.headers.get('location') ?? '');
      else refused = res;
    }
    expect(refused?.status).toBe(503);
    expect(accepted.length).toBeGreaterThanOrEqual(2);
    expect(refused!.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = await refused!.json();
    expect(body).toMatchObject({ type: '/problems/queue-full', status: 503, title: 'The order queue is full' });
    expect(body.detail).toMatch(/^2 orders are waiting, as many as the queue holds\. Nothing was ordered/);
    for (const location of accepted) expect((await pollJob(location)).job.status).toBe('succeeded');
    // Every accepted order was placed, and the refused one was not.
    expect((await (await call('/users/7/orders?limit=100')).json()).data.length).toBe(ordersBefore + accepted.length);
    expect((await order(mine)).status).toBe(202);
  });
});

describe('existing sandboxes', () => {
  it('a sandbox copied before the jobs table existed gets it when the lab server opens it', () => {
    const id = 'sbx_oldoldoldoldoldoldol';
    createSandboxFile(lab.dataDir, id);
    const raw = openDatabase(sandboxPath(lab.dataDir, id));
    const hasJobs = (db: Db) =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'jobs'").get() !== undefined;
    expect(hasJobs(raw)).toBe(false);
    raw.close();
    expect(hasJobs(core.pool.get(id))).toBe(true);
  });
});
