import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openTill, tillPerTest, type E2eTill } from './till.js';

let shop: E2eTill;
tillPerTest((till) => (shop = till));

const amount = (page: Page, name: string) => page.getByLabel(name, { exact: true });

/** Enter `times` times: down a column of counts. */
async function enter(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press('Enter');
}

/** F2, an article by its code, paid as `pay` says, F12. */
async function sale(page: Page, code: string, pay: (page: Page) => Promise<void>): Promise<void> {
  await page.keyboard.press('F2');
  await expect(page.getByRole('textbox', { name: 'Article' })).toBeFocused();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Content' })).toHaveCount(1);
  await pay(page);
  await expect(amount(page, 'Due')).toHaveText('0.00');
  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
}

test('keyboard only: the float counted → a cash sale and a split card + cash sale → a cash refund → X report → the close with notes and coins, cash to the bank, a difference with its reason and one article left uncounted → the Z report printed and saved as a PDF', async ({
  page,
}) => {
  await openTill(page, shop);

  // Ctrl+D: no day open; the float is counted note by note (2 × 20.00 + 1 × 10.00), Enter down the column, then Open.
  await page.keyboard.press('Control+d');
  await expect(page.getByRole('heading', { level: 1, name: 'Day' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Count of 500.00' })).toBeFocused();
  await enter(page, 4);
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await page.keyboard.type('1');
  await expect(page.getByRole('region', { name: 'Open the day' }).getByLabel('Opening float', { exact: true })).toHaveText('50.00');
  await enter(page, 10);
  await expect(page.getByRole('button', { name: 'Open the day' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'X report' }).getByLabel('Opening float', { exact: true })).toHaveText('50.00');
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Status')).toBeVisible();

  // A voucher (49.00, 13 %) in cash; a book (19.90, 9 %): 10.00 by card through the terminal, 9.90 in cash.
  await sale(page, '1804', async () => {
    await page.keyboard.press('F4');
    await expect(page.getByRole('textbox', { name: 'Cash' })).toHaveValue('49.00');
    await page.keyboard.press('Enter');
  });
  await sale(page, '1601', async () => {
    await page.keyboard.press('F6');
    await expect(page.getByRole('textbox', { name: 'Card' })).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await expect(amount(page, 'Due')).toHaveText('9.90', { timeout: 15_000 });
    await page.keyboard.press('F4');
    await expect(page.getByRole('textbox', { name: 'Cash' })).toHaveValue('9.90');
    await page.keyboard.press('Enter');
  });

  // The voucher comes back: F7 finds K000001, F5 credits it, 49.00 paid out in cash.
  await page.keyboard.press('F2');
  await page.keyboard.press('F7');
  await expect(page.getByRole('dialog', { name: 'Find receipt' }).getByRole('textbox', { name: 'Receipt number or search' })).toBeFocused();
  await page.keyboard.type('K000001');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('F5');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Credit note');
  await page.keyboard.press('F4');
  await expect(page.getByRole('textbox', { name: 'Cash' })).toHaveValue('49.00');
  await page.keyboard.press('Enter');
  await expect(amount(page, 'Still to refund')).toHaveText('0.00');
  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');

  // Ctrl+D: the X report. 50.00 + 49.00 + 9.90 − 49.00 in the drawer: the card never counts as cash.
  await page.keyboard.press('Control+d');
  const x = page.getByRole('region', { name: 'X report' });
  await expect(x.getByLabel('Net', { exact: true })).toHaveText('19.90');
  await expect(x.getByLabel('Receipts', { exact: true })).toHaveText('2 (K000001–K000002)');
  await expect(x.getByLabel('Credit notes', { exact: true })).toHaveText('1 (KR000001–KR000001)');
  await expect(x.getByLabel('Expected in the register', { exact: true })).toHaveText('59.90');
  await expect(page.getByRole('textbox', { name: 'Count of 500.00' })).toBeFocused();
  const printed = shop.printer.documents().length;
  await x.getByRole('button', { name: 'Print X report' }).press('Enter');
  await expect.poll(() => shop.printer.documents().at(-1)?.text ?? '').toMatch(/X-ARUANNE/);
  expect(shop.printer.documents().length).toBe(printed + 1);

  // The count: 1 × 50.00 + 1 × 10.00 = 60.00, ten cents more than the documents say.
  await page.getByRole('textbox', { name: 'Count of 500.00' }).focus();
  await enter(page, 3);
  await page.keyboard.type('1');
  await enter(page, 2);
  await page.keyboard.type('1');
  const close = page.getByRole('region', { name: 'Close the day' });
  await expect(close.getByLabel('Total counted', { exact: true })).toHaveText('60.00');
  await expect(close.getByLabel('Difference', { exact: true })).toHaveText('+0.10');
  await enter(page, 10);

  // 40.00 to the bank with a comment; 20.00 stays.
  await expect(page.getByRole('textbox', { name: 'To the bank', exact: true })).toBeFocused();
  await page.keyboard.type('40');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Evening deposit');
  await expect(close.getByLabel('Remains in register', { exact: true })).toHaveText('20.00');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Reason', exact: true })).toBeFocused();
  await page.keyboard.type('Ten cents left by a customer');

  // The stock count: the chocolate counted (2 in stock, 2 on the shelf), the book left uncounted.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Counted: 1205 Šokolaad piimaga 100 g' })).toBeFocused();
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Counted: 1601 Raamat: Eesti köök' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(close.getByRole('button', { name: 'Close the day' })).toBeFocused();

  // "Close the day?" warns about the uncounted book; Enter closes.
  await page.keyboard.press('Enter');
  const ask = page.getByRole('dialog', { name: 'Close the day?' });
  await expect(ask).toContainText('This cannot be undone. 1 article(s) not counted will be set to zero stock.');
  await expect(ask.getByRole('button', { name: 'Close the day' })).toBeFocused();
  await page.keyboard.press('Enter');

  const z = page.getByRole('region', { name: 'Z report 1' });
  await expect(z.getByRole('heading', { name: 'Z report 1' })).toBeFocused();
  await expect(z.getByLabel('Counted', { exact: true })).toHaveText('60.00');
  await expect(z.getByLabel('Difference', { exact: true })).toHaveText('+0.10');
  await expect(z.getByLabel('Remains in register', { exact: true })).toHaveText('20.00');
  await expect(z.getByRole('row', { name: /1601 Raamat: Eesti köök/ })).toContainText('not counted: 0');

  // The Z report on paper (the shop prints in Estonian) and as a PDF in the data folder.
  await expect.poll(() => shop.printer.documents().at(-1)?.text ?? '').toMatch(/Z-ARUANNE 1/);
  const paper = shop.printer.documents().at(-1)?.text ?? '';
  expect(paper).toMatch(/1601 Raamat: Eesti köök \(loendamata\)|1601 Raamat: Eesti k.*loendamata/);
  const pdf = join(shop.dataDir, 'reports', 'Z-000001.pdf');
  await expect.poll(() => existsSync(pdf)).toBe(true);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('Z-ARUANNE 1');
  expect(text).toMatch(/9% +18,26 +1,64 +19,90/);
  expect(text).toMatch(/13% +0,00 +0,00 +0,00/);
  expect(text).toContain('Šokolaad');

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
    await page.getByRole('textbox', { name: 'Count of 100.00' }).fill('1');
    await page.getByRole('button', { name: 'Open the day' }).press('Enter');
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
