import { expect, test, type Page } from '@playwright/test';
import { openTill, tillPerTest, type E2eTill } from './till.js';

let shop: E2eTill;
tillPerTest((till) => (shop = till));

const paper = (index: number) => shop.printer.documents()[index]?.text ?? '';

/** Scans (types fast, as a scanner's keyboard wedge does) a code and Enter into the focused field. */
async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

test('keyboard only: a cash sale, then F7 finds it by its number, F5 credits it, one row stays, F4 pays out the rounded refund and F12 prints the credit note', async ({
  page,
}) => {
  await openTill(page, shop);

  // The sale: 2.29 + 1.99 + 1.19 = 5.47, paid in cash (5.45).
  await page.keyboard.press('F2');
  await expect(page.getByRole('textbox', { name: 'Article' })).toBeFocused();
  for (const [i, code] of ['1201', '1205', '1001'].entries()) {
    await scan(page, code);
    await expect(page.getByRole('textbox', { name: 'Content' })).toHaveCount(i + 1);
  }
  await expect(page.getByLabel('Sum', { exact: true })).toHaveText('5.47');
  await page.keyboard.press('F4');
  await expect(page.getByRole('textbox', { name: 'Cash' })).toHaveValue('5.45');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Due', { exact: true })).toHaveText('0.00');
  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
  const number = page.getByRole('textbox', { name: 'Number', exact: true });
  await expect(number).toHaveValue('K000001');
  await expect.poll(() => shop.printer.documents().length).toBe(1);
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Status')).toHaveText('New');

  // The customer comes back with the paper: its number is scanned into Find.
  await page.keyboard.press('F7');
  const find = page.getByRole('dialog', { name: 'Find receipt' }).getByRole('textbox', { name: 'Receipt number or search' });
  await expect(find).toBeFocused();
  await scan(page, 'K000001');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(number).toHaveValue('K000001');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
  await expect(page.getByRole('textbox', { name: 'Content' })).toHaveCount(3);

  await page.keyboard.press('F5');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Credit note');
  await expect(page.getByText(/^Returns K000001 of /)).toBeVisible();
  const quantities = page.getByRole('textbox', { name: 'Quantity' });
  await expect(quantities).toHaveCount(3);
  await expect(quantities.first()).toBeFocused();
  await expect(quantities.first()).toHaveValue('-1');
  await expect(page.getByText('Left to return: 1 pcs')).toHaveCount(3);
  await expect(page.getByLabel('To refund', { exact: true })).toHaveText('5.47');

  // The milk stays with the customer: down to its row, back to its number (the delete button), Enter, Remove.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(quantities.nth(2)).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Delete row 3' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Remove row 3?' }).getByRole('button', { name: 'Remove' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Content' })).toHaveCount(2);
  await expect(page.getByLabel('To refund', { exact: true })).toHaveText('4.28');

  // The refund in cash, rounded as cash is: 4.28 pays out 4.30.
  await page.keyboard.press('F4');
  const cash = page.getByRole('textbox', { name: 'Cash' });
  await expect(cash).toBeFocused();
  await expect(cash).toHaveValue('4.30');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Paid out', { exact: true })).toHaveText('4.30');
  await expect(page.getByLabel('Still to refund', { exact: true })).toHaveText('0.00');

  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
  await expect(number).toHaveValue('KR000001');

  // The credit note prints: its title (in the shop's language, Estonian here), the sale it returns, the money out.
  await expect.poll(() => shop.printer.documents().length).toBe(2);
  const note = paper(1);
  expect(note).toMatch(/CREDIT NOTE|KREEDITARVE/);
  expect(note).toContain('K000001');
  expect(note).toContain('KR000001');
  expect(note).toContain('Õunamahl 1 l');
  expect(note).toContain('Šokolaad piimaga 100 g');
  expect(note).not.toContain('Piim 2,5% 1 l');
  expect(note).toMatch(/-4[.,]30/);
});
