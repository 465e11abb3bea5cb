import type { LoadProfile } from '../load/profile';
import { peakRate } from '../load/schedule';
import { LOAD_CAPS, type LoadLimits, type Reservation } from './limits';

/**
 * Whether a run may start and with what share of the budget: every run holds one. An open
 * run (constant-arrival) asks for its peak rate. A closed run (virtual users) asks for the
 * most its users could send (users / think time; with no think time, as fast as the server
 * answers, so the whole budget) and is then paced to the rate it was granted: users with a
 * ceiling on their combined rate. Pure, so the rule is tested on its own.
 */
export type Admission =
  | { ok: true; profile: LoadProfile; reservation: Reservation; rateCeiling: number | null; note: string | null }
  | { ok: false; status: 422; field: string; detail: string }
  | { ok: false; status: 503; detail: string; retryAfterS: number };

/**
 * Fair admission: a new run gets at most an equal share of the server's rate budget with the
 * runs already going, at most the per-learner cap, and never more than is left.
 */
export function fairRate(
  requested: number,
  activeRates: number[],
  limits: Pick<LoadLimits, 'totalRate' | 'perLearnerRate'>,
): { granted: number; reason: string | null } {
  const used = activeRates.reduce((a, b) => a + b, 0);
  const left = Math.max(0, limits.totalRate - used);
  const share = Math.floor(limits.totalRate / (activeRates.length + 1));
  const granted = Math.min(requested, limits.perLearnerRate, Math.max(share, 0), left);
  if (granted >= requested) return { granted: requested, reason: null };
  const why =
    granted === limits.perLearnerRate && limits.perLearnerRate < Math.min(share, left)
      ? `the per-learner cap is ${limits.perLearnerRate} req/s`
      : `${activeRates.length} other run${activeRates.length === 1 ? ' is' : 's are'} sharing the server's ${limits.totalRate} req/s budget, so each gets at most ${Math.min(share, left)} req/s`;
  return { granted, reason: `You asked for ${requested} req/s and got ${granted} req/s: ${why}.` };
}

/** The cap applied to a spike's peak, in words: the base rate shrank with it. */
export function spikeNote(reason: string, askedBase: number, grantedBase: number): string {
  const r = (x: number) => Math.round(x * 100) / 100;
  return `${reason.replace('You asked for', 'Your spike peaks at').replace('and got', 'and was capped at')} The base rate went from ${r(askedBase)} to ${r(grantedBase)} req/s so the spike keeps its shape.`;
}

type Refusal = Extract<Admission, { ok: false }>;
const busy = (detail: string): Refusal => ({ ok: false, status: 503, detail, retryAfterS: 10 });
export const wholeBudgetBusy = (totalRate: number) =>
  busy(`Other runs use the server's whole load budget (${totalRate} req/s).`);

/** What a run asks the budget for, before the budget answers. */
export type RateAsk =
  { ok: true; model: LoadProfile['model']; rate: number; users: number; couldSend: number } | Refusal;

/**
 * The local half of admission: the profile is valid here and the virtual users it needs fit
 * this node's load worker. Returns the rate to reserve: an open run's peak, a closed run's
 * most it could send (capped at the room's budget).
 */
export function askRate(requested: LoadProfile, others: Reservation[], limits: LoadLimits): RateAsk {
  if (requested.model === 'constant-arrival') {
    const peak = peakRate(requested);
    return { ok: true, model: requested.model, rate: peak, users: 0, couldSend: peak };
  }
  const maxUsers = limits.maxTotalUsers ?? LOAD_CAPS.maxTotalUsers;
  if (requested.users > maxUsers) {
    return {
      ok: false,
      status: 422,
      field: 'users',
      detail: `must be at most ${maxUsers} (the server's limit on virtual users across all runs)`,
    };
  }
  const usersTaken = others.reduce((sum, o) => sum + o.users, 0);
  if (usersTaken + requested.users > maxUsers) {
    return busy(
      `Other runs use ${usersTaken} of the server's ${maxUsers} virtual users, so ${requested.users} more do not fit now (at most ${Math.max(0, maxUsers - usersTaken)}).`,
    );
  }
  // With think time t, u users send at most u / t requests a second; with none, as fast as answers come.
  const couldSend =
    requested.thinkTimeMs > 0 ? Math.ceil((requested.users * 1000) / requested.thinkTimeMs) : Number.POSITIVE_INFINITY;
  return {
    ok: true,
    model: requested.model,
    rate: Math.min(couldSend, limits.totalRate),
    users: requested.users,
    couldSend,
  };
}

/** The run as granted: an open run scaled to its grant, a closed run paced to it when it could send more. */
export function shapeRun(
  requested: LoadProfile,
  ask: Extract<RateAsk, { ok: true }>,
  fair: { granted: number; reason: string | null },
  totalRate: number,
): Admission {
  if (fair.granted < 1) return wholeBudgetBusy(totalRate);
  if (requested.model === 'constant-arrival') {
    // A spike's peak is what the budget must carry, so the share is granted to the peak and
    // the base rate scaled down with it: the spike keeps its shape, smaller.
    const peak = ask.rate;
    const profile = {
      ...requested,
      rate: fair.granted === peak ? requested.rate : fair.granted / (peak / requested.rate),
    };
    const note = fair.reason && requested.spike ? spikeNote(fair.reason, requested.rate, profile.rate) : fair.reason;
    return { ok: true, profile, reservation: { rate: peakRate(profile), users: 0 }, rateCeiling: null, note };
  }
  const paced = fair.granted < ask.couldSend;
  const note = paced
    ? `Your ${requested.users} users together send at most ${fair.granted} req/s: ${fair.reason ? fair.reason.replace(/^You asked for [^:]+: /, '') : `that is this server's whole load budget (${totalRate} req/s)`}${fair.reason ? '' : '.'} A user whose turn would go over it waits, so latency is still measured per request.`
    : null;
  return {
    ok: true,
    profile: requested,
    reservation: { rate: fair.granted, users: requested.users },
    rateCeiling: paced ? fair.granted : null,
    note,
  };
}

/** Admission against the runs this caller knows of (one node's): ask, share fairly, shape. */
export function admitRun(requested: LoadProfile, others: Reservation[], limits: LoadLimits): Admission {
  const ask = askRate(requested, others, limits);
  if (!ask.ok) return ask;
  const fair = fairRate(
    ask.rate,
    others.map((o) => o.rate),
    limits,
  );
  return shapeRun(requested, ask, fair, limits.totalRate);
}
