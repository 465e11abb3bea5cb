import { describe, expect, it } from 'vitest';
import { fairRate } from './manager';

describe('fair share of the load budget', () => {
  const limits = { totalRate: 1000, perLearnerRate: 600 };

  it('grants the whole request when it fits', () => {
    expect(fairRate(200, [], limits)).toEqual({ granted: 200, reason: null });
    expect(fairRate(300, [400], limits)).toEqual({ granted: 300, reason: null });
  });

  it('caps one learner at the per-learner limit and says so', () => {
    const r = fairRate(900, [], limits);
    expect(r.granted).toBe(600);
    expect(r.reason).toBe('You asked for 900 req/s and got 600 req/s: the per-learner cap is 600 req/s.');
  });

  it('gives a newcomer an equal share, never more than is left', () => {
    // Two runs already use 800: a third gets min(1000/3, 200 left) = 200.
    const r = fairRate(500, [400, 400], limits);
    expect(r.granted).toBe(200);
    expect(r.reason).toContain('2 other runs are sharing');
    // Budget exhausted: nothing left to grant.
    expect(fairRate(100, [500, 500], limits).granted).toBe(0);
  });
});
