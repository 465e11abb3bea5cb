import { test, expect } from './fixtures';
import { ScratchpadPanel, SqlConsolePanel } from './pages/editor-tools';

/**
 * Monaco in the lab, loaded from this server (the fixture fails the test on any request to
 * another host): the SQL console on the learner's sandbox, the .http scratchpad and the
 * read-only view of the code that serves them.
 */
test.describe('SQL console', () => {
  test('runs a query and pages through its rows', async ({ page, lessonPage }) => {
    const sql = new SqlConsolePanel(page);
    await lessonPage.goto('indexes');
    await lessonPage.waitForLab();
    await sql.open();
    await sql.run('SELECT id, email FROM users ORDER BY id');
    await expect(sql.rowCount).toHaveText('1,000+ rows');
    await expect(sql.timing).toHaveText(/^\d+(\.\d+)? (ms|s)$/);
    await expect(sql.result.getByRole('columnheader', { name: 'email' })).toBeVisible();
    await expect(sql.result.getByRole('row')).toHaveCount(51);
    await expect(sql.pageInfo).toHaveText('Rows 1–50 of 1,000+');
    await sql.result.getByRole('button', { name: 'Next →' }).click();
    await expect(sql.pageInfo).toHaveText('Rows 51–100 of 1,000+');
    await expect(sql.result.getByRole('cell', { name: '51', exact: true })).toBeVisible();
  });

  test('EXPLAIN shows a scan; CREATE INDEX turns it into a search, and the knobs see it', async ({
    page,
    lessonPage,
  }) => {
    const sql = new SqlConsolePanel(page);
    await lessonPage.goto('indexes');
    await lessonPage.waitForLab();
    await sql.open();
    await sql.example("Plan: a user's orders").click();
    await sql.runButton.click();
    await expect(sql.plan).toContainText('SCAN orders');

    await sql.run('CREATE INDEX idx_order_user_id ON orders(user_id)');
    await expect(sql.result).toContainText(/Created idx_order_user_id on orders in [\d.]+ (ms|s)/);
    await sql.example("Plan: a user's orders").click();
    await sql.runButton.click();
    await expect(sql.plan).toContainText('SEARCH orders USING INDEX idx_order_user_id (user_id=?)');

    // The knob panel reads index presence from sqlite_master: it now shows the console's index.
    await lessonPage.knobsTab.click();
    await expect(lessonPage.labPanel.getByRole('switch', { name: /Index orders by user/ })).toBeChecked();
    await expect(lessonPage.labPanel.getByTestId('index-idx_order_user_id-state')).toHaveText(/^Built in \d+ ms$/);

    await sql.open();
    await sql.run('DROP INDEX idx_order_user_id');
    await expect(sql.result).toContainText('Dropped idx_order_user_id');
    await lessonPage.knobsTab.click();
    await expect(lessonPage.labPanel.getByRole('switch', { name: /Index orders by user/ })).not.toBeChecked();
  });

  test('underlines and refuses a write hidden behind WITH', async ({ page, lessonPage }) => {
    const sql = new SqlConsolePanel(page);
    await lessonPage.goto('indexes');
    await lessonPage.waitForLab();
    await sql.open();
    await sql.write('WITH doomed AS (SELECT id FROM orders) DELETE FROM orders WHERE id IN (SELECT id FROM doomed)');
    // The same guard runs in the browser as you type: a marker before anything is sent.
    await expect(sql.editor.locator('.squiggly-warning')).toHaveCount(1);
    await expect(page.getByTestId('sql-preview')).toContainText('Will be refused: WITH … DELETE writes to data');
    await sql.runButton.click();
    await expect(sql.error).toContainText('Refused: WITH … DELETE writes to data');
    await sql.run('SELECT count(*) AS n FROM orders');
    await expect(sql.result.getByRole('cell', { name: '100000' })).toBeVisible();
  });

  test('stops a runaway query after 2 s while the API keeps answering', async ({ page, lessonPage }) => {
    const sql = new SqlConsolePanel(page);
    await lessonPage.goto('indexes');
    await lessonPage.waitForLab();
    await sql.open();
    await sql.example('A runaway query').click();
    const started = Date.now();
    await sql.runButton.click();
    await expect(sql.runButton).toHaveText('Running…');
    const api = await page.request.get('/api/v1/products/1');
    expect(api.status()).toBe(200);
    expect(Date.now() - started).toBeLessThan(1900);
    await expect(sql.error).toContainText('Stopped after 2 s', { timeout: 10_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    await sql.run('SELECT 42 AS answer');
    await expect(sql.result.getByRole('cell', { name: '42' })).toBeVisible();
  });
});

test.describe('request scratchpad and source view', () => {
  test('sends the request under the cursor and explains the headers', async ({ page, lessonPage }) => {
    const pad = new ScratchpadPanel(page);
    await lessonPage.goto('indexes');
    await lessonPage.waitForLab();
    await pad.open();
    await pad.write('### one product\nGET /products/1\n');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(pad.status).toHaveText('200');
    await expect(pad.response.locator('[data-header="server-timing"]')).toContainText(
      'Where the server spent its time',
    );
    await expect(pad.response.locator('[data-header="x-cache"]')).toContainText('BYPASS');
    // The body opens in a read-only JSON editor (Monaco's JSON worker, served locally).
    await expect(pad.response.getByTestId('scratchpad-body').locator('.view-lines')).toContainText('"sku"');

    // A broken body is underlined, and the request cannot be sent until it is fixed.
    await pad.write('POST /products\n\n{ "sku": "x", }');
    await expect(pad.editor.locator('.squiggly-error')).toHaveCount(1);
    await expect(pad.sendButton).toBeDisabled();
  });

  test('shows the source of the code that serves the lesson', async ({ lessonPage }) => {
    await lessonPage.goto('pagination');
    await lessonPage.waitForLab();
    const panel = lessonPage.labPanel;
    await panel.getByRole('tab', { name: 'Code' }).click();
    await expect(panel.getByTestId('source-picker')).toHaveValue('lib/api/list-modes.ts');
    await panel.getByTestId('source-picker').selectOption('lib/api/cursor.ts');
    await expect(panel.getByTestId('source-editor').locator('.view-lines')).toContainText('export interface CursorKey');
  });
});
