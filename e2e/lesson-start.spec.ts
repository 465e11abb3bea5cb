import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import type { LessonPage } from './pages/lesson-page';

/**
 * Every lesson from a known state, as a learner meets it. One learner throughout: they come to
 * lesson 4 (Pagination, which starts with the index on orders.created_at) from another lesson
 * with the token-bucket limiter on, a knob lesson 4 does not show.
 */
const LIMITER = { rateLimit: { enabled: true, algorithm: 'token-bucket' } };
const LIMITER_WORDS =
  'Rate limiter: on, token bucket, 100 requests per 60 s, bursts up to 100; this lesson starts with it off.';
const INDEX_WORDS = 'Index orders by date: absent; this lesson starts with it present.';

async function settings(page: Page) {
  const res = await page.request.get('/api/lab/settings');
  expect(res.status()).toBe(200);
  return (await res.json()) as {
    settings: { rateLimit: { enabled: boolean } };
    indexes: { name: string; present: boolean }[];
  };
}

async function setLimiter(page: Page) {
  expect((await page.request.patch('/api/lab/settings', { data: LIMITER })).status()).toBe(200);
}

// Review images of the banner and the Knobs tab: 390 and 1440 px wide, light and dark.
async function shoot(page: Page, lessonPage: LessonPage, name: string) {
  const dir = path.join(test.info().project.outputDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // At phone width the lab is a drawer: open it, as a learner would.
    const openLab = page.getByTestId('open-lab');
    if (await openLab.isVisible()) await openLab.click();
    await expect(lessonPage.labPanel).toBeInViewport();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await lessonPage.labPanel.scrollIntoViewIfNeeded();
      await lessonPage.labPanel.screenshot({ path: path.join(dir, `${name}-${width}-${colorScheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test.describe('every lesson starts from a known state', () => {
  test('first visit applies the start in one line with Undo; a differing sandbox gets a banner; other knobs stay visible', async ({
    page,
    lessonPage,
  }) => {
    test.setTimeout(120_000);
    const indexSwitch = lessonPage.labPanel.getByRole('switch', { name: /Index orders by date/ });

    await test.step('another lesson first, with the limiter left on', async () => {
      // Lesson 1 starts with every knob at its default, as a fresh sandbox is. (Lesson 3 would not
      // do: its start turns the slow-write stand-in off, and says so.)
      await lessonPage.goto('the-2am-page');
      await lessonPage.waitForLab();
      await expect(lessonPage.startLine).toHaveText("Your lab already matches this lesson's start.");
      await setLimiter(page);
    });

    await test.step('first visit: the start is applied and said in one line; Undo restores the knobs', async () => {
      await lessonPage.goto('pagination');
      await lessonPage.waitForLab();
      await expect(lessonPage.startLine).toContainText(
        "Set to this lesson's start: Index orders by date present; Rate limiter off.",
      );
      await expect(indexSwitch).toBeChecked();
      expect((await settings(page)).settings.rateLimit.enabled).toBe(false);
      await shoot(page, lessonPage, 'lesson-start-line');

      await lessonPage.startLine.getByRole('button', { name: 'Undo' }).click();
      await expect(lessonPage.labPanel.getByTestId('lesson-start-undone')).toBeVisible();
      await expect(indexSwitch).not.toBeChecked();
      expect((await settings(page)).settings.rateLimit.enabled).toBe(true);
    });

    await test.step('later visit: the banner lists the differences in words; Apply lesson start fixes them', async () => {
      await page.reload();
      await lessonPage.waitForLab();
      await expect(lessonPage.startLine).toHaveCount(0);
      await expect(lessonPage.startBanner.getByRole('listitem')).toHaveText([INDEX_WORDS, LIMITER_WORDS]);
      await shoot(page, lessonPage, 'lesson-start-banner');

      await lessonPage.startBanner.getByRole('button', { name: 'Apply lesson start' }).click();
      await expect(lessonPage.startLine).toContainText('Lesson start applied');
      await expect(lessonPage.startBanner).toHaveCount(0);
      await expect(indexSwitch).toBeChecked();
      expect((await settings(page)).settings.rateLimit.enabled).toBe(false);
      await page.reload();
      await lessonPage.waitForLab();
      await expect(lessonPage.startBanner).toHaveCount(0);
    });

    await test.step('Keep mine hides the banner, and keeps hiding it for the same differences', async () => {
      await setLimiter(page);
      await page.reload();
      await lessonPage.waitForLab();
      await expect(lessonPage.startBanner.getByRole('listitem')).toHaveText([LIMITER_WORDS]);
      await lessonPage.startBanner.getByRole('button', { name: 'Keep mine' }).click();
      await expect(lessonPage.startBanner).toHaveCount(0);
      expect((await settings(page)).settings.rateLimit.enabled).toBe(true);
      await page.reload();
      await lessonPage.waitForLab();
      await expect(lessonPage.labPanel.getByRole('switch').first()).toBeVisible();
      await expect(lessonPage.startBanner).toHaveCount(0);
    });

    await test.step("a knob outside the lesson's groups is on the Knobs tab, and can be turned back", async () => {
      // Lesson 4 shows pagination and indexes only; the limiter is still listed, in words.
      await expect(lessonPage.labPanel.getByRole('heading', { name: 'Rate limiter' })).toHaveCount(0);
      const limiter = lessonPage.otherKnobs.getByTestId('knob-elsewhere-rateLimit');
      await expect(limiter).toContainText(
        'Rate limiter: on, token bucket, 100 requests per 60 s, bursts up to 100 (default: off)',
      );
      await shoot(page, lessonPage, 'lesson-start-other-knobs');
      await limiter.getByRole('button', { name: 'Turn Rate limiter back to its default, off' }).click();
      await expect(lessonPage.otherKnobs).toHaveCount(0);
      expect((await settings(page)).settings.rateLimit.enabled).toBe(false);
    });
  });
});
