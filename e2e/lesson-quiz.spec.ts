import { test, expect } from './fixtures';

/**
 * Issue 13, point 4: a quiz's options come in the learner's own order (the same after a
 * reload), arrow keys only move the selection, "Check answer" submits, and the feedback
 * explains the chosen option and, when it was wrong, the right one.
 */
test('a quiz is answered with Check answer, not by arrowing through it, in an order that survives a reload', async ({
  page,
  lessonPage,
}) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const answers: string[] = [];
  page.on('request', (r) => r.method() === 'PUT' && r.url().includes('/items') && answers.push(r.postData() ?? ''));

  await lessonPage.goto('indexes');
  await lessonPage.waitForLab();
  const quiz = page.getByTestId('quiz-scan-cost');
  const radios = quiz.getByRole('radio');
  await expect(radios).toHaveCount(3);
  // Read on screen, as a reader would: innerText reads rendered text only.
  const labels = async () => {
    await quiz.scrollIntoViewIfNeeded();
    await expect(quiz.locator('label.choice').first()).not.toHaveText('', { useInnerText: true });
    return quiz.locator('label.choice').allInnerTexts();
  };
  const order = await labels();

  // Arrow keys walk through every option without answering.
  await radios.first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(radios.nth(2)).toBeChecked();
  await expect(page.getByTestId('quiz-scan-cost-feedback')).toHaveCount(0);
  expect(answers).toEqual([]);

  // A wrong answer, checked: the feedback explains it and names the right one.
  const wrong = order.find((t) => !t.startsWith('Because SQLite reads every order'))!;
  await quiz.getByLabel(wrong).check();
  await quiz.getByRole('button', { name: 'Check answer' }).click();
  const feedback = page.getByTestId('quiz-scan-cost-feedback');
  await expect(feedback).toContainText('Not quite.');
  await expect(page.getByTestId('quiz-scan-cost-answer')).toContainText(
    'Because SQLite reads every order to find which ones are theirs',
  );
  expect(answers).toHaveLength(1);
  expect(JSON.parse(answers[0]!).value).not.toHaveProperty('correct');

  // The same order after a reload, with the stored verdict.
  await page.reload();
  await lessonPage.waitForLab();
  await expect(feedback).toContainText('Not quite.');
  expect(await labels()).toEqual(order);
  expect(errors).toEqual([]);
});
