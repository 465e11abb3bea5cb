import { test, expect } from './fixtures';
import { RunPanel } from './pages/run-panel';
import { LoadBalancerSimWidget, StatelessDemoWidget } from './pages/simulation';

test.describe('simulation lessons', () => {
  test('lesson 10: a real run feeds the simulation, and 4 instances show a lower p95 than 1', async ({
    page,
    lessonPage,
  }) => {
    test.setTimeout(120_000);
    await lessonPage.goto('load-balancing');
    await lessonPage.waitForLab();
    const sim = new LoadBalancerSimWidget(page, 'scale');

    // Before any run, the simulation says loudly that its service times are assumed.
    await sim.simulateWith(1);
    await expect(sim.source).toContainText('Assumed service times, not measured');

    // A short real run; then the label names it as the measured input.
    const run = new RunPanel(page);
    await run.open();
    await run.runFor(3, 20);
    await expect(page.getByTestId('check-measured-input')).toHaveAttribute('data-passed', 'true', { timeout: 20_000 });

    const one = await sim.simulateWith(1);
    await expect(sim.source).toContainText('Fed by your run');
    await expect(sim.source).toContainText('Simulation');
    const four = await sim.simulateWith(4);
    expect(four).toBeLessThan(one);
    await expect(sim.history.getByRole('row')).toHaveCount(4); // header + three simulations

    // Every chart has its table: per-instance busy time lists all four instances.
    await sim.root.getByRole('button', { name: 'Show busy time per instance as a table' }).click();
    await expect(sim.root.getByRole('region', { name: 'Busy time per instance: data' }).getByRole('row')).toHaveCount(
      5,
    );
  });

  test('lesson 10: the simulation latency charts have the log scale, shared with the run charts', async ({
    page,
    lessonPage,
  }) => {
    await lessonPage.goto('load-balancing');
    await lessonPage.waitForLab();
    const sim = new LoadBalancerSimWidget(page, 'scale');
    await sim.simulateWith(2);
    const perInstance = sim.root.getByTestId('scale-chart-instance-p95');
    const overTime = sim.root.getByTestId('scale-chart-p95-time');
    const toggle = perInstance.getByTestId('log-scale');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(perInstance.locator('.run-chart__unit')).toHaveText('ms');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(perInstance.locator('.run-chart__unit')).toHaveText('ms, log scale');
    // One preference for every latency chart: the other simulation chart flipped too.
    await expect(overTime.getByTestId('log-scale')).toHaveAttribute('aria-pressed', 'true');
    await expect(overTime.locator('.run-chart__unit')).toHaveText('ms, log scale');
    // Log ticks are powers of ten (compact labels); the other labels name the two instances.
    const text = perInstance.locator('svg text');
    await expect(text.first()).toBeAttached();
    const yTicks = (await text.allTextContents()).filter((t) => t !== '1' && t !== '2');
    expect(yTicks.length).toBeGreaterThanOrEqual(2);
    for (const t of yTicks) expect(t).toMatch(/^(0\.0*1|10*|10*k)$/);
    // The busy-time chart is a percentage, not a latency: it has no log switch.
    await expect(sim.root.getByRole('figure', { name: 'Busy time per instance' }).getByTestId('log-scale')).toHaveCount(
      0,
    );
  });

  test('lesson 10: bad input is refused with a message, not a crash', async ({ page, lessonPage }) => {
    await lessonPage.goto('load-balancing');
    await lessonPage.waitForLab();
    const sim = new LoadBalancerSimWidget(page, 'scale');
    await sim.instances.fill('17');
    await sim.simulate.click();
    await expect(sim.root.getByRole('alert')).toContainText('instances');
  });

  test('lesson 9: sessions lose the login under round robin, tokens keep it', async ({ page, lessonPage }) => {
    await lessonPage.goto('stateless-by-design');
    await lessonPage.waitForLab();
    const demo = new StatelessDemoWidget(page);
    await demo.send.click();
    await expect(demo.kept('session')).toHaveText('5 of 10 requests still logged in');
    await expect(demo.kept('token')).toHaveText('10 of 10 requests still logged in');
    await expect(demo.kept('sticky-session')).toHaveText('10 of 10 requests still logged in');
    await expect(demo.root.getByRole('listitem', { name: 'Request 1 on instance 2: 401, login lost' })).toHaveCount(1);
    // The learner's own token, decoded; its claims name the issuer, and the costs were measured.
    await expect(demo.root.getByTestId('token-view')).toContainText('"iss": "scale-lab"');
    await expect(demo.root.getByTestId('verify-median')).toHaveText(/\d+(\.\d)? (ns|µs|ms)/);
  });
});
