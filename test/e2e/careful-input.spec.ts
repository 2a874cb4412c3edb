import { expect, test, type Page } from '@playwright/test';
import { openTill, tillPerTest, type E2eTill } from './till.js';

/**
 * What a tired cashier may get wrong, by keyboard only in Chromium against the demo shop: a
 * weighed article without its weight, a row sold for nothing, 1000 typed for 1, 5000 typed for
 * 50.00, too little cash, a row removed by a stray key. The till asks (or says) before it acts.
 */
let shop: E2eTill;
tillPerTest((till) => (shop = till));

const open = async (page: Page) => {
  await openTill(page, shop);
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Status')).toHaveText('New');
  await expect(article(page)).toBeFocused();
};

const article = (page: Page) => page.getByRole('textbox', { name: 'Article' });
const amount = (page: Page, name: string) => page.getByLabel(name, { exact: true });
const ask = (page: Page, name: string) => page.getByRole('dialog', { name });

async function scan(page: Page, code: string, expectText: string) {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Content' }).last()).toHaveValue(expectText);
}

/** From the Article field up to the last row's field: Quantity, then Tab for the next ones. */
async function toLastRow(page: Page, tabs = 0) {
  await expect(article(page)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  for (let i = 0; i < tabs; i++) await page.keyboard.press('Tab');
}

/** F4, the amount typed over the pre-filled one, Enter. */
async function payCash(page: Page, typed: string) {
  await page.keyboard.press('F4');
  await expect(page.getByRole('textbox', { name: 'Cash' })).toBeFocused();
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
}

test('apples entered by their code ask for the weight: Escape sells nothing, Enter sells what was typed', async ({ page }) => {
  await open(page);
  await page.keyboard.type('1301');
  await page.keyboard.press('Enter');
  const weight = ask(page, 'Weight of Õunad Eesti').getByRole('textbox', { name: 'Weight (kg)' });
  await expect(weight).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(ask(page, 'Weight of Õunad Eesti')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Quantity' })).toHaveCount(0);

  await page.keyboard.type('1301');
  await page.keyboard.press('Enter');
  await expect(weight).toBeFocused();
  await page.keyboard.type('0,8');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Quantity' })).toHaveValue('0.8');
  await expect(amount(page, 'Sum')).toHaveText('1.43'); // 0.8 kg × 1.79
  await expect(article(page)).toBeFocused();
});

test('F12 over a row discounted to nothing asks; "Back to the receipt" changes nothing, Confirm confirms', async ({ page }) => {
  await open(page);
  await scan(page, '1001', 'Piim 2,5% 1 l'); // 1.19
  await scan(page, '1205', 'Šokolaad piimaga 100 g'); // 1.99, then 100 % off
  await toLastRow(page, 1); // its Discount %
  await expect(page.getByRole('textbox', { name: 'Discount %' }).last()).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('100');
  await page.keyboard.press('Enter');
  await expect(amount(page, 'Sum')).toHaveText('1.19');
  await payCash(page, '1.20');
  await expect(amount(page, 'Due')).toHaveText('0.00');
  const status = await page.getByLabel('Status').textContent();

  await page.keyboard.press('F12');
  const question = ask(page, 'Confirm this receipt anyway?');
  await expect(question).toContainText('Rows 2 are sold for 0.00.');
  await expect(question.getByRole('button', { name: 'Confirm' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(question.getByRole('button', { name: 'Back to the receipt' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(page.getByLabel('Status')).toHaveText(status ?? '');
  await expect(page.getByRole('textbox', { name: 'Number', exact: true })).toHaveValue('K');
  expect(shop.printer.documents()).toHaveLength(0);

  await page.keyboard.press('F12');
  await expect(question.getByRole('button', { name: 'Confirm' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
  await expect(page.getByRole('textbox', { name: 'Number', exact: true })).toHaveValue('K000001');
  await expect.poll(() => shop.printer.documents().length).toBe(1);
  expect(shop.printer.documents()[0]?.text).toContain('Šokolaad piimaga 100 g');
});

test('a paper bag (its own policy: none) is only asked about when the whole receipt is 0.00', async ({ page }) => {
  await open(page);
  await scan(page, '4740010019024', 'Paberkott');
  await page.keyboard.press('F12');
  const question = ask(page, 'Confirm this receipt anyway?');
  await expect(question).toContainText('The receipt totals 0.00.');
  await expect(question).not.toContainText('Rows');
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(page.getByLabel('Status')).not.toHaveText('Confirmed');

  await scan(page, '1001', 'Piim 2,5% 1 l');
  await payCash(page, '1.20');
  await expect(amount(page, 'Due')).toHaveText('0.00');
  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
  await expect(question).toHaveCount(0);
});

test('1000 pieces typed into Quantity: "No, correct it" keeps 1, "Yes, sell it" takes 1000', async ({ page }) => {
  await open(page);
  await scan(page, '1001', 'Piim 2,5% 1 l');
  const quantity = page.getByRole('textbox', { name: 'Quantity' });

  await toLastRow(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1000');
  await page.keyboard.press('Enter');
  const question = ask(page, 'Are you sure?');
  await expect(question).toContainText('1000 pcs of Piim 2,5% 1 l on one row: more than the usual 999.');
  await expect(question.getByRole('button', { name: 'No, correct it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(quantity).toHaveValue('1');
  await expect(amount(page, 'Sum')).toHaveText('1.19');

  await toLastRow(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1000');
  await page.keyboard.press('Enter');
  await expect(question.getByRole('button', { name: 'No, correct it' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(question.getByRole('button', { name: 'Yes, sell it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(quantity).toHaveValue('1000');
  await expect(amount(page, 'Sum')).toHaveText('1,190.00');
});

test('5000 typed as cash for a 1.19 sale is asked about; "No, correct it" takes nothing, 50 is then taken', async ({ page }) => {
  await open(page);
  await scan(page, '1001', 'Piim 2,5% 1 l');
  await payCash(page, '5000');
  const question = ask(page, 'Are you sure?');
  await expect(question).toContainText('Received 5,000.00 in cash? That is more than the amount due and the largest banknote (201.19).');
  await expect(question.getByRole('button', { name: 'No, correct it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(amount(page, 'Due')).toHaveText('1.19');
  await expect(amount(page, 'Money')).toHaveText('0.00');
  // The cursor is back in Cash, to correct the amount.
  await expect(page.getByRole('textbox', { name: 'Cash' })).toBeFocused();

  await payCash(page, '50');
  await expect(amount(page, 'Money')).toHaveText('50.00');
  await expect(amount(page, 'Change')).toHaveText('48.80');
  await expect(question).toHaveCount(0);
  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
});

test('too little cash says what is still due, as a warning; F4 then offers the rest', async ({ page }) => {
  await open(page);
  await scan(page, '1001', 'Piim 2,5% 1 l');
  await scan(page, '1205', 'Šokolaad piimaga 100 g');
  await expect(amount(page, 'Sum')).toHaveText('3.18');
  await payCash(page, '1');
  const said = page.getByText('Received 1.00 — 2.18 still due.');
  await expect(said).toBeVisible();
  await expect(said).toHaveClass(/message-warning/);
  await expect(amount(page, 'Due')).toHaveText('2.18');

  await page.keyboard.press('F4');
  await expect(page.getByRole('textbox', { name: 'Cash' })).toHaveValue('2.20');
  await page.keyboard.press('Enter');
  await expect(amount(page, 'Due')).toHaveText('0.00');
  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
});

test('the row number asks before it removes the row: Keep and Escape keep it, Remove removes it and logs it', async ({ page }) => {
  await open(page);
  await scan(page, '1001', 'Piim 2,5% 1 l');
  await scan(page, '1205', 'Šokolaad piimaga 100 g');
  const contents = page.getByRole('textbox', { name: 'Content' });
  const question = ask(page, 'Remove row 2?');
  const rowNumber = page.getByRole('button', { name: 'Delete row 2' });
  /** Enter on the last row's number button (reached from the Article field the first time). */
  const pressRowNumber = async () => {
    if (!(await rowNumber.evaluate((el) => el === el.ownerDocument.activeElement))) {
      await toLastRow(page);
      await page.keyboard.press('Shift+Tab');
    }
    await expect(rowNumber).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(question).toContainText('Šokolaad piimaga 100 g leaves the receipt.');
    await expect(question.getByRole('button', { name: 'Remove' })).toBeFocused();
  };

  await pressRowNumber();
  await page.keyboard.press('ArrowRight');
  await expect(question.getByRole('button', { name: 'Keep' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(contents).toHaveCount(2);
  // Kept: the cursor is back on the row's number, where the question came from.
  await expect(rowNumber).toBeFocused();

  await pressRowNumber();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(contents).toHaveCount(2);
  await expect(rowNumber).toBeFocused();

  await pressRowNumber();
  await page.keyboard.press('Enter');
  await expect(contents).toHaveCount(1);
  await expect(contents).toHaveValue('Piim 2,5% 1 l');
  await expect(page.getByText('Row 2 deleted.')).toBeVisible();
  await expect(amount(page, 'Sum')).toHaveText('1.19');

  // The settings screen's device log keeps what was removed.
  await page.keyboard.press('Control+Comma');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const log = page.getByRole('region', { name: 'Device log' });
  await expect(log.getByRole('row').filter({ hasText: 'row.removed' })).toContainText('row 2: 1205 Šokolaad piimaga 100 g, 1 × 1.99');
});
