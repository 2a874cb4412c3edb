// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderTill, resetDom, startReceipt, text } from './harness';

beforeEach(() => resetDom());
afterEach(() => resetDom());

describe("the screen shows times in the shop's time zone, as the paper does", () => {
  // The till's clock stands at 2026-11-22 10:00 UTC.
  it.each([
    ['UTC', '22/11/2026, 10:00'],
    ['Europe/Tallinn', '22/11/2026, 12:00'],
    ['Pacific/Kiritimati', '23/11/2026, 00:00'],
  ])('%s: the receipt time reads %s whatever the machine says', async (timeZone, shown) => {
    await renderTill({ settings: { timeZone } });
    await startReceipt();
    expect(text('Time')).toBe(shown);
  });
});
