import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '@/components/testing/msw-server';
import { renderWithQuery } from '@/components/testing/render';
import { LessonProvider } from './lesson-context';
import { Quiz } from './quiz';

const SLUG = 'demo-lesson';
const OPTIONS = [
  { text: 'Add an index on orders.user_id', correct: true, explain: 'The lookup becomes a search of the index.' },
  { text: 'Add more RAM', explain: 'The scan is CPU-bound on this data set.' },
  { text: 'Cache every response', explain: 'The first request still scans.' },
];

/** Serves the lesson's progress and records every answer saved. */
function serveLesson(quiz: Record<string, { answer: number; correct: boolean; updatedAt: string }> = {}) {
  const saved: unknown[] = [];
  server.use(
    http.get(`/api/lab/lessons/${SLUG}`, () => HttpResponse.json({ predictions: {}, quiz, checks: [] })),
    http.put(`/api/lab/lessons/${SLUG}/items`, async ({ request }) => {
      const body = (await request.json()) as { item: string; value: { answer: number; correct: boolean } };
      saved.push(body);
      quiz[body.item] = { ...body.value, updatedAt: '2026-01-01T00:00:00Z' };
      return HttpResponse.json({ updatedAt: '2026-01-01T00:00:00Z' });
    }),
  );
  return saved;
}

function renderQuiz() {
  return renderWithQuery(
    <LessonProvider slug={SLUG}><Quiz id="why-slow" question="What makes this endpoint fast?" options={OPTIONS} /></LessonProvider>,
    // A lesson page claims the sandbox first; its widgets wait for that before reading progress.
    { cached: [[['sandbox'], { sandboxId: 'sbx_test' }]] },
  );
}

/**
 * Answers the way the quiz asks: choose, then Check answer when there is such a button (on
 * main today choosing alone submits; the Check answer button is on its way).
 */
async function answer(user: ReturnType<typeof renderWithQuery>['user'], text: string) {
  const quiz = screen.getByTestId('quiz-why-slow');
  const radio = within(quiz).getByRole('radio', { name: text });
  await waitFor(() => expect(radio).toBeEnabled()); // enabled once progress has loaded
  await user.click(radio);
  const check = within(quiz).queryByRole('button', { name: /check answer/i });
  if (check) await user.click(check);
}

describe('<Quiz/>', () => {
  it('grades a wrong answer, then a right one, and saves each with its grade', async () => {
    const saved = serveLesson();
    const { user } = renderQuiz();

    await answer(user, 'Add more RAM');
    expect(await screen.findByTestId('quiz-why-slow-feedback')).toHaveTextContent('Not quite. The scan is CPU-bound on this data set.');
    await waitFor(() => expect(saved).toEqual([{ kind: 'quiz', item: 'why-slow', value: { answer: 1, correct: false } }]));

    await answer(user, 'Add an index on orders.user_id');
    await waitFor(() => expect(screen.getByTestId('quiz-why-slow-feedback')).toHaveTextContent('Right. The lookup becomes a search of the index.'));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]).toEqual({ kind: 'quiz', item: 'why-slow', value: { answer: 0, correct: true } });
  });

  it('shows the answer saved earlier when the lesson is opened again, without saving it again', async () => {
    const saved = serveLesson({ 'why-slow': { answer: 2, correct: false, updatedAt: '2026-01-01T00:00:00Z' } });
    renderQuiz();
    expect(await screen.findByTestId('quiz-why-slow-feedback')).toHaveTextContent('Not quite. The first request still scans.');
    expect(screen.getByRole('radio', { name: 'Cache every response' })).toBeChecked();
    expect(saved).toEqual([]);
  });

  // On main, moving through the choices with arrow keys selects each one, and selecting submits:
  // a keyboard learner answers (and is graded on) every option they pass. With the Check answer
  // button this passes: turn `it.fails` into `it`.
  it.fails('does not submit while the learner moves through the choices with arrow keys', async () => {
    const saved = serveLesson();
    const { user } = renderQuiz();
    const first = within(screen.getByTestId('quiz-why-slow')).getByRole('radio', { name: OPTIONS[0]!.text });
    await waitFor(() => expect(first).toBeEnabled());
    first.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    // Wait for anything in flight to land before asserting that nothing was saved.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await waitFor(() => expect(saved).toEqual([]));
    expect(screen.queryByTestId('quiz-why-slow-feedback')).toBeNull();
  });
});
