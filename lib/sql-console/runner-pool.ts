import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import type { RunFailure, RunOutcome, RunRequest } from './run-query';
import type { RunnerMessage, RunnerReply } from './runner';
import { createRpc, type Rpc } from '../workers/rpc';

/**
 * Child processes that run console statements. better-sqlite3 cannot interrupt a running
 * statement, and a worker thread stuck in native code cannot be terminated reliably, so a
 * runaway query is stopped the only dependable way: SIGKILL of its process.
 *
 * Forking a runner (Node + better-sqlite3) takes 90-350 ms here, depending on load, while a
 * statement in a warm runner costs about 2 ms of overhead: so the pool keeps warm runners
 * and reuses them, and a killed runner is replaced in the background.
 * At most `size` statements run at once across all learners (2 cores: the lab server and
 * the pages must keep theirs); others wait in a short queue. Runners are niced so a runaway
 * query loses the CPU to everyone else's API.
 */
export type PoolFailure =
  | RunFailure
  | { ok: false; code: 'timeout'; message: string; limitMs: number }
  | { ok: false; code: 'busy' | 'crashed'; message: string };
export type PoolOutcome = RunOutcome | PoolFailure;

export type SqlRunnerPoolOptions = {
  script: string;
  size?: number;
  maxQueue?: number;
  /** Extra runners (beyond one warm one) exit after this long without work. */
  idleMs?: number;
  niceness?: number;
};

export type SqlRunnerPoolStats = {
  spawned: number;
  killed: number;
  running: number;
  queued: number;
  /** Fork to "ready" of the last runner started. */
  lastSpawnMs: number | null;
  /** SIGKILL to process exit of the last runaway query. */
  lastKillMs: number | null;
};

type RunnerCalls = { run: { args: RunRequest; result: RunOutcome } };
type Runner = {
  child: ChildProcess;
  rpc: Rpc<RunnerCalls>;
  ready: Promise<void>;
  busy: boolean;
  alive: boolean;
  idleTimer?: NodeJS.Timeout;
};
type Job = { request: RunRequest; timeoutMs: number; resolve: (outcome: PoolOutcome) => void };

export function createSqlRunnerPool(opts: SqlRunnerPoolOptions) {
  const size = opts.size ?? 2;
  const maxQueue = opts.maxQueue ?? 16;
  const idleMs = opts.idleMs ?? 60_000;
  const runners = new Set<Runner>();
  const queue: Job[] = [];
  const stats: SqlRunnerPoolStats = {
    spawned: 0,
    killed: 0,
    running: 0,
    queued: 0,
    lastSpawnMs: null,
    lastKillMs: null,
  };
  let stopped = false;

  function spawn(): Runner {
    const t0 = performance.now();
    // No secrets in the child's environment: it needs nothing but the file path it is sent.
    const child = fork(opts.script, [], {
      execArgv: ['--max-old-space-size=256'],
      env: { NODE_ENV: process.env.NODE_ENV ?? 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
    stats.spawned++;
    // The runner's envelope: { id, request } in, { id, outcome } out. No RPC timeout: the
    // pool's own timer kills the process, which is the only way to stop a runaway statement.
    const rpc = createRpc<RunnerCalls>({
      name: 'query process',
      send: ({ id, args }) => child.send({ id, request: args } satisfies RunnerMessage),
    });
    child.on('message', (msg: RunnerReply) => {
      if ('id' in msg) rpc.settle({ id: msg.id, ok: true, value: msg.outcome });
    });
    child.once('exit', (code, signal) =>
      rpc.failAll(
        new Error(`The query process ended unexpectedly (${signal ?? `exit ${code}`}); it may have run out of memory.`),
      ),
    );
    const runner: Runner = { child, rpc, ready: Promise.resolve(), busy: false, alive: true };
    runner.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (msg: RunnerReply) => {
        if (!('type' in msg) || msg.type !== 'ready') return;
        child.off('message', onMessage);
        stats.lastSpawnMs = performance.now() - t0;
        resolve();
      };
      child.on('message', onMessage);
      child.once('exit', () => reject(new Error('the query process exited before it was ready')));
      child.once('error', reject);
    });
    runner.ready.catch(() => undefined);
    try {
      if (child.pid) os.setPriority(child.pid, opts.niceness ?? 10);
    } catch {
      // not permitted everywhere; a runaway query is still killed on time
    }
    child.once('exit', () => {
      runner.alive = false;
      clearTimeout(runner.idleTimer);
      runners.delete(runner);
    });
    runners.add(runner);
    return runner;
  }

  function kill(runner: Runner) {
    runner.alive = false;
    runners.delete(runner);
    runner.child.kill('SIGKILL');
  }

  function scheduleIdle(runner: Runner) {
    clearTimeout(runner.idleTimer);
    runner.idleTimer = setTimeout(() => {
      // One warm runner stays, so the next query does not pay for a fork.
      if (!runner.busy && runner.alive && runners.size > 1) kill(runner);
    }, idleMs);
    runner.idleTimer.unref();
  }

  function send(runner: Runner, job: Job): Promise<PoolOutcome> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const killedAt = performance.now();
        runner.child.once('exit', () => (stats.lastKillMs = performance.now() - killedAt));
        stats.killed++;
        resolve({
          ok: false,
          code: 'timeout',
          limitMs: job.timeoutMs,
          message: `The query was stopped after ${job.timeoutMs / 1000} s: its process was killed. Add a LIMIT or a WHERE that an index can serve.`,
        });
        kill(runner);
      }, job.timeoutMs);
      runner.rpc.call('run', job.request).then(
        (outcome) => (clearTimeout(timer), resolve(outcome)),
        (err: Error) => (clearTimeout(timer), resolve({ ok: false, code: 'crashed', message: err.message })),
      );
    });
  }

  async function execute(runner: Runner, job: Job) {
    runner.busy = true;
    stats.running++;
    clearTimeout(runner.idleTimer);
    let outcome: PoolOutcome;
    try {
      await runner.ready;
      outcome = await send(runner, job);
    } catch (err) {
      kill(runner);
      outcome = {
        ok: false,
        code: 'crashed',
        message: `The query process could not start: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    runner.busy = false;
    stats.running--;
    if (runner.alive) scheduleIdle(runner);
    // Replace a killed runner now, so the next learner does not wait for a fork.
    if (!stopped && runners.size === 0) scheduleIdle(spawn());
    job.resolve(outcome);
    pump();
  }

  function pump() {
    while (!stopped && queue.length > 0) {
      let runner = [...runners].find((r) => r.alive && !r.busy);
      if (!runner && runners.size < size) runner = spawn();
      if (!runner) break;
      execute(runner, queue.shift()!);
    }
    stats.queued = queue.length;
  }

  return {
    run(request: RunRequest, timeoutMs: number): Promise<PoolOutcome> {
      if (stopped) return Promise.resolve({ ok: false, code: 'busy', message: 'The SQL console is shutting down.' });
      if (queue.length >= maxQueue) {
        return Promise.resolve({
          ok: false,
          code: 'busy',
          message: 'The SQL console is busy with other learners\u2019 queries; try again in a few seconds.',
        });
      }
      return new Promise((resolve) => {
        queue.push({ request, timeoutMs, resolve });
        pump();
      });
    },
    stats: (): SqlRunnerPoolStats => ({ ...stats, queued: queue.length }),
    async stop() {
      stopped = true;
      for (const job of queue.splice(0))
        job.resolve({ ok: false, code: 'busy', message: 'The SQL console is shutting down.' });
      const exits = [...runners].map(
        (r) =>
          new Promise((resolve) =>
            r.child.exitCode !== null || r.child.signalCode !== null ? resolve(null) : r.child.once('exit', resolve),
          ),
      );
      for (const r of [...runners]) kill(r);
      await Promise.all(exits);
    },
  };
}

export type SqlRunnerPool = ReturnType<typeof createSqlRunnerPool>;
