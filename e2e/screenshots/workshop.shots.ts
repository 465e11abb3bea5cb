import { test, expect } from '../fixtures';
import { WorkshopPage } from '../pages/workshop-page';
import { RunPanel } from '../pages/run-panel';
import { shoot } from './shot';

/**
 * The instructor's dashboard and the room's projector as a workshop sees them: a learner with a
 * live run on the projector, at phone and desktop width, light and dark (`npm run screenshots`).
 */
test('workshop dashboard and projector, 390 and 1440 px, light and dark', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const workshop = new WorkshopPage(page);
  await workshop.signIn('e2e-instructor-token');
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  await learner.goto(`/join?code=${await workshop.joinCode()}`);
  await learner.getByLabel(/Your nickname/).fill('grace');
  await learner.getByRole('button', { name: 'Join' }).click();
  await expect(learner.getByTestId('lab-state')).toHaveText('API running');
  const run = new RunPanel(learner);
  await run.open();
  await run.duration.fill('60');
  await run.run.click();
  const row = workshop.learner('grace');
  await row.getByRole('button', { name: "Show grace's run on the projector" }).click();
  await expect(row.getByTestId('on-projector')).toBeVisible();
  await expect(row.getByTestId('learner-run')).toContainText('p95');

  const screen = await page.context().newPage();
  await screen.goto('/workshop/projector');
  await expect(screen.getByTestId('projector')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [390, 1440]) {
      for (const p of [page, screen]) {
        await p.emulateMedia({ colorScheme: scheme });
        await p.setViewportSize({ width, height: 900 });
      }
      await expect(row.getByTestId('learner-run')).toContainText('p95');
      await shoot(page, `workshop-dashboard-${width}-${scheme}`);
      // Wait for a few live seconds on the charts before the picture.
      await expect(screen.getByTestId('projector').locator('.run-chart').first()).toBeVisible();
      await shoot(screen, `workshop-projector-${width}-${scheme}`);
    }
  }
  await learner.getByTestId('lab-panel').getByTestId('run-stop').click();
  await learnerContext.close();
});
