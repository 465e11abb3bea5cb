import { describe, expect, it } from 'vitest';
import { fairRate, spikeNote } from './manager';

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

  it('caps a spike at its peak and says the base rate shrank with it', () => {
    // 30 req/s with a 10x spike peaks at 300: a 100 req/s cap scales the base to 10.
    const r = fairRate(300, [], { totalRate: 1000, perLearnerRate: 100 });
    expect(r.granted).toBe(100);
    expect(spikeNote(r.reason!, 30, 10)).toBe(
      'Your spike peaks at 300 req/s and was capped at 100 req/s: the per-learner cap is 100 req/s. The base rate went from 30 to 10 req/s so the spike keeps its shape.',
    );
  });
});
