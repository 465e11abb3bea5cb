import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { SqlConsolePanel } from './pages/editor-tools';

/** The lesson page with the SQL tab open (a query plan and a result), in both colour schemes. */
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test('lesson page with the SQL console', async ({ page, lessonPage }) => {
      const sql = new SqlConsolePanel(page);
      await lessonPage.goto('indexes');
      await lessonPage.waitForLab();
      await sql.open();
      await sql.example("A user's orders").click();
      await sql.runButton.click();
      await expect(sql.rowCount).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      const dir = path.join(test.info().project.outputDir, 'screenshots');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `lesson-sql-${scheme}.png`);
      await page.screenshot({ path: file });
      expect(fs.statSync(file).size).toBeGreaterThan(5_000);
    });
  });
}
