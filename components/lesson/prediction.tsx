'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { lessonKey, saveLessonItem } from './lesson-api';
import { useLessonProgress, useLessonSlug } from './lesson-context';
import { ProblemNotice } from '@/components/ui/problem-notice';

/**
 * Predict, then measure: the learner commits a guess before the run; once the linked check
 * has measurements, the guess and the measurement stand side by side. Never graded.
 */
export function Prediction({
  id,
  question,
  options,
  check,
}: {
  id: string;
  question: string;
  options: string[];
  check?: string;
}) {
  const slug = useLessonSlug();
  const progress = useLessonProgress();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (c: string) => saveLessonItem(slug, { kind: 'prediction', item: id, value: { choice: c } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lessonKey(slug) }),
  });
  const committed = progress.data?.predictions[id];
  // Measured on this lesson's runs started after the guess only (lib/lessons/service.ts).
  const measured = check ? committed?.measured : undefined;

  return (
    <section className="widget" aria-labelledby={`prediction-${id}`} data-testid={`prediction-${id}`}>
      <p className="widget__eyebrow">Predict before you run</p>
      <p className="widget__title" id={`prediction-${id}`}>
        {question}
      </p>
      {committed ? (
        <div className="prediction__result">
          <p>
            <strong>You predicted:</strong> {committed.choice}
          </p>
          {measured ? (
            <p data-testid={`prediction-${id}-measured`}>
              <strong>You measured:</strong> {measured.detail.replace(/^(Done|Best so far): /, '')}
            </p>
          ) : (
            <p className="muted">
              {check
                ? 'Now run the experiment; your measurement will appear here.'
                : 'Now try it, and compare what you see with your guess.'}
            </p>
          )}
        </div>
      ) : (
        <form onSubmit={(e) => (e.preventDefault(), choice && save.mutate(choice))}>
          <fieldset className="choices">
            <legend className="visually-hidden">{question}</legend>
            {options.map((o) => (
              <label key={o} className="choice">
                <input
                  type="radio"
                  name={`prediction-${id}`}
                  value={o}
                  checked={choice === o}
                  onChange={() => setChoice(o)}
                />
                {o}
              </label>
            ))}
          </fieldset>
          <button
            type="submit"
            className="btn btn--primary"
            disabled={!choice || save.isPending || !progress.isSuccess}
          >
            {save.isPending ? 'Saving…' : 'Commit my prediction'}
          </button>
          {save.isError && <ProblemNotice error={save.error} action="Your prediction was not saved" />}
        </form>
      )}
    </section>
  );
}
