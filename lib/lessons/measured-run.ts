import type { RunRecord } from '../runs/schema';
import { runsForVerdict } from '../runs/scope';
import type { LessonStore } from './repository-port';

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
export async function latestMeasuredRun(
  repo: Pick<LessonStore, 'runs' | 'epochs'>,
  learnerId: string,
  lesson?: string,
): Promise<RunRecord | undefined> {
  if (lesson === undefined) return (await repo.runs.list(learnerId, 20)).rows.find(measured);
  const since = await repo.epochs.get(learnerId, lesson);
  const runs = await repo.runs.listForLesson(learnerId, lesson, since, 20);
  return runsForVerdict(runs, { lesson, since }).find(measured);
}
