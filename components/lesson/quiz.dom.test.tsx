import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '@/components/testing/msw-server';
import { problemJson, renderWithQuery } from '@/components/testing/render';
import { LessonProvider } from './lesson-context';
import { Quiz } from './quiz';

const SLUG = 'demo-lesson';
const OPTIONS = [
  { text: 'Add an index on orders.user_id', correct: true, explain: 'The lookup becomes a search of the index.' },
  { text: 'Add more RAM', explain: 'The scan is CPU-bound on this data set.' },
  { text: 'Cache every response', explain: 'The first request still scans.' },
];

// This learner's order of the options, as the server sends it (shuffled per learner and quiz).
const ORDER = [2, 0, 1];

/** Serves the lesson's progress and grades every answer the way the server does (from the lesson, never from the client). */
function serveLesson(quiz: Record<string, { answer: number; correct: boolean; updatedAt: string }> = {}) {
  const saved: unknown[] = [];
  server.use(
    http.get(`/api/lab/lessons/${SLUG}`, () =>
      HttpResponse.json({ since: null, predictions: {}, quiz, quizOrder: { 'why-slow': ORDER }, checks: [] }),
    ),
    http.put(`/api/lab/lessons/${SLUG}/items`, async ({ request }) => {
      const body = (await request.json()) as { item: string; value: { answer: number } };
      saved.push(body);
      quiz[body.item] = {
        answer: body.value.answer,
        correct: OPTIONS[body.value.answer]?.correct === true,
        updatedAt: '2026-01-01T00:00:00Z',
      };
      return HttpResponse.json({ updatedAt: '2026-01-01T00:00:00Z' });
    }),
  );
  return saved;
}

function renderQuiz() {
  return renderWithQuery(
    <LessonProvider slug={SLUG}>
      <Quiz id="why-slow" question="What makes this endpoint fast?" options={OPTIONS} />
    </LessonProvider>,
    // A lesson page claims the sandbox first; its widgets wait for that before reading progress.
    { cached: [[['sandbox'], { sandboxId: 'sbx_test' }]] },
  );
}

/** Answers the way the quiz asks: choose, then Check answer. */
async function answer(user: ReturnType<typeof renderWithQuery>['user'], text: string) {
  const quiz = screen.getByTestId('quiz-why-slow');
  const radio = await within(quiz).findByRole('radio', { name: text }); // shown once the order has loaded
  await waitFor(() => expect(radio).toBeEnabled());
  await user.click(radio);
  await user.click(within(quiz).getByRole('button', { name: /check answer/i }));
}

describe('<Quiz/>', () => {
  it('grades a wrong answer, then a right one, and saves each with its grade', async () => {
    const saved = serveLesson();
    const { user } = renderQuiz();

    // The options appear in this learner's order, not the authored one.
    const radios = await within(screen.getByTestId('quiz-why-slow')).findAllByRole('radio');
    expect(radios.map((r) => r.parentElement?.textContent)).toEqual(ORDER.map((i) => OPTIONS[i]!.text));

    await answer(user, 'Add more RAM');
    expect(await screen.findByTestId('quiz-why-slow-feedback')).toHaveTextContent(
      'Not quite. The scan is CPU-bound on this data set.',
    );
    // A wrong answer also names and explains the right one.
    expect(screen.getByTestId('quiz-why-slow-answer')).toHaveTextContent(
      'The answer: Add an index on orders.user_id. The lookup becomes a search of the index.',
    );
    // Only the choice is sent: the server grades it.
    await waitFor(() => expect(saved).toEqual([{ kind: 'quiz', item: 'why-slow', value: { answer: 1 } }]));

    await answer(user, 'Add an index on orders.user_id');
    await waitFor(() =>
      expect(screen.getByTestId('quiz-why-slow-feedback')).toHaveTextContent(
        'Right. The lookup becomes a search of the index.',
      ),
    );
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]).toEqual({ kind: 'quiz', item: 'why-slow', value: { answer: 0 } });
  });

  it('shows the answer saved earlier when the lesson is opened again, without saving it again', async () => {
    const saved = serveLesson({ 'why-slow': { answer: 2, correct: false, updatedAt: '2026-01-01T00:00:00Z' } });
    renderQuiz();
    expect(await screen.findByTestId('quiz-why-slow-feedback')).toHaveTextContent(
      'Not quite. The first request still scans.',
    );
    expect(screen.getByRole('radio', { name: 'Cache every response' })).toBeChecked();
    expect(saved).toEqual([]);
  });

  it('says why an answer was not saved, in the server’s words, and when to try again', async () => {
    serveLesson();
    server.use(
      http.put(`/api/lab/lessons/${SLUG}/items`, () =>
        problemJson(
          429,
          { type: '/problems/rate-limited', title: 'Too many requests', detail: 'Too many answers at once.' },
          { 'retry-after': '7' },
        ),
      ),
    );
    const { user } = renderQuiz();
    await answer(user, 'Add more RAM');
    const alert = await within(screen.getByTestId('quiz-why-slow')).findByRole('alert');
    expect(alert).toHaveTextContent('Could not save your answer: Too many answers at once. Try again in 7 s.');
    expect(alert).toHaveAttribute('data-status', '429');
  });

  // Arrow keys move the selection through the choices; only Check answer submits (a keyboard
  // learner used to be graded on every option they passed).
  it('does not submit while the learner moves through the choices with arrow keys', async () => {
    const saved = serveLesson();
    const { user } = renderQuiz();
    const first = await within(screen.getByTestId('quiz-why-slow')).findByRole('radio', { name: OPTIONS[0]!.text });
    await waitFor(() => expect(first).toBeEnabled());
    first.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    // Wait for anything in flight to land before asserting that nothing was saved.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await waitFor(() => expect(saved).toEqual([]));
    expect(screen.queryByTestId('quiz-why-slow-feedback')).toBeNull();
  });
});
