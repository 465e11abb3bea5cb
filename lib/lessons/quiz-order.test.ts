import { describe, expect, it } from 'vitest';
import { loadLessons } from './loader';
import { quizOrder } from './quiz-order';
import { lessonWidgets } from './widgets';

const quizzes = loadLessons().flatMap((l) => lessonWidgets(l).quizzes);

describe('quizOrder', () => {
  it('is a permutation of the options, the same on every call for one learner and quiz', () => {
    for (const n of [1, 2, 3, 4, 5]) {
      const order = quizOrder('lrn_abc', 'scan-cost', n);
      expect([...order].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(quizOrder('lrn_abc', 'scan-cost', n)).toEqual(order);
    }
  });

  it('differs between learners and between quizzes', () => {
    const orders = new Set(Array.from({ length: 50 }, (_, i) => quizOrder(`lrn_${i}`, 'scan-cost', 3).join()));
    expect(orders.size).toBe(6); // every order of three options occurs among 50 learners
    const perQuiz = new Set(quizzes.map((q) => quizOrder('lrn_one', q.id, 3).join()));
    expect(perQuiz.size).toBeGreaterThan(1);
  });

  it('does not put the right answer first across the course (it is first in every quiz as authored)', () => {
    expect(quizzes.length).toBeGreaterThan(30);
    expect(quizzes.every((q) => q.options[0]?.correct)).toBe(true);
    for (const learner of ['lrn_a', 'lrn_b', 'lrn_c']) {
      const positions = quizzes.map((q) =>
        quizOrder(learner, q.id, q.options.length).findIndex((i) => q.options[i]?.correct),
      );
      const first = positions.filter((p) => p === 0).length;
      // About a third of the quizzes, never all: far from 42 of 42.
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThan(quizzes.length * 0.6);
      expect(new Set(positions).size).toBeGreaterThanOrEqual(3);
    }
  });
});
