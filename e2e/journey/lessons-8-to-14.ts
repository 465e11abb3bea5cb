import { test, expect } from '../fixtures';
import { CapstonePage } from '../pages/capstone-page';
import { ReplicaLesson } from '../pages/replica-probe';
import { LoadBalancerSimWidget } from '../pages/simulation';
import { VersioningLab } from '../pages/versioning-lab';
import type { JourneySession } from './session';

/* Lessons 8 to 14 of the journey, for the same learner as 1 to 7 (e2e/journey.spec.ts runs them in order). */

export async function commonMistakes({ j }: JourneySession): Promise<void> {
  await j.visit('common-mistakes', ['load-n-plus-one', 'load-join', 'fields-speedup']);
  await j.predict();
  await j.answerQuiz();
  await j.load();
  await j.run.runUsersFor(2, 20);
  await j.expectPassed('load-n-plus-one');
  await j.showMe();
  await j.load();
  await j.run.runUsersFor(2, 20);
  await j.expectPassed('load-join');
  // Both runs pinned: twenty users in a loop on the same threads, the full product, then the card.
  await j.endpoint('product-by-id');
  await j.run.runUsersFor(2, 20);
  await j.expectNotPassed('fields-speedup');
  await j.endpoint('product-card');
  await j.run.runUsersFor(2, 20);
  await j.expectPassed('fields-speedup');
}

export async function statelessByDesign({ j }: JourneySession): Promise<void> {
  await j.visit('stateless-by-design', ['every-request-recognised']);
  await j.predict();
  await j.answerQuiz();
  await j.load();
  await j.run.runFor(2, 100);
  await j.expectPassed('every-request-recognised');
}

export async function loadBalancing({ j, page }: JourneySession): Promise<void> {
  await j.visit('load-balancing', ['measured-input']);
  await j.predict();
  await j.answerQuiz();
  const sim = new LoadBalancerSimWidget(page, 'scale');
  // Nine lessons of runs exist, none from this one: the simulation says its times are assumed.
  await sim.simulateWith(1);
  await expect(sim.source).toContainText('Assumed service times, not measured');
  await j.load();
  await j.run.runFor(2, 20);
  await j.expectPassed('measured-input');
  await sim.simulateWith(2);
  await expect(sim.source).toContainText('Fed by your run');
}

export async function queuesForSlowWrites({ j }: JourneySession): Promise<void> {
  await j.visit('queues-for-slow-writes', ['sync-waits', 'queued-p95', 'enough-workers']);
  await j.predict();
  await j.answerQuiz();
  await j.load();
  await j.run.runFor(3, 10);
  await j.expectPassed('sync-waits');
  await j.showMe();
  await j.load();
  await j.run.runFor(3, 10);
  await j.expectPassed('queued-p95', 'enough-workers');
}

export async function readReplicas({ j, page }: JourneySession): Promise<void> {
  await j.visit('read-replicas', ['probe-eventual-stale', 'probe-ryw-fresh', 'replica-run', 'replica-ryw-run']);
  await j.predict();
  await j.answerQuiz();
  const replica = new ReplicaLesson(page);
  await j.lesson.knobsTab.click();
  await replica.enable(1000);
  await replica.run(/replica on, 1,000 ms lag, eventual consistency/);
  await j.expectPassed('probe-eventual-stale');
  await j.load();
  await j.run.runFor(2);
  await j.expectPassed('replica-run');
  await j.expectNotPassed('probe-ryw-fresh', 'replica-ryw-run');
  await j.lesson.knobsTab.click();
  await replica.consistency('Read your writes');
  await replica.run(/read your writes/);
  await j.expectPassed('probe-ryw-fresh');
  await j.load();
  await j.run.runFor(2);
  await j.expectPassed('replica-ryw-run');
}

export async function apiVersioning({ j, page }: JourneySession): Promise<void> {
  await j.visit('api-versioning', []);
  await j.predict();
  await j.answerQuiz();
  const lab = new VersioningLab(page);
  await lab.sendTo('/api/v1', '/products?limit=2');
  await expect(lab.status).toHaveText('200');
  await expect(lab.header('deprecation')).toHaveText(/^@\d+$/);
  await expect(lab.header('link')).toContainText('rel="successor-version"');
}

export async function capstoneSurviveTheSpike({ j, page }: JourneySession): Promise<void> {
  // Two runs of the lesson's own spike, unchanged (20 s each, plus the 2 s timeout): the only
  // long runs in the journey, because the spike's shape is what the check grades.
  test.setTimeout(150_000);
  await j.visit('capstone-survive-the-spike', ['baseline-spike', 'survive-the-spike']);
  await j.predict();
  await j.answerQuiz();
  const capstone = new CapstonePage(page);
  // The lesson's start, applied on this first visit, is "everything off": no reset needed.
  await capstone.runSpike();
  await j.expectPassed('baseline-spike');
  await j.expectNotPassed('survive-the-spike');
  await expect(capstone.survive).toContainText(/the check needs p95 of the legitimate clients at most 300 ms/);
  await capstone.showMe();
  await capstone.runSpike();
  await j.expectPassed('survive-the-spike');
  await expect(capstone.summary).toContainText('Best passing run');
}
