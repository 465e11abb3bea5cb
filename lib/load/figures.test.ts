import { describe, expect, it } from 'vitest';
import type { SecondStats } from './stats';
import { createRunStats } from './stats';
import {
  achievedRate,
  emptyCounts,
  errorPctOf,
  hitRatioOf,
  secondsFigures,
  serverErrorsOf,
  summaryFigures,
} from './figures';

const counts = (over: Partial<SecondStats['counts']> = {}): SecondStats['counts'] => ({ ...emptyCounts(), ...over });

describe('run figures, defined once', () => {
  it('achieved rate is answers per second of wall time, drain included', () => {
    expect(achievedRate(41, 10_000)).toBe(4.1);
    expect(achievedRate(50, 12_500)).toBe(4);
    expect(achievedRate(5, 0)).toBe(0);
  });

  it('errors, 429s and hit ratio from counts', () => {
    const c = counts({
      completed: 90,
      timeouts: 5,
      errors: 5,
      status: { '1xx': 0, '2xx': 60, '3xx': 0, '4xx': 20, '5xx': 10 },
      rateLimited: 15,
      cache: { hit: 30, miss: 10, bypass: 0, none: 50 },
    });
    expect(errorPctOf(c)).toBe(40); // (20 + 10 + 5 + 5) / (90 + 5 + 5)
    expect(serverErrorsOf(c)).toBe(20);
    expect(hitRatioOf(c)).toBe(0.75);
    expect(hitRatioOf(counts())).toBeNull();
  });

  it('the stored summary and the sum of the seconds give the same totals and achieved rate', () => {
    // A run of 2.3 s: two full seconds and a short last window, whose answers count like any other.
    const stats = createRunStats(0);
    const ok = { kind: 'response', status: 200, bytes: 10, cache: 'HIT' } as const;
    const limited = { kind: 'response', status: 429, bytes: 10, cache: undefined } as const;
    const seconds: SecondStats[] = [];
    for (let i = 0; i < 7; i++) {
      stats.recordSent(0);
      stats.recordResult(1000, 1000, i % 3 === 0 ? limited : ok);
    }
    seconds.push(stats.snapshotSecond(1000, 10, 0));
    for (let i = 0; i < 5; i++) {
      stats.recordSent(0);
      stats.recordResult(1000, 1000, limited);
    }
    seconds.push(stats.snapshotSecond(2000, 10, 0));
    for (let i = 0; i < 4; i++) stats.recordResult(1000, 1000, ok); // answers arriving during the drain
    seconds.push(stats.snapshotSecond(2300, 10, 0));
    const summary = {
      ...stats.summary(2000, 10, 2300),
      model: 'constant-arrival' as const,
      aborted: false,
      drainMs: 300,
      maxInFlight: 1,
      reliable: true,
      reasons: [],
      loopDelayMs: null,
    };
    const whole = summaryFigures(summary);
    const live = secondsFigures(seconds);
    for (const k of [
      'achievedRps',
      'achievedPct',
      'completed',
      'rateLimited',
      'serverErrors',
      'errorPct',
      'hitRatio',
    ] as const) {
      expect(live[k], k).toBe(whole[k]);
    }
    expect(whole).toMatchObject({
      scope: 'whole run',
      completed: 16,
      rateLimited: 8,
      achievedRps: 6.96,
      achievedPct: 69.6,
    });
    expect(live.scope).toBe('so far');
  });
});
