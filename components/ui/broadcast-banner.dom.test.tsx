import { render, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { sseBody } from '@/components/testing/event-source';
import { server } from '@/components/testing/msw-server';
import { BroadcastBanner } from './broadcast-banner';

const TITLES = { indexes: 'Lesson 2: Indexes' };
const broadcast = { id: 'b1', lesson: 'indexes', message: 'Now!', at: '2026-12-03T09:00:00.000Z' };

describe('<BroadcastBanner/>', () => {
  it('shows what the room stream pushes: a pause, then a broadcast', async () => {
    server.use(
      http.get('/api/lab/broadcast', () =>
        HttpResponse.json({ workshop: true, stream: true, broadcast: null, paused: false }),
      ),
      http.get(
        '/api/lab/room/events',
        () =>
          new HttpResponse(
            sseBody([
              { event: 'room', data: { paused: true, caps: null, broadcast: null } },
              { event: 'room', data: { paused: true, caps: null, broadcast } },
            ]),
            { headers: { 'content-type': 'text/event-stream' } },
          ),
      ),
    );
    render(<BroadcastBanner titles={TITLES} />);
    expect(await screen.findByTestId('room-paused')).toHaveTextContent('Load is paused');
    const banner = await screen.findByTestId('broadcast-banner');
    expect(banner).toHaveTextContent('From your instructor: please go to Lesson 2: Indexes. Now!');
    expect(screen.getByRole('link', { name: 'Lesson 2: Indexes' })).toHaveAttribute('href', '/lessons/indexes');
  });
});
