import { expect, test } from '@playwright/test';
import { openTill, tillPerTest, type E2eTill } from './till.js';

let shop: E2eTill;
tillPerTest((till) => (shop = till));

test('keyboard only: a cash sale, Ctrl+D shows it in the X report, the count, cash to the bank, the reason, Close, confirm, and the Z report prints', async ({
  page,
}) => {
  await openTill(page, shop);

  // The sale: one article at 49.00, paid in cash.
  await page.keyboard.press('F2');
  await expect(page.getByRole('textbox', { name: 'Article' })).toBeFocused();
  await page.keyboard.type('1804');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Sum', { exact: true })).toHaveText('49.00');
  await page.keyboard.press('F4');
  await expect(page.getByRole('textbox', { name: 'Cash' })).toHaveValue('49.00');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Due', { exact: true })).toHaveText('0.00');
  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
  await expect.poll(() => shop.printer.documents().length).toBe(1);

  // Ctrl+D: the day, its X report with the sale; the cursor in the first count.
  await page.keyboard.press('Control+d');
  await expect(page.getByRole('heading', { level: 1, name: 'Day' })).toBeVisible();
  const x = page.getByRole('region', { name: 'X report' });
  await expect(x.getByLabel('Net', { exact: true })).toHaveText('49.00');
  await expect(x.getByLabel('Receipts', { exact: true })).toHaveText('1 (K000001–K000001)');
  await expect(x.getByLabel('Expected in the register', { exact: true })).toHaveText('49.00');
  await expect(page.getByRole('textbox', { name: 'Count of 500.00' })).toBeFocused();

  // 2 × 20.00 + 1 × 10.00 = 50.00: Enter moves down the column of counts, past the last to the bank.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Count of 20.00' })).toBeFocused();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await page.keyboard.type('1');
  const close = page.getByRole('region', { name: 'Close the day' });
  await expect(close.getByLabel('Total counted', { exact: true })).toHaveText('50.00');
  await expect(close.getByLabel('Difference', { exact: true })).toHaveText('+1.00');
  for (let i = 0; i < 10; i++) await page.keyboard.press('Enter');

  // 40.00 to the bank, with a comment; 10.00 stays.
  await expect(page.getByRole('textbox', { name: 'To the bank', exact: true })).toBeFocused();
  await page.keyboard.type('40');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'To the bank: comment' })).toBeFocused();
  await page.keyboard.type('Evening deposit');
  await expect(close.getByLabel('Remains in register', { exact: true })).toHaveText('10.00');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Reason', exact: true })).toBeFocused();
  await page.keyboard.type('A euro too much in change');
  await page.keyboard.press('Tab');
  await expect(close.getByRole('button', { name: 'Close the day' })).toBeFocused();

  // Close, then "Close the day? This cannot be undone.": Enter on its first answer.
  await page.keyboard.press('Enter');
  const ask = page.getByRole('dialog', { name: 'Close the day?' });
  await expect(ask).toContainText('This cannot be undone.');
  await expect(ask.getByRole('button', { name: 'Close the day' })).toBeFocused();
  await page.keyboard.press('Enter');

  const z = page.getByRole('region', { name: 'Z report 1' });
  await expect(z).toBeVisible();
  await expect(z.getByRole('heading', { name: 'Z report 1' })).toBeFocused();
  await expect(z).toContainText('went to the receipt printer');
  await expect(z.getByLabel('Counted', { exact: true })).toHaveText('50.00');
  await expect(z.getByLabel('Difference', { exact: true })).toHaveText('+1.00');
  await expect(z.getByLabel('Remains in register', { exact: true })).toHaveText('10.00');
  await expect(page.getByRole('region', { name: 'Z reports' }).getByRole('rowheader', { name: '1', exact: true })).toBeVisible();

  // The paper: the shop prints in Estonian.
  await expect.poll(() => shop.printer.documents().length).toBe(2);
  const paper = shop.printer.documents()[1]?.text ?? '';
  expect(paper.trimStart().split('\n')[0]?.trim()).toBe('Z-ARUANNE 1');

  // Escape: back to the receipt.
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Status')).toBeVisible();
});

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
]) {
  test(`the day screen fits ${viewport.width}×${viewport.height}: only its body scrolls, never sideways`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openTill(page, shop);
    await page.keyboard.press('F2');
    await expect(page.getByRole('textbox', { name: 'Article' })).toBeFocused();
    await page.keyboard.press('Control+d');
    await page.getByRole('textbox', { name: 'Opening float' }).fill('100');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'X report' })).toBeVisible();

    expect(await page.locator('html').evaluate((root) => [root.scrollWidth, root.scrollHeight])).toEqual([viewport.width, viewport.height]);
    const body = page.locator('.day-body');
    expect(await body.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await expect(page.getByRole('button', { name: 'Back to the receipt' })).toBeInViewport();
    // Both columns side by side: the count's fields are as wide as they need to be.
    const count = await page.getByRole('textbox', { name: 'Count of 500.00' }).boundingBox();
    const cash = await page.getByRole('textbox', { name: 'Amount' }).boundingBox();
    expect(count && cash && count.x > cash.x).toBe(true);
    // The last field and the Close button are reached by scrolling inside the screen.
    const button = page.getByRole('region', { name: 'Close the day' }).getByRole('button', { name: 'Close the day' });
    await button.focus();
    await expect(button).toBeInViewport();
  });
}
