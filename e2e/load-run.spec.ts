import { test, expect } from './fixtures';
import { RunPanel } from './pages/run-panel';

test.describe('load: a learner fires real load and watches it live', () => {
  test('a 5-second run fills the charts every second and ends with a summary', async ({ page, lessonPage }) => {
    await lessonPage.goto('indexes');
    await lessonPage.waitForLab();
    const run = new RunPanel(page);
    await run.open();
    await run.duration.fill('5');
    await run.rate.fill('20');
    await run.run.click();
    await expect(run.progress).toBeVisible();
    // Live: the latency chart has data (its text summary names a p95) before the run ends.
    await expect(run.latencyChart).toContainText(/p95/);
    await expect(run.status).toHaveText('Completed', { timeout: 30_000 });
    const latency = page.getByTestId('run-summary-latency');
    for (const p of ['p50', 'p90', 'p95', 'p99', 'p99.9', 'max']) await expect(latency).toContainText(p);
    await expect(page.getByTestId('stat-achieved')).toContainText('req/s');
    await expect(page.getByTestId('stat-error-pct')).toBeVisible();
  });
});
