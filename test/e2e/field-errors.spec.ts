import { expect, test, type Page } from '@playwright/test';
import { openTill, tillPerTest, type E2eTill } from './till.js';

/** Errors shown beside the field they belong to, with the cursor there (1366×768, a real till). */
let shop: E2eTill;
tillPerTest((till) => (shop = till));
test.use({ viewport: { width: 1366, height: 768 } });

const open = (page: Page) => openTill(page, shop);

test('settings: a bad printer connection is explained beside its field, the cursor is on it and the text stays', async ({ page }) => {
  await open(page);
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const printer = page.getByRole('textbox', { name: 'Receipt printer' });
  await printer.focus();
  await page.keyboard.type('foo:bar', { delay: 50 });
  await page.keyboard.press('Tab'); // leaving the field saves it

  const error = page.getByRole('alert');
  await expect(error).toContainText('"foo:bar" is not a printer connection the till understands');
  await expect(printer).toBeFocused();
  await expect(printer).toHaveValue('foo:bar');
  await expect(printer).toHaveAttribute('aria-invalid', 'true');
  await expect(printer).toHaveAccessibleDescription(/"foo:bar" is not a printer connection/);

  // Beside the field and in view: right under it, inside the screen.
  const field = await printer.boundingBox();
  const message = await error.boundingBox();
  if (!field || !message) throw new Error('the field or its error is not shown');
  expect(message.y).toBeGreaterThanOrEqual(field.y + field.height - 1);
  expect(message.y - (field.y + field.height)).toBeLessThan(24);
  expect(message.y + message.height).toBeLessThanOrEqual(768);
  expect(message.x).toBeGreaterThanOrEqual(field.x - 1);

  // Nothing was stored.
  const settings = await shop.till.call('settings.get', {});
  expect(settings.ok && settings.value.printerConnection).toBe('');
});

test('receipt: an invalid VAT number is refused beside its field and changes nothing; a right one is taken', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Status')).toHaveText('New');
  const vat = page.getByRole('textbox', { name: 'VAT number' });
  await vat.focus();
  await page.keyboard.type('EE12345', { delay: 50 }); // a person types (faster is a scanner)
  await page.keyboard.press('Tab');

  const error = page.getByRole('alert');
  await expect(error).toHaveText('"EE12345" is not written like a VAT number of EE: check the digits. Example: EE101471606');
  await expect(vat).toHaveValue('EE12345');
  await expect(vat).toHaveAttribute('aria-invalid', 'true');
  await expect(vat).toHaveAccessibleDescription(/not written like a VAT number of EE/);
  const field = await vat.boundingBox();
  const message = await error.boundingBox();
  if (!field || !message) throw new Error('the field or its error is not shown');
  expect(message.y - (field.y + field.height)).toBeLessThan(24);
  expect(Math.abs(message.x - field.x)).toBeLessThan(8);

  // The receipt did not change.
  await expect(page.getByLabel('Status')).toHaveText('New');
  const current = await shop.till.call('receipt.current', {});
  expect(current.ok && current.value?.vatNo).toBe('');

  // Corrected (spaces and lower case are fine): saved tidied, the error gone.
  await vat.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('ee 100 931 558', { delay: 50 });
  await page.keyboard.press('Enter');
  await expect(vat).toHaveValue('EE100931558');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(vat).not.toHaveAttribute('aria-invalid', 'true');
  const saved = await shop.till.call('receipt.current', {});
  expect(saved.ok && saved.value?.vatNo).toBe('EE100931558');
});
