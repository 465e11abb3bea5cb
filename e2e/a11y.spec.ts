import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { LessonPage } from './pages/lesson-page';

/**
 * Accessibility stays at Lighthouse's 100 (issue 16): axe-core finds no serious or critical
 * violation on the home page, a lesson with its lab open, the API reference and the workshop
 * page, in light and dark themes, at desktop and phone widths.
 */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('scale-lab-theme', t), theme);
    });

    for (const path of ['/', '/reference', '/workshop']) {
      test(`${path} has no serious or critical axe violations`, async ({ page }) => {
        await page.goto(path);
        await expect(page.locator('h1').first()).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
      });
    }

    test('a lesson with its lab open (knobs, then the load form) has no serious or critical axe violations', async ({
      page,
    }) => {
      const lesson = new LessonPage(page);
      await lesson.goto('caching-in-layers');
      await lesson.waitForLab();
      expect(await seriousViolations(page), 'knobs tab').toEqual([]);
      await lesson.labPanel.getByRole('tab', { name: 'Load' }).click();
      await expect(lesson.labPanel.getByTestId('run-start')).toBeVisible();
      expect(await seriousViolations(page), 'load tab').toEqual([]);
    });
  });
}

test('a lesson showing two query plans (the lab panel and the prose) labels each with its own title', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto('indexes');
  await lesson.waitForLab();
  await expect(lesson.labPanel.getByTestId('explain-plan')).toBeVisible();
  await expect(page.locator('.lesson__prose').getByTestId('explain-plan')).toBeVisible();
  // One shared id named both sections from whichever title came first in the page.
  const labels = await page.getByTestId('explain-plan').evaluateAll((plans) =>
    plans.map((plan) => {
      const section = plan.closest('section');
      const title = document.getElementById(section?.getAttribute('aria-labelledby') ?? '');
      return { ownTitle: !!title && !!section?.contains(title), name: title?.textContent };
    }),
  );
  expect(labels).toEqual([
    { ownTitle: true, name: 'Query plan' },
    { ownTitle: true, name: 'Query plan' },
  ]);
  expect(await seriousViolations(page)).toEqual([]);
});

test('on a phone, the lesson with its lab drawer open has no serious or critical axe violations', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  const lesson = new LessonPage(page);
  await lesson.goto('indexes');
  await page.getByTestId('open-lab').click();
  await lesson.waitForLab();
  expect(await seriousViolations(page)).toEqual([]);
});
