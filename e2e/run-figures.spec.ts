import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { RunPanel } from './pages/run-panel';

/**
 * Issue 13, point 5: one run, one set of figures. The card, the legend and the sentence show
 * the same achieved rate and the same 429 count, the PNG export draws every legend whole, and
 * the run views are screenshotted at 390 and 1440 px (test-results/screenshots/run-*.png).
 */
function shot(name: string): string {
  const dir = path.join(test.info().project.outputDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

for (const width of [1440, 390]) {
  test(`a finished run shows each figure once, everywhere, at ${width} px`, async ({ page, lessonPage }) => {
    test.setTimeout(90_000);
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.setViewportSize({ width, height: 900 });
    await lessonPage.goto('rate-limiting');
    await lessonPage.waitForLab();
    // A limiter that refuses most of the run, so there are 429s to count.
    const limited = await page.request.patch('/api/lab/settings', {
      data: { rateLimit: { enabled: true, algorithm: 'fixed-window', limit: 5, windowSeconds: 60 } },
    });
    expect(limited.status()).toBe(200);

    const run = new RunPanel(page);
    await run.open();
    await run.runFor(3, 20);
    const panel = page.getByTestId('lab-panel');
    const value = (testId: string) => panel.getByTestId(testId).locator('.stat__value').innerText();
    const legend = (chart: string) => panel.getByTestId(chart).locator('.run-legend__value').allInnerTexts();
    const sentence = (chart: string) => panel.getByTestId(chart).locator('.run-chart__sentence').innerText();

    const achieved = await value('stat-achieved');
    expect(achieved).toMatch(/req\/s$/);
    expect((await legend('chart-throughput'))[0]).toBe(achieved);
    expect(await sentence('chart-throughput')).toContain(`Achieved ${achieved} on average`);

    const rateLimited = await value('stat-rate-limited');
    expect(Number(rateLimited.replace(/\D/g, ''))).toBeGreaterThan(10);
    expect((await legend('chart-errors'))[1]).toBe(rateLimited);
    expect(await sentence('chart-errors')).toContain(`and ${rateLimited} rate-limited (429)`);

    await page.evaluate(() => document.fonts.ready);
    // The lab scrolls inside its own panel: each view is scrolled into sight and shot as the learner sees it.
    await panel.getByTestId('chart-throughput').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot(`run-charts-${width}`) });
    await panel.getByTestId('run-summary-stats').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot(`run-summary-${width}`) });

    // The exported PNG: every legend drawn whole (the narrow charts wrap theirs).
    const download = page.waitForEvent('download');
    await panel.getByTestId('export-png').click();
    const file = shot(`run-export-${width}`);
    await (await download).saveAs(file);
    const png = fs.readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(errors).toEqual([]);
  });
}
