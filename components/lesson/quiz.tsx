'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { lessonKey, saveLessonItem } from './lesson-api';
import { useLessonProgress, useLessonSlug } from './lesson-context';
import { ProblemNotice } from '@/components/ui/problem-notice';

type Option = { text: string; correct?: boolean; explain: string };

/**
 * One question. The options come in this learner's own order (shuffled per learner and quiz,
 * the same on every load); picking one, with the mouse or the arrow keys, only selects it:
 * "Check answer" submits, and the server grades it from the lesson's MDX. The feedback
 * explains the chosen option and, when it was wrong, the right one too.
 */
export function Quiz({ id, question, options }: { id: string; question: string; options: Option[] }) {
  const slug = useLessonSlug();
  const progress = useLessonProgress();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<number | null>(null);
  const save = useMutation({
    mutationFn: (answer: number) => saveLessonItem(slug, { kind: 'quiz', item: id, value: { answer } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lessonKey(slug) }),
  });
  const stored = progress.data?.quiz[id];
  // Until the order is known nothing is shown: the authored order would give the answer away.
  const order = progress.data ? (progress.data.quizOrder[id] ?? options.map((_, i) => i)) : null;
  const selected = picked ?? stored?.answer ?? null;
  // The verdict shown is the stored one, for as long as the learner has not picked another option.
  const graded = stored && (picked === null || picked === stored.answer) ? stored : null;
  const chosen = graded ? options[graded.answer] : undefined;
  const right = options.find((o) => o.correct);

  return (
    <section className="widget" aria-labelledby={`quiz-${id}`} data-testid={`quiz-${id}`}>
      <p className="widget__eyebrow">Quiz</p>
      <p className="widget__title" id={`quiz-${id}`}>
        {question}
      </p>
      {!order ? (
        <div className="skeleton" style={{ height: 96 }} role="status" aria-label="Loading the quiz" />
      ) : (
        <form onSubmit={(e) => (e.preventDefault(), picked !== null && save.mutate(picked))}>
          <fieldset className="choices">
            <legend className="visually-hidden">{question}</legend>
            {order.map((i) => {
              const o = options[i];
              if (!o) return null;
              const mark = graded?.answer === i ? (graded.correct ? 'choice--right' : 'choice--wrong') : '';
              return (
                <label key={i} className={`choice ${mark}`}>
                  <input
                    type="radio"
                    name={`quiz-${id}`}
                    value={i}
                    checked={selected === i}
                    disabled={save.isPending}
                    onChange={() => setPicked(i)}
                  />
                  {o.text}
                </label>
              );
            })}
          </fieldset>
          <button
            type="submit"
            className="btn btn--primary"
            disabled={picked === null || picked === stored?.answer || save.isPending}
          >
            {save.isPending ? 'Checking…' : 'Check answer'}
          </button>
          <ProblemNotice error={save.error} action="Could not save your answer" />
        </form>
      )}
      {graded && chosen && (
        <div
          className={`quiz__explain ${graded.correct ? 'quiz__explain--right' : 'quiz__explain--wrong'}`}
          role="status"
          data-testid={`quiz-${id}-feedback`}
        >
          <p>
            <strong>{graded.correct ? 'Right. ' : 'Not quite. '}</strong>
            {chosen.explain}
          </p>
          {!graded.correct && right && (
            <p data-testid={`quiz-${id}-answer`}>
              <strong>The answer: </strong>
              {right.text}. {right.explain}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
