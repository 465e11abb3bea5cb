import { test, expect } from './fixtures';
import { RunPanel } from './pages/run-panel';

/**
 * Latency charts have a log scale (issue 16): a slow "before" must not flatten a fast "after".
 * The switch flips every latency chart at once and is remembered on reload.
 */
test('the latency charts switch to a log axis together, and stay switched after a reload', async ({
  page,
  lessonPage,
}) => {
  await lessonPage.goto('indexes');
  await lessonPage.waitForLab();
  const run = new RunPanel(page);
  await run.open();
  await run.runFor(3, 10);
  const latency = run.latencyChart;
  const spectrum = page.getByTestId('chart-spectrum');
  const toggle = latency.getByTestId('log-scale');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(latency.locator('.run-chart__unit')).toHaveText('ms');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(latency.locator('.run-chart__unit')).toHaveText('ms, log scale');
  await expect(spectrum.getByTestId('log-scale')).toHaveAttribute('aria-pressed', 'true');
  // A log axis ticks at powers of ten (compact labels: 0.1, 1, 10, 100, 1k); x ticks end in " s".
  const svgText = latency.locator('svg text');
  await expect(svgText.first()).toBeAttached();
  const yTicks = (await svgText.allTextContents()).filter((t) => !t.endsWith(' s'));
  expect(yTicks.length).toBeGreaterThanOrEqual(2);
  for (const t of yTicks) expect(t).toMatch(/^(0\.0*1|10*|10*k)$/);
  await page.reload();
  await lessonPage.waitForLab();
  await run.open();
  await expect(page.getByTestId('lab-panel').getByTestId('log-scale').first()).toHaveAttribute('aria-pressed', 'true');
});
