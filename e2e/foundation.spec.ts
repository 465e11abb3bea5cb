import { test, expect } from './fixtures';

test.describe('foundation: a new visitor reaches a working lab', () => {
  test('opens a lesson from the course map and fetches a product from their own API', async ({
    page,
    homePage,
    lessonPage,
    externalRequests,
  }) => {
    await homePage.goto();
    await expect(homePage.heading).toBeVisible();
    await expect(homePage.coreCourseHeading).toBeVisible();
    expect(await homePage.lessons.count()).toBeGreaterThanOrEqual(8);

    await homePage.openLesson('Indexes');
    await expect(page).toHaveURL(/\/lessons\/indexes$/);
    await expect(lessonPage.title).toHaveText('Indexes');
    await expect(lessonPage.labPanel).toBeVisible();

    await lessonPage.waitForLab();
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'scale_lab_token')?.httpOnly, 'sandbox token cookie is httpOnly').toBe(true);

    await lessonPage.openRequestTab();
    await lessonPage.send('/products/1');
    await expect(lessonPage.status).toHaveText('200');
    await expect(lessonPage.body).toContainText('"sku"');
    await expect(lessonPage.body).toContainText('"stats"');
    await expect(lessonPage.dbTime).toHaveText(/^db \d+(\.\d+)? ms/);

    // Offline guarantee: pages, fonts, scripts and API calls all came from this machine.
    expect(externalRequests).toEqual([]);
  });

  test('keeps the same sandbox across a reload (the cookie names it)', async ({ page, lessonPage }) => {
    await lessonPage.goto('indexes');
    await lessonPage.waitForLab();
    const first = await lessonPage.sandboxId.textContent();
    await page.reload();
    await lessonPage.waitForLab();
    await expect(lessonPage.sandboxId).toHaveText(first ?? '');
  });

  test('shows a problem response for a product that does not exist', async ({ lessonPage }) => {
    await lessonPage.goto('resources-and-status-codes');
    await lessonPage.waitForLab();
    await lessonPage.send('/products/999999999');
    await expect(lessonPage.status).toHaveText('404');
    await expect(lessonPage.body).toContainText('"status": 404');
  });
});
