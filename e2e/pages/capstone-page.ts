import { expect, type Locator, type Page } from '@playwright/test';
import { RunPanel } from './run-panel';

/** The capstone lesson: reset, "show me", the spike run as the lesson presets it, its check and its summary. */
export class CapstonePage {
  readonly run: RunPanel;
  readonly resetButton: Locator;
  readonly showMeButton: Locator;
  readonly labStatus: Locator;
  readonly survive: Locator;
  readonly baseline: Locator;
  readonly summary: Locator;
  readonly spike: Locator;

  constructor(readonly page: Page) {
    this.run = new RunPanel(page);
    const lab = page.getByRole('complementary', { name: 'Lab for this lesson' }).first();
    this.resetButton = lab.getByRole('button', { name: 'Reset this lesson' });
    this.showMeButton = lab.getByRole('button', { name: 'Show me (apply the solution)' });
    this.labStatus = lab.getByRole('status');
    this.survive = page.getByTestId('check-survive-the-spike');
    this.baseline = page.getByTestId('check-baseline-spike');
    this.summary = page.getByTestId('what-mattered');
    this.spike = page.getByTestId('lab-panel').getByTestId('run-spike');
  }

  async goto() {
    await this.page.goto('/lessons/capstone-survive-the-spike');
  }

  /** Fresh sandbox, everything off (the lesson's preset). */
  async resetLesson() {
    this.page.once('dialog', (d) => void d.accept());
    await this.resetButton.click();
    await expect(this.labStatus).toContainText('Fresh start', { timeout: 30_000 });
  }

  async showMe() {
    await this.showMeButton.click();
    await expect(this.labStatus).toContainText('Solution applied', { timeout: 30_000 });
  }

  /** Runs the preset spike as the lesson sets it (20 s, then up to its 2 s timeout) and waits for the summary. */
  async runSpike() {
    await this.run.open();
    await expect(this.spike).toContainText('×10');
    await this.run.run.click();
    await expect(this.run.progress).toBeVisible();
    await expect(this.run.status).toHaveText('Completed', { timeout: 40_000 });
  }
}
