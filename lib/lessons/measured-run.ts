import type { Db } from '../db/open';
import type { RunRecord } from '../runs/schema';
import { listRuns } from '../runs/store';

/**
 * The run that feeds the load-balancing simulation (lib/sim/lab-sim.ts takes it from its caller).
 * Choosing which of a learner's runs count is the lessons' business, as it is for their checks,
 * so the lookup lives here and lib/sim stays below lib/lessons (.dependency-cruiser.cjs).
 */

/** The newest run that completed with a latency spectrum, among the learner's last 20. */
export function latestMeasuredRun(db: Db, learnerId: string): RunRecord | undefined {
  return listRuns(db, learnerId, 20).rows.find(
    (r) => r.status === 'completed' && (r.summary?.spectrum.length ?? 0) > 0,
  );
}
