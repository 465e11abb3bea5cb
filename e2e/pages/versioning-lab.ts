import { expect, type Locator, type Page } from '@playwright/test';
import { LessonPage } from './lesson-page';

/** Lesson 13's request form: the same path sent to /api/v1 or /api/v2, and the headers that came back. */
export class VersioningLab extends LessonPage {
  readonly versionSelect: Locator;
  readonly responseHeaders: Locator;

  constructor(page: Page) {
    super(page);
    this.versionSelect = this.labPanel.getByLabel('API version');
    this.responseHeaders = this.labPanel.getByRole('definition');
  }

  /** Picks the mount, sends a GET for `path` under it, and waits for the new response. */
  async sendTo(base: '/api/v1' | '/api/v2', path: string) {
    await this.openRequestTab();
    await this.versionSelect.selectOption(base);
    await this.pathInput.fill(path);
    const answered = this.page.waitForResponse((r) => r.url().includes(`${base}${path.split('?')[0]}`));
    await this.sendButton.click();
    await answered;
    await expect(this.status).toBeVisible();
  }

  /** The value shown for one response header (the list shows the headers a learner should read). */
  header(name: string): Locator {
    // Each name is a button that opens its explanation (data-header-tip), so match the name, not the dt's whole text.
    return this.labPanel
      .locator('dl[aria-label="Response headers"] dt', { has: this.page.locator(`[data-header-tip="${name}"]`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  async bodyJson(): Promise<{ data: Record<string, unknown>[]; pagination: Record<string, unknown> }> {
    return JSON.parse((await this.body.textContent()) ?? '{}');
  }
}
