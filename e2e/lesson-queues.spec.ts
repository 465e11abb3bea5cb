import { test, expect } from './fixtures';
import { RunPanel } from './pages/run-panel';
import type { APIRequestContext } from '@playwright/test';

/** Reads the learner's knobs through the control API (the page's cookie comes along). */
async function writesMode(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/lab/settings');
  expect(res.status()).toBe(200);
  return (await res.json()).settings.writes.mode;
}

/** Polls a job's status monitor as a client would, waiting at least a little between looks. */
async function pollUntilDone(request: APIRequestContext, location: string) {
  for (let i = 0; i < 100; i++) {
    const res = await request.get(location);
    expect(res.status()).toBe(200);
    const job = await res.json();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    expect(Number(res.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${location} never finished`);
}

test.describe('lesson: queues for slow writes', () => {
  test('sync, queued and 8-worker runs pass the checks in one attempt each; a queued POST is 202 + Location, the job succeeds, a keyed retry orders nothing twice', async ({
    page,
    lessonPage,
  }, testInfo) => {
    test.setTimeout(180_000);
    await lessonPage.goto('queues-for-slow-writes');
    await lessonPage.waitForLab();
    await page.getByRole('button', { name: 'Reset this lesson' }).click();
    await expect.poll(() => writesMode(page.request)).toBe('sync');

    // 1. The sync baseline: every response waits for the lesson's 500 ms.
    const run = new RunPanel(page);
    await run.open();
    await run.runFor(4, 10);
    await expect(page.getByTestId('check-sync-waits')).toHaveAttribute('data-passed', 'true', { timeout: 20_000 });

    // 2. Switch the knob to queued in the panel, and run again: one run, no retry. The 500 ms cost
    // leaves a queued p95 of up to ~166 ms for the 3x, above what a loaded machine has added to a 202.
    await lessonPage.knobsTab.click();
    const writes = page.getByTestId('knob-writes');
    // The radio follows the server's setting: click, then wait for the PATCH to land.
    await writes.getByLabel('queued').click();
    await expect(writes.getByLabel('queued')).toBeChecked();
    await expect.poll(() => writesMode(page.request)).toBe('queued');
    await expect(writes).toContainText('the workers place at most 2 orders/s');
    await writes.screenshot({ path: testInfo.outputPath('writes-knobs-queued.png') });
    await run.tab.click();
    await run.runFor(4, 10);
    const compare = page.getByTestId('check-queued-p95');
    await expect(compare).toHaveAttribute('data-passed', 'true', { timeout: 20_000 });
    await expect(compare).toContainText(/p95 went from .* to .* \(\d+(\.\d)?x\)/);
    console.log(`queued-p95: ${(await compare.textContent()) ?? ''}`);

    // 2b. Eight workers place 16 orders/s, more than the 10 sent: the backlog one worker left drains.
    await lessonPage.knobsTab.click();
    const workers = writes.getByLabel('Queue workers', { exact: true });
    await workers.fill('8');
    await workers.press('Enter');
    await expect
      .poll(async () => (await (await page.request.get('/api/lab/settings')).json()).settings.writes.workers)
      .toBe(8);
    await expect(writes).toContainText('the workers place at most 16 orders/s');
    await run.tab.click();
    await run.runFor(4, 10);
    await expect(page.getByTestId('check-enough-workers')).toHaveAttribute('data-passed', 'true', { timeout: 20_000 });

    // 3. As a client: 202, Location, Retry-After; poll the job until the order is placed.
    const key = `e2e-${Date.now()}`;
    const body = { user_id: 1, product_id: 2, quantity: 1 };
    const accepted = await page.request.post('/api/v1/orders', { data: body, headers: { 'idempotency-key': key } });
    expect(accepted.status()).toBe(202);
    const location = accepted.headers()['location'] ?? '';
    expect(location).toMatch(/^\/api\/v1\/jobs\/\d+$/);
    expect(Number(accepted.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
    const job = await pollUntilDone(page.request, location);
    expect(job).toMatchObject({ status: 'succeeded', error: null });
    const order = await page.request.get(job.order_url);
    expect(order.status()).toBe(200);
    expect(await order.json()).toMatchObject({ id: job.order_id, ...body });

    // 4. A retry with the same key replays the order; the same key with another body is a 422 problem.
    const retry = await page.request.post('/api/v1/orders', { data: body, headers: { 'idempotency-key': key } });
    expect(retry.status()).toBe(201);
    expect(retry.headers()['idempotent-replayed']).toBe('true');
    expect((await retry.json()).id).toBe(job.order_id);
    const reused = await page.request.post('/api/v1/orders', {
      data: { ...body, quantity: 2 },
      headers: { 'idempotency-key': key },
    });
    expect(reused.status()).toBe(422);
    expect(reused.headers()['content-type']).toBe('application/problem+json');

    // 5. A request the worker cannot carry out is accepted, then its job fails with the reason.
    const doomed = await page.request.post('/api/v1/orders', {
      data: { user_id: 999_999, product_id: 2, quantity: 1 },
    });
    expect(doomed.status()).toBe(202);
    const failed = await pollUntilDone(page.request, doomed.headers()['location'] ?? '');
    expect(failed).toMatchObject({ status: 'failed', order_id: null, error: { status: 422 } });
  });
});
