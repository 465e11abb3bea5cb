import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';

// Every lesson folder, so a new lesson is screenshotted without touching this spec.
const LESSON_SLUGS = fs
  .readdirSync(path.join(process.cwd(), 'lessons'))
  .map((d) => /^\d{2}-(.+)$/.exec(d)?.[1])
  .filter((s): s is string => Boolean(s));

/**
 * Full-page screenshots for reviewing the UI (and for the README) in both colour schemes.
 * They land in test-results/screenshots/.
 */
function screenshotPath(name: string): string {
  const dir = path.join(test.info().project.outputDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

async function expectWritten(file: string) {
  expect(fs.existsSync(file), `${file} was written`).toBe(true);
  expect(fs.statSync(file).size).toBeGreaterThan(5_000);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test('home page', async ({ page, homePage }) => {
      await homePage.goto();
      await expect(homePage.coreCourseHeading).toBeVisible();
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
      await page.evaluate(() => document.fonts.ready);
      const file = screenshotPath(`home-${scheme}`);
      await page.screenshot({ path: file, fullPage: true });
      await expectWritten(file);
    });

    test('lesson page with its knobs (the default tab)', async ({ page, lessonPage }) => {
      await lessonPage.goto('indexes');
      await lessonPage.waitForLab();
      await expect(lessonPage.knobsTab).toHaveAttribute('aria-selected', 'true');
      await expect(lessonPage.labPanel.getByRole('switch').first()).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      const file = screenshotPath(`lesson-knobs-${scheme}`);
      await page.screenshot({ path: file, fullPage: true });
      await expectWritten(file);
    });

    for (const slug of LESSON_SLUGS) {
      test(`lesson ${slug}`, async ({ page, lessonPage }) => {
        await lessonPage.goto(slug);
        await lessonPage.waitForLab();
        await page.evaluate(() => document.fonts.ready);
        const file = screenshotPath(`lesson-${slug}-${scheme}`);
        await page.screenshot({ path: file, fullPage: true });
        await expectWritten(file);
      });
    }

    test('lesson page after a product fetch', async ({ page, lessonPage }) => {
      await lessonPage.goto('indexes');
      await lessonPage.waitForLab();
      await lessonPage.send('/products/1');
      await expect(lessonPage.status).toHaveText('200');
      await page.evaluate(() => document.fonts.ready);
      const file = screenshotPath(`lesson-${scheme}`);
      await page.screenshot({ path: file, fullPage: true });
      await expectWritten(file);
    });
  });
}
