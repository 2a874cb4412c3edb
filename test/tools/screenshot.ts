/**
 * Refreshes the README's screenshot: a sale in progress in browser mode, in Chromium.
 * Usage: npm run build:renderer && node --import tsx test/tools/screenshot.ts [out.png]
 */
import { chromium } from '@playwright/test';
import { startE2eTill } from '../e2e/till.js';

const out = process.argv[2] ?? 'assets/screenshot-receipt.png';
const shop = await startE2eTill();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(shop.till.url);
  await page.getByLabel('Status').waitFor();
  await page.keyboard.press('F2');
  for (const code of ['4740010012018', '4740010012056', '1301', '1601']) {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(100);
  }
  await page.locator('input[aria-label="Content"]').nth(3).waitFor();
  // A customer with a price formula: the rows show their discount.
  await page.keyboard.press('Alt+c');
  await page.keyboard.type('Mari Tamm', { delay: 60 });
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Name' }).and(page.locator('[value="Mari Tamm"]')).waitFor();
  await page.getByRole('textbox', { name: 'Article' }).focus();
  await page.keyboard.press('F4');
  await page.keyboard.type('50');
  await page.keyboard.press('Enter');
  await page.getByLabel('Change', { exact: true }).filter({ hasNotText: '0.00' }).waitFor();
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await shop.stop();
}
