import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

/**
 * Where `npm run screenshots` saves its pictures: screenshots/ at the repository root (not
 * committed). These are for people to look at; the tests that can fail are the e2e specs.
 */
export const SHOTS_DIR = path.join(process.cwd(), 'screenshots');

export async function shoot(page: Page, name: string, fullPage = true): Promise<string> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  const file = path.join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
