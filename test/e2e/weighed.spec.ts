import { expect, test, type Page } from '@playwright/test';
import { openTill, tillPerTest, type E2eTill } from './till.js';

let shop: E2eTill;
tillPerTest((till) => (shop = till));

// The scale's label for 1.250 kg of apples (PLU 01301, default layout 23 = PLU + grams);
// check digit by hand: 2 + 3·3 + 0 + 1·3 + 3 + 0·3 + 1 + 0·3 + 1 + 2·3 + 5 + 0·3 = 30 → 0.
const APPLES_1250_G = '2301301012500';

const open = (page: Page) => openTill(page, shop);

test('keyboard only: a scale label sells 1.25 kg of apples and the paper shows the weight', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F2');
  await expect(page.getByRole('textbox', { name: 'Article' }).last()).toBeFocused();

  await page.keyboard.type(APPLES_1250_G);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Content' }).last()).toHaveValue('Õunad Eesti');
  await expect(page.getByRole('textbox', { name: 'Quantity' }).last()).toHaveValue('1.25');
  await expect(page.getByLabel('Sum', { exact: true })).toHaveText('2.24'); // 1.25 kg × 1.79

  await page.keyboard.press('F4');
  const cash = page.getByRole('textbox', { name: 'Cash' });
  await expect(cash).toBeFocused();
  await expect(cash).toHaveValue('2.25'); // cash is rounded to 5 cents
  await page.keyboard.press('Enter');
  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');

  await expect.poll(() => shop.printer.documents().length).toBe(1);
  const paper = shop.printer.documents()[0]?.text ?? '';
  expect(paper).toContain('Õunad Eesti');
  expect(paper).toMatch(/1,25 kg x 1,79\s+2,24/);
});

test('a label with a wrong check digit asks to scan again and adds no row', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F2');
  await page.keyboard.type('2301301012501');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('2301301012501');
  await expect(page.getByRole('alert')).toContainText('check digit');
  await expect(page.getByRole('textbox', { name: 'Quantity' })).toHaveCount(0);
});
