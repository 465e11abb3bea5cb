import { test } from './fixtures';
import {
  cachingInLayers,
  indexes,
  measuringWhatMatters,
  pagination,
  rateLimiting,
  resourcesAndStatusCodes,
  theTwoAmPage,
} from './journey/lessons-1-to-7';
import {
  apiVersioning,
  capstoneSurviveTheSpike,
  commonMistakes,
  loadBalancing,
  queuesForSlowWrites,
  readReplicas,
  statelessByDesign,
} from './journey/lessons-8-to-14';
import { oneLearnerThroughout } from './journey/session';

/**
 * Issue 13, Tests: one fresh learner through all 14 lessons, in order, with short runs.
 *
 * On each lesson: the page lists exactly the lesson's checks and none is ticked on arrival,
 * although by then earlier lessons have made runs that match many of them on endpoint and
 * knobs (lesson 1's cache-off product-page runs are lesson 5's and 8's "before", lesson 6's
 * limiter-off user reads are lesson 7's mixed run, lesson 1's 20 req/s run is lesson 7's
 * "after"…). Then one committed prediction, which reveals nothing measured until this lesson
 * runs; one quiz answered with "Check answer"; the lesson's knobs or "Show me"; its own short
 * runs; and its checks tick. Lesson 5 and lesson 10 add explicit negatives mid-lesson.
 *
 * The e2e server runs at SCALE_LAB_SCALE=0.1, so scans cost a tenth: where a ratio depends on
 * queueing, the workload is pinned (same endpoint and model in both runs, or a closed loop that
 * keeps the two reader threads busy), as the per-lesson specs do.
 *
 * Any console error or uncaught page error fails the journey: it is a product bug.
 *
 * One spec file, because the journey is one learner: lesson 5's and 10's negatives need the runs
 * lessons 1-9 left behind. Each lesson's steps live in journey/ (lessons 1-7, 8-14), the learner's
 * browser context and its console and network guards in journey/session.ts.
 *
 * Every check of every lesson is asserted to tick from the lesson's own runs. Lesson 5 also shows
 * that a check saying "then" counts only a pair made in that order. Measured with the machine's
 * load average at 15-25 from other work: lessons 1-10 in 3.8 min, 11-14 in 2.3 min (lesson 14's
 * two 20 s spikes are about 50 s of it), serial, one Chromium. Lesson 11's 3x once moved with that
 * load (a 50 ms write against a 202: 1.8x once; a 200 ms one: 2.1x once, a 202's p95 at 124 ms);
 * the lesson's write now costs 500 ms, so a 202's p95 may reach ~166 ms and still pass.
 */
test.describe.configure({ mode: 'serial' });

const session = oneLearnerThroughout();

test('lesson 1, the 2 AM page: a calm run, then a rush at 20+ req/s that at least triples p95', () =>
  theTwoAmPage(session));
test('lesson 2, resources and status codes: the solution limiter answers a burst with 429s', () =>
  resourcesAndStatusCodes(session));
test('lesson 3, indexes: scan baseline, 10x with the index, and the write cost with and without it', () =>
  indexes(session));
test("lesson 4, pagination: the whole history unbounded, then cursor pages, measured from this lesson's own pair", () =>
  pagination(session));
test('lesson 5, caching: a cached run never has another lesson\'s cache-off run as its "before", nor an earlier one', () =>
  cachingInLayers(session));
test('lesson 6, rate limiting: unprotected, then the token bucket stops the abuser and spares the fair clients', () =>
  rateLimiting(session));
test('lesson 7, measuring what matters: mixed, closed loop, then an open rate that doubles p95', () =>
  measuringWhatMatters(session));
test("lesson 8, common mistakes: N+1 then join under load, and the card's fields at least 5x faster", () =>
  commonMistakes(session));
test('lesson 9, stateless by design: 100 req/s, every request recognised', () => statelessByDesign(session));
test("lesson 10, load balancing: the simulation is fed by this lesson's run, never by another lesson's", () =>
  loadBalancing(session));
test('lesson 11, queues: sync waits its 500 ms; queued with 8 workers cuts p95 at least 3x', () =>
  queuesForSlowWrites(session));
test('lesson 12, read replicas: the probe catches stale reads, read-your-writes fixes the writer; both runs', () =>
  readReplicas(session));
test('lesson 13, API versioning: no checks; a prediction, a quiz and a v1 response that announces v2', () =>
  apiVersioning(session));
test('lesson 14, capstone: the spike with everything off fails; the solution survives it', () =>
  capstoneSurviveTheSpike(session));
