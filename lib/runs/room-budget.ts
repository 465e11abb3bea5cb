/**
 * The port through which the run manager reserves its runs' rates in the room's budget. The
 * cluster's RateBudget (lib/cluster: in-process, or PostgreSQL shared by every node) implements
 * it; lib/runs sits below lib/cluster in the layers, so it declares what it needs here.
 */
export type BudgetRequest = {
  runId: string;
  nodeId: string;
  learnerId: string;
  /** Requests/s asked for; the budget grants at most this, never past the room's total. */
  requested: number;
  totalRate: number;
  maxRuns: number;
  /** How much of what is left to grant, given the rates every live run in the room holds. */
  policy?: (requested: number, liveRates: number[]) => { granted: number; reason: string | null };
};

export type BudgetAnswer =
  | { ok: true; granted: number; reason: string | null }
  | { ok: false; reason: 'learner-busy'; runId: string }
  | { ok: false; reason: 'runs-full'; liveRuns: number }
  | { ok: false; reason: 'budget-full'; usedRate: number };

export type RoomBudget = {
  /** This node's id in the room (reservations name it, so a dead node's are released). */
  nodeId: string;
  budget: {
    reserve(req: BudgetRequest): Promise<BudgetAnswer>;
    /** The run ended; its rate goes back to the room. */
    release(runId: string): Promise<boolean>;
  };
};
