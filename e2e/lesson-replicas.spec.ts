import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { ReplicaLesson } from './pages/replica-probe';

test.describe('lesson 12, read replicas', () => {
  test('a lagging replica serves stale reads; read-your-writes removes them for the writer only', async ({
    page,
    lessonPage,
  }) => {
    test.setTimeout(120_000);
    await lessonPage.goto('read-replicas');
    await lessonPage.waitForLab();
    const lesson = new ReplicaLesson(page);

    // Eventual consistency, 1 s lag: the writer's own reads miss orders it just placed.
    await lesson.enable(1000);
    await lesson.run(/replica on, 1,000 ms lag, eventual consistency/);
    await expect(lesson.ownStale).toHaveText(/^\d+ \/ 20$/);
    expect(ReplicaLesson.count(await lesson.ownStale.textContent())).toBeGreaterThan(0);
    expect(ReplicaLesson.count(await lesson.otherStale.textContent())).toBeGreaterThan(0);
    await expect(lesson.probe.getByRole('figure')).toBeVisible();
    await expect(page.getByTestId('check-probe-eventual-stale')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('check-probe-ryw-fresh')).toHaveAttribute('data-passed', 'false');

    // Read-your-writes: the writer sees every order; another client still does not.
    await lesson.consistency('Read your writes');
    await lesson.run(/read your writes/);
    await expect(lesson.ownStale).toHaveText('0 / 20');
    expect(ReplicaLesson.count(await lesson.otherStale.textContent())).toBeGreaterThan(0);
    await expect(lesson.probe.getByRole('table', { name: /Your probes on this page/ })).toBeVisible();
    await expect(page.getByTestId('check-probe-ryw-fresh')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('check-probe-ryw-fresh')).toContainText('the writer missed 0 of its 20 orders');

    // The headers say where a response came from, for any client.
    const res = await page.request.get('/api/v1/orders/1');
    expect(res.headers()['x-served-by']).toMatch(/^(primary|replica)$/);
    expect(Number(res.headers()['x-replica-lag-ms'])).toBeGreaterThanOrEqual(0);

    // For review: the lesson with both probes, in both colour schemes.
    const dir = path.join(test.info().project.outputDir, 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    await lesson.probe.scrollIntoViewIfNeeded();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(dir, `replica-probe-${scheme}.png`) });
      await page.screenshot({ path: path.join(dir, `lesson-read-replicas-${scheme}.png`), fullPage: true });
    }
  });
});
