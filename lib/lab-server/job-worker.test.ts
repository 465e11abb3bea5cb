import Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finishJob, getJob, insertJob, MAX_ATTEMPTS, type JobRow } from '../db/queries/jobs';
import { QueryRecorder } from '../db/recorder';
import { upgradeSandbox } from '../db/sandbox-upgrade';
import { createJobWorker, type JobWorkerDeps } from './job-worker';

const SBX = 'sbx_workerworkerworkerwo';
let db: Database.Database;
let q: QueryRecorder;
const T = '2026-01-01T00:00:00.000Z';
const add = (n: number) => insertJob(q, { payload: { n }, requestHash: `h${n}`, idempotencyKey: null, now: T });

beforeEach(() => {
  db = new Database(':memory:');
  upgradeSandbox(db);
  q = new QueryRecorder(db);
});
afterEach(() => db.close());

/** Timing-free waiting: the box may be busy, so wait for the state, not for milliseconds. */
async function until(cond: () => boolean) {
  for (let i = 0; i < 500 && !cond(); i++) await sleep(2);
  expect(cond()).toBe(true);
}

function worker(process: JobWorkerDeps['process'], concurrency = 1) {
  return createJobWorker({ db: () => db, concurrency: () => concurrency, process });
}

describe('job worker', () => {
  it('drains the queue in order, one job at a time with concurrency 1', async () => {
    const order: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const w = worker(async (_id, job) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(5);
      order.push((JSON.parse(job.payload) as { n: number }).n);
      finishJob(q, job.id, 'succeeded', { ok: true }, T);
      inFlight--;
    });
    for (let n = 1; n <= 5; n++) add(n);
    w.kick(SBX);
    w.kick(SBX); // a second kick while draining starts no second loop
    await w.idle();
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(maxInFlight).toBe(1);
    expect((db.prepare("SELECT count(*) AS n FROM jobs WHERE status = 'succeeded'").get() as { n: number }).n).toBe(5);
  });

  it('with concurrency N, runs up to N jobs at once and still claims each job once', async () => {
    const ran: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const w = worker(async (_id, job) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(10);
      ran.push(job.id);
      finishJob(q, job.id, 'succeeded', {}, T);
      inFlight--;
    }, 3);
    for (let n = 1; n <= 9; n++) add(n);
    w.kick(SBX);
    expect(w.running(SBX)).toBe(3);
    await w.idle();
    expect(maxInFlight).toBe(3);
    expect([...ran].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('a job that keeps throwing is retried, then failed with its attempts; the queue moves on', async () => {
    const calls: number[] = [];
    const w = worker(async (_id, job) => {
      calls.push(job.id);
      if (job.id === 1) throw new Error('payment provider down');
      finishJob(q, job.id, 'succeeded', {}, T);
    });
    add(1);
    add(2);
    w.kick(SBX);
    await w.idle();
    expect(getJob(q, 1)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(JSON.parse(getJob(q, 1)?.result ?? '{}')).toMatchObject({
      problem: { status: 500, type: '/problems/internal' },
    });
    expect(getJob(q, 2)).toMatchObject({ status: 'succeeded', attempts: 1 });
    // Retried in line: job 1 again right after its failure (it keeps its place, the oldest id).
    expect(calls).toEqual([...Array(MAX_ATTEMPTS).fill(1), 2]);
  });

  it('after a reset, a job in flight writes nothing and its loop stops', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const finished: number[] = [];
    const w = worker(async (_id, job: JobRow, current) => {
      await gate;
      if (!current()) return;
      finished.push(job.id);
      finishJob(q, job.id, 'succeeded', {}, T);
    });
    add(1);
    add(2);
    w.kick(SBX);
    await until(() => getJob(q, 1)?.status === 'running');
    w.reset(SBX);
    release();
    await w.idle();
    expect(finished).toEqual([]);
    expect(getJob(q, 2)?.status).toBe('queued');
  });

  it('resume requeues jobs an earlier server left running and drains them, once per sandbox', async () => {
    add(1);
    db.prepare("UPDATE jobs SET status = 'running', attempts = 1").run();
    const done: number[] = [];
    const w = worker(async (_id, job) => {
      done.push(job.attempts);
      finishJob(q, job.id, 'succeeded', {}, T);
    });
    w.resume(SBX, db);
    await w.idle();
    expect(done).toEqual([2]);
    add(2);
    db.prepare("UPDATE jobs SET status = 'running' WHERE id = 2").run();
    w.resume(SBX, db); // already resumed in this server's life: a running job is really running
    expect(getJob(q, 2)?.status).toBe('running');
  });

  it('stop waits for the loop in flight, which writes nothing more, and starts no new one', async () => {
    const w = worker(async (_id, job, current) => {
      await sleep(10);
      if (current()) finishJob(q, job.id, 'succeeded', {}, T);
    });
    add(1);
    add(2);
    w.kick(SBX);
    await until(() => getJob(q, 1)?.status === 'running');
    await w.stop();
    expect(w.running(SBX)).toBe(0);
    w.kick(SBX);
    expect(w.running(SBX)).toBe(0);
    expect(getJob(q, 2)?.status).toBe('queued');
  });
});
