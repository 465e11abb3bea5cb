/**
 * When to send, and as whom: pure functions of the request index, so the open model's
 * schedule is fixed before the run starts and cannot bend to the server's speed (that bending
 * is coordinated omission). Times are ms since t0.
 *
 * Ramp-up is linear: the target rate r(t) climbs from 0 to `rate` over `rampUpSec`, then
 * stays. The number of requests due by time t is the integral
 *   N(t) = rate·t²/(2T)          for t ≤ T
 *   N(t) = rate·(t − T/2)        for t ≥ T
 * and request i is due when N(t) = i, so request 0 is due at t0 exactly.
 */

/**
 * A spike: the rate jumps to `multiple` × rate at atSec, holds for forSec, then falls back.
 * It never combines with a ramp-up (the profile schema refuses both), so with a = atSec,
 * b = atSec + forSec, r = rate and m = multiple the integral stays piecewise linear:
 *   N(t) = r·t                       for t ≤ a
 *   N(t) = r·a + m·r·(t − a)         for a ≤ t ≤ b
 *   N(t) = r·(t + (m − 1)(b − a))    for t ≥ b
 */
export type Spike = { atSec: number; forSec: number; multiple: number };

export type OpenSchedule = { rate: number; rampUpSec: number; durationSec: number; spike?: Spike | null };

/** Expected number of requests due in [0, tSec): the integral of the ramped rate. */
export function dueCountAt(tSec: number, rate: number, rampUpSec: number): number {
  if (tSec <= 0) return 0;
  const T = rampUpSec;
  if (T > 0 && tSec <= T) return (rate * tSec * tSec) / (2 * T);
  return rate * (tSec - T / 2);
}

/** Due time of request i in ms since t0 (the inverse of dueCountAt). */
export function dueTimeMs(i: number, rate: number, rampUpSec: number): number {
  if (i <= 0) return 0;
  const T = rampUpSec;
  const rampCount = (rate * T) / 2; // requests due during the ramp
  if (T > 0 && i <= rampCount) return 1000 * Math.sqrt((2 * i * T) / rate);
  return (1000 * i) / rate + 500 * T;
}

/** dueCountAt for a whole schedule, spike included. */
export function scheduleCountAt(tSec: number, s: OpenSchedule): number {
  const k = s.spike;
  if (!k || k.multiple === 1 || k.forSec <= 0) return dueCountAt(tSec, s.rate, Math.min(s.rampUpSec, s.durationSec));
  if (tSec <= 0) return 0;
  const a = k.atSec;
  const b = k.atSec + k.forSec;
  if (tSec <= a) return s.rate * tSec;
  if (tSec <= b) return s.rate * a + k.multiple * s.rate * (tSec - a);
  return s.rate * (tSec + (k.multiple - 1) * (b - a));
}

/** dueTimeMs for a whole schedule, spike included (the inverse of scheduleCountAt). */
export function scheduleDueMs(i: number, s: OpenSchedule): number {
  const k = s.spike;
  if (!k || k.multiple === 1 || k.forSec <= 0) return dueTimeMs(i, s.rate, s.rampUpSec);
  if (i <= 0) return 0;
  const a = k.atSec;
  const b = k.atSec + k.forSec;
  const beforeSpike = s.rate * a;
  const throughSpike = beforeSpike + k.multiple * s.rate * (b - a);
  if (i <= beforeSpike) return (1000 * i) / s.rate;
  if (i <= throughSpike) return 1000 * (a + (i - beforeSpike) / (k.multiple * s.rate));
  return 1000 * (i / s.rate - (k.multiple - 1) * (b - a));
}

/** The highest rate the schedule asks for: what a rate cap must allow. */
export function peakRate(s: Pick<OpenSchedule, 'rate' | 'spike'>): number {
  return s.rate * Math.max(1, s.spike?.multiple ?? 1);
}

/**
 * How many requests the run sends: every i whose due time falls before the end, i.e. every
 * integer i with i < N(duration). The epsilon keeps an exact product such as 100 × 2 = 200
 * from becoming 201 through floating-point error.
 */
export function totalRequests(s: OpenSchedule): number {
  const n = scheduleCountAt(s.durationSec, s);
  return Math.max(0, Math.ceil(n - 1e-9));
}

/** The target for one second of the run (for the live chart): requests due in [s, s+1). */
export function targetInSecond(second: number, s: OpenSchedule): number {
  if (second < 0 || second >= s.durationSec) return 0;
  const end = Math.min(second + 1, s.durationSec);
  return scheduleCountAt(end, s) - scheduleCountAt(second, s);
}

/**
 * Closed model ramp-up: user j (0-based) of `users` starts at j·T/users, so the number of
 * active users climbs linearly over the ramp like the open model's rate does.
 */
export function userStartMs(j: number, users: number, rampUpSec: number): number {
  if (rampUpSec <= 0 || users <= 0) return 0;
  return (1000 * rampUpSec * j) / users;
}

/**
 * Who sends request i. Design: the learner's rate (or users) is the TOTAL load; clients split
 * it, they do not add to it, so a run never exceeds the rate the learner set and the
 * server-wide cap holds. With C normal clients and an abuser at multiple m, the total splits
 * into C + m equal shares: each normal client sends 1 share (rate/(C+m)), the abuser m
 * shares (m·rate/(C+m)), which is exactly m× a normal client.
 *
 * Interleaving is Bresenham-style, so the abuser's requests are spread evenly through the
 * sequence rather than bunched: A(i) = floor(i·m/(C+m)) abuser requests precede index i,
 * request i is the abuser's when A(i+1) > A(i), and the others go round-robin to
 * client-1..client-C. Each client's requests are thus evenly spaced in the open model, which
 * is what a per-client rate limiter sees.
 */
export type ClientPlan = { count: number; abusiveMultiple: number | null };

export const ABUSER_ID = 'abuser';

export function clientForRequest(i: number, plan: ClientPlan): string {
  const C = plan.count;
  const m = plan.abusiveMultiple;
  if (m === null || m <= 0) return `client-${(i % C) + 1}`;
  const total = C + m;
  const before = Math.floor((i * m) / total);
  const through = Math.floor(((i + 1) * m) / total);
  if (through > before) return ABUSER_ID;
  const normalIndex = i - before;
  return `client-${(normalIndex % C) + 1}`;
}

/** Share of the total load the abuser sends (0 when there is none). */
export function abuserShare(plan: ClientPlan): number {
  const m = plan.abusiveMultiple;
  return m === null || m <= 0 ? 0 : m / (plan.count + m);
}
