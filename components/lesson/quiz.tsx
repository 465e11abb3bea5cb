'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { lessonKey, saveLessonItem } from './lesson-api';
import { useLessonProgress, useLessonSlug } from './lesson-context';

type Option = { text: string; correct?: boolean; explain: string };

/** One question. Every answer explains itself, the wrong ones included. */
export function Quiz({ id, question, options }: { id: string; question: string; options: Option[] }) {
  const slug = useLessonSlug();
  const progress = useLessonProgress();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<number | null>(null);
  const save = useMutation({
    mutationFn: (answer: number) => saveLessonItem(slug, { kind: 'quiz', item: id, value: { answer, correct: options[answer]?.correct === true } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lessonKey(slug) }),
  });
  const stored = progress.data?.quiz[id];
  const answer = picked ?? stored?.answer ?? null;
  const chosen = answer !== null ? options[answer] : undefined;

  return (
    <section className="widget" aria-labelledby={`quiz-${id}`} data-testid={`quiz-${id}`}>
      <p className="widget__eyebrow">Quiz</p>
      <p className="widget__title" id={`quiz-${id}`}>{question}</p>
      <fieldset className="choices">
        <legend className="visually-hidden">{question}</legend>
        {options.map((o, i) => (
          <label key={o.text} className={`choice ${answer === i ? (o.correct ? 'choice--right' : 'choice--wrong') : ''}`}>
            <input type="radio" name={`quiz-${id}`} checked={answer === i} disabled={save.isPending || !progress.isSuccess}
              onChange={() => (setPicked(i), save.mutate(i))} />
            {o.text}
          </label>
        ))}
      </fieldset>
      {chosen && (
        <p className={`quiz__explain ${chosen.correct ? 'quiz__explain--right' : 'quiz__explain--wrong'}`} role="status" data-testid={`quiz-${id}-feedback`}>
          <strong>{chosen.correct ? 'Right. ' : 'Not quite. '}</strong>{chosen.explain}
        </p>
      )}
    </section>
  );
}
