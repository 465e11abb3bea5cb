import { expect, type Locator, type Page } from '@playwright/test';

/** The read-replica lesson: its knobs in the lab panel and the write-then-read probe in the prose. */
export class ReplicaLesson {
  readonly replicaSwitch: Locator;
  readonly lagField: Locator;
  readonly probe: Locator;
  readonly runButton: Locator;
  readonly ownStale: Locator;
  readonly otherStale: Locator;

  constructor(readonly page: Page) {
    const panel = page.getByTestId('lab-panel');
    this.replicaSwitch = panel.getByRole('switch', { name: /Serve reads from a replica/ });
    this.lagField = panel.getByLabel('Replica lag in milliseconds');
    this.probe = page.getByTestId('replica-probe');
    this.runButton = this.probe.getByTestId('replica-probe-run');
    this.ownStale = this.probe.getByTestId('probe-own-stale');
    this.otherStale = this.probe.getByTestId('probe-other-stale');
  }

  /** Switches the replica on with this lag; resolves when the server has made the copy. */
  async enable(lagMs: number) {
    await this.replicaSwitch.click();
    await expect(this.replicaSwitch).toBeChecked();
    await expect(this.lagField).toBeEnabled({ timeout: 30_000 });
    if ((await this.lagField.inputValue()) !== String(lagMs)) {
      await this.lagField.fill(String(lagMs));
      await this.lagField.press('Enter');
      await expect(this.lagField).toBeEnabled();
    }
    await expect(this.lagField).toHaveValue(String(lagMs));
  }

  async consistency(label: 'Eventual' | 'Read your writes') {
    const radio = this.page.getByTestId('lab-panel').getByLabel(label, { exact: true });
    // The radio shows the server's setting, so it turns checked when the PATCH answers, not on
    // the click itself: check() would fail on a slow answer, so click and wait for the state.
    await radio.click();
    await expect(radio).toBeChecked();
    await expect(radio).toBeEnabled();
  }

  /** Runs the probe and waits for a result with these settings in its "Ran with" line. */
  async run(expectSettings: RegExp) {
    const answered = this.page.waitForResponse(
      (r) => r.url().endsWith('/api/lab/replica/probe') && r.request().method() === 'POST',
      { timeout: 20_000 },
    );
    await this.runButton.click();
    expect((await answered).status()).toBe(200);
    await expect(this.runButton).toHaveText(/Run the probe/);
    await expect(this.probe.getByText(/^Ran with/).first()).toHaveText(expectSettings);
  }

  /** "n / total" -> n */
  static count(text: string | null): number {
    const m = /^(\d+) \/ (\d+)$/.exec(text ?? '');
    if (!m) throw new Error(`not a count: ${text}`);
    return Number(m[1]);
  }
}
