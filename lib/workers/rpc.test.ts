import { describe, expect, it, vi } from 'vitest';
import { LabUnavailableError } from './lab-unavailable';
import { createRpc, failureReply, type RpcRequest } from './rpc';
import { backoffDelay } from './supervise';

type Calls = {
  add: { args: { a: number; b: number }; result: number };
  slow: { args: Record<string, never>; result: null };
};

function channel(timeoutMs?: number) {
  const sent: RpcRequest[] = [];
  const rpc = createRpc<Calls>({ name: 'test worker', send: (r) => sent.push(r), timeoutMs });
  return { rpc, sent };
}

describe('typed RPC over a message channel', () => {
  it('matches replies to calls by id, whatever order they come back in', async () => {
    const { rpc, sent } = channel();
    const one = rpc.call('add', { a: 1, b: 2 });
    const two = rpc.call('add', { a: 3, b: 4 });
    expect(sent.map((r) => r.method)).toEqual(['add', 'add']);
    expect(sent[0]!.id).not.toBe(sent[1]!.id);
    rpc.settle({ id: sent[1]!.id, ok: true, value: 7 });
    rpc.settle({ id: sent[0]!.id, ok: true, value: 3 });
    await expect(one).resolves.toBe(3);
    await expect(two).resolves.toBe(7);
    expect(rpc.pending()).toBe(0);
    expect(rpc.settle({ id: 999, ok: true })).toBe(false);
  });

  it('times a call out as "unavailable" and ignores its late reply', async () => {
    vi.useFakeTimers();
    try {
      const { rpc, sent } = channel(1_000);
      const call = rpc.call('slow', {});
      const failed = expect(call).rejects.toSatisfy(
        (e: unknown) =>
          LabUnavailableError.is(e) && e.reason === 'timeout' && /test worker call slow timed out/.test(e.message),
      );
      vi.advanceTimersByTime(1_000);
      await failed;
      expect(rpc.settle({ id: sent[0]!.id, ok: true, value: null })).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails every waiting call when the other side dies, and keeps a remote "unavailable"', async () => {
    const { rpc, sent } = channel();
    const a = rpc.call('add', { a: 1, b: 1 });
    const b = rpc.call('add', { a: 2, b: 2 });
    rpc.failAll(new LabUnavailableError('test worker exited', 'exited'));
    await expect(a).rejects.toSatisfy(LabUnavailableError.is);
    await expect(b).rejects.toThrow('test worker exited');

    const c = rpc.call('add', { a: 0, b: 0 });
    rpc.settle(failureReply(sent[2]!.id, new LabUnavailableError('reader thread exited', 'exited')));
    await expect(c).rejects.toSatisfy((e: unknown) => LabUnavailableError.is(e) && e.reason === 'exited');
    const d = rpc.call('add', { a: 0, b: 0 });
    rpc.settle(failureReply(sent[3]!.id, new Error('no such table: orderz')));
    await expect(d).rejects.toSatisfy(
      (e: unknown) => e instanceof Error && !LabUnavailableError.is(e) && e.message === 'no such table: orderz',
    );
  });

  it('recognises the error from another copy of the module (Turbopack gives routes their own)', () => {
    const foreign = Object.assign(new Error('lab server is restarting'), {
      [Symbol.for('scale-lab.lab-unavailable')]: true,
    });
    expect(LabUnavailableError.is(foreign)).toBe(true);
    expect(LabUnavailableError.is(new Error('lab server is restarting'))).toBe(false);
  });

  it('backs off by doubling up to a cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, { baseMs: 250, maxMs: 10_000 }))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });
});
