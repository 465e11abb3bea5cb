import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { sseBody } from '@/components/testing/event-source';
import { server } from '@/components/testing/msw-server';
import { renderWithQuery } from '@/components/testing/render';
import { finished, runRecord, second } from '@/lib/testing/run-fixtures';
import { Dashboard } from './dashboard';
import { FollowProjector } from './follow-projector';
import { Projector, REOPEN_AFTER_MS } from './projector';
import type { Overview } from './workshop-api';

const LESSONS = [{ slug: 'indexes', title: '2. Indexes' }];

/** A room of two nodes: ada's run is on node-2, the dashboard is served by node-1. */
function overview(projector: Overview['workshop']['projector']): Overview {
  const node = (id: string) => ({
    id,
    address: `http://${id}`,
    alive: true,
    heartbeatAgeMs: 500,
    cpuPct: 10,
    sandboxes: 1,
    diskBytes: 0,
    runs: 0,
    rate: 0,
  });
  const learner = (nickname: string, run: NonNullable<Overview['learners'][number]['run']> | null) => ({
    learnerId: `lrn_${nickname}`,
    nickname,
    currentLesson: 'indexes',
    lastSeenAt: null,
    checksPassed: 0,
    predictions: 0,
    quizCorrect: 0,
    quizAnswered: 0,
    node: run?.node ?? 'node-1',
    run,
    diskBytes: null,
  });
  return {
    workshop: {
      paused: false,
      caps: { perLearnerRate: 50, totalRate: 200, maxRuns: 8 },
      limits: { totalRate: 200, maxRuns: 8 },
      broadcast: null,
      joinCode: 'ABCDEF',
      joinUrl: 'http://room.test/join',
      projector,
    },
    server: {
      cpuPct: 12,
      cores: 2,
      eventLoopDelayMs: { p50: 1, p99: 2, max: 3 },
      apiRequestsPerSec: 0,
      memoryMb: 200,
      lab: { state: 'ready', restarts: 0 },
      activeRuns: 0,
      activeRate: 0,
      diskBytes: 0,
      idleHours: 24,
    },
    room: { mode: 'postgres', self: 'node-1', nodes: [node('node-1'), node('node-2')], runs: 1, rate: 20 },
    learners: [
      learner('ada', { runId: 'run_ada', node: 'node-2', rate: 20, seconds: 7, lastP95: 42.4 }),
      learner('grace', null),
    ],
  };
}

describe('<Dashboard/> and the projector', () => {
  it("shows a run's p95 from another node and puts that run on the projector", async () => {
    let projector: Overview['workshop']['projector'] = null;
    const puts: unknown[] = [];
    server.use(
      http.get('/api/workshop/overview', () => HttpResponse.json(overview(projector))),
      http.put('/api/workshop/projector', async ({ request }) => {
        const body = (await request.json()) as { runId: string | null };
        puts.push(body);
        projector = body.runId ? { runId: body.runId, nodeId: 'node-2' } : null;
        return HttpResponse.json({ projector });
      }),
    );
    const { user } = renderWithQuery(<Dashboard lessons={LESSONS} />);
    const ada = await screen.findByTestId('learner-ada');
    expect(within(ada).getByTestId('learner-run')).toHaveTextContent('20 req/s, 7 s, p95 42 ms');
    expect(within(ada).getByTestId('learner-node')).toHaveTextContent('node-2');
    expect(screen.getByTestId('projector-choice')).toHaveTextContent('Nothing on the projector');
    // Only a learner with a live run can be put on the projector.
    expect(within(screen.getByTestId('learner-grace')).queryByRole('button', { name: /projector/ })).toBeNull();

    await user.click(within(ada).getByRole('button', { name: "Show ada's run on the projector" }));
    await waitFor(() => expect(puts).toEqual([{ runId: 'run_ada' }]));
    expect(await within(ada).findByTestId('on-projector')).toHaveTextContent('On projector');
    expect(screen.getByTestId('projector-choice')).toHaveTextContent("Showing ada's run (on node-2).");
    expect(screen.getByRole('link', { name: 'Open projector view' })).toHaveAttribute('href', '/workshop/projector');

    await user.click(screen.getByRole('button', { name: 'Clear projector' }));
    await waitFor(() => expect(puts).toEqual([{ runId: 'run_ada' }, { runId: null }]));
    expect(await within(ada).findByRole('button', { name: "Show ada's run on the projector" })).toBeEnabled();
  });

  it('the projector view shows the run the room stream names, and waits when none is chosen', async () => {
    const run = { ...runRecord(), id: 'run_ada' };
    let choice: { runId: string; nodeId: string; learnerId?: string } | null = null;
    server.use(
      http.get('/api/workshop/projector', () => HttpResponse.json({ projector: choice })),
      http.get(
        '/api/workshop/room/events',
        () =>
          new HttpResponse(
            sseBody([{ event: 'room', data: { paused: false, caps: null, broadcast: null, projector: choice } }]),
            {
              headers: { 'content-type': 'text/event-stream' },
            },
          ),
      ),
      http.get(
        '/api/workshop/runs/run_ada/events',
        () =>
          new HttpResponse(
            sseBody([
              { event: 'snapshot', data: { run } },
              { event: 'second', data: second(0) },
              { event: 'done', data: { run: finished(run) } },
            ]),
            { headers: { 'content-type': 'text/event-stream' } },
          ),
      ),
    );
    const idle = renderWithQuery(<FollowProjector />);
    expect(await screen.findByTestId('projector-idle')).toHaveTextContent('Nothing on the projector yet');
    idle.unmount();

    choice = { runId: 'run_ada', nodeId: 'node-2' };
    const anonymous = renderWithQuery(<FollowProjector />);
    await waitFor(() => expect(screen.getByTestId('projector')).toHaveTextContent('Live run (finished)'));
    anonymous.unmount();

    // The choice names whose run it is: the screen says so, by the dashboard's name for them.
    server.use(http.get('/api/workshop/overview', () => HttpResponse.json(overview(null))));
    choice = { runId: 'run_ada', nodeId: 'node-2', learnerId: 'lrn_ada' };
    renderWithQuery(<FollowProjector />);
    const shown = await screen.findByTestId('projector');
    await waitFor(() => expect(shown).toHaveTextContent("ada's run (finished)"));
    expect(screen.queryByTestId('projector-idle')).toBeNull();
  });

  it('the projector opens the stream again when it is lost, and never asks the learner run API', async () => {
    const run = { ...runRecord(), id: 'run_ada' };
    const asked = { stream: 0, learnerApi: 0 };
    server.use(
      http.get('/api/workshop/runs/run_ada/events', () =>
        ++asked.stream === 1
          ? HttpResponse.json({ title: 'Service Unavailable' }, { status: 503 })
          : new HttpResponse(
              sseBody([
                { event: 'snapshot', data: { run } },
                { event: 'done', data: { run: finished(run) } },
              ]),
              { headers: { 'content-type': 'text/event-stream' } },
            ),
      ),
      http.get('/api/lab/runs/run_ada', () => {
        asked.learnerApi++;
        return HttpResponse.json({ title: 'Unauthorized' }, { status: 401 });
      }),
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      renderWithQuery(<Projector runId="run_ada" />);
      await vi.waitFor(() =>
        expect(screen.getByRole('alert')).toHaveTextContent('Lost the live stream. Reconnecting in 5 s.'),
      );
      expect(asked.stream).toBe(1);
      await act(() => vi.advanceTimersByTimeAsync(REOPEN_AFTER_MS));
      await vi.waitFor(() => expect(screen.getByTestId('projector')).toHaveTextContent('Live run (finished)'));
      expect(screen.queryByRole('alert')).toBeNull();
      expect(asked).toEqual({ stream: 2, learnerApi: 0 });
    } finally {
      vi.useRealTimers();
    }
  });
});
