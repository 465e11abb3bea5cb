import { expect, type Locator, type Page } from '@playwright/test';

/** The instructor's dashboard at /workshop. */
export class WorkshopPage {
  readonly dashboard: Locator;
  readonly learners: Locator;

  constructor(readonly page: Page) {
    this.dashboard = page.getByTestId('workshop-dashboard');
    this.learners = page.getByTestId('learner-table');
  }

  async signIn(token: string) {
    await this.page.goto('/workshop');
    await this.page.getByLabel(/Instructor token/).fill(token);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.dashboard).toBeVisible();
  }

  async joinCode(): Promise<string> {
    const text = await this.dashboard.locator('.room-card__code').first().textContent();
    return (text ?? '').trim();
  }

  learner(nickname: string): Locator {
    return this.page.getByTestId(`learner-${nickname}`);
  }
}
