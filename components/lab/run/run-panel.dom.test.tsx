import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { sseBody } from '@/components/testing/event-source';
import { server } from '@/components/testing/msw-server';
import { problemJson, renderWithQuery } from '@/components/testing/render';
import { finished, runList, runRecord, second } from '@/lib/testing/run-fixtures';
import { RunPanel } from './run-panel';

/** The learner has no runs yet; `start` answers POST /api/lab/runs. */
function serve(start: () => Response) {
  const posted: unknown[] = [];
  server.use(
    http.get('/api/lab/runs', () => HttpResponse.json(runList([]))),
    http.post('/api/lab/runs', async ({ request }) => {
      posted.push(await request.json());
      return start();
    }),
  );
  return posted;
}

async function pressRun(user: ReturnType<typeof renderWithQuery>['user']) {
  await screen.findByTestId('run-empty');
  await user.click(screen.getByTestId('run-start'));
}

describe('<RunPanel/>', () => {
  it('shows a 422 field error beside the field it is about', async () => {
    const posted = serve(() =>
      problemJson(422, {
        type: '/problems/validation-failed',
        title: 'The request body has invalid fields',
        detail: 'Fix these fields and send again: rate.',
        errors: [{ field: 'rate', in: 'body', pointer: '#/rate', detail: 'must be at most 2000 requests/s' }],
      }),
    );
    const { user } = renderWithQuery(<RunPanel preset={{ rate: 5000 }} />);
    await pressRun(user);

    expect(await screen.findByTestId('run-problem')).toHaveTextContent(
      'Some settings are out of range: see the messages beside them.',
    );
    const rate = screen.getByTestId('run-rate');
    expect(rate).toHaveAttribute('aria-invalid', 'true');
    expect(rate).toHaveAccessibleDescription('Rate: must be at most 2000 requests/s');
    expect(posted).toMatchObject([{ rate: 5000 }]);
  });

  it('says when to retry after a 429', async () => {
    serve(() =>
      problemJson(
        429,
        { type: '/problems/rate-limited', title: 'Too many requests', detail: 'Too many run starts.' },
        { 'retry-after': '12' },
      ),
    );
    const { user } = renderWithQuery(<RunPanel />);
    await pressRun(user);
    expect(await screen.findByTestId('run-problem')).toHaveTextContent('Too many run starts. Try again in 12 s.');
  });

  it('holds the Run button while a 503 asks us to wait, in the server’s words', async () => {
    serve(() =>
      problemJson(
        503,
        {
          type: '/problems/lab-unavailable',
          title: 'The lab server is not available',
          detail: 'Your instructor has paused load for the room.',
        },
        { 'retry-after': '600' },
      ),
    );
    const { user } = renderWithQuery(<RunPanel />);
    await pressRun(user);
    const problem = await screen.findByTestId('run-problem');
    expect(problem).toHaveTextContent(/^Your instructor has paused load for the room\. You can try again in \d+ s\.$/);
    // Ten minutes is long enough that the countdown cannot reach zero during the test.
    expect(screen.getByTestId('run-start')).toBeDisabled();
    expect(screen.getByTestId('run-start')).toHaveTextContent(/^Run \(in \d+ s\)$/);
  });

  it('follows a run through its event stream to the end and shows the result', async () => {
    const running = runRecord();
    const done = finished(running);
    serve(() => HttpResponse.json({ run: running }, { status: 201 }));
    server.use(
      http.get(
        `/api/lab/runs/${running.id}/events`,
        () =>
          new HttpResponse(
            sseBody([
              { event: 'snapshot', data: { run: running } },
              { event: 'second', data: second(0) },
              { event: 'second', data: second(1) },
              { event: 'done', data: { run: done } },
            ]),
            { headers: { 'content-type': 'text/event-stream' } },
          ),
      ),
    );
    // No GET /api/lab/runs/:id handler: the result must come from the stream's `done` event,
    // not from the panel's fallback after a lost stream (an unhandled request fails the test).

    const { user } = renderWithQuery(<RunPanel />);
    await pressRun(user);

    const summary = await screen.findByTestId('run-summary');
    expect(within(summary).getByTestId('run-status')).toHaveTextContent('Completed');
    expect(screen.getByRole('heading', { name: /^This run · 20 req\/s for 3 s/ })).toBeInTheDocument();
    // Finished: Stop is off and Run is back.
    await waitFor(() => expect(screen.getByTestId('run-start')).toBeEnabled());
    expect(screen.getByTestId('run-stop')).toBeDisabled();
    expect(screen.queryByTestId('run-problem')).toBeNull();
  });
});
