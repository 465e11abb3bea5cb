import { expect, type Locator, type Page } from '@playwright/test';

/** The lab panel's Load tab: a workload form, live charts and a summary. */
export class RunPanel {
  readonly tab: Locator;
  readonly duration: Locator;
  readonly rate: Locator;
  readonly run: Locator;
  readonly liveCharts: Locator;
  readonly latencyChart: Locator;
  readonly progress: Locator;
  readonly summary: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    const panel = page.getByTestId('lab-panel');
    this.tab = panel.getByRole('tab', { name: 'Load' });
    this.duration = panel.getByLabel('Duration in seconds');
    this.rate = panel.getByLabel('Requests per second');
    this.run = panel.getByTestId('run-start');
    this.liveCharts = panel.getByTestId('run-live-charts');
    this.latencyChart = panel.getByTestId('chart-latency');
    this.progress = panel.getByTestId('run-progress');
    this.summary = panel.getByTestId('run-summary');
    this.status = panel.getByTestId('run-status');
  }

  async open() {
    // At phone width the lab is a drawer behind the "Open lab" control: open it first.
    const openLab = this.page.getByTestId('open-lab');
    if (await openLab.isVisible()) await openLab.click();
    await this.tab.click();
    await expect(this.run).toBeEnabled();
  }

  /** Starts the preset workload, shortened to `seconds` (and at `rate` if given), and waits for its summary. */
  async runFor(seconds: number, rate?: number) {
    await this.page.getByTestId('lab-panel').getByLabel('Fixed rate (open)').check();
    await this.duration.fill(String(seconds));
    if (rate !== undefined) await this.rate.fill(String(rate));
    await this.startAndWait(seconds);
  }

  /**
   * Presses Run and waits for that run's own summary to say Completed. Keyed by the run id the
   * server answered with: a short run can end before a look at its progress bar, and the previous
   * run's summary also says Completed.
   */
  private async startAndWait(seconds: number) {
    const started = this.page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/lab/runs' && r.status() === 201,
    );
    await this.run.click();
    const { run } = (await (await started).json()) as { run: { id: string } };
    const summary = this.page.getByTestId('lab-panel').locator(`[data-testid="run-summary"][data-run-id="${run.id}"]`);
    await expect(summary.getByTestId('run-status')).toHaveText('Completed', { timeout: (seconds + 20) * 1000 });
  }

  /** The same workload as `users` virtual users in a closed loop with no think time. */
  async runUsersFor(seconds: number, users: number) {
    const panel = this.page.getByTestId('lab-panel');
    await panel.getByLabel('Users in a loop (closed)').check();
    await this.duration.fill(String(seconds));
    await panel.getByLabel('Number of virtual users').fill(String(users));
    await panel.getByLabel('Think time in milliseconds').fill('0');
    await this.startAndWait(seconds);
  }
}
