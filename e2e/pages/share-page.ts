import { expect, type Locator, type Page } from '@playwright/test';

/** /share?e=…: a shared experiment, what it would change, and the button that applies it. */
export class SharePage {
  readonly root: Locator;
  readonly knobs: Locator;
  readonly changes: Locator;
  readonly apply: Locator;
  readonly applied: Locator;
  readonly invalid: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('share-page');
    this.knobs = page.getByTestId('share-knobs');
    this.changes = page.getByTestId('share-changes');
    this.apply = page.getByTestId('share-apply-button');
    this.applied = page.getByTestId('share-applied');
    this.invalid = page.getByTestId('share-invalid');
  }

  async goto(url: string) {
    await this.page.goto(url);
  }

  /** The opener's sandbox is known and their current knobs are read. */
  async waitReady() {
    await expect(this.root).toBeVisible();
    await expect(this.apply).toBeEnabled();
  }
}
