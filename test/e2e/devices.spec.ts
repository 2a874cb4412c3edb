import { expect, test, type Page } from '@playwright/test';
import { openTill, tillPerTest, type E2eTill } from './till.js';

/** Peripherals on the receipt screen: wedge scanner, device status, drawer without a sale. */
let shop: E2eTill;
tillPerTest((till) => (shop = till));

const open = (page: Page) => openTill(page, shop);

test('a keyboard-wedge scan while the cursor is in the Customer field lands on the receipt, not in the field', async ({ page }) => {
  await open(page);
  await page.keyboard.press('F2');
  // The new receipt is on screen (and has put the cursor on Article) before the cashier moves on.
  await expect(page.getByLabel('Status')).toHaveText('New');
  await expect(page.getByRole('textbox', { name: 'Article' })).toBeFocused();
  await page.keyboard.press('Alt+c');
  const customer = page.getByRole('textbox', { name: 'Customer' });
  await expect(customer).toBeFocused();
  // A scanner types fast: a few ms per key, then Enter.
  await page.keyboard.type('4740010012018', { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Content' })).toHaveValue('Õunamahl 1 l');
  await expect(customer).toHaveValue('');
  await expect(page.getByRole('textbox', { name: 'Article' })).toBeFocused();
});

test('the status bar shows the card terminal; the drawer opens without a sale only with a reason, once', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('status', { name: 'Card terminal' })).toContainText('Ready');
  await page.getByRole('button', { name: 'Open drawer' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Open the cash drawer' });
  await expect(dialog.getByRole('textbox', { name: 'Reason' })).toBeFocused();
  await page.keyboard.type('change for the bakery', { delay: 40 });
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('The drawer opens (change for the bakery).')).toBeVisible();
  await expect.poll(() => shop.printer.drawerKicks()).toBe(1);
});
