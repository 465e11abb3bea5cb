import { expect, type Locator, type Page } from '@playwright/test';

/** Types into a Monaco editor the way a learner would: focus, select all, replace. */
async function replaceEditorText(page: Page, editor: Locator, text: string) {
  // Near the top left: the lines element is as tall as the text, so its centre may be scrolled away.
  await editor.locator('.monaco-editor').click({ position: { x: 60, y: 14 } });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // insertText is one input event, like a paste: no auto-closed brackets or quotes.
  await page.keyboard.insertText(text);
}

/** The lab panel's SQL tab: a Monaco editor over the learner's sandbox. */
export class SqlConsolePanel {
  readonly tab: Locator;
  readonly editor: Locator;
  readonly runButton: Locator;
  readonly result: Locator;
  readonly plan: Locator;
  readonly error: Locator;
  readonly rowCount: Locator;
  readonly timing: Locator;
  readonly pageInfo: Locator;

  constructor(readonly page: Page) {
    const panel = page.getByTestId('lab-panel');
    this.tab = panel.getByRole('tab', { name: 'SQL' });
    this.editor = panel.getByTestId('sql-editor');
    this.runButton = panel.getByTestId('sql-run');
    this.result = panel.getByTestId('sql-result');
    this.plan = panel.getByTestId('sql-plan');
    this.error = panel.getByTestId('sql-error');
    this.rowCount = panel.getByTestId('sql-rowcount');
    this.timing = panel.getByTestId('sql-timing');
    this.pageInfo = panel.getByTestId('sql-page');
  }

  async open() {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
    await expect(this.editor.locator('.monaco-editor')).toBeVisible();
  }

  example(label: string): Locator {
    return this.page
      .getByTestId('lab-panel')
      .getByRole('group', { name: 'Example statements' })
      .getByRole('button', { name: label, exact: true });
  }

  async write(sql: string) {
    await replaceEditorText(this.page, this.editor, sql);
  }

  /** Writes the statement and runs it with the keyboard shortcut. */
  async run(sql: string) {
    await this.write(sql);
    await this.page.keyboard.press('ControlOrMeta+Enter');
  }
}

/** The Request tab's .http scratchpad. */
export class ScratchpadPanel {
  readonly modeRadio: Locator;
  readonly editor: Locator;
  readonly sendButton: Locator;
  readonly response: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    const panel = page.getByTestId('lab-panel');
    this.modeRadio = panel.getByRole('radio', { name: 'Scratchpad (.http)' });
    this.editor = panel.getByTestId('scratchpad-editor');
    this.sendButton = panel.getByTestId('scratchpad-send');
    this.response = panel.getByTestId('scratchpad-response');
    this.status = panel.getByTestId('scratchpad-status');
  }

  async open() {
    await this.page.getByTestId('lab-panel').getByRole('tab', { name: 'Request' }).click();
    await this.modeRadio.check();
    await expect(this.editor.locator('.monaco-editor')).toBeVisible();
  }

  async write(text: string) {
    await replaceEditorText(this.page, this.editor, text);
  }
}
