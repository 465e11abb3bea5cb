import { test, expect } from './fixtures';
import { WorkshopPage } from './pages/workshop-page';
import { RunPanel } from './pages/run-panel';

const TOKEN = 'e2e-instructor-token';

test.describe('workshop: an instructor and two learners', () => {
  test('the instructor sees both learners, pauses load, puts a run on the projector, broadcasts a lesson and resets one learner only', async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const workshop = new WorkshopPage(page);
    await workshop.signIn(TOKEN);
    const code = await workshop.joinCode();
    expect(code).toMatch(/^[A-Z2-9]{6}$/);

    const join = async (nickname: string) => {
      const context = await browser.newContext();
      const learner = await context.newPage();
      await learner.goto(`/join?code=${code}`);
      await learner.getByLabel(/Your nickname/).fill(nickname);
      await learner.getByRole('button', { name: 'Join' }).click();
      await expect(learner).toHaveURL(/\/lessons\//);
      await expect(learner.getByTestId('lab-state')).toHaveText('API running');
      return { context, page: learner };
    };
    const ada = await join('ada');
    const bob = await join('bob');

    // Both appear, with the lesson they are on.
    await expect(workshop.learner('ada')).toBeVisible();
    await expect(workshop.learner('bob')).toBeVisible();

    // Pause: every learner's page says so (pushed by the room stream), and a Run is refused with the reason.
    await page.getByRole('button', { name: 'Pause all load' }).click();
    await expect(page.getByTestId('paused')).toBeVisible();
    await expect(bob.page.getByTestId('room-paused')).toBeVisible();
    const adaRun = new RunPanel(ada.page);
    await adaRun.open();
    await adaRun.duration.fill('2');
    await adaRun.run.click();
    await expect(ada.page.getByTestId('run-problem')).toContainText('paused');
    await page.getByRole('button', { name: 'Resume load' }).click();
    await expect(bob.page.getByTestId('room-paused')).toBeHidden();

    // Projector: the instructor puts ada's live run on the room's screen, which follows it.
    await adaRun.duration.fill('60');
    await adaRun.run.click();
    const adaRow = workshop.learner('ada');
    await adaRow.getByRole('button', { name: "Show ada's run on the projector" }).click();
    await expect(adaRow.getByTestId('on-projector')).toHaveText('On projector');
    await expect(page.getByTestId('projector-choice')).toContainText("Showing ada's run");
    const screen = await page.context().newPage();
    await screen.goto('/workshop/projector');
    // Ada's run, not just some run: the screen names whose run the choice carries.
    await expect(screen.getByTestId('projector').getByRole('heading', { level: 1 })).toContainText("ada's run");
    await screen.close();
    await ada.page.getByTestId('lab-panel').getByTestId('run-stop').click();
    await page.getByRole('button', { name: 'Clear projector' }).click();
    await expect(page.getByTestId('projector-choice')).toContainText('Nothing on the projector');

    // Broadcast: the other learner sees a banner pointing at the lesson.
    await page.getByLabel('Lesson to broadcast').selectOption('indexes');
    await page.getByRole('button', { name: 'Broadcast' }).click();
    const banner = bob.page.getByTestId('broadcast-banner');
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await expect(banner.getByRole('link')).toHaveAttribute('href', '/lessons/indexes');

    // Reset ada only: her change is gone, bob's stays.
    for (const who of [ada, bob]) {
      const res = await who.page.request.patch('/api/v1/products/1', { data: { name: `Changed by a learner` } });
      expect(res.status()).toBe(200);
    }
    await page.getByRole('button', { name: "Reset ada's sandbox" }).click();
    await expect
      .poll(async () => (await (await ada.page.request.get('/api/v1/products/1')).json()).name)
      .not.toBe('Changed by a learner');
    expect((await (await bob.page.request.get('/api/v1/products/1')).json()).name).toBe('Changed by a learner');

    await ada.context.close();
    await bob.context.close();
  });

  test('at 390 px the broadcast controls stay inside their panel', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await new WorkshopPage(page).signIn(TOKEN);
    const panel = page.locator('section[aria-labelledby="dash-broadcast"] .panel__body');
    const body = (await panel.boundingBox())!;
    const padding = await panel.evaluate((el) => parseFloat(getComputedStyle(el).paddingRight));
    for (const control of [page.getByLabel('Lesson to broadcast'), page.getByLabel('Broadcast message')]) {
      const box = (await control.boundingBox())!;
      // Inside the panel's padding, not touching its edge.
      expect(box.x + box.width).toBeLessThanOrEqual(body.x + body.width - padding + 0.5);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    );
  });

  test('without signing in, the workshop API exposes nothing', async ({ page }) => {
    const res = await page.request.get('/api/workshop/overview');
    expect(res.status()).toBe(401);
    expect(res.headers()['content-type']).toBe('application/problem+json');
  });
});
