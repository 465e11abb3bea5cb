import { describe, expect, it } from 'vitest';
import {
  ABUSER_ID,
  abuserShare,
  clientForRequest,
  dueCountAt,
  dueTimeMs,
  peakRate,
  scheduleCountAt,
  scheduleDueMs,
  targetInSecond,
  totalRequests,
  userStartMs,
} from './schedule';

describe('open schedule without ramp-up', () => {
  it('puts request i at i/rate', () => {
    expect([0, 1, 2, 99, 100].map((i) => dueTimeMs(i, 100, 0))).toEqual([0, 10, 20, 990, 1000]);
    expect(dueTimeMs(3, 4, 0)).toBe(750);
  });

  it('counts rate × duration requests, all due before the end', () => {
    expect(totalRequests({ rate: 100, rampUpSec: 0, durationSec: 2 })).toBe(200);
    expect(totalRequests({ rate: 3, rampUpSec: 0, durationSec: 1 })).toBe(3);
    expect(totalRequests({ rate: 2.5, rampUpSec: 0, durationSec: 1 })).toBe(3); // due at 0, 400, 800 ms
    expect(dueTimeMs(199, 100, 0)).toBeLessThan(2000);
    expect(totalRequests({ rate: 0.3, rampUpSec: 0, durationSec: 10 })).toBe(3);
  });
});

describe('open schedule with linear ramp-up', () => {
  // rate 100 over a 2 s ramp: N(t) = 25 t² for t ≤ 2, then 100 (t − 1).
  it('inverts the integral of the ramp', () => {
    expect(dueTimeMs(0, 100, 2)).toBe(0);
    expect(dueTimeMs(25, 100, 2)).toBeCloseTo(1000, 9); // 25 · 1² = 25
    expect(dueTimeMs(100, 100, 2)).toBeCloseTo(2000, 9); // end of ramp: 25 · 4 = 100
    expect(dueTimeMs(1, 100, 2)).toBeCloseTo(200, 9); // √(1/25) s
    expect(dueTimeMs(150, 100, 2)).toBe(2500); // after the ramp: i/rate + T/2
  });

  it('is continuous and increasing across the end of the ramp', () => {
    let prev = -1;
    for (let i = 0; i < 400; i++) {
      const t = dueTimeMs(i, 100, 2);
      expect(t).toBeGreaterThan(prev);
      prev = t;
    }
    expect(dueTimeMs(100, 100, 2)).toBeCloseTo(dueTimeMs(100 - 1e-9, 100, 2), 3);
  });

  it('sends the area under the ramp', () => {
    expect(totalRequests({ rate: 100, rampUpSec: 2, durationSec: 10 })).toBe(900); // 100 · (10 − 1)
    expect(totalRequests({ rate: 100, rampUpSec: 10, durationSec: 10 })).toBe(500); // half of 1000
    expect(dueCountAt(1, 100, 2)).toBe(25);
  });

  it('gives the per-second target for the live chart', () => {
    const s = { rate: 100, rampUpSec: 2, durationSec: 4 };
    expect([0, 1, 2, 3, 4].map((k) => targetInSecond(k, s))).toEqual([25, 75, 100, 100, 0]);
    expect(targetInSecond(0, { rate: 40, rampUpSec: 0, durationSec: 1 })).toBe(40);
  });
});

describe('closed-model ramp-up', () => {
  it('staggers user starts evenly over the ramp', () => {
    expect([0, 1, 2, 3].map((j) => userStartMs(j, 4, 2))).toEqual([0, 500, 1000, 1500]);
    expect(userStartMs(3, 4, 0)).toBe(0);
  });
});

describe('client assignment', () => {
  it('round-robins over normal clients when there is no abuser', () => {
    const plan = { count: 3, abusiveMultiple: null };
    expect([0, 1, 2, 3, 4].map((i) => clientForRequest(i, plan))).toEqual([
      'client-1',
      'client-2',
      'client-3',
      'client-1',
      'client-2',
    ]);
  });

  it('gives the abuser m shares of C + m, interleaved', () => {
    const plan = { count: 2, abusiveMultiple: 2 }; // 4 shares: abuser 2, each client 1
    const first8 = Array.from({ length: 8 }, (_, i) => clientForRequest(i, plan));
    expect(first8).toEqual([
      'client-1',
      ABUSER_ID,
      'client-2',
      ABUSER_ID,
      'client-1',
      ABUSER_ID,
      'client-2',
      ABUSER_ID,
    ]);
    expect(abuserShare(plan)).toBe(0.5);
  });

  it('makes the abuser send exactly multiple × a normal client', () => {
    const plan = { count: 5, abusiveMultiple: 10 };
    const tally = new Map<string, number>();
    for (let i = 0; i < 1500; i++) {
      const c = clientForRequest(i, plan);
      tally.set(c, (tally.get(c) ?? 0) + 1);
    }
    expect(tally.get(ABUSER_ID)).toBe(1000); // 10/15 of 1500
    for (let k = 1; k <= 5; k++) expect(tally.get(`client-${k}`)).toBe(100);
  });
});

describe('open schedule with a spike', () => {
  // 10 req/s, ×5 from 2 s for 1 s, 4 s in all: 20 before, 50 during, 10 after = 80.
  const s = { rate: 10, rampUpSec: 0, durationSec: 4, spike: { atSec: 2, forSec: 1, multiple: 5 } };

  it('sends base, then multiple × base, then base again, exactly', () => {
    expect(totalRequests(s)).toBe(80);
    expect([0, 1, 2, 3, 4].map((k) => targetInSecond(k, s))).toEqual([10, 10, 50, 10, 0]);
    expect(peakRate(s)).toBe(50);
  });

  it('puts request i where the piecewise integral reaches i', () => {
    expect(scheduleDueMs(0, s)).toBe(0);
    expect(scheduleDueMs(10, s)).toBe(1000); // base: i / r
    expect(scheduleDueMs(20, s)).toBe(2000); // the spike starts
    expect(scheduleDueMs(25, s)).toBeCloseTo(2100, 9); // 5 more at 50 req/s
    expect(scheduleDueMs(70, s)).toBeCloseTo(3000, 9); // the spike ends
    expect(scheduleDueMs(79, s)).toBeCloseTo(3900, 9);
    for (const i of [1, 17, 33, 64, 71]) expect(scheduleCountAt(scheduleDueMs(i, s) / 1000, s)).toBeCloseTo(i, 9);
  });

  it('is increasing and due before the end for every request', () => {
    let prev = -1;
    for (let i = 0; i < totalRequests(s); i++) {
      const t = scheduleDueMs(i, s);
      expect(t).toBeGreaterThan(prev);
      prev = t;
    }
    expect(prev).toBeLessThan(4000);
  });

  it('is the plain schedule when there is no spike, or a 1x one', () => {
    const plain = { rate: 100, rampUpSec: 2, durationSec: 10 };
    expect(totalRequests({ ...plain, spike: null })).toBe(900);
    expect(scheduleDueMs(150, plain)).toBe(dueTimeMs(150, 100, 2));
    const flat = { rate: 10, rampUpSec: 0, durationSec: 4, spike: { atSec: 1, forSec: 2, multiple: 1 } };
    expect(totalRequests(flat)).toBe(40);
    expect(peakRate(flat)).toBe(10);
  });

  it('releases exactly the requests due by a given time', () => {
    // What the generator's pump does at 2.5 s: 20 base requests and 26 of the spike (i = 0..45).
    const due = Array.from({ length: totalRequests(s) }, (_, i) => scheduleDueMs(i, s));
    expect(due.filter((t) => t <= 2500).length).toBe(46);
  });
});
