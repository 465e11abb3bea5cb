import { fairRate, wholeBudgetBusy } from './admission';
import type { LoadLimits } from './limits';
import type { BudgetAnswer, RoomBudget } from './room-budget';
import { refusal, type StartRefusal } from './start-result';

export type RoomGrant = { ok: true; grant: Extract<BudgetAnswer, { ok: true }> } | { ok: false; refused: StartRefusal };

/**
 * Reserves a new run's rate in the room's budget, so runs on all nodes together stay within
 * the room's total (in-process in the embedded default). A refusal comes back as the start
 * answers it.
 */
export async function reserveInRoom(
  budget: () => Promise<RoomBudget>,
  run: { runId: string; learnerId: string; requested: number },
  lim: LoadLimits,
): Promise<RoomGrant> {
  const room = await budget();
  const res = await room.budget
    .reserve({
      ...run,
      nodeId: room.nodeId,
      totalRate: lim.totalRate,
      maxRuns: lim.maxRuns,
      // The fair-share rule over every live run in the room, not only this node's.
      policy: (r, rates) => fairRate(r, rates, lim),
    })
    .catch((err: unknown) => {
      // The room's budget is out of reach (database down, this node fenced off): a 503 the
      // learner can retry, never a 500.
      console.error('[runs] reserving load budget failed:', err instanceof Error ? err.message : err);
      return null;
    });
  if (!res)
    return {
      ok: false,
      refused: {
        ok: false,
        reason: 'server-busy',
        detail: 'This server cannot reach the room’s load budget right now. Try again in a few seconds.',
        retryAfterS: 5,
      },
    };
  if (res.ok) return { ok: true, grant: res };
  if (res.reason === 'learner-busy')
    return { ok: false, refused: { ok: false, reason: 'learner-busy', runId: res.runId } };
  if (res.reason === 'runs-full')
    return {
      ok: false,
      refused: {
        ok: false,
        reason: 'server-busy',
        detail: `The room is already running ${res.liveRuns} load runs (its limit is ${lim.maxRuns}).`,
        retryAfterS: 10,
      },
    };
  return { ok: false, refused: refusal(wholeBudgetBusy(lim.totalRate)) };
}

/** The run ended (or never started): its rate goes back to the room. Never throws. */
export function releaseInRoom(budget: () => Promise<RoomBudget>, runId: string): void {
  void budget()
    .then((room) => room.budget.release(runId))
    .catch((err: unknown) => console.error(`[runs] releasing the budget of ${runId} failed:`, err));
}
