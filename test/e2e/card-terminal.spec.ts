import { expect, test, type Page } from '@playwright/test';
import { openTill, tillPerTest, type E2eTill } from './till.js';

/**
 * The card terminal over ZVT: the till process talks to the ZVT terminal simulator over a
 * virtual serial port (its default demo terminal), by keyboard only, in Chromium.
 */
let shop: E2eTill;
tillPerTest((till) => (shop = till));

const open = (page: Page) => openTill(page, shop);

const amount = (page: Page, name: string) => page.getByLabel(name, { exact: true });

test('split sale 12.23: card 10.00 through the ZVT terminal, the cash remainder rounded to 2.25, the card slip printed', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('status', { name: 'Card terminal' })).toContainText('Ready');
  await page.keyboard.press('F2');
  await page.keyboard.type('1001');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Content' })).toHaveValue('Piim 2,5% 1 l');
  // The price typed by hand: 12.23.
  await page.keyboard.press('ArrowUp');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Unit price' })).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('12.23');
  await page.keyboard.press('Enter');
  await expect(amount(page, 'Sum')).toHaveText('12.23');

  await page.keyboard.press('F6');
  const card = page.getByRole('textbox', { name: 'Card' });
  await expect(card).toBeFocused();
  await expect(card).toHaveValue('12.23');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await expect(amount(page, 'Due')).toHaveText('2.23', { timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'Payments' })).toContainText('10.00');

  await page.keyboard.press('F4');
  const cash = page.getByRole('textbox', { name: 'Cash' });
  await expect(cash).toHaveValue('2.25');
  await page.keyboard.press('Enter');
  await expect(amount(page, 'Rounding')).toHaveText('0.02');
  await expect(amount(page, 'To pay')).toHaveText('12.25');
  await expect(amount(page, 'Due')).toHaveText('0.00');

  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
  await expect.poll(() => shop.printer.documents().length).toBeGreaterThanOrEqual(2);
  const paper = shop.printer.documents()[0]?.text ?? '';
  expect(paper).toMatch(/KOKKU EUR\s+12,23/);
  expect(paper).toMatch(/Ümardus\s+\+0,02/);
  expect(paper).toMatch(/TASUDA EUR\s+12,25/);
  expect(paper).toMatch(/Kaart\s+10,00/);
  expect(paper).toMatch(/Sularaha\s+2,25/);
  // The terminal's own slip follows on its own paper.
  expect(shop.printer.documents()[1]?.text ?? '').toMatch(/10[.,]00/);
});

test('a card the bank declines leaves the sale open; the cashier takes cash instead', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F2');
  await page.keyboard.type('1001');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Content' })).toHaveValue('Piim 2,5% 1 l');
  await page.keyboard.press('ArrowUp');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Unit price' })).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('5.66'); // the simulator declines amounts ending in ,66
  await page.keyboard.press('Enter');
  await expect(amount(page, 'Sum')).toHaveText('5.66');
  await page.keyboard.press('F6');
  const card = page.getByRole('textbox', { name: 'Card' });
  await expect(card).toBeFocused();
  await expect(card).toHaveValue('5.66');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('declined', { timeout: 15_000 });
  await expect(amount(page, 'Due')).toHaveText('5.66');
  await page.keyboard.press('F4');
  await expect(page.getByRole('textbox', { name: 'Cash' })).toHaveValue('5.65');
  await page.keyboard.press('Enter');
  await expect(amount(page, 'Due')).toHaveText('0.00');
  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
});
