import { expect, test } from '@playwright/test';
import { openTill, tillPerTest, type E2eTill } from './till.js';

let shop: E2eTill;
tillPerTest((till) => (shop = till));

test('a tab open before the till got a new token says at once that its link is out of date', async ({ page }) => {
  await openTill(page, shop);
  const old = shop.till;
  await old.kill();
  // Same address (the port the tab knows), new token: as `npm start -- --new-token` does.
  const rotated = await shop.restart(['--port', String(old.port), '--new-token']);
  expect(rotated.token).not.toBe(old.token);

  await page.reload();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This link to the till is out of date');
  await expect(alert).toContainText('Open the address the till printed when it started');
  await expect(page.getByLabel('Status')).toHaveCount(0);

  // The address the till printed now opens the till.
  await page.goto(rotated.url);
  await expect(page.getByLabel('Status')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('in Estonian, and for a link without its token', async ({ page }) => {
  // The cashier's language choice, as the language menu keeps it on this machine.
  await page.addInitScript({ content: "localStorage.setItem('pos.language', 'et');" });
  const address = shop.till.url.replace(/#.*$/, '');
  await page.goto(`${address}#token=vana-${'x'.repeat(32)}`);
  await expect(page.getByRole('alert')).toContainText('See kassa link on aegunud');
  // A fresh tab keeps nothing from another (sessionStorage is per tab).
  const fresh = await page.context().newPage();
  await fresh.goto(address);
  await expect(fresh.getByRole('alert')).toContainText('Sellel lehel puudub juurdepääsuvõti');
});
