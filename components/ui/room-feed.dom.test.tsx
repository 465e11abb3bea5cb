import { act, render, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { server } from '@/components/testing/msw-server';
import { useRoomFeed } from './room-feed';

/** The feed's poll loop over time: fake timers move the 5 s poll along, msw answers the requests. */
const parse = (v: unknown) => (v && typeof v === 'object' ? (v as { n?: number }) : null);
const follows = (first: unknown) => (first as { workshop?: unknown }).workshop !== false;
const FEED = { events: '/test/room/events', poll: '/test/broadcast', parse, follows };

function Feed() {
  const v = useRoomFeed(FEED);
  return <p data-testid="feed">{v ? `n=${v.n}` : 'nothing'}</p>;
}

const GATED = { ...FEED, streams: (a: unknown) => (a as { stream?: unknown }).stream === true };
function GatedFeed() {
  const v = useRoomFeed(GATED);
  return <p data-testid="feed">{v ? `n=${v.n}` : 'nothing'}</p>;
}

const counts = { poll: 0, events: 0 };
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => {
  counts.poll = 0;
  counts.events = 0;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => vi.useRealTimers());

describe('useRoomFeed', () => {
  it('asks again when the first answer fails, and a site without workshop mode then never opens the stream', async () => {
    server.use(
      http.get('/test/broadcast', () =>
        ++counts.poll === 1 ? HttpResponse.json({}, { status: 503 }) : HttpResponse.json({ workshop: false }),
      ),
      http.get('/test/room/events', () => {
        counts.events++;
        return HttpResponse.json({ title: 'Not found' }, { status: 404 });
      }),
    );
    render(<Feed />);
    await vi.waitFor(() => expect(counts.poll).toBe(1));
    await advance(5_000);
    await vi.waitFor(() => expect(counts.poll).toBe(2));
    await advance(30_000);
    expect(counts.poll).toBe(2);
    expect(counts.events).toBe(0);
  });

  it('opens no stream until an answer says it may (no sign-in yet), then opens it at once', async () => {
    server.use(
      // A visitor first; from the third answer on, a learner with a sandbox.
      http.get('/test/broadcast', () =>
        HttpResponse.json({ workshop: true, n: ++counts.poll, stream: counts.poll >= 3 }),
      ),
      http.get('/test/room/events', () => {
        counts.events++;
        return new HttpResponse('', { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    render(<GatedFeed />);
    await vi.waitFor(() => expect(counts.poll).toBe(1));
    await advance(5_000);
    await vi.waitFor(() => expect(counts.poll).toBe(2));
    expect(counts.events).toBe(0);
    await advance(5_000);
    await vi.waitFor(() => expect(counts.events).toBe(1));
    expect(counts.poll).toBe(3);
  });

  it('keeps one poll loop when the tab is hidden and shown while a poll is answering', async () => {
    let release: () => void = () => {};
    let hold = false;
    server.use(
      http.get('/test/broadcast', async () => {
        counts.poll++;
        if (hold) await new Promise<void>((r) => (release = r));
        return HttpResponse.json({ workshop: true, n: counts.poll });
      }),
      // The stream is refused (not signed in): the page follows the room by polling.
      http.get('/test/room/events', () => {
        counts.events++;
        return HttpResponse.json({ title: 'Unauthorized' }, { status: 401 });
      }),
    );
    render(<Feed />);
    await vi.waitFor(() => expect(screen.getByTestId('feed')).toHaveTextContent('n=1'));
    hold = true;
    await advance(5_000); // the loop's tick is now waiting on its poll
    await vi.waitFor(() => expect(counts.poll).toBe(2));
    hold = false;
    act(() => void document.dispatchEvent(new Event('visibilitychange'))); // shown again: a new loop
    release();
    await vi.waitFor(() => expect(screen.getByTestId('feed')).toHaveTextContent('n=2'));
    const before = counts.poll;
    await advance(20_000);
    // One loop polls 4 times in 20 s; two loops would poll 8.
    expect(counts.poll - before).toBe(4);
  });
});
