import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { tempDir } from '../support/core.js';
import { openTill, tillPerTest, type E2eTill } from './till.js';

/**
 * The owner's view in a real browser against a real till process: the day's sales by hour and by
 * payment method drawn by chart.js (each a named picture, the figures in a table the keyboard can
 * show), the charts following the day just closed, and the Z report opened as a PDF in a new
 * window — from the close's own Z report and from the list — holding the Z number as text.
 */
let shop: E2eTill;
tillPerTest((till) => (shop = till));

/** One article at 49.00 (1804): `card` (typed, e.g. '5') by card first — the simulated terminal approves — and the rest in cash. */
async function sale(page: Page, card: string | null): Promise<void> {
  await page.keyboard.press('F2');
  await expect(page.getByRole('textbox', { name: 'Article' })).toBeFocused();
  await page.keyboard.type('1804');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Sum', { exact: true })).toHaveText('49.00');
  if (card !== null) {
    await page.keyboard.press('F6');
    await expect(page.getByRole('textbox', { name: 'Card' })).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(card);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Payments' }).getByRole('listitem')).toHaveCount(1, { timeout: 15_000 });
  }
  await page.keyboard.press('F4');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Due', { exact: true })).toHaveText('0.00');
  await page.keyboard.press('F12');
  await expect(page.getByLabel('Status')).toHaveText('Confirmed');
}

/** The text of a PDF, as a reader would copy it out. */
function pdfText(bytes: Buffer): string {
  const dir = tempDir('owner-e2e-');
  try {
    const file = join(dir.path, 'z.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    dir.remove();
  }
}

/** The hour of the shop's clock (the demo shop is in Tallinn) as the charts label it. */
const shopHour = () => `${new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Tallinn', hour: '2-digit', hourCycle: 'h23' }).format(new Date())}:00`;

test("two sales and a close: the charts' figures, then the Z report opens as a PDF from the close and from the list", async ({ page }) => {
  // Every Blob URL the page makes is noted, so the test can read what a new window was given.
  await page.addInitScript(() => {
    const made = new Map<string, Blob>();
    (globalThis as unknown as { madeBlobs: Map<string, Blob> }).madeBlobs = made;
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob) => {
      const url = create(blob);
      made.set(url, blob);
      return url;
    };
  });
  await openTill(page, shop);
  const firstHour = shopHour();
  await sale(page, null); // 49.00 in cash
  await sale(page, '5'); // 5.00 by card, 44.00 in cash
  const lastHour = shopHour();

  // Ctrl+D: the charts of the open day, each a named picture with its figures in a table.
  await page.keyboard.press('Control+d');
  const charts = page.getByRole('region', { name: 'Sales charts' });
  await expect(charts.getByRole('combobox', { name: 'Day shown' })).toHaveValue('open');
  const byHourImg = charts.getByRole('img', { name: 'Sales by hour (chart)' });
  await expect(byHourImg).toBeVisible();
  await expect(charts.getByRole('img', { name: 'Sales by payment method (chart)' })).toBeVisible();
  // chart.js drew on the canvas: not every pixel is blank.
  expect(await byHourImg.evaluate((canvas) => {
    // The test's own types know no DOM: the little of a canvas it reads.
    const c = canvas as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null };
    const pixels = Array.from(c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? []);
    return pixels.some((value, i) => i % 4 === 3 && value > 0);
  })).toBe(true);

  // The tables are there for a screen reader; the keyboard shows them too.
  const byMethod = charts.getByRole('table', { name: 'Sales by payment method' });
  await expect(byMethod).not.toBeInViewport();
  const show = charts.getByRole('button', { name: 'Show the figures as tables' });
  await show.focus();
  await page.keyboard.press('Enter');
  await expect(charts.getByRole('button', { name: 'Hide the tables' })).toHaveAttribute('aria-expanded', 'true');
  await expect(byMethod).toBeVisible();
  await expect(byMethod.getByRole('row')).toHaveText([/Payment method\s*Taken\s*Paid back\s*Net/, /Cash\s*93\.00\s*0\.00\s*93\.00/, /Card\s*5\.00\s*0\.00\s*5\.00/]);
  const byHour = charts.getByRole('table', { name: 'Sales by hour' });
  if (firstHour === lastHour) await expect(byHour.getByRole('row')).toHaveText([/Hour/, new RegExp(`${firstHour}\\s*98\\.00\\s*0\\.00\\s*98\\.00`)]);
  else await expect(byHour.getByRole('rowheader')).toHaveText([firstHour, lastHour]);

  // The close: 93.00 counted (50 + 2 × 20 + 2 + 1), confirmed.
  for (const [value, count] of [['50.00', '1'], ['20.00', '2'], ['2.00', '1'], ['1.00', '1']] as const) {
    await page.getByRole('textbox', { name: `Count of ${value}` }).fill(count);
  }
  await page.getByRole('region', { name: 'Close the day' }).getByRole('button', { name: 'Close the day' }).click();
  await page.getByRole('dialog', { name: 'Close the day?' }).getByRole('button', { name: 'Close the day' }).press('Enter');
  const z = page.getByRole('region', { name: 'Z report 1' });
  await expect(z.getByRole('heading', { name: 'Z report 1' })).toBeFocused();

  // The charts follow the day just closed: its figures, by its Z number.
  await expect(charts.getByRole('combobox', { name: 'Day shown' })).toHaveValue('1');
  await expect(byMethod.getByRole('row')).toHaveText([/Payment method/, /Cash\s*93\.00/, /Card\s*5\.00/]);

  // Open PDF on the close's Z report, by keyboard: a new window with the PDF.
  const fromClose = await openPdf(page, z.getByRole('button', { name: 'Open Z 1 as PDF' }));
  expect(fromClose.type).toBe('application/pdf');
  // The shop prints in Estonian: its Z report, by number.
  expect(pdfText(fromClose.bytes)).toContain('Z-ARUANNE 1');
  await expect(page.getByRole('status').first()).toHaveText('Z report 1 opened as a PDF in a new window.');

  // And from the list of Z reports.
  const list = page.getByRole('region', { name: 'Z reports' });
  const fromList = await openPdf(page, list.getByRole('button', { name: 'Open Z 1 as PDF' }));
  expect(fromList.type).toBe('application/pdf');
  expect(fromList.bytes.equals(fromClose.bytes)).toBe(true);
});

/**
 * Presses Enter on the button; answers what the window it opened shows (its document's type, as
 * the browser took it) and the bytes of the Blob behind its address, read in the page that made it.
 */
async function openPdf(page: Page, button: ReturnType<Page['getByRole']>): Promise<{ type: string; bytes: Buffer }> {
  await button.focus();
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('Enter')]);
  await popup.waitForLoadState();
  const type = await popup.locator('html').evaluate((root) => root.ownerDocument.contentType);
  const url = popup.url();
  expect(url).toMatch(/^blob:/);
  const base64 = await page.locator('html').evaluate(async (_root, address) => {
    const blob = (globalThis as unknown as { madeBlobs: Map<string, Blob> }).madeBlobs.get(address);
    if (!blob) return '';
    let text = '';
    for (const byte of new Uint8Array(await blob.arrayBuffer())) text += String.fromCharCode(byte);
    return btoa(text);
  }, url);
  await popup.close();
  return { type, bytes: Buffer.from(base64, 'base64') };
}

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
]) {
  test(`the charts fit ${viewport.width}×${viewport.height}: side by side, inside the day screen, never sideways`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openTill(page, shop);
    await sale(page, null);
    await page.keyboard.press('Control+d');
    const charts = page.getByRole('region', { name: 'Sales charts' });
    const byHour = charts.getByRole('img', { name: 'Sales by hour (chart)' });
    const byMethod = charts.getByRole('img', { name: 'Sales by payment method (chart)' });
    await expect(byMethod).toBeVisible();

    expect(await page.locator('html').evaluate((root) => [root.scrollWidth, root.scrollHeight])).toEqual([viewport.width, viewport.height]);
    expect(await page.locator('.day-body').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const hourBox = await byHour.boundingBox();
    const methodBox = await byMethod.boundingBox();
    const section = await charts.boundingBox();
    expect(hourBox && methodBox && section).toBeTruthy();
    if (!hourBox || !methodBox || !section) return;
    // By hour (wide) beside by method, both inside their section and wide enough to read.
    expect(methodBox.x).toBeGreaterThan(hourBox.x + hourBox.width);
    expect(methodBox.x + methodBox.width).toBeLessThanOrEqual(section.x + section.width);
    expect(methodBox.width).toBeGreaterThan(200);
    // Reached by the keyboard: the day picker scrolls into view when it gets the focus.
    const pick = charts.getByRole('combobox', { name: 'Day shown' });
    await pick.focus();
    await expect(pick).toBeInViewport();
  });
}
