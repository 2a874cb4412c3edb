import { expect, test, type Page } from '@playwright/test';
import { openTill, tillPerTest, type E2eTill } from './till.js';

/**
 * The complete receipt, by keyboard only, in Chromium against a till process with its
 * printer on a virtual serial port and the simulated card terminal.
 */
let shop: E2eTill;
tillPerTest((till) => (shop = till));

const open = (page: Page) => openTill(page, shop);

async function scan(page: Page, code: string, expectText: string) {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Content' }).last()).toHaveValue(expectText);
}

const amount = (page: Page, name: string) => page.getByLabel(name, { exact: true });
const paper = (index = 0) => shop.printer.documents()[index]?.text ?? '';

test('a customer sale with a discount: the customer re-prices the rows, a row discount, cash rounded to 5 cents', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F2');
  await scan(page, '1203', 'Kohv jahvatatud 500 g'); // 7.99
  await scan(page, '1001', 'Piim 2,5% 1 l'); // 1.19
  await expect(amount(page, 'Sum')).toHaveText('9.18');

  // To the Customer field and pick by name: Mari Tamm has the Staff −10 % price formula.
  await page.keyboard.press('Alt+c');
  await expect(page.getByRole('textbox', { name: 'Customer' })).toBeFocused();
  // A person types (a burst faster than 30 ms per key would be taken for a barcode scanner).
  await page.keyboard.type('Mari Tamm', { delay: 60 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Mari Tamm');
  await expect(page.getByRole('textbox', { name: 'Discount %' }).first()).toHaveValue('10');
  await expect(amount(page, 'Sum')).toHaveText('8.26'); // 7.19 + 1.07

  // A bigger discount on the milk row, typed into its Discount % field.
  const milkDiscount = page.getByRole('textbox', { name: 'Discount %' }).nth(1);
  await expect(page.getByRole('textbox', { name: 'Article' })).toBeFocused(); // back to scanning
  await page.keyboard.press('ArrowUp'); // the last row's Quantity
  await page.keyboard.press('Tab'); // its Discount %
  await expect(milkDiscount).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await expect(amount(page, 'Sum')).toHaveText('8.14'); // 7.19 + 0.95

  await page.keyboard.press('F4');
  const cash = page.getByRole('textbox', { name: 'Cash' });
  await expect(cash).toBeFocused();
  await expect(cash).toHaveValue('8.15'); // 8.14 ends in 4: up to 8.15
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await expect(amount(page, 'Rounding')).toHaveText('0.01');
  await expect(amount(page, 'To pay')).toHaveText('8.15');
  await expect(amount(page, 'Change')).toHaveText('1.85');

  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
  await expect.poll(() => shop.printer.documents().length).toBe(1);
  expect(paper()).toContain('Mari Tamm');
  expect(paper()).toMatch(/Allahindlus 20 %\s+-0,24/);
  expect(paper()).toMatch(/KOKKU EUR\s+8,14/);
  expect(paper()).toMatch(/Ümardus\s+\+?0,01/);
  expect(paper()).toMatch(/TASUDA EUR\s+8,15/);
  expect(paper()).toMatch(/Tagasi\s+1,85/);
});

test('split card + cash: the card pays 10.00, the cash remainder is rounded, change only from cash', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F2');
  await scan(page, '1203', 'Kohv jahvatatud 500 g'); // 7.99
  await scan(page, '1003', 'Või 82% 200 g'); // 3.49
  await scan(page, '1202', 'Mineraalvesi 0,5 l'); // 0.89
  await expect(amount(page, 'Sum')).toHaveText('12.37');

  await page.keyboard.press('F6');
  const card = page.getByRole('textbox', { name: 'Card' });
  await expect(card).toBeFocused();
  await expect(card).toHaveValue('12.37'); // the card takes the exact amount
  await page.keyboard.press('Control+A');
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await expect(amount(page, 'Due')).toHaveText('2.37');
  await expect(page.getByRole('region', { name: 'Payments' })).toContainText('10.00');

  await page.keyboard.press('F4');
  const cash = page.getByRole('textbox', { name: 'Cash' });
  await expect(cash).toHaveValue('2.35'); // 2.37 ends in 7: down to 2.35
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(amount(page, 'Rounding')).toHaveText('-0.02');
  await expect(amount(page, 'To pay')).toHaveText('12.35');
  await expect(amount(page, 'Change')).toHaveText('2.65');
  await expect(amount(page, 'Due')).toHaveText('0.00');

  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
  // The receipt, then the card terminal's slip on its own paper.
  await expect.poll(() => shop.printer.documents().length).toBe(2);
  expect(paper()).toMatch(/KOKKU EUR\s+12,37/);
  expect(paper()).toMatch(/Ümardus\s+-0,02/);
  expect(paper()).toMatch(/TASUDA EUR\s+12,35/);
  expect(paper()).toMatch(/Kaart\s+10,00/);
  expect(paper()).toMatch(/Sularaha\s+5,00/);
  expect(paper()).toMatch(/Tagasi\s+2,65/);
});

test('zero-price block: "Enter the selling price!" stops F9 and F4 until a price is typed', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F2');
  await scan(page, '4740010019017', 'Lillekimp (hind kassas)'); // price 0, the article forbids it
  await page.keyboard.press('F9');
  await expect(page.getByRole('alert')).toContainText('Enter the selling price!');
  await expect(page.getByLabel('Status')).toHaveText('Modified');
  await page.keyboard.press('F4');
  await expect(page.getByRole('alert')).toContainText('Enter the selling price!');
  await expect(page.getByRole('textbox', { name: 'Cash' })).not.toBeFocused();
  const price = page.getByRole('textbox', { name: 'Unit price' });
  await expect(price).toHaveAttribute('aria-invalid', 'true');

  await page.keyboard.press('ArrowUp'); // from Article to the row's Quantity
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab'); // Discount %, Content, Unit price
  await expect(price).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('12.50');
  await page.keyboard.press('Enter');
  await expect(amount(page, 'Sum')).toHaveText('12.50');
  await expect(price).not.toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('F4');
  await expect(page.getByRole('textbox', { name: 'Cash' })).toHaveValue('12.50');
  await page.keyboard.press('Enter');
  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
});

test('unsaved changes: F2 asks; Cancel keeps the receipt, Discard drops the changes, Save keeps them for Open (F3)', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F2');
  await scan(page, '1001', 'Piim 2,5% 1 l');
  await page.keyboard.press('F9');
  await expect(page.getByLabel('Status')).toHaveText('View');
  await scan(page, '1601', 'Raamat: Eesti köök');
  await expect(page.getByLabel('Status')).toHaveText('Modified');

  // Cancel: nothing happens.
  await page.keyboard.press('F2');
  const ask = page.getByRole('dialog', { name: 'Save changes?' });
  await expect(ask).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Content' }).last()).toHaveValue('Raamat: Eesti köök');

  // Discard: back to the saved receipt (milk only), then a new receipt.
  await page.keyboard.press('F2');
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Save' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(ask.getByRole('button', { name: 'Discard' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ask).toBeHidden();
  await expect(page.getByLabel('Status')).toHaveText('New');
  await expect(page.getByRole('textbox', { name: 'Quantity' })).toHaveCount(0);

  // The saved receipt is still open, with its saved rows only.
  await page.keyboard.press('F3');
  const list = page.getByRole('dialog', { name: /open receipts/i });
  await expect(list).toBeVisible();
  await expect(list).toContainText('1.19');
  await page.keyboard.press('Escape');

  // Save: the changes are kept.
  await scan(page, '1202', 'Mineraalvesi 0,5 l');
  await page.keyboard.press('F2');
  await expect(ask).toBeVisible();
  await page.keyboard.press('Enter'); // Save is the first choice
  await expect(page.getByLabel('Status')).toHaveText('New');
  await page.keyboard.press('F3');
  await expect(list).toContainText('0.89');
});

test('settings change behaviour live: cash rounding off, then F4 offers the exact amount', async ({ page }) => {
  await open(page);
  await page.keyboard.press('Control+Comma');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Cash rounding' }).selectOption('none');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Status')).toBeVisible();
  await page.keyboard.press('F2');
  await scan(page, '1001', 'Piim 2,5% 1 l');
  await page.keyboard.press('F4');
  await expect(page.getByRole('textbox', { name: 'Cash' })).toHaveValue('1.19');
});
