import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { HomePage } from './pages/home-page';
import { LessonPage } from './pages/lesson-page';

/**
 * Phones and small laptops (issue 16): at 360, 390, 1024 and 1440 px neither the page nor the lab
 * panel scrolls sideways, on the home page and every lesson; on a phone the lab is a drawer
 * one tap away, a request can be sent from it, and closing it returns the reader to their place.
 */
const WIDTHS = [360, 390, 1024, 1440] as const;

/** Review pictures (test-results/screenshots/), not assertions. */
function shot(name: string): string {
  const dir = path.join(test.info().project.outputDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

async function lessonSlugs(page: Page): Promise<string[]> {
  const hrefs = await new HomePage(page).lessonHrefs();
  return hrefs.map((h) => h.replace('/lessons/', ''));
}

/**
 * scrollWidth - clientWidth of the document and (when present) of the lab panel and its scroller.
 * Every part of the lesson is rendered first: one skipped off screen (content-visibility: auto in
 * globals.css) would hide a too-wide table from the measure until a reader scrolled to it.
 */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const all = document.createElement('style');
    all.textContent = '.lesson__section { content-visibility: visible !important; }';
    document.head.append(all);
    const d = document.documentElement;
    const over = (el: Element | null) => (el ? el.scrollWidth - el.clientWidth : 0);
    const widths = {
      document: over(d),
      body: over(document.body),
      lab: over(document.querySelector('[data-testid="lab-panel"]')),
      labScroll: over(document.querySelector('[data-testid="lab-panel"] .lab-scroll')),
    };
    all.remove();
    return widths;
  });
}

for (const width of WIDTHS) {
  test(`no sideways scroll at ${width} px on the home page and every lesson`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });
    const slugs = await lessonSlugs(page);
    expect(slugs.length).toBeGreaterThan(10);
    expect(await overflow(page), 'home').toEqual({ document: 0, body: 0, lab: 0, labScroll: 0 });
    for (const slug of slugs) {
      await page.goto(`/lessons/${slug}`);
      // At phone width the lab loads when its drawer first opens.
      if (width <= 960) {
        await new LessonPage(page).openDrawer();
        await expect(page.getByTestId('lab-panel')).toBeInViewport();
      }
      // Measured with the lab's content in place (knobs and plan), not its skeleton.
      await expect(page.getByTestId('lab-panel')).toHaveAttribute('aria-busy', 'false');
      expect(await overflow(page), slug).toEqual({ document: 0, body: 0, lab: 0, labScroll: 0 });
    }
  });
}

test('on a phone the header collapses into a menu that shows every link', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  for (const name of ['Course', 'API reference', 'API errors'])
    await expect(nav.getByRole('link', { name })).toBeInViewport();
  await expect(nav.getByRole('button', { name: /theme/ })).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(nav).toBeHidden();
});

test('on a phone the lab is one tap away, sends a request, and closing it returns the reader to their place', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 800 });
  const lesson = new LessonPage(page);
  await lesson.goto('indexes');
  // Closed, the drawer is out of sight and out of the tab order.
  await expect(lesson.labPanel).toBeHidden();
  // The reader is somewhere in the middle of the lesson, a heading near the top of their view.
  const heading = page.locator('.lesson__prose h2').nth(2);
  await heading.evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await page.mouse.wheel(0, -60);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  // The widgets around them hydrate now that the reader has scrolled (hydrate-near.tsx), and a
  // placeholder is shorter than its widget: their place is where the text settles.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          [
            ...document.querySelectorAll('.lesson__prose .skeleton, .lesson__prose [aria-label="Loading checks"]'),
          ].filter((s) => {
            const r = s.getBoundingClientRect();
            return r.bottom > -innerHeight / 2 && r.top < innerHeight * 1.5;
          }).length,
      ),
    )
    .toBe(0);
  const before = (await heading.boundingBox())!.y;
  const open = page.getByTestId('open-lab');
  await expect(open).toBeInViewport();
  await open.click();
  await expect(lesson.labPanel).toBeInViewport();
  await lesson.waitForLab();
  await lesson.send('/users/1');
  await expect(lesson.status).toHaveText('200');
  await page.getByRole('button', { name: '← Back to the lesson' }).click();
  await expect(lesson.labPanel).toBeHidden();
  // Back where they were (within a pixel or two), even if widgets above loaded meanwhile.
  await expect.poll(async () => Math.abs((await heading.boundingBox())!.y - before)).toBeLessThanOrEqual(2);
  await expect(open).toBeFocused();
});

for (const width of [360, 390]) {
  test(`at ${width} px the lab's tabs are one row, each tab whole on screen`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    const lesson = new LessonPage(page);
    await lesson.goto('indexes');
    await lesson.waitForLab();
    const tabs = lesson.labPanel.getByRole('tab');
    await expect(tabs).toHaveCount(5);
    const boxes = await tabs.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    // One row: every tab starts at the same height; and none runs past the screen's edge.
    expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBe(1);
    for (const b of boxes) expect(b.right).toBeLessThanOrEqual(width);
    const row = lesson.labPanel.getByRole('tablist');
    expect(await row.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
    await page.screenshot({ path: shot(`lab-tabs-${width}`) });
  });
}

test('on a phone the lab loads only when its drawer opens, and the prose widgets work before that', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 800 });
  const lesson = new LessonPage(page);
  const labCalls: string[] = [];
  await lesson.goto('indexes');
  // Widgets hydrate when the reader nears them (components/ui/hydrate-near.tsx): the first
  // once the reader moves, the last (screenfuls further down) only when scrolled to.
  const islands = page.locator('.lesson__prose .island');
  await page.mouse.wheel(0, 100);
  await expect(islands.first()).toHaveAttribute('data-open', '');
  await expect(islands.last()).not.toHaveAttribute('data-open');
  // The prose's own widgets claim the sandbox themselves: the lesson's checks (which wait for
  // the claim) arrive, and every inline query plan stops waiting, all without the lab.
  await page.getByTestId('quiz-index-tradeoff').scrollIntoViewIfNeeded();
  await expect(islands.last()).toHaveAttribute('data-open', '');
  await page.getByRole('status', { name: 'Loading checks' }).first().scrollIntoViewIfNeeded();
  await expect(page.getByTestId('check-baseline-run')).toBeAttached();
  await expect(async () => {
    const waiting = page.getByLabel('Waiting for your sandbox');
    if ((await waiting.count()) > 0) await waiting.first().scrollIntoViewIfNeeded();
    await expect(waiting).toHaveCount(0, { timeout: 1_000 });
  }).toPass();
  await expect(page.getByTestId('lab-panel')).toHaveCount(0);
  page.on('request', (r) => r.url().endsWith('/api/lab/health') && labCalls.push(r.url()));
  await lesson.waitForLab(); // opens the drawer first
  expect(labCalls.length).toBeGreaterThan(0);
});

/** /lessons/indexes on a 390 x 800 screen: where each of its widgets starts, from the top. */
async function indexesWidgetTops(page: Page): Promise<number[]> {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/lessons/indexes');
  return page
    .locator('.lesson__prose .island')
    .evaluateAll((els) => els.map((el) => el.firstElementChild?.getBoundingClientRect().top ?? NaN));
}

test('on a phone, until the reader scrolls only a widget in sight hydrates; then those half a screen ahead do', async ({
  page,
}) => {
  // A screen tall enough that the first widget of /lessons/indexes is in its top three quarters
  // and the second is below them, though within half a screen.
  const [first = NaN, second = NaN] = await indexesWidgetTops(page);
  const lesson = new LessonPage(page);
  const islands = page.locator('.lesson__prose .island');
  const height = Math.ceil((first + 40) / 0.75);
  expect(second, 'the second widget is out of sight on that screen').toBeGreaterThan(height * 0.75 + 40);
  expect(second, 'and within half a screen of it').toBeLessThan(height * 1.5 - 40);
  await page.setViewportSize({ width: 390, height });
  await lesson.goto('indexes');
  // The widget in sight hydrates with the page. Both observers report in the same frame, so
  // by now the second has been looked at too, and left alone.
  await expect(islands.nth(0)).toHaveAttribute('data-open', '');
  await expect(islands.nth(1)).not.toHaveAttribute('data-open');
  await page.mouse.wheel(0, 40);
  await expect(islands.nth(1)).toHaveAttribute('data-open', '');
  await expect(islands.last()).not.toHaveAttribute('data-open');
});

test('on a phone, a widget still waiting for the first scroll opens when the reader taps or focuses it', async ({
  page,
}) => {
  // A screen on which the first widget of /lessons/indexes peeks in below its top three quarters,
  // so it waits for the reader's first scroll (components/ui/hydrate-near.tsx).
  const [top = NaN] = await indexesWidgetTops(page);
  const lesson = new LessonPage(page);
  const islands = page.locator('.lesson__prose .island');
  const height = Math.round((top + 60) / 0.95);
  expect(top, 'the widget starts below the top three quarters').toBeGreaterThan(height * 0.75 + 20);
  await page.setViewportSize({ width: 390, height });
  await lesson.goto('indexes');
  // Waiting (and listening) once its part of the lesson has hydrated.
  await expect(islands.nth(0)).toHaveAttribute('data-waiting', '');
  await page.mouse.click(100, top + 20);
  await expect(islands.nth(0)).toHaveAttribute('data-open', '');
  // A widget off screen, focused without scrolling (as a keyboard reader tabbing into it would,
  // were it already on screen).
  const far = islands.filter({ has: page.locator('button, input') }).last();
  await expect(far).toHaveAttribute('data-waiting', '');
  await far.evaluate((el) => el.querySelector<HTMLElement>('button, input')!.focus({ preventScroll: true }));
  await expect(far).toHaveAttribute('data-open', '');
  expect(await page.evaluate(() => window.scrollY), 'the page did not scroll').toBe(0);
});

test('a lesson reached by a client-side navigation shows every widget at once, and they work', async ({
  page,
  homePage,
}) => {
  // No server HTML comes with a client-side navigation, so nothing waits for the reader to come
  // near (components/ui/hydrate-near.tsx): a widget's chunk loads inside its own Suspense boundary.
  await page.setViewportSize({ width: 390, height: 800 });
  await homePage.goto();
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await homePage.openLesson('Caching in layers');
  expect(await page.evaluate(() => 'sameDocument' in window), 'a client-side navigation').toBe(true);
  const islands = page.locator('.lesson__prose .island');
  expect(await islands.count()).toBeGreaterThan(5);
  await expect(page.locator('.lesson__prose .island:not([data-open])')).toHaveCount(0);
  const prediction = page.getByTestId('prediction-uniform-gain');
  await prediction.scrollIntoViewIfNeeded();
  const commit = prediction.getByRole('button', { name: 'Commit my prediction' });
  await expect(commit).toBeDisabled();
  await prediction.getByRole('radio').first().check();
  await expect(commit).toBeEnabled();
});

test('at 1440 px the lab sits beside the prose with no drawer chrome', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const lesson = new LessonPage(page);
  await lesson.goto('indexes');
  await lesson.waitForLab();
  await expect(page.getByTestId('open-lab')).toBeHidden();
  const lab = await lesson.labPanel.boundingBox();
  const prose = await page.locator('.lesson__prose').boundingBox();
  expect(lab!.x).toBeGreaterThan(prose!.x + prose!.width);
  expect(lab!.x + lab!.width).toBeLessThanOrEqual(1440);
  await page.screenshot({ path: shot('lab-tabs-1440') });
});
