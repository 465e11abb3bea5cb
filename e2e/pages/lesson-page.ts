import { expect, type Locator, type Page } from '@playwright/test';

/** A lesson: prose on the left, the learner's lab panel on the right. */
export class LessonPage {
  readonly title: Locator;
  readonly labPanel: Locator;
  readonly sandboxId: Locator;
  readonly labState: Locator;
  readonly knobsTab: Locator;
  readonly requestTab: Locator;
  readonly pathInput: Locator;
  readonly sendButton: Locator;
  readonly status: Locator;
  readonly dbTime: Locator;
  readonly body: Locator;
  /** The lesson-start line (first visit) and banner (sandbox differs), and knobs outside the lesson's groups. */
  readonly startLine: Locator;
  readonly startBanner: Locator;
  readonly otherKnobs: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole('heading', { level: 1 });
    this.labPanel = page.getByTestId('lab-panel');
    this.sandboxId = this.labPanel.getByTestId('sandbox-id');
    this.labState = this.labPanel.getByTestId('lab-state');
    this.knobsTab = this.labPanel.getByRole('tab', { name: 'Knobs & plan' });
    this.requestTab = this.labPanel.getByRole('tab', { name: 'Request' });
    this.pathInput = this.labPanel.getByLabel('Path');
    this.sendButton = this.labPanel.getByRole('button', { name: 'Send', exact: true });
    this.status = this.labPanel.getByTestId('api-status');
    this.dbTime = this.labPanel.getByTestId('api-db-time');
    this.body = this.labPanel.getByTestId('api-body');
    this.startLine = this.labPanel.getByTestId('lesson-start-applied');
    this.startBanner = this.labPanel.getByTestId('lesson-start-banner');
    this.otherKnobs = this.labPanel.getByTestId('knobs-elsewhere');
  }

  /**
   * At phone width: opens the lab drawer (nothing on wide screens, where the button is hidden).
   * A tap before the page has hydrated does nothing, as for a learner: tap again until it is open.
   */
  async openDrawer() {
    const openLab = this.page.getByTestId('open-lab');
    if (!(await openLab.isVisible())) return;
    await expect(async () => {
      if (await openLab.isVisible()) await openLab.click({ timeout: 2_000 });
      await expect(this.page.locator('#lab-dock')).toHaveAttribute('data-open', 'true', { timeout: 1_000 });
    }).toPass();
  }

  async goto(slug: string) {
    await this.page.goto(`/lessons/${slug}`);
  }

  /**
   * The panel has claimed a sandbox, the lab server says it is up, and the lesson's start is
   * settled. At phone width the lab is a drawer that loads when it first opens: opened first.
   */
  async waitForLab() {
    await this.openDrawer();
    await expect(this.labState).toHaveText('API running');
    await expect(this.sandboxId).toHaveText(/^sandbox \w+/);
    await expect(this.labPanel).toHaveAttribute('aria-busy', 'false');
  }

  /** Switches the panel to its request form (the knobs are the default tab). */
  async openRequestTab() {
    await this.requestTab.click();
    await expect(this.requestTab).toHaveAttribute('aria-selected', 'true');
    await expect(this.sendButton).toBeEnabled();
  }

  /** Sends a GET to `/api/v1<path>` from the panel and waits for the response view. */
  async send(path: string) {
    await this.openRequestTab();
    await this.pathInput.fill(path);
    await this.sendButton.click();
    await expect(this.status).toBeVisible();
  }
}
