import { test, expect } from './fixtures';

test.describe('knobs: the learner changes the real API', () => {
  test('switching on idx_order_user_id turns the plan from SCAN into SEARCH', async ({ lessonPage }) => {
    await lessonPage.goto('indexes');
    await lessonPage.waitForLab();
    const plan = lessonPage.labPanel.getByTestId('explain-plan');
    await expect(plan).toContainText('SCAN orders');
    await expect(plan).not.toContainText('idx_order_user_id');

    await lessonPage.labPanel.getByRole('switch', { name: /Index orders by user/ }).click();
    await expect(lessonPage.labPanel.getByTestId('index-idx_order_user_id-state')).toHaveText(/^Built in \d+ ms$/);
    await expect(plan).toContainText('SEARCH orders USING INDEX idx_order_user_id (user_id=?)');

    // And back: DROP INDEX restores the scan.
    await lessonPage.labPanel.getByRole('switch', { name: /Index orders by user/ }).click();
    await expect(plan).not.toContainText('idx_order_user_id');
  });
});
