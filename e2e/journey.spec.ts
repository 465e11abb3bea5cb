import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, isLocalUrl } from './fixtures';
import { CapstonePage } from './pages/capstone-page';
import { Journey } from './pages/journey';
import { ReplicaLesson } from './pages/replica-probe';
import { LoadBalancerSimWidget } from './pages/simulation';
import { VersioningLab } from './pages/versioning-lab';

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
 * Every check of every lesson is asserted to tick from the lesson's own runs. Lesson 5 also shows
 * that a check saying "then" counts only a pair made in that order. Measured with the machine's
 * load average at 15-25 from other work: lessons 1-10 in 3.8 min, 11-14 in 2.3 min (lesson 14's
 * two 20 s spikes are about 50 s of it), serial, one Chromium. Lesson 11's 3x once moved with that
 * load (a 50 ms write against a 202: 1.8x once; a 200 ms one: 2.1x once, a 202's p95 at 124 ms);
 * the lesson's write now costs 500 ms, so a 202's p95 may reach ~166 ms and still pass.
 */
test.describe.configure({ mode: 'serial' });

/** Far past what two reader threads can scan per second at this scale: the queue, not the machine, sets p95. */
const RUSH_RATE = 300;

let context: BrowserContext;
let page: Page;
let j: Journey;
const consoleErrors: string[] = [];
const external: string[] = [];

test.beforeAll(async ({ browser }) => {
  // One learner throughout: one browser context (one identity cookie), shared by every step.
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.on('request', (r) => {
    if (!isLocalUrl(r.url())) external.push(r.url());
  });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: uncaught ${e.message}`));
  // A reset asks "Start this lesson over?"; the learner says yes.
  page.on('dialog', (d) => void d.accept());
  j = new Journey(page);
});

test.afterEach(() => {
  expect(consoleErrors, 'console errors on the way').toEqual([]);
  expect(external, 'requests to non-local hosts').toEqual([]);
});

test.afterAll(async () => {
  await context?.close();
});

test('lesson 1, the 2 AM page: a calm run, then a rush at 20+ req/s that at least triples p95', async () => {
  await j.visit('the-2am-page', ['calm-run', 'rush-hour']);
  await j.predict();
  await j.answerQuiz();
  await j.load();
  await j.run.runFor(2, 2);
  await j.expectPassed('calm-run');
  await j.expectNotPassed('rush-hour');
  // Far past the two reader threads' ceiling for this scan, so the queue, not this machine's speed, sets p95.
  await j.run.runFor(3, RUSH_RATE);
  await j.expectPassed('rush-hour');
});

test('lesson 2, resources and status codes: the solution limiter answers a burst with 429s', async () => {
  await j.visit('resources-and-status-codes', ['see-429s']);
  await j.predict();
  await j.answerQuiz();
  await j.showMe();
  await j.load();
  await j.run.runFor(2, 20);
  await j.expectPassed('see-429s');
});

test('lesson 3, indexes: scan baseline, 10x with the index, and the write cost with and without it', async () => {
  await j.visit('indexes', ['baseline-run', 'index-speedup', 'writes-with-index', 'writes-without-index']);
  const prediction = await j.predict();
  await j.answerQuiz();
  await j.load();
  // Twenty users in a closed loop keep twenty scans queued on the two reader threads (lesson-indexes.spec.ts).
  await j.run.runUsersFor(3, 20);
  await j.expectPassed('baseline-run');
  await j.expectNotPassed('index-speedup');
  await j.showMe();
  await j.load();
  await j.run.runFor(3, 20);
  await j.expectPassed('index-speedup');
  await expect(prediction.getByTestId(/-measured$/)).toContainText('p95 went from');
  // The write cost: orders placed by 4 users in a loop, index on, then off.
  await j.endpoint('create-order');
  await j.run.runUsersFor(2, 4);
  await j.expectPassed('writes-with-index');
  await j.knob(/Index orders by user/, 'switch', false);
  await j.load();
  await j.run.runUsersFor(2, 4);
  await j.expectPassed('writes-without-index');
});

test("lesson 4, pagination: the whole history unbounded, then cursor pages, measured from this lesson's own pair", async () => {
  await j.visit('pagination', ['unbounded-run', 'cursor-speedup']);
  await j.predict();
  await j.answerQuiz();
  await j.knob('unbounded');
  await j.load();
  await j.run.runFor(3, 10);
  await j.expectPassed('unbounded-run');
  await j.expectNotPassed('cursor-speedup');
  await j.showMe();
  await j.load();
  // Same endpoint, model and rate. Unbounded, every response is the lab's cap of 10,000 orders at any
  // dataset size; a cursor page is 20 rows at any depth: the 5x has a wide margin at this scale too.
  await j.run.runFor(3, 10);
  await j.expectPassed('cursor-speedup');
});

test('lesson 5, caching: a cached run never has another lesson\'s cache-off run as its "before", nor an earlier one', async () => {
  const checks = ['uniform-hit-ratio', 'zipf-hit-ratio', 'median-drops', 'tail-drops', 'coalescing'];
  await j.visit('caching-in-layers', checks);
  await j.predict();
  await j.answerQuiz();
  await j.showMe();
  await j.load();
  // Skew 2 ("extreme"): a dozen ids carry 95% of the requests, so a few seconds warm the cache
  // enough for p95, not only p50, to be a hit. At the preset's 1.2 that takes hundreds of ids.
  await j.distribution('Zipf');
  await j.zipfSkew(2);
  await j.run.runFor(3, 50);
  await j.expectPassed('zipf-hit-ratio');
  // The issue's own example: lessons 1 and 3 ran the product page with the cache off, a "before"
  // that would make this a pass. This lesson has no cache-off run yet, so it must not tick.
  await expect(j.check('median-drops')).toContainText('Still missing');
  await j.expectNotPassed('median-drops', 'tail-drops');
  await j.distribution('Uniform');
  await j.run.runFor(3, 50);
  await j.expectPassed('uniform-hit-ratio');
  // Now this lesson's own "before": the cache off. A scan here costs a few ms, so at a fixed
  // rate the 5x would depend on this machine's speed; twenty users in a loop keep the two reader
  // threads' queue full instead, and the cached runs below use the same twenty users.
  await j.knob(/Cache product and user reads in memory/, 'switch', false);
  await j.load();
  await j.run.runUsersFor(3, 20);
  // "Cache off, then on": the cached Zipf run above came first, so it is no "after" for this one.
  await expect(j.check('median-drops')).toContainText('made after');
  await j.expectNotPassed('median-drops', 'tail-drops');
  await j.knob(/Cache product and user reads in memory/, 'switch');
  await j.load();
  await j.distribution('Zipf');
  await j.zipfSkew(2);
  // Twice: the first run warms the cache, the second measures it warm (what "tail-drops" asks).
  await j.run.runUsersFor(3, 20);
  await j.expectPassed('median-drops');
  await j.run.runUsersFor(3, 20);
  await j.expectPassed('tail-drops');
  // The stampede, as the lesson sets it up: one hot product, a 1 s TTL, twenty users in a loop.
  // Counted, not timed: coalesced, one computation per expiry (3 in 3 s, measured); without it,
  // every user waiting when the entry expires computes it (29 to 60 in 3 s, measured here).
  await j.numberKnob('Cache TTL in seconds', 1, (s) => s.appCache.ttlSeconds === 1);
  await j.load();
  await j.distribution('Hot set');
  await j.run.runUsersFor(3, 20);
  await j.expectNotPassed('coalescing');
  await j.knob(/Coalesce concurrent misses/, 'switch', false);
  await j.load();
  await j.run.runUsersFor(3, 20);
  await j.expectPassed('coalescing');
  // The lesson sends the learner to "cache misses" in the run's summary.
  await expect(page.getByTestId('stat-cache-misses')).toContainText('cache misses');
});

test('lesson 6, rate limiting: unprotected, then the token bucket stops the abuser and spares the fair clients', async () => {
  await j.visit('rate-limiting', ['unprotected-run', 'abuser-limited', 'fair-untouched', 'token-bucket-run']);
  await j.predict();
  await j.answerQuiz();
  await j.load();
  await j.run.runFor(3);
  await j.expectPassed('unprotected-run');
  await j.showMe();
  await j.load();
  await j.run.runFor(3);
  await j.expectPassed('abuser-limited', 'token-bucket-run');
  await j.abusive(false);
  await j.run.runFor(2, 40);
  await j.expectPassed('fair-untouched');
});

test('lesson 7, measuring what matters: mixed, closed loop, then an open rate that doubles p95', async () => {
  await j.visit('measuring-what-matters', ['mixed-run', 'closed-run', 'open-truth']);
  await j.predict();
  await j.answerQuiz();
  await j.load();
  await j.run.runFor(2);
  await j.expectPassed('mixed-run');
  // The product page alone, so p95 is the scan's in both runs (nine in ten cheap user reads would hide it).
  await j.removeFirstEndpoint();
  await j.run.runUsersFor(2, 1);
  await j.expectPassed('closed-run');
  await j.expectNotPassed('open-truth');
  await j.run.runFor(3, RUSH_RATE);
  await j.expectPassed('open-truth');
});

test("lesson 8, common mistakes: N+1 then join under load, and the card's fields at least 5x faster", async () => {
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
});

test('lesson 9, stateless by design: 100 req/s, every request recognised', async () => {
  await j.visit('stateless-by-design', ['every-request-recognised']);
  await j.predict();
  await j.answerQuiz();
  await j.load();
  await j.run.runFor(2, 100);
  await j.expectPassed('every-request-recognised');
});

test("lesson 10, load balancing: the simulation is fed by this lesson's run, never by another lesson's", async () => {
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
});

test('lesson 11, queues: sync waits its 500 ms; queued with 8 workers cuts p95 at least 3x', async () => {
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
});

test('lesson 12, read replicas: the probe catches stale reads, read-your-writes fixes the writer; both runs', async () => {
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
});

test('lesson 13, API versioning: no checks; a prediction, a quiz and a v1 response that announces v2', async () => {
  await j.visit('api-versioning', []);
  await j.predict();
  await j.answerQuiz();
  const lab = new VersioningLab(page);
  await lab.sendTo('/api/v1', '/products?limit=2');
  await expect(lab.status).toHaveText('200');
  await expect(lab.header('deprecation')).toHaveText(/^@\d+$/);
  await expect(lab.header('link')).toContainText('rel="successor-version"');
});

test('lesson 14, capstone: the spike with everything off fails; the solution survives it', async () => {
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
});
