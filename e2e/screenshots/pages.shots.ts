import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { shoot } from './shot';

// Every lesson folder, so a new lesson is screenshotted without touching this file.
const LESSON_SLUGS = fs
  .readdirSync(path.join(process.cwd(), 'lessons'))
  .map((d) => /^\d{2}-(.+)$/.exec(d)?.[1])
  .filter((s): s is string => Boolean(s));

/** Full-page screenshots of the home and lesson pages in both colour schemes (`npm run screenshots`). */
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test('home page', async ({ page, homePage }) => {
      await homePage.goto();
      await expect(homePage.coreCourseHeading).toBeVisible();
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
      await shoot(page, `home-${scheme}`);
    });

    test('lesson page with its knobs (the default tab)', async ({ page, lessonPage }) => {
      await lessonPage.goto('indexes');
      await lessonPage.waitForLab();
      await expect(lessonPage.knobsTab).toHaveAttribute('aria-selected', 'true');
      await expect(lessonPage.labPanel.getByRole('switch').first()).toBeVisible();
      await shoot(page, `lesson-knobs-${scheme}`);
    });

    for (const slug of LESSON_SLUGS) {
      test(`lesson ${slug}`, async ({ page, lessonPage }) => {
        await lessonPage.goto(slug);
        await lessonPage.waitForLab();
        await shoot(page, `lesson-${slug}-${scheme}`);
      });
    }

    test('lesson page after a product fetch', async ({ page, lessonPage }) => {
      await lessonPage.goto('indexes');
      await lessonPage.waitForLab();
      await lessonPage.send('/products/1');
      await expect(lessonPage.status).toHaveText('200');
      await shoot(page, `lesson-${scheme}`);
    });
  });
}
