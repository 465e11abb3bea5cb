import { afterEach, describe, expect, it, vi } from 'vitest';
import { openRoomStreams, roomEventStream, UNREAD_RELEASE_MS } from './room-events';

/**
 * The room stream's slot bookkeeping, with the store stood in for (the stream's end to end
 * behaviour over the real store: tests/room-events.test.ts): a store that does not open takes no
 * slot, and a stream nobody reads subscribes to nothing and gives its slot back in time.
 */
const store = vi.hoisted(() => ({ open: Promise.resolve() as Promise<unknown>, subscribed: 0 }));
vi.mock('./store', () => ({ appStore: () => store.open }));
vi.mock('./room', () => ({
  roomState: async () => ({ paused: false, caps: null, broadcast: null, projector: null, joinCode: 'x' }),
}));

const cluster = {
  signals: {
    subscribe: () => {
      store.subscribed++;
      return () => void store.subscribed--;
    },
  },
};
const request = () => new Request('http://localhost/api/lab/room/events');

afterEach(() => vi.useRealTimers());

describe('room stream slots', () => {
  it('a store that does not open answers 503 problem+json and takes no slot', async () => {
    store.open = Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    store.open.catch(() => {});
    const res = await roomEventStream(request(), { projector: false });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('5');
    expect(openRoomStreams()).toBe(0);
  });

  it('subscribes on the first read; a stream never read gives its slot back after UNREAD_RELEASE_MS', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    store.open = Promise.resolve({ cluster });
    const unread = await roomEventStream(request(), { projector: false });
    expect(unread.status).toBe(200);
    expect(openRoomStreams()).toBe(1);
    expect(store.subscribed).toBe(0);
    await vi.advanceTimersByTimeAsync(UNREAD_RELEASE_MS);
    expect(openRoomStreams()).toBe(0);

    const read = await roomEventStream(request(), { projector: false });
    const reader = read.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: room');
    expect(store.subscribed).toBe(1);
    await vi.advanceTimersByTimeAsync(UNREAD_RELEASE_MS); // read: the timer no longer applies
    expect(openRoomStreams()).toBe(1);
    await reader.cancel();
    expect([openRoomStreams(), store.subscribed]).toEqual([0, 0]);
  });
});
