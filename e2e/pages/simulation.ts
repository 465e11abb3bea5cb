import { expect, type Locator, type Page } from '@playwright/test';

/** One `<LoadBalancerSim id="…"/>` widget in a lesson: its controls, its results and its history. */
export class LoadBalancerSimWidget {
  readonly root: Locator;
  readonly instances: Locator;
  readonly simulate: Locator;
  readonly results: Locator;
  readonly p95: Locator;
  readonly source: Locator;
  readonly history: Locator;

  constructor(
    readonly page: Page,
    readonly id: string,
  ) {
    this.root = page.getByTestId(`sim-${id}`);
    this.instances = this.root.getByLabel('Instances');
    this.simulate = this.root.getByRole('button', { name: 'Simulate', exact: true });
    this.results = this.root.getByTestId(`${id}-results`);
    this.p95 = this.root.getByTestId(`${id}-p95`);
    this.source = this.root.getByTestId('sim-source');
    this.history = this.root.getByTestId(`${id}-history`);
  }

  /** Simulates with `n` instances and returns the p95 it shows, in ms. */
  async simulateWith(n: number): Promise<number> {
    await this.instances.fill(String(n));
    const answered = this.page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/lab/sim' && r.request().method() === 'POST',
    );
    await this.simulate.click();
    expect((await answered).status()).toBe(200);
    await expect(this.simulate).toBeEnabled();
    await expect(this.results).toBeVisible();
    const ms = Number(await this.p95.getAttribute('data-ms'));
    expect(ms).toBeGreaterThan(0);
    return ms;
  }
}

/** `<StatelessDemo/>`: one login, then requests through a balancer, three ways. */
export class StatelessDemoWidget {
  readonly root: Locator;
  readonly send: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('stateless-demo');
    this.send = this.root.getByRole('button', { name: /Send the requests|Send them again/ });
  }

  kept(mode: 'session' | 'sticky-session' | 'token'): Locator {
    return this.root.getByTestId(`login-${mode}-kept`);
  }
}
