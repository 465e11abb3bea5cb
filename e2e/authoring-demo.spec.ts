import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { test, expect } from './fixtures';
import { RunPanel } from './pages/run-panel';

/**
 * The lesson in e2e/fixtures/lessons/99-demo-lesson was written by following
 * docs/guides/add-a-lesson.md alone. This spec serves it the way the guide says, with
 * SCALE_LAB_EXTRA_LESSONS_DIR, on a second server from the same build (port E2E_PORT + 1, its
 * own data directory), so the course that every other spec sees is untouched.
 */
const port = Number(process.env.E2E_PORT ?? 3100) + 1;
const demoURL = `http://127.0.0.1:${port}`;
let server: ChildProcess | undefined;

async function waitForHealth(deadlineMs: number): Promise<void> {
  let last = 'no answer';
  while (Date.now() < deadlineMs) {
    if (server?.exitCode !== null && server?.exitCode !== undefined)
      throw new Error(`the demo server exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${demoURL}/api/lab/health`);
      if (res.ok) return;
      last = `status ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the demo server did not become healthy (${last})`);
}

test.describe('a lesson added by following the guide', () => {
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // scripts/start.mjs reuses the build the main web server made and seeds the demo's data directory.
    server = spawn(process.execPath, [path.join('scripts', 'start.mjs')], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        SCALE_LAB_DATA_DIR: '.e2e-data-demo',
        SCALE_LAB_SCALE: '0.1',
        SCALE_LAB_REBUILD: '',
        SCALE_LAB_EXTRA_LESSONS_DIR: 'e2e/fixtures/lessons',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: 'ignore',
      detached: true,
    });
    await waitForHealth(Date.now() + 170_000);
  });

  test.afterAll(() => {
    // start.mjs runs `next start` as its child: end the group this spec started, by its id.
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  });

  test.use({ baseURL: demoURL });

  test('is on the course map, renders, and its knob, run, check, prediction and quiz work', async ({
    page,
    homePage,
    lessonPage,
  }) => {
    test.setTimeout(120_000);
    await homePage.goto();
    await homePage.openLesson('Demo lesson');
    await expect(page).toHaveURL(/\/lessons\/demo-lesson$/);
    await expect(lessonPage.title).toHaveText('Demo lesson');
    await lessonPage.waitForLab();
    // The lesson shows only the knob group it names.
    await expect(lessonPage.labPanel.getByRole('heading', { name: 'App cache' })).toBeVisible();
    await expect(lessonPage.labPanel.getByRole('heading', { name: 'Rate limiter' })).toHaveCount(0);
    // Its link to a course lesson resolves (the checker checked it; the page proves it).
    await expect(page.getByRole('link', { name: 'the caching lesson' })).toHaveAttribute(
      'href',
      '/lessons/caching-in-layers',
    );

    const prediction = page.getByTestId('prediction-demo-guess');
    await prediction.getByLabel('None').check();
    await prediction.getByRole('button', { name: 'Commit my prediction' }).click();
    await expect(prediction).toContainText('You predicted: None');

    const check = page.getByTestId('check-cached-run');
    await expect(check).toHaveAttribute('data-passed', 'false');
    const cacheSwitch = lessonPage.labPanel.getByRole('switch', { name: /Cache product and user reads in memory/ });
    await cacheSwitch.click();
    await expect(cacheSwitch).toBeChecked();

    const run = new RunPanel(page);
    await run.open();
    await run.runFor(3);
    await expect(check).toHaveAttribute('data-passed', 'true', { timeout: 20_000 });
    await expect(page.getByTestId('prediction-demo-guess-measured')).toBeVisible();

    const quiz = page.getByTestId('quiz-demo-why');
    await quiz.getByLabel('Repeated reads are answered from memory').check();
    // Choosing only selects; Check answer submits, and the server grades it from the MDX.
    await quiz.getByRole('button', { name: 'Check answer' }).click();
    await expect(page.getByTestId('quiz-demo-why-feedback')).toContainText('Right. A hit skips the database entirely.');
  });

  // Not /lessons/demo-lesson on the main server: both servers share .next, where Next keeps the
  // page it rendered on demand. The course map is rendered per request, so it tells the truth.
  test('the course served without the setting does not list it; an unknown slug is still a 404', async ({
    page,
    request,
  }) => {
    const main = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
    await page.goto(`${main}/`);
    await expect(page.getByRole('heading', { name: 'The core course' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: /^Demo lesson\b/ })).toHaveCount(0);
    await page.goto(`${demoURL}/`);
    await expect(page.getByRole('main').getByRole('link', { name: /^Demo lesson\b/ })).toHaveCount(1);
    expect((await request.get(`${demoURL}/lessons/no-such-lesson`)).status()).toBe(404);
  });
});
