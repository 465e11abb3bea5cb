import { test, expect } from '../fixtures';
import { SqlConsolePanel } from '../pages/editor-tools';
import { shoot } from './shot';

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
      await shoot(page, `lesson-sql-${scheme}`, false);
    });
  });
}
