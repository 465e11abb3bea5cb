import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ScratchpadPanel, SqlConsolePanel } from './pages/editor-tools';
import { RunPanel } from './pages/run-panel';
import type { LessonPage } from './pages/lesson-page';

/**
 * What the lessons say about the lab's UI, held true in the browser (issue 13 points 7 and 10).
 * docs/lesson-claims.md maps each sentence to the test that holds it.
 */
const knobs = async (page: Page, patch: Record<string, unknown>) => {
  const res = await page.request.patch('/api/lab/settings', { data: patch });
  expect(res.ok(), await res.text()).toBe(true);
};
const panel = (page: Page) => page.getByTestId('lab-panel');
const headerRow = (page: Page, name: string) =>
  panel(page).locator('dl[aria-label="Response headers"] dt', { has: page.locator(`[data-header-tip="${name}"]`) });
const headerValue = (page: Page, name: string) => headerRow(page, name).locator('xpath=following-sibling::dd[1]');
const tip = (page: Page, name: string) => panel(page).locator(`[data-header-tip="${name}"]`);

/** Opens a header's explanation from the keyboard and checks it names the lesson that teaches it; Escape closes it. */
async function expectExplained(page: Page, name: string, lessonSlug: string) {
  const t = tip(page, name);
  const button = t.getByRole('button', { name, exact: true });
  const note = t.getByRole('note');
  await expect(note).toBeHidden();
  await button.focus();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(note).toBeVisible();
  await expect(note.locator(`a[href="/lessons/${lessonSlug}"]`)).toBeVisible();
  // The explanation is the button's accessible description, so a screen reader reads it on focus.
  const description = await button.evaluate(
    (b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
  );
  expect(description.length, `${name} has an explanation`).toBeGreaterThan(20);
  await page.keyboard.press('Escape');
  await expect(note).toBeHidden();
  await button.blur();
}

async function sendUntil(lessonPage: LessonPage, path: string, status: string, tries: number) {
  for (let i = 0; i < tries; i++) {
    await lessonPage.sendButton.click();
    await expect(lessonPage.sendButton).toBeEnabled();
    if ((await lessonPage.status.textContent()) === status) return;
  }
  throw new Error(`${path} never answered ${status} in ${tries} tries`);
}

function shotPath(name: string): string {
  const dir = path.join(test.info().project.outputDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

test.describe('header explanations (issue 13 point 10)', () => {
  test('each header kind explains itself on focus and hover, with a link to the lesson that teaches it', async ({
    page,
    lessonPage,
  }) => {
    await lessonPage.goto('rate-limiting');
    await lessonPage.waitForLab();
    await knobs(page, {
      httpCache: { enabled: true, maxAgeSeconds: 60 },
      appCache: { enabled: false },
      rateLimit: { enabled: true, algorithm: 'fixed-window', limit: 2, windowSeconds: 60 },
    });
    await lessonPage.send('/users/1');
    await expect(lessonPage.status).toHaveText('200');
    const taught: [string, string][] = [
      ['server-timing', 'the-2am-page'],
      ['x-cache', 'caching-in-layers'],
      ['ratelimit', 'rate-limiting'],
      ['ratelimit-policy', 'rate-limiting'],
      ['link', 'pagination'],
      ['deprecation', 'api-versioning'],
      ['sunset', 'api-versioning'],
      ['vary', 'api-versioning'],
      ['etag', 'caching-in-layers'],
    ];
    for (const [name, slug] of taught) await expectExplained(page, name, slug);
    // Lesson 13: through the front door, Vary is the Shop API's own (plus the compression it really does).
    await expect(headerValue(page, 'vary')).toHaveText('Authorization, Cookie, Accept-Encoding');
    // Lesson 2: while the limit is on, the Request tab lists the RateLimit headers.
    await expect(headerValue(page, 'ratelimit')).toHaveText(/^"default";r=\d+;t=\d+$/);
    await expect(headerValue(page, 'ratelimit-policy')).toHaveText('"default";q=2;w=60');

    // A 429 adds Retry-After; this one is opened with the pointer, and stays open while the pointer is on the note.
    await sendUntil(lessonPage, '/users/1', '429', 6);
    await expectExplained(page, 'retry-after', 'rate-limiting');
    await tip(page, 'retry-after').getByRole('button').hover();
    const note = tip(page, 'retry-after').getByRole('note');
    await expect(note).toBeVisible();
    await note.hover();
    await expect(note).toBeVisible();
    await note.getByRole('link', { name: /lesson 6, Rate limiting/ }).focus();
    await expect(note).toBeVisible();
    await page.mouse.move(0, 0);
    await lessonPage.sendButton.focus();
    await expect(note).toBeHidden();
    await knobs(page, { rateLimit: { enabled: false }, httpCache: { enabled: false } });
  });

  test('screenshots: the response view with an explanation open, 390 and 1440 px, light and dark', async ({
    page,
    lessonPage,
  }) => {
    await lessonPage.goto('api-versioning');
    await lessonPage.waitForLab();
    await knobs(page, { httpCache: { enabled: true, maxAgeSeconds: 60 } });
    await lessonPage.send('/products?limit=2');
    await expect(lessonPage.status).toHaveText('200');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [390, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        const button = tip(page, 'deprecation').getByRole('button');
        await button.focus();
        await expect(tip(page, 'deprecation').getByRole('note')).toBeVisible();
        // What the learner sees: the viewport, scrolled so the open note is in view.
        await tip(page, 'deprecation').getByRole('note').scrollIntoViewIfNeeded();
        await page.screenshot({ path: shotPath(`header-explanation-${width}-${scheme}`) });
        await button.blur();
      }
    }
    await knobs(page, { httpCache: { enabled: false } });
  });
});

test.describe('lesson text holds (issue 13 point 7)', () => {
  test('lesson 1: Deprecation is explained where the learner first sees it, with a way to the versioning lesson', async ({
    page,
    lessonPage,
  }) => {
    await lessonPage.goto('the-2am-page');
    await lessonPage.waitForLab();
    await expect(page.locator('article a[href="/lessons/api-versioning"]').first()).toBeVisible();
    await lessonPage.send('/products/1');
    await expect(lessonPage.dbTime).toContainText(/db [\d.]+ ms · \d+ quer/);
    await expect(headerValue(page, 'deprecation')).toHaveText(/^@\d+$/);
    await expect(headerValue(page, 'sunset')).toBeVisible();
    await expect(headerValue(page, 'link')).toContainText('rel="successor-version"');
    await expectExplained(page, 'deprecation', 'api-versioning');
  });

  test('lesson 2: the Code tab has the files its POST /orders excerpt comes from', async ({ page, lessonPage }) => {
    await lessonPage.goto('resources-and-status-codes');
    await lessonPage.waitForLab();
    await panel(page).getByRole('tab', { name: 'Code' }).click();
    const picker = panel(page).getByTestId('source-picker');
    // Monaco renders only the lines in view: each file is recognised by its opening lines.
    for (const [file, opening] of [
      ['lib/api/order-writes.ts', 'export function slowWork'],
      ['lib/api/routes/orders.ts', "from '../order-writes'"],
    ] as const) {
      await picker.selectOption(file);
      await expect(panel(page).getByTestId('source-editor').locator('.view-lines')).toContainText(opening);
    }
  });

  test('lesson 3: a closed-loop POST /orders run with the index on and off ticks both write checks; the SQL tab lists index sizes', async ({
    page,
    lessonPage,
  }) => {
    test.setTimeout(120_000);
    await lessonPage.goto('indexes');
    await lessonPage.waitForLab();
    await knobs(page, {
      writes: { mode: 'sync', processingMs: 0 },
      rateLimit: { enabled: false },
      indexes: { idx_order_user_id: true },
    });
    const run = new RunPanel(page);
    await run.open();
    await panel(page).getByTestId('mix-endpoint-0').selectOption('create-order');
    await run.runUsersFor(2, 4);
    await expect(page.getByTestId('check-writes-with-index')).toHaveAttribute('data-passed', 'true', {
      timeout: 20_000,
    });
    await expect(page.getByTestId('check-writes-with-index')).toContainText(/throughput was [\d,]+ req\/s/);
    await knobs(page, { indexes: { idx_order_user_id: false } });
    await run.run.click();
    await expect(run.status).toHaveText('Completed', { timeout: 25_000 });
    await expect(page.getByTestId('check-writes-without-index')).toHaveAttribute('data-passed', 'true', {
      timeout: 20_000,
    });

    const sql = new SqlConsolePanel(page);
    await sql.open();
    await sql.example('What each index takes on disk').click();
    await sql.runButton.click();
    await expect(sql.result.getByRole('cell', { name: 'orders', exact: true })).toBeVisible();
  });

  test('lesson 4: an unbounded list shows its outline and its end, where pagination says truncated', async ({
    page,
    lessonPage,
  }) => {
    await lessonPage.goto('pagination');
    await lessonPage.waitForLab();
    await knobs(page, { pagination: { mode: 'unbounded' } });
    await lessonPage.send('/orders');
    await expect(lessonPage.status).toHaveText('200');
    const outline = panel(page).getByTestId('api-body-outline');
    await expect(outline.locator('[data-field="data"] dd')).toHaveText(/^an array of [\d,]+ items$/);
    await expect(outline.locator('[data-field="pagination"] dd')).toContainText('"truncated":true');
    await expect(panel(page).getByTestId('api-body-end')).toContainText('"truncated": true');
    await expect(headerValue(page, 'x-result-truncated')).toHaveText('true');
    await expect(headerValue(page, 'x-result-cap')).toHaveText(/^\d+$/);
    await panel(page).getByTestId('api-body-end').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('long-body-end-1440-light') });
    await knobs(page, { pagination: { mode: 'offset' } });
  });

  test('lesson 5: the scratchpad revalidates with If-None-Match (304 that still ran its queries); the SQL tab refuses writes', async ({
    page,
    lessonPage,
  }) => {
    await lessonPage.goto('caching-in-layers');
    await lessonPage.waitForLab();
    await knobs(page, { httpCache: { enabled: true, maxAgeSeconds: 60 }, appCache: { enabled: false } });
    const pad = new ScratchpadPanel(page);
    await pad.open();
    await expect(pad.editor.locator('.view-lines')).toContainText('GET /products/1');
    await pad.write('GET /products/1\n');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(pad.status).toHaveText('200');
    await pad.response.getByRole('button', { name: 'Send again with If-None-Match' }).click();
    await expect(pad.status).toHaveText('304');
    await expect(pad.response.locator('[data-header="server-timing"]')).toContainText('2 queries');
    await expect(pad.response.locator('[data-header="server-timing"] a[href="/lessons/the-2am-page"]')).toBeVisible();

    const sql = new SqlConsolePanel(page);
    await sql.open();
    await sql.run('UPDATE products SET price_cents = 1 WHERE id = 1');
    await expect(sql.error).toContainText('Writes to data are refused');
    await knobs(page, { httpCache: { enabled: false } });
  });

  test("lesson 6: an abusive run reports the legitimate clients' p95 and failure rate on their own", async ({
    page,
    lessonPage,
  }) => {
    test.setTimeout(90_000);
    await lessonPage.goto('rate-limiting');
    await lessonPage.waitForLab();
    await knobs(page, {
      rateLimit: { enabled: true, algorithm: 'fixed-window', limit: 100, windowSeconds: 10 },
      appCache: { enabled: false },
    });
    const run = new RunPanel(page);
    await run.open();
    await expect(panel(page).getByTestId('run-abusive')).toBeChecked();
    await run.runFor(2, 50);
    await expect(page.getByTestId('stat-fair-p95')).toContainText('p95, legitimate clients only');
    await expect(page.getByTestId('stat-fair-error-pct')).toContainText(
      'legitimate clients failed (429, 5xx, timeouts)',
    );
    await knobs(page, { rateLimit: { enabled: false } });
  });

  test('lesson 12: the Request tab shows which copy answered, and explains it', async ({ page, lessonPage }) => {
    await lessonPage.goto('read-replicas');
    await lessonPage.waitForLab();
    await knobs(page, { replica: { enabled: true, lagMs: 1000, consistency: 'eventual' } });
    await lessonPage.send('/orders/1');
    await expect(headerValue(page, 'x-served-by')).toHaveText(/^(primary|replica)$/);
    await expect(headerValue(page, 'x-replica-route')).toBeVisible();
    await expectExplained(page, 'x-served-by', 'read-replicas');
    await knobs(page, { replica: { enabled: false } });
  });
});
