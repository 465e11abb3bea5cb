import { createRng } from '../random';

/**
 * The order a learner sees one quiz's options in: shuffled, so the right answer is not
 * always first, but the same for that learner and quiz on every load (a reload must not move
 * the option they were about to pick). Seeded from learner id + quiz id; pure, no I/O.
 */

/** FNV-1a, 32 bits: a well-spread seed from a short string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Indexes into the quiz's options as authored, in the order to show them (Fisher-Yates). */
export function quizOrder(learnerId: string, quizId: string, count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  const random = createRng(hash(`${learnerId}\u0000${quizId}`));
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
