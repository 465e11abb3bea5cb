import { test, expect } from './fixtures';

/**
 * The prose is server-rendered and readable before any JavaScript runs (issue 16), so it must be
 * readable with none: a reader whose script is blocked, or still downloading on a slow phone, sees
 * every part of the lesson. React's streaming renderer moves a completed Suspense boundary found
 * after the first ~12.5 KB of HTML out of place, into a hidden <div> that only its script reveals;
 * lesson parts are Activity boundaries (components/lesson/mdx-components.tsx) so that never
 * happens to them.
 */
test.use({ javaScriptEnabled: false });

test('with JavaScript off every part of every lesson is on the page, in place and visible', async ({
  page,
  homePage,
}) => {
  test.setTimeout(120_000);
  const hrefs = await homePage.lessonHrefs();
  expect(hrefs.length).toBeGreaterThan(10);
  for (const href of hrefs) {
    await page.goto(href);
    const parts = page.locator('article.lesson__prose section.lesson__section');
    expect(await parts.count(), href).toBeGreaterThan(1);
    // Nothing of the lesson's text waits in a hidden container for a script to move it.
    await expect(page.locator('[hidden] section.lesson__section, [hidden] .lesson__section h2'), href).toHaveCount(0);
    for (const heading of await parts.locator('h2').all()) await expect(heading, href).toBeVisible();
  }
});

test('with JavaScript off every check shows its title, not a bare loading bar', async ({ page, homePage }) => {
  test.setTimeout(120_000);
  const hrefs = await homePage.lessonHrefs();
  let titles = 0;
  for (const href of hrefs) {
    await page.goto(href);
    await expect(page.locator('.skeleton[aria-label="Loading checks"]'), href).toHaveCount(0);
    const shown = page.locator('[data-testid="lesson-checks-pending"]:visible .check__title');
    for (const title of await shown.all()) await expect(title, href).not.toBeEmpty();
    titles += await shown.count();
  }
  // 13 of the 14 lessons have checks; most show in place (one far down a long lesson may wait, hidden, for its script).
  expect(titles).toBeGreaterThan(hrefs.length);
});
