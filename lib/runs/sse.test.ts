import { describe, expect, it } from 'vitest';
import { completedRun } from '../testing/run-fixtures';
import type { RunEvent } from './manager';
import { runEventStream } from './sse';

const run = completedRun('run_a', 12, {
  profile: { model: 'constant-arrival', rate: 5, mix: [{ endpoint: 'user-orders', weight: 1 }] },
});

/** The `done` event's data, read from the stream as a browser would. */
async function doneOf(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text();
  const block = text.split('\n\n').find((b) => b.startsWith('event: done'));
  return JSON.parse(block?.split('\ndata: ')[1] ?? 'null') as Record<string, unknown>;
}

describe('run event stream', () => {
  it("a live run's done event carries the extras with the run, in the same event", async () => {
    let emit: (e: RunEvent) => void = () => {};
    const res = runEventStream(
      (fn) => {
        emit = fn;
        return { snapshot: { ...run, status: 'running' }, unsubscribe: () => {} };
      },
      () => undefined,
      async (r) => ({ lesson: { slug: 'indexes', progress: { ran: r.id } } }),
    );
    setTimeout(() => emit({ type: 'done', run }), 0);
    const done = await doneOf(res);
    expect(done).toMatchObject({ run: { id: 'run_a' }, lesson: { slug: 'indexes', progress: { ran: 'run_a' } } });
  });

  it('a run that ended before the subscription gets them too; extras that fail still send done', async () => {
    const ended = runEventStream(
      () => undefined,
      () => run,
      async () => ({ lesson: { slug: 'indexes', progress: {} } }),
    );
    expect(await doneOf(ended)).toMatchObject({ run: { id: 'run_a' }, lesson: { slug: 'indexes' } });
    const failing = runEventStream(
      () => undefined,
      () => run,
      () => Promise.reject(new Error('database is locked')),
    );
    const done = await doneOf(failing);
    expect(done).toMatchObject({ run: { id: 'run_a' } });
    expect(done).not.toHaveProperty('lesson');
  });

  it('subscribes only once read, and lets go when the request is aborted', async () => {
    let subscribed = 0;
    const subscribe = () => {
      subscribed++;
      return { snapshot: { ...run, status: 'running' as const }, unsubscribe: () => void subscribed-- };
    };
    // Never read (a HEAD answered from GET, a client gone before piping): nothing to leak.
    const unread = runEventStream(subscribe, () => undefined);
    await Promise.resolve();
    expect(unread.bodyUsed).toBe(false);
    expect(subscribed).toBe(0);

    const client = new AbortController();
    const res = runEventStream(subscribe, () => undefined, undefined, client.signal);
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: snapshot');
    expect(subscribed).toBe(1);
    client.abort();
    expect(subscribed).toBe(0);
  });
});
