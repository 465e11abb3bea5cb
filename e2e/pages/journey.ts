import { expect, type Locator, type Page } from '@playwright/test';
import { LessonPage } from './lesson-page';
import { RunPanel } from './run-panel';
import type { KnobSettings } from '../../lib/knobs/schema';

type SettingsBody = { settings: KnobSettings };

/**
 * One learner walking the course (e2e/journey.spec.ts): what they do on every lesson page,
 * said once. Every step waits for a state the page shows (a checked radio, a status line,
 * data-passed), never for a number of milliseconds.
 */
export class Journey {
  readonly lesson: LessonPage;
  readonly run: RunPanel;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.lesson = new LessonPage(page);
    this.run = new RunPanel(page);
    this.panel = page.getByTestId('lab-panel');
  }

  check(id: string): Locator {
    return this.page.getByTestId(`check-${id}`);
  }

  async expectPassed(...ids: string[]) {
    // The verdict comes with the run's end event, with the summary; 5 s is generous.
    for (const id of ids)
      await expect(this.check(id), `check ${id}`).toHaveAttribute('data-passed', 'true', { timeout: 5_000 });
  }

  async expectNotPassed(...ids: string[]) {
    for (const id of ids) await expect(this.check(id), `check ${id}`).toHaveAttribute('data-passed', 'false');
  }

  /** The ids of every check this lesson's page shows. */
  async checkIds(): Promise<string[]> {
    const ids = await this.page
      .locator('[data-testid^="check-"][data-passed]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('check-'.length)));
    return [...new Set(ids)];
  }

  /**
   * Opens the lesson as the learner would, in order. Earlier lessons' runs exist by now, and
   * many would match this lesson's checks on endpoint and knobs alone: none may tick any of them.
   */
  async visit(slug: string, expectedChecks: string[]) {
    await this.lesson.goto(slug);
    await this.lesson.waitForLab();
    // The checks are a lazy island: wait for them to render rather than reading them at once.
    await expect.poll(async () => (await this.checkIds()).sort()).toEqual([...expectedChecks].sort());
    await this.expectNotPassed(...expectedChecks);
  }

  /**
   * Commits the lesson's first prediction (the first option: predictions are never graded).
   * Nothing was run in this lesson after the guess, so nothing may be revealed as measured,
   * however many runs other lessons have.
   */
  async predict(): Promise<Locator> {
    const prediction = this.page.locator('section[data-testid^="prediction-"]').first();
    const id = await prediction.getAttribute('data-testid');
    const option = prediction.getByRole('radio').first();
    // On screen first, as a reader would see it: innerText reads rendered text only.
    await option.scrollIntoViewIfNeeded();
    await expect(option.locator('xpath=..')).not.toHaveText('', { useInnerText: true });
    const choice = (await option.locator('xpath=..').innerText()).trim();
    await option.check();
    await prediction.getByRole('button', { name: 'Commit my prediction' }).click();
    await expect(prediction).toContainText(`You predicted: ${choice}`);
    await expect(this.page.getByTestId(`${id}-measured`)).toHaveCount(0);
    return prediction;
  }

  /** Answers the lesson's first quiz with "Check answer"; the explanation comes back from the server. */
  async answerQuiz() {
    const quiz = this.page.locator('section[data-testid^="quiz-"]').first();
    const id = await quiz.getAttribute('data-testid');
    await quiz.getByRole('radio').first().check();
    await quiz.getByRole('button', { name: 'Check answer' }).click();
    await expect(this.page.getByTestId(`${id}-feedback`)).toContainText(/Right\.|Not quite\./);
  }

  /** "Show me (apply the solution)", and waits for the server to have applied it. */
  async showMe() {
    const lab = this.page
      .getByRole('complementary', { name: 'Lab for this lesson' })
      .filter({ has: this.page.getByRole('button', { name: 'Show me (apply the solution)' }) })
      .first();
    await lab.getByRole('button', { name: 'Show me (apply the solution)' }).click();
    await expect(lab.getByRole('status')).toContainText('Solution applied', { timeout: 30_000 });
  }

  /** A knob in the lab panel (a switch or a radio), clicked and then seen checked: the control follows the server. */
  async knob(name: string | RegExp, role: 'switch' | 'radio' = 'radio', checked = true) {
    await this.lesson.knobsTab.click();
    const control = this.panel.getByRole(role, { name, exact: typeof name === 'string' ? true : undefined });
    await control.click();
    await expect(control).toBeChecked({ checked });
    await expect(control).toBeEnabled();
  }

  /**
   * A number knob (it commits on Enter), then the sandbox's settings read back until the server
   * holds the value: a run started before that would record the old knobs.
   */
  async numberKnob(label: string, value: number, applied: (settings: KnobSettings) => boolean) {
    await this.lesson.knobsTab.click();
    const field = this.panel.getByLabel(label, { exact: true });
    await field.fill(String(value));
    await field.press('Enter');
    await expect
      .poll(async () =>
        applied(((await (await this.page.request.get('/api/lab/settings')).json()) as SettingsBody).settings),
      )
      .toBe(true);
  }

  /** The Load tab, ready to start. */
  async load() {
    await this.run.open();
  }

  async endpoint(endpoint: string) {
    await this.panel.getByTestId('mix-endpoint-0').selectOption(endpoint);
  }

  async removeFirstEndpoint() {
    const endpoints = this.panel.locator('[data-testid^="mix-endpoint-"]');
    const before = await endpoints.count();
    await this.panel
      .getByRole('button', { name: /^Remove / })
      .first()
      .click();
    await expect(endpoints).toHaveCount(before - 1);
  }

  /** The Load tab's "Traffic shape" disclosure (ids, clients, target), opened if closed. */
  async trafficShape() {
    const details = this.panel.locator('details.run-details');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await expect(details).toHaveAttribute('open', '');
  }

  async zipfSkew(skew: number) {
    await this.trafficShape();
    await this.panel.getByLabel('Zipf skew').fill(String(skew));
  }

  async distribution(label: 'Uniform' | 'Zipf' | 'Hot set') {
    await this.trafficShape();
    await this.panel.getByRole('radio', { name: label, exact: true }).check();
  }

  async abusive(on: boolean) {
    await this.trafficShape();
    const sw = this.panel.getByRole('switch', { name: /One abusive client/ });
    if ((await sw.isChecked()) !== on) await sw.click();
    await expect(sw).toBeChecked({ checked: on });
  }
}
