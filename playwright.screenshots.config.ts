import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run screenshots`: pictures of every page for people to review, outside the test count.
 * Not pixel comparisons: the pages show live measurements (timings, plan costs, run counts),
 * Chromium and font rasterisation differ between this machine and CI, and every lesson edit
 * would move a baseline, so approving new baselines would become a reflex rather than a check.
 * Each step still waits for the state it pictures, so a broken page stops the script.
 */
export default defineConfig({
  ...base,
  testMatch: '**/*.shots.ts',
  outputDir: './test-results/screenshots-run',
});
