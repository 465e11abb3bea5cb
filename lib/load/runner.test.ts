import { describe, expect, it } from 'vitest';
import type { RunLoadOptions, RunSummary } from './generator';
import type { LoadWorkerEvent, LoadWorkerRequest } from './messages';
import { createLoadRunner } from './runner';

/** The worker's start/stop logic with a fake generator: caps, events, stop. */
function setup(data = {}) {
  const events: LoadWorkerEvent[] = [];
  const runs = new Map<string, { opts: RunLoadOptions; finish: () => void }>();
  const fakeRun = (opts: RunLoadOptions) => {
    // Like runLoad: a bad target throws synchronously, before anything is sent.
    if (opts.target.host !== '127.0.0.1') throw new Error('Load can only target a loopback address');
    return new Promise<RunSummary>((resolve) => {
      const finish = () => resolve({ aborted: opts.signal.aborted } as RunSummary);
      runs.set(String(runs.size + 1), { opts, finish });
      opts.signal.addEventListener('abort', finish);
      setImmediate(() => !opts.signal.aborted && opts.onSecond({ second: 1 } as never));
    });
  };
  const runner = createLoadRunner(data, (e) => events.push(e), fakeRun);
  const start = (runId: string, profile: object, host = '127.0.0.1'): LoadWorkerRequest => ({
    type: 'start',
    runId,
    profile: profile as never,
    target: { host, port: 1 },
    token: 't',
    keyspace: { users: 1, products: 1, emails: [] },
  });
  return { events, runs, runner, start };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('createLoadRunner', () => {
  it('starts a run, streams seconds and reports done', async () => {
    const { events, runs, runner, start } = setup();
    runner.handle(start('a', { model: 'constant-arrival', rate: 100 }));
    await tick();
    expect(events).toEqual([
      { type: 'started', runId: 'a' },
      { type: 'second', runId: 'a', stats: { second: 1 } },
    ]);
    expect(runs.get('1')?.opts.limits).toEqual({ maxInFlight: 256 });
    runs.get('1')?.finish();
    await tick();
    expect(events.at(-1)).toEqual({ type: 'done', runId: 'a', summary: { aborted: false } });
    expect(runner.activeRuns).toBe(0);
  });

  it('validates the profile against the configured limits', () => {
    const { events, runner, start } = setup({ limits: { maxDurationSec: 5 } });
    runner.handle(start('a', { model: 'constant-arrival', durationSec: 6 }));
    expect(events).toEqual([
      { type: 'error', runId: 'a', message: 'Invalid load profile. durationSec: must be at most 5 s' },
    ]);
  });

  it('keeps concurrent runs under the server-wide rate and user caps', () => {
    const { events, runner, start } = setup({ maxTotalRate: 300, maxTotalUsers: 10 });
    runner.handle(start('a', { model: 'constant-arrival', rate: 200 }));
    runner.handle(start('b', { model: 'constant-arrival', rate: 150 }));
    runner.handle(start('c', { model: 'virtual-users', users: 8 }));
    runner.handle(start('d', { model: 'virtual-users', users: 3 }));
    runner.handle(start('a', { model: 'constant-arrival', rate: 1 }));
    const errors = events.filter((e) => e.type === 'error');
    expect(errors).toEqual([
      {
        type: 'error',
        runId: 'b',
        message:
          "Other runs already send 200 req/s of the server's 300 req/s limit; lower the rate to at most 100 req/s or try again when they finish.",
      },
      {
        type: 'error',
        runId: 'd',
        message:
          "Other runs already use 8 of the server's 10 virtual users; lower users to at most 2 or try again when they finish.",
      },
      { type: 'error', runId: 'a', message: 'Run a is already running.' },
    ]);
    expect(runner.activeRuns).toBe(2);
  });

  it('limits the number of concurrent runs', () => {
    const { events, runner, start } = setup({ maxConcurrentRuns: 1 });
    runner.handle(start('a', { model: 'virtual-users', users: 1 }));
    runner.handle(start('b', { model: 'virtual-users', users: 1 }));
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      runId: 'b',
      message: expect.stringContaining('running 1 runs'),
    });
  });

  it('stops a run on request and ignores stops for unknown runs', async () => {
    const { events, runner, start } = setup();
    runner.handle(start('a', { model: 'constant-arrival' }));
    runner.handle({ type: 'stop', runId: 'nope' });
    runner.handle({ type: 'stop', runId: 'a' });
    await tick();
    expect(events.at(-1)).toEqual({ type: 'done', runId: 'a', summary: { aborted: true } });
  });

  it('reports a refused target as an error, never as started', () => {
    const { events, runner, start } = setup();
    runner.handle(start('a', { model: 'constant-arrival' }, '10.0.0.1'));
    expect(events).toEqual([{ type: 'error', runId: 'a', message: 'Load can only target a loopback address' }]);
    expect(runner.activeRuns).toBe(0);
  });
});
