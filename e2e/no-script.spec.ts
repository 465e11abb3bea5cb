import { test, expect } from './fixtures';

/**
 * The prose is server-rendered and readable before any JavaScript runs (issue 16), so it must be
 * readable with none: a reader whose script is blocked, or still downloading on a slow phone, sees
 * every part of the lesson and every widget's text. React's streaming renderer moves a completed
 * Suspense boundary over 500 bytes out of place once the page passes ~12.5 KB, into a hidden <div>
 * that only its script reveals; lesson parts (components/lesson/mdx-components.tsx) and widgets
 * (components/ui/hydrate-near.tsx) are Activity boundaries on the server so that never happens.
 */
test.use({ javaScriptEnabled: false });

test('with JavaScript off every part of every lesson is on the page, in place and visible', async ({
  page,
  homePage,
}) => {
  test.setTimeout(120_000);
  const hrefs = await homePage.lessonHrefs();
  expect(hrefs.length).toBeGreaterThan(10);
  let islands = 0;
  for (const href of hrefs) {
    await page.goto(href);
    const parts = page.locator('article.lesson__prose section.lesson__section');
    expect(await parts.count(), href).toBeGreaterThan(1);
    // Nothing of the lesson's text waits in a hidden container for a script to move it.
    await expect(page.locator('[hidden] section.lesson__section, [hidden] .lesson__section h2'), href).toHaveCount(0);
    for (const heading of await parts.locator('h2').all()) await expect(heading, href).toBeVisible();
    // Nor does a widget: a prediction's question, a lab block's instructions.
    await expect(page.locator('div[hidden][id^="S:"], [hidden] .widget'), href).toHaveCount(0);
    const widgets = page.locator('article.lesson__prose .island > *');
    for (const widget of await widgets.all()) await expect(widget, href).toBeVisible();
    islands += await widgets.count();
  }
  expect(islands).toBeGreaterThan(hrefs.length);
});

test('with JavaScript off every check shows its title, not a bare loading bar', async ({ page, homePage }) => {
  test.setTimeout(120_000);
  const hrefs = await homePage.lessonHrefs();
  let titles = 0;
  for (const href of hrefs) {
    await page.goto(href);
    await expect(page.locator('.skeleton[aria-label="Loading checks"]'), href).toHaveCount(0);
    const shown = page.locator('[data-testid="lesson-checks-pending"] .check__title');
    for (const title of await shown.all()) {
      await expect(title, href).toBeVisible();
      await expect(title, href).not.toBeEmpty();
    }
    titles += await shown.count();
  }
  // 13 of the 14 lessons have checks, most of them more than one.
  expect(titles).toBeGreaterThan(hrefs.length);
});
