import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';

/**
 * The API reference (issue 16): on a phone its contents fold into a "Contents" disclosure so
 * the introduction comes first; wider they sit open beside the operations. Its operations
 * reach the page once, as HTML (not again inside the RSC payload), and still appear when the
 * page is reached by a client-side navigation, which brings no server HTML.
 */
function shot(name: string): string {
  const dir = path.join(test.info().project.outputDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

test('on a phone the contents are a closed disclosure below which the introduction comes first', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/reference');
  const contents = page.locator('summary', { hasText: 'Contents' });
  const toc = page.getByRole('navigation', { name: 'API reference' });
  const listOrders = toc.getByRole('link', { name: /GET \/orders$/ });
  await expect(contents).toBeVisible();
  await expect(page.locator('details.ref__toc')).not.toHaveAttribute('open');
  await expect(listOrders).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
  await expect(page.getByTestId('reference-version')).toBeInViewport();
  await page.screenshot({ path: shot('reference-390-closed') });

  await contents.click();
  await expect(listOrders).toBeVisible();
  await page.screenshot({ path: shot('reference-390-open') });
  await listOrders.click();
  await expect(page).toHaveURL(/#listOrders$/);
  await expect(page.locator('#listOrders')).toBeInViewport();

  // The keyboard opens and closes it too (a native <summary>).
  await page.goto('/reference');
  await contents.focus();
  await page.keyboard.press('Enter');
  await expect(listOrders).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(listOrders).toBeHidden();
});

test('on a wide screen the contents are open beside the operations, with no disclosure to open', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/reference');
  await expect(page.locator('summary', { hasText: 'Contents' })).toBeHidden();
  await expect(
    page.getByRole('navigation', { name: 'API reference' }).getByRole('link', { name: /GET \/orders$/ }),
  ).toBeInViewport();
  await page.screenshot({ path: shot('reference-1440') });
});

test('the operations reach the page once, as HTML, and a client-side navigation still shows them', async ({
  page,
  request,
}) => {
  for (const url of ['/reference', '/reference/v2']) {
    const html = await (await request.get(url)).text();
    // Once as an element, and not again as an escaped string in the RSC payload's script.
    expect(html.match(/id=\\?"listOrders\\?"/g), url).toHaveLength(1);
    expect(html.match(/href=\\?"#listOrders\\?"/g), url).toHaveLength(1);
  }

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API reference' }).click();
  await expect(page).toHaveURL(/\/reference$/);
  await expect(page.locator('#listOrders').getByRole('row', { name: /since/ })).toBeAttached();
  // v1 -> v2 is a client-side navigation too: the blocks are v2's, not v1's left behind.
  await page.getByTestId('reference-version').getByRole('link', { name: 'version 2' }).click();
  await expect(page.getByTestId('reference-version')).toContainText('Version 2, current');
  await expect(page.locator('#ref-v2-operations #listOrders')).toContainText('/api/v2/orders');
  await expect(page.locator('#ref-v2-operations')).not.toContainText('/api/v1/');
  await expect(page.locator('#ref-v1-operations')).toHaveCount(0);
});
