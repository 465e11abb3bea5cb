import type { Db } from '../db/open';
import type { RunRecord } from '../runs/schema';
import { runsForVerdict } from '../runs/scope';
import { listLessonRuns, listRuns } from '../runs/store';
import { lessonEpoch } from './epoch';

/**
 * The run that feeds the load-balancing simulation (lib/sim/lab-sim.ts takes it from its caller).
 * Choosing which of a learner's runs count is the lessons' business, as it is for their checks,
 * so the lookup lives here and lib/sim stays below lib/lessons (.dependency-cruiser.cjs).
 */

const measured = (r: RunRecord) => r.status === 'completed' && (r.summary?.spectrum.length ?? 0) > 0;

/**
 * The newest run that completed with a latency spectrum. From a lesson's page, only that
 * lesson's runs since the learner last started it (the same scope as its checks): a run
 * made in another lesson, with other knobs and another endpoint, must not stand in for
 * this lesson's service times. Without a lesson (the API, a share page), the learner's last 20.
 */
export function latestMeasuredRun(db: Db, learnerId: string, lesson?: string): RunRecord | undefined {
  if (lesson === undefined) return listRuns(db, learnerId, 20).rows.find(measured);
  const since = lessonEpoch(db, learnerId, lesson);
  return runsForVerdict(listLessonRuns(db, learnerId, lesson, since, 20), { lesson, since }).find(measured);
}
