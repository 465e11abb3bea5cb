import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { VersioningLab } from './pages/versioning-lab';

test.describe('lesson 13: API versioning', () => {
  test('v1 answers with Deprecation, Sunset and a successor Link; v2 with money objects and a cursor link', async ({
    page,
  }) => {
    const lab = new VersioningLab(page);
    await lab.goto('api-versioning');
    await lab.waitForLab();
    await lab.openRequestTab();
    // The lesson's starting request names its version: the form opens on v1.
    await expect(lab.versionSelect).toHaveValue('/api/v1');
    await expect(lab.pathInput).toHaveValue('/products?limit=2');

    await lab.sendTo('/api/v1', '/products?limit=2');
    await expect(lab.status).toHaveText('200');
    await expect(lab.header('deprecation')).toHaveText('@1793491200');
    await expect(lab.header('sunset')).toHaveText('Sat, 01 May 2027 00:00:00 GMT');
    await expect(lab.header('link')).toContainText('</api/v2/products>; rel="successor-version"');
    await expect(lab.header('link')).toContainText('rel="next"');
    const v1 = await lab.bodyJson();
    expect(v1.data[0]?.price_cents).toEqual(expect.any(Number));
    await screenshot(page, 'lesson-api-versioning-v1');
    await lab.labPanel.screenshot({ path: shotPath('lab-api-versioning-v1') });

    await lab.sendTo('/api/v2', '/products?limit=2');
    await expect(lab.status).toHaveText('200');
    await expect(lab.header('deprecation')).toHaveCount(0);
    await expect(lab.header('link')).toContainText('/api/v2/products?limit=2&cursor=');
    await expect(lab.header('link')).toContainText('rel="next"');
    const v2 = await lab.bodyJson();
    expect(v2.data[0]?.price).toEqual({ amount: expect.stringMatching(/^\d+\.\d\d$/), currency: 'EUR' });
    expect(v2.data[0]?.price_cents).toBeUndefined();
    expect(v2.pagination).toMatchObject({ mode: 'cursor', limit: 2, hasMore: true });
    await lab.labPanel.screenshot({ path: shotPath('lab-api-versioning-v2') });
  });

  test('through the front door, /api/shop picks the version by header and keeps API-Version in Vary', async ({
    page,
  }) => {
    const lab = new VersioningLab(page);
    await lab.goto('api-versioning');
    await lab.waitForLab();
    // The page's cookie names the sandbox; page.request shares it.
    const v2 = await page.request.get('/api/shop/products/1', { headers: { 'API-Version': '2' } });
    expect(v2.status()).toBe(200);
    expect(v2.headers()['api-version']).toBe('2');
    expect(v2.headers().vary).toContain('API-Version');
    expect((await v2.json()).price.currency).toBe('EUR');
    const unknown = await page.request.get('/api/shop/products/1', { headers: { 'API-Version': '3' } });
    expect(unknown.status()).toBe(400);
    expect((await unknown.json()).supported).toEqual(['1', '2']);
  });

  test('the reference has a page per version, v1 marked deprecated', async ({ page }) => {
    await page.goto('/reference');
    await expect(page.getByTestId('reference-version')).toContainText('deprecated');
    await expect(page.locator('.ref-op').first()).toContainText('deprecated');
    await page.getByTestId('reference-version').getByRole('link', { name: 'version 2' }).click();
    await expect(page).toHaveURL(/\/reference\/v2$/);
    await expect(page.getByTestId('reference-version')).toContainText('Version 2, current');
    await expect(page.locator('#schema-Money')).toBeVisible();
    await screenshot(page, 'reference-v2');
  });
});

function shotPath(name: string): string {
  const dir = path.join(test.info().project.outputDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

async function screenshot(page: import('@playwright/test').Page, name: string) {
  await page.screenshot({ path: shotPath(name), fullPage: true });
}
