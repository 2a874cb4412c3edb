import { expect, test, type Locator, type Page } from '@playwright/test';
import { openTill, tillPerTest, type E2eTill } from './till.js';

/**
 * The receipt screen on real tills' screens (browser viewport 1366×768 and 1024×768): with a
 * receipt of many rows and split payments, the payment panel, the Row sum column and the one line
 * of keys are all in view without scrolling. Judged from the elements' boxes, not from pictures.
 */
let shop: E2eTill;
tillPerTest((till) => (shop = till));

/** Fourteen demo articles (one of them, 1804, costs 49.00), then a 14-character-wide code. */
const CODES = ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1101', '1102', '1103', '1201', '1202', '1804', '1404'];
const LONG_NAME = 'Täispiim 2,5% rasvasisaldusega, pastöriseeritud ja homogeniseeritud, 1 liiter';

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator.toString()} has no box: it is not shown`);
  return b;
}

/** The whole box lies inside the viewport (nothing to scroll to). */
async function expectInViewport(page: Page, locator: Locator, what: string): Promise<Box> {
  const b = await box(locator);
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  expect(b.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(b.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width, `${what}: right edge`).toBeLessThanOrEqual(width + 0.5);
  expect(b.y + b.height, `${what}: bottom edge`).toBeLessThanOrEqual(height + 0.5);
  return b;
}

/** `inner` is not cut off by `outer` (a panel that would have to be scrolled). */
function expectWithin(inner: Box, outer: Box, what: string): void {
  expect(inner.y, `${what}: top inside its panel`).toBeGreaterThanOrEqual(outer.y - 0.5);
  expect(inner.y + inner.height, `${what}: bottom inside its panel`).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
  expect(inner.x + inner.width, `${what}: right edge inside its panel`).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
}

/** A big sale: many rows, a long name, a card payment and the cash rest (with rounding). */
async function bigSale(page: Page): Promise<void> {
  await openTill(page, shop);
  await page.keyboard.press('F2');
  const article = page.getByRole('textbox', { name: 'Article' });
  await expect(article).toBeFocused();
  for (const [i, code] of CODES.entries()) {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Content' })).toHaveCount(i + 1);
  }
  await expect(page.getByLabel('Sum', { exact: true })).toHaveText('79.03');

  // The first row gets a name far too long for its column (arrow keys up to it, Tab to Content).
  await page.keyboard.press('ArrowUp');
  for (let i = 1; i < CODES.length; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const firstName = page.getByRole('textbox', { name: 'Content' }).first();
  await expect(firstName).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(LONG_NAME, { delay: 50 }); // a person types (faster is a scanner)
  await page.keyboard.press('Enter');
  await expect(firstName).toHaveValue(LONG_NAME);

  // 5.00 by card (the simulated terminal approves), the rest in cash: 74.03 rounds to 74.05.
  await page.keyboard.press('F6');
  const card = page.getByRole('textbox', { name: 'Card' });
  await expect(card).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Due', { exact: true })).toHaveText('74.03', { timeout: 15_000 });
  await page.keyboard.press('F4');
  await expect(page.getByRole('textbox', { name: 'Cash' })).toHaveValue('74.05');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Due', { exact: true })).toHaveText('0.00');
  await expect(page.getByRole('region', { name: 'Payments' }).getByRole('listitem')).toHaveCount(2);
}

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
]) {
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('the payment panel, the Row sum column and the line of keys are in view without scrolling', async ({ page }) => {
      await bigSale(page);
      // Nothing on the page scrolls as a whole.
      expect(await page.locator('html').evaluate((root) => [root.scrollWidth, root.scrollHeight])).toEqual([
        viewport.width,
        viewport.height,
      ]);

      // The payment panel: every amount, both payment fields and the payments list, uncut.
      const panel = page.locator('.side');
      const panelBox = await expectInViewport(page, panel, 'side panel');
      expect(await panel.evaluate((el) => el.scrollTop)).toBe(0);
      for (const [label, locator] of [
        ['Sum', page.getByLabel('Sum', { exact: true })],
        ['Rounding', page.getByLabel('Rounding', { exact: true })],
        ['To pay', page.getByLabel('To pay', { exact: true })],
        ['Due', page.getByLabel('Due', { exact: true })],
        ['Cash', page.getByRole('textbox', { name: 'Cash' })],
        ['Money', page.getByLabel('Money', { exact: true })],
        ['Change', page.getByLabel('Change', { exact: true })],
        ['Card', page.getByRole('textbox', { name: 'Card' })],
        ['Payments', page.getByRole('region', { name: 'Payments' })],
      ] as const) {
        expectWithin(await expectInViewport(page, locator, label), panelBox, label);
      }
      await expect(page.getByLabel('Rounding', { exact: true })).toHaveText('0.02');

      // The rows table shows its Row sum column, header and sums, in the rows area.
      const rows = page.locator('.rows');
      const rowsBox = await expectInViewport(page, rows, 'rows area');
      expect(await rows.evaluate((el) => el.scrollLeft)).toBe(0);
      const header = await expectInViewport(page, page.getByRole('columnheader', { name: 'Row sum' }), 'Row sum header');
      expectWithin(header, rowsBox, 'Row sum header');
      const lastSum = page.getByLabel('Row sum').last();
      await expect(lastSum).toHaveText('4.59');
      expectWithin(await expectInViewport(page, lastSum, 'last row sum'), rowsBox, 'last row sum');
      // The rows area is left of the panel, not under it.
      expect(rowsBox.x + rowsBox.width).toBeLessThanOrEqual(panelBox.x + 0.5);

      // The keys: one line, nothing cut off, inside the screen.
      const keys = page.getByRole('navigation', { name: 'Keyboard shortcuts' });
      await expectInViewport(page, keys, 'key help');
      const items = keys.getByRole('listitem');
      const tops = new Set<number>();
      for (const item of await items.all()) {
        if (!(await item.isVisible())) continue;
        const b = await expectInViewport(page, item, `key ${await item.textContent()}`);
        tops.add(Math.round(b.y));
      }
      expect([...tops]).toHaveLength(1);
      expect(await keys.locator('ul').evaluate((ul) => ul.scrollWidth <= ul.clientWidth)).toBe(true);
      // The keys every sale needs are always among them.
      for (const key of ['F2', 'F4', 'F6', 'F9', 'F12']) await expect(keys.getByText(key, { exact: true })).toBeVisible();

      // A long article name ends in an ellipsis on screen; the whole name is its title and description.
      const name = page.getByRole('textbox', { name: 'Content' }).first();
      await page.getByRole('textbox', { name: 'Article' }).focus();
      expect(await name.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect(await name.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).textOverflow)).toBe('ellipsis');
      await expect(name).toHaveAttribute('title', LONG_NAME);
      await expect(name).toHaveAccessibleDescription(LONG_NAME);
    });

    test('a scan error shows the banner in view and sounds the error tone; the next key puts the banner away', async ({ page }) => {
      // Count the oscillators the page starts: the tone is Web Audio, nothing else makes one here.
      await page.addInitScript(`
        window.oscillatorsStarted = 0;
        const start = OscillatorNode.prototype.start;
        OscillatorNode.prototype.start = function (...args) {
          window.oscillatorsStarted += 1;
          return start.apply(this, args);
        };
      `);
      const beeps = async () => Number(await page.evaluate('window.oscillatorsStarted'));
      await openTill(page, shop);
      await page.keyboard.press('F2');
      await page.keyboard.type('1001');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('textbox', { name: 'Content' })).toHaveCount(1);
      expect(await beeps()).toBe(0);

      await page.keyboard.type('999999');
      await page.keyboard.press('Enter');
      const alert = page.getByRole('alert');
      await expect(alert).toHaveText('No article with code "999999". Check the code or search the article index.');
      const banner = await expectInViewport(page, page.locator('.alert-banner'), 'banner');
      expect(banner.width).toBeGreaterThan(viewport.width * 0.8);
      await expect.poll(beeps).toBeGreaterThan(0);
      const afterScan = await beeps();

      // The payment panel is not covered: the banner lies over the header.
      const panel = await box(page.locator('.side'));
      expect(banner.y + banner.height).toBeLessThanOrEqual(panel.y + 0.5);

      await page.keyboard.press('Escape');
      await expect(page.locator('.alert-banner')).toHaveCount(0);
      await expect(page.getByRole('contentinfo')).toContainText('999999');

      // F12 refused (not paid): banner and tone again.
      await page.keyboard.press('F12');
      await expect(page.getByRole('alert')).toContainText('is still due');
      await expect.poll(beeps).toBeGreaterThan(afterScan);
      await expect(page.getByLabel('Status')).toHaveText('Modified');
    });
  });
}
