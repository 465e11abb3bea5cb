import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests drive the real app (`node scripts/start.mjs`) in Debian's Chromium, so
 * nothing is downloaded: `npx playwright install` is never needed.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
// 127.0.0.1, not localhost: the e2e server binds IPv4 loopback only and localhost may resolve to ::1.
const baseURL = `http://127.0.0.1:${port}`;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // Two cores: the app, its lab worker and the browser already compete for them.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'node scripts/start.mjs',
    // /api/lab/health answers 503 until the lab worker is ready; Playwright only accepts
    // 2xx, 3xx and 400-403 as "up", so it keeps polling until the lab itself can serve.
    url: `${baseURL}/api/lab/health`,
    // scripts/test.mjs sets E2E_FRESH_SERVER so a stale server on the port fails the run instead of being tested.
    reuseExistingServer: !process.env.CI && !process.env.E2E_FRESH_SERVER,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      SCALE_LAB_DATA_DIR: '.e2e-data',
      SCALE_LAB_SCALE: '0.1',
      NEXT_TELEMETRY_DISABLED: '1',
      // Workshop mode on, so the instructor spec can sign in.
      SCALE_LAB_INSTRUCTOR_TOKEN: 'e2e-instructor-token',
    },
  },
});
