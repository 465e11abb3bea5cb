import { test, expect } from './fixtures';
import { CapstonePage } from './pages/capstone-page';

/**
 * The capstone graded from the learner's own runs: the spike with everything off fails the
 * check with the measured p95 against the target; the solution knobs pass it, and the summary
 * lists the changes between the two runs. One learner throughout, because the summary compares
 * their runs.
 */
// The e2e dataset is a tenth of the full one, so its scans cost a tenth: at the lesson's 5 req/s
// base (50 at the peak) a quiet machine serves the spike even with everything off. bench/capstone.ts
// at scale 0.1 measured, at 15 req/s (150 at the peak): everything off p95 2,003 ms (20% of the
// legitimate clients' requests timed out), solution 5.3 ms. Each legitimate client then sends
// 7.5 req/s at the peak, under the solution's 10 req/s limit. Both runs use the same rate.
const E2E_RATE = 15;

test.describe('capstone: survive the spike', () => {
  test('everything off fails with the measured p95; the solution passes and the summary names the changes', async ({ page, lessonPage }, testInfo) => {
    test.setTimeout(120_000);
    const capstone = new CapstonePage(page);
    await capstone.goto();
    await lessonPage.waitForLab();

    await test.step('fail: everything off, the spike', async () => {
      await capstone.resetLesson();
      await capstone.runSpike(E2E_RATE);
      await expect(capstone.baseline).toHaveAttribute('data-passed', 'true', { timeout: 20_000 });
      await expect(capstone.survive).toHaveAttribute('data-passed', 'false');
      // It says why: the legitimate clients' p95 measured, against the 300 ms target.
      await expect(capstone.survive).toContainText(/Your latest matching run had p95 of the legitimate clients [\d,.]+ ms .*the check needs p95 of the legitimate clients at most 300 ms/);
      await expect(capstone.summary).toContainText('One run so far');
    });

    await test.step('pass: the solution knobs, the same spike', async () => {
      await capstone.showMe();
      await capstone.waitForQuietLab();
      await capstone.runSpike(E2E_RATE);
      await expect(capstone.survive).toHaveAttribute('data-passed', 'true', { timeout: 20_000 });
      await expect(capstone.survive).toContainText(/Done: p95 of the legitimate clients was [\d.]+ ms, error rate of the legitimate clients was [\d.]+%\./);
      // The run's own summary shows the graded figures beside the overall ones.
      await expect(page.getByTestId('stat-fair-p95')).toContainText('ms');
      // The summary compares the everything-off run with the passing one, from the measurements.
      await expect(capstone.summary).toContainText('Everything off');
      await expect(capstone.summary).toContainText('Best passing run');
      const changes = capstone.summary.getByTestId('what-mattered-changes');
      await expect(changes).toContainText('Index users by email');
      await expect(changes).toContainText('Index orders by user');
      await expect(changes).toContainText('Pagination: offset pages → cursor pages');
      await expect(changes).toContainText('Loading related rows: one query per row (N+1) → one join');
      await expect(changes).toContainText('Rate limiter: off → on, token bucket, 100 requests per 10 s, bursts up to 20');
      // Everything changed in one step, so nothing is credited on its own.
      await expect(capstone.summary.getByTestId('what-mattered-attribution')).toContainText('were never changed on their own');
    });

    // For review: the page with both runs, its checks and the summary, light and dark.
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await capstone.summary.scrollIntoViewIfNeeded();
      await page.screenshot({ path: testInfo.outputPath(`capstone-after-runs-${scheme}.png`), fullPage: true });
    }
  });
});
