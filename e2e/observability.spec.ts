import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { RunPanel } from './pages/run-panel';
import { SharePage } from './pages/share-page';

/**
 * /metrics from both threads, the OpenAPI document and its reference page, and a run's
 * report exported and its experiment shared with a second learner.
 */
function screenshotPath(name: string): string {
  const dir = path.join(test.info().project.outputDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

async function saved(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFileSync(file);
}

const settingsOf = async (page: Page) =>
  (await (await page.request.get('/api/lab/settings')).json()) as {
    sandboxId: string;
    settings: {
      pagination: { mode: string };
      appCache: { enabled: boolean; ttlSeconds: number };
      rateLimit: { enabled: boolean; limit: number };
    };
    indexes: { name: string; present: boolean }[];
  };

test.describe('observability', () => {
  test('/metrics merges the lab server thread with the main thread', async ({ request }) => {
    const claim = await (await request.post('/api/lab/sandbox')).json();
    expect(
      (await request.get('/api/v1/products/1', { headers: { authorization: `Bearer ${claim.token}` } })).status(),
    ).toBe(200);
    const res = await request.get('/metrics');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toMatch(
      /scale_lab_api_request_duration_seconds_bucket\{route="\/api\/v1\/products\/\{id\}",method="GET",status="200",le="0.0001"\} \d+/,
    );
    expect(text).toMatch(/nodejs_eventloop_lag_p99_seconds\{thread="main"\}/);
    expect(text).toMatch(/nodejs_eventloop_lag_p99_seconds\{thread="lab-server"\}/);
    expect(text).toMatch(/^scale_lab_lab_server_up 1$/m);
    expect(text.match(/^# TYPE process_cpu_seconds_total /gm)).toHaveLength(1);
    expect(text).not.toContain(claim.sandboxId);
  });

  test('the OpenAPI document is served and rendered as a reference page', async ({ page, request }) => {
    const doc = await (await request.get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API reference' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scale Lab Shop API');
    await page
      .getByRole('navigation', { name: 'API reference' })
      .getByRole('link', { name: /GET \/orders$/ })
      .click();
    await expect(page).toHaveURL(/#listOrders$/);
    const op = page.locator('#listOrders');
    await expect(op.getByRole('row', { name: /since/ })).toBeVisible();
    await expect(op.getByText('Knobs that change it:')).toBeVisible();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`reference page screenshot (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/reference');
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: screenshotPath(`reference-${scheme}`), fullPage: false });
      await page.locator('#getProduct').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`reference-op-${scheme}`) });
    });
  }
});

test.describe('export and share', () => {
  test("a run exports as JSON, CSV and PNG, and its experiment loads into another learner's own sandbox", async ({
    page,
    browser,
    lessonPage,
  }) => {
    test.setTimeout(120_000);
    await lessonPage.goto('indexes');
    await lessonPage.waitForLab();
    // Learner A tunes some knobs, runs, and shares.
    const patched = await page.request.patch('/api/lab/settings', {
      data: {
        appCache: { enabled: true, ttlSeconds: 30 },
        rateLimit: { enabled: true, limit: 5000 },
        indexes: { idx_user_email: true },
      },
    });
    expect(patched.status()).toBe(200);
    const run = new RunPanel(page);
    await run.open();
    await run.runFor(2, 30);

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    expect(json.suggestedFilename()).toMatch(/^scale-lab-run_\w+-\d{4}-\d\d-\d\d-\d{4}\.json$/);
    const record = JSON.parse((await saved(json)).toString('utf8'));
    expect(record.status).toBe('completed');
    expect(record.knobs.settings.appCache.enabled).toBe(true);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const lines = (await saved(csv)).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('t,sent,completed,rps,p50,p95,p99,max,2xx,4xx,5xx,429,timeouts,hits,misses');
    expect(lines.length).toBe(record.seconds.length + 1);

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    const image = await saved(png);
    expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(image.length).toBeGreaterThan(10_000);
    fs.writeFileSync(screenshotPath('run-charts-export'), image);

    await page.getByTestId('share-run').click();
    const link = await page.getByTestId('share-link').inputValue();
    await page.getByTestId('run-export').scrollIntoViewIfNeeded();
    await page.getByTestId('lab-panel').screenshot({ path: screenshotPath('run-summary-export') });
    expect(link).toMatch(/\/share\?e=[A-Za-z0-9_-]+$/);
    const a = await settingsOf(page);
    // A moves on; the shared link must not follow A's sandbox, nor touch it later.
    await page.request.patch('/api/lab/settings', { data: { pagination: { mode: 'cursor' } } });

    // Learner B: a different browser, so a different cookie and sandbox.
    const other = await browser.newContext({ colorScheme: 'dark' });
    try {
      const pageB = await other.newPage();
      const share = new SharePage(pageB);
      await share.goto(link);
      await share.waitReady();
      await expect(share.knobs).toContainText('App cache');
      await expect(share.changes).toContainText('App cache');
      await pageB.evaluate(() => document.fonts.ready);
      await pageB.screenshot({ path: screenshotPath('share-dark'), fullPage: true });
      const before = await settingsOf(pageB);
      expect(before.sandboxId).not.toBe(a.sandboxId);
      expect(before.settings.appCache.enabled).toBe(false);

      await share.apply.click();
      await expect(share.applied).toBeVisible();
      const after = await settingsOf(pageB);
      expect(after.sandboxId).toBe(before.sandboxId);
      expect(after.settings).toEqual(a.settings);
      expect(after.indexes.find((i) => i.name === 'idx_user_email')?.present).toBe(true);
      // The Load tab has the shared workload filled in.
      const panelB = new RunPanel(pageB);
      await expect(panelB.rate).toHaveValue('30');
      await expect(panelB.duration).toHaveValue('2');
      await pageB.screenshot({ path: screenshotPath('share-applied-dark'), fullPage: true });
    } finally {
      await other.close();
    }
    // A's sandbox kept A's later change.
    expect((await settingsOf(page)).settings.pagination.mode).toBe('cursor');
    await page.request.patch('/api/lab/settings', {
      data: { pagination: { mode: 'offset' }, appCache: { enabled: false }, rateLimit: { enabled: false } },
    });
  });

  test('share page in light mode, and a broken link changes nothing', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    const e = Buffer.from(
      JSON.stringify({
        v: 1,
        title: 'Cursor pages and a warm cache',
        lesson: 'indexes',
        knobs: {
          pagination: { mode: 'cursor' },
          appCache: { enabled: true, ttlSeconds: 120 },
          indexes: { idx_order_created_at: true },
        },
        workload: {
          model: 'virtual-users',
          users: 20,
          durationSec: 15,
          mix: [
            { endpoint: 'product-by-id', weight: 3 },
            { endpoint: 'user-by-id', weight: 1 },
          ],
        },
      }),
    ).toString('base64url');
    const share = new SharePage(page);
    await share.goto(`/share?e=${e}`);
    await share.waitReady();
    await expect(page.getByTestId('share-workload')).toContainText('20 users for 15 s');
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: screenshotPath('share-light'), fullPage: true });

    await share.goto(
      `/share?e=${Buffer.from(JSON.stringify({ v: 1, sandboxId: 'sbx_aaaaaaaaaaaaaaaaaaaa', knobs: {}, workload: { model: 'constant-arrival' } })).toString('base64url')}`,
    );
    await expect(share.invalid).toContainText('sandboxId');
    await expect(share.apply).toHaveCount(0);
  });
});
