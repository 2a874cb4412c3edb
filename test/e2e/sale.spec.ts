import { expect, test, type Page } from '@playwright/test';
import { openTill, tillPerTest, type E2eTill } from './till.js';

let shop: E2eTill;
tillPerTest((till) => (shop = till));

const open = (page: Page) => openTill(page, shop);

test('keyboard only: F2 → scan → F4 → Enter → F12 sells, shows change and prints the receipt', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F2');
  const article = page.getByRole('textbox', { name: 'Article' }).last();
  await expect(article).toBeFocused();
  await expect(page.getByLabel('Status')).toHaveText('New');

  // A barcode scanner types the digits and Enter.
  await page.keyboard.type('4740010012018');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Content' }).last()).toHaveValue('Õunamahl 1 l');
  await expect(page.getByRole('textbox', { name: 'Article' }).last()).toBeFocused();
  await page.keyboard.type('4740010012056');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Content' }).last()).toHaveValue('Šokolaad piimaga 100 g');
  await expect(page.getByLabel('Status')).toHaveText('Modified');
  await expect(page.getByLabel('Sum', { exact: true })).toHaveText('4.28');

  await page.keyboard.press('F4');
  const cash = page.getByRole('textbox', { name: 'Cash' });
  await expect(cash).toBeFocused();
  await expect(cash).toHaveValue('4.30'); // cash is rounded to 5 cents
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Money', { exact: true })).toHaveText('10.00');
  await expect(page.getByLabel('Change', { exact: true })).toHaveText('5.70');

  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
  await expect(page.getByRole('textbox', { name: 'Number', exact: true })).toHaveValue('K000001');

  await expect.poll(() => shop.printer.documents().length).toBe(1);
  const paper = shop.printer.documents()[0]?.text ?? '';
  expect(paper).toContain('K000001');
  expect(paper).toContain('Õunamahl 1 l');
  expect(paper).toContain('Šokolaad piimaga 100 g');
  expect(paper).toMatch(/KOKKU EUR\s+4,28/);
  expect(paper).toMatch(/Tagasi\s+5,70/);
  // The shop's identity comes from its settings, one fact per line; the demo's VAT is 24 %.
  expect(paper).toContain('Demo Pood OÜ');
  expect(paper).toMatch(/^\s*Reg\. nr 12345678\s*$/m);
  expect(paper).toMatch(/^\s*KMKR nr EE123456789\s*$/m);
  expect(paper).toMatch(/24 ?%\s+3,45\s+0,83\s+4,28/); // net, VAT, gross
});

test('an unknown barcode says so and adds no row; a kg article takes a decimal quantity', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F2');
  await page.keyboard.type('4740000000000');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('4740000000000');
  await expect(page.getByRole('textbox', { name: 'Quantity' })).toHaveCount(0);

  // The next scan replaces the wrong code. Apples are sold by weight: without a scale label the
  // till asks for it.
  await page.keyboard.type('1301');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Weight of Õunad Eesti' }).getByRole('textbox', { name: 'Weight (kg)' })).toBeFocused();
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Content' }).last()).toHaveValue('Õunad Eesti');
  const quantity = page.getByRole('textbox', { name: 'Quantity' });
  await expect(quantity).toHaveCount(1);
  await expect(page.getByLabel('Sum', { exact: true })).toHaveText('1.79');
  await expect(page.getByRole('textbox', { name: 'Article' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(quantity).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1.25');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Sum', { exact: true })).toHaveText('2.24'); // 1.25 kg × 1.79
});

test('F12 before payment is refused with the amount due; nothing is confirmed', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F2');
  await page.keyboard.type('1001');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Content' }).last()).toHaveValue('Piim 2,5% 1 l');
  await page.keyboard.press('F12');
  await expect(page.getByRole('alert')).toContainText('1.19');
  await expect(page.getByLabel('Status')).toHaveText('Modified');
  expect(shop.printer.documents()).toHaveLength(0);
});

test('Estonian: labels translate and money uses a decimal comma', async ({ page }) => {
  await open(page);
  await page.getByLabel('Language').selectOption('et');
  await page.keyboard.press('F2');
  await page.keyboard.type('1601');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Olek')).toHaveText('Muudetud');
  await expect(page.getByLabel('Summa', { exact: true })).toHaveText('19,90');
});

test('power cut right after F12: the receipt is kept and printed exactly once after restart', async ({ page }) => {
  shop.printer.setCondition('offline'); // the job is certainly still queued when the power goes
  await open(page);
  await page.keyboard.press('F2');
  await page.keyboard.type('4740010012018');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Content' }).last()).toHaveValue('Õunamahl 1 l');
  await page.keyboard.press('F4');
  await expect(page.getByRole('textbox', { name: 'Cash' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Due', { exact: true })).toHaveText('0.00');
  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
  await shop.crash();
  expect(shop.printer.documents()).toHaveLength(0);

  shop.printer.setCondition('ok');
  await shop.restart();
  await expect.poll(() => shop.printer.documents().length).toBe(1);
  expect(shop.printer.documents()[0]?.text).toContain('K000001');

  // The screen comes back on the restarted till: the last sale is done, the next one starts with F2.
  await open(page);
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Status')).toHaveText('New');
  await page.keyboard.type('1001');
  await page.keyboard.press('Enter');
  // As the cashier sees it: the row is there, then the cash field takes Enter.
  await expect(page.getByRole('textbox', { name: 'Content' })).toHaveCount(1);
  await page.keyboard.press('F4');
  await expect(page.getByRole('textbox', { name: 'Cash' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Due', { exact: true })).toHaveText('0.00');
  await page.keyboard.press('F12');
  await expect(page.getByRole('textbox', { name: 'Number', exact: true })).toHaveValue('K000002');
  await expect.poll(() => shop.printer.documents().length).toBe(2);
  expect(shop.printer.documents()[1]?.text).toContain('K000002');
});
