import { takeWhatIsLeft, type Reservation, type ReserveRequest, type ReserveResult } from './types';

/**
 * The reservation rule, pure: both budgets (in-process and PostgreSQL) call it with the live
 * reservations they read while holding their lock, so they decide the same way.
 */
export function decideReservation(
  req: ReserveRequest,
  live: Pick<Reservation, 'runId' | 'learnerId' | 'rate'>[],
): ReserveResult {
  const mine = live.find((r) => r.learnerId === req.learnerId);
  if (mine) return { ok: false, reason: 'learner-busy', runId: mine.runId };
  if (live.length >= req.maxRuns) return { ok: false, reason: 'runs-full', liveRuns: live.length };
  if (req.requested <= 0) return { ok: true, granted: 0, reason: null };
  const rates = live.map((r) => r.rate);
  const used = rates.reduce((a, b) => a + b, 0);
  const left = Math.max(0, req.totalRate - used);
  const offer = (req.policy ?? takeWhatIsLeft)(req.requested, rates);
  // The clamp is the invariant; the policy only decides how generous to be within it.
  const granted = Math.max(0, Math.min(offer.granted, req.requested, left));
  if (granted < 1) return { ok: false, reason: 'budget-full', usedRate: used };
  if (granted >= req.requested) return { ok: true, granted, reason: null };
  const reason =
    granted < offer.granted || !offer.reason
      ? `You asked for ${req.requested} req/s and got ${granted} req/s: runs on every node share the room's ${req.totalRate} req/s budget and ${left} req/s of it was left.`
      : offer.reason;
  return { ok: true, granted, reason };
}
