import { describe, expect, it } from 'vitest';
import { checkIban } from '../../../electron/domain/iban.js';
import { takeCash } from '../../../electron/domain/payment.js';
import { computeTotals, rowSum } from '../../../electron/domain/totals.js';
import {
  cancelRefusal,
  creditQuantities,
  lastReturnSum,
  leftToReturn,
  refundCash,
  refundExact,
  refundParts,
  returnedPerRow,
  returnRefusal,
  vatInGross,
} from '../../../electron/domain/returns.js';

describe('what a credit note starts with: everything left of each sold row, negative', () => {
  it.each([
    ['a whole sale, nothing returned yet', [{ rowId: 'a', soldMilli: 2000, returnedMilli: 0 }, { rowId: 'b', soldMilli: 1000, returnedMilli: 0 }], [{ rowId: 'a', quantityMilli: -2000 }, { rowId: 'b', quantityMilli: -1000 }]],
    ['one of two pieces came back before', [{ rowId: 'a', soldMilli: 2000, returnedMilli: 1000 }, { rowId: 'b', soldMilli: 1000, returnedMilli: 0 }], [{ rowId: 'a', quantityMilli: -1000 }, { rowId: 'b', quantityMilli: -1000 }]],
    ['a row fully returned is left out', [{ rowId: 'a', soldMilli: 2000, returnedMilli: 2000 }, { rowId: 'b', soldMilli: 1000, returnedMilli: 0 }], [{ rowId: 'b', quantityMilli: -1000 }]],
    ['weighed: 1.250 kg sold, 0.400 kg back, 0.850 kg left to the gram', [{ rowId: 'a', soldMilli: 1250, returnedMilli: 400 }], [{ rowId: 'a', quantityMilli: -850 }]],
    ['everything returned: nothing to credit', [{ rowId: 'a', soldMilli: 1000, returnedMilli: 1000 }], []],
  ])('%s', (_, sold, expected) => {
    expect(creditQuantities(sold)).toEqual(expected);
  });
});

describe('over-return is blocked across several credit notes', () => {
  // Three pieces sold; two credit notes returned one each; a third asks for one or two.
  const returned = returnedPerRow([
    { ofRowId: 'a', quantityMilli: -1000 },
    { ofRowId: 'a', quantityMilli: -1000 },
    { ofRowId: 'w', quantityMilli: -333 },
  ]);
  const leftA = leftToReturn({ rowId: 'a', soldMilli: 3000, returnedMilli: returned.get('a') ?? 0 });
  const leftW = leftToReturn({ rowId: 'w', soldMilli: 1000, returnedMilli: returned.get('w') ?? 0 });

  it.each([
    ['the last piece', -1000, leftA, null],
    ['two pieces when one is left', -2000, leftA, 'above_left'],
    ['a positive quantity on a credit note', 1000, leftA, 'positive_quantity'],
    ['zero', 0, leftA, 'positive_quantity'],
    ['0.667 kg of 0.667 kg left (to the gram)', -667, leftW, null],
    ['0.668 kg of 0.667 kg left: one gram too many', -668, leftW, 'above_left'],
  ])('%s', (_, quantity, left, refusal) => {
    expect(returnRefusal(quantity, left)).toBe(refusal);
  });

  it('sums what each note returned per row, as positive amounts', () => {
    expect([...returned]).toEqual([
      ['a', 2000],
      ['w', 333],
    ]);
    expect(leftA).toBe(1000);
  });
});

describe('returns in parts never give back more than the row cost', () => {
  // 3 pieces at 0.05 with 10 % off: 0.135 → 0.14 for the row, but 0.045 → 0.05 for each piece alone.
  const row = { quantityMilli: 3000, unitPriceMinor: 5, vatRateBp: 2400, discountBp: 1000 };
  const sold = { rowId: 'a', soldMilli: 3000, soldSumMinor: rowSum(row) };

  it.each([
    ['the whole row at once mirrors the sale', 0, 0, -3000, null],
    ['a first piece is quantity × price', 0, 0, -1000, null],
    ['the last piece after two: what is left of 0.14', 2000, 10, -1000, -4],
    ['the last two pieces after one', 1000, 5, -2000, -9],
    ['not the last: quantity × price', 1000, 5, -1000, null],
  ])('%s', (_, returnedMilli, returnedSumMinor, quantity, expected) => {
    expect(lastReturnSum({ ...sold, returnedMilli, returnedSumMinor }, quantity)).toBe(expected);
  });

  it('three credit notes of one piece each give back 0.14, as the sale took', () => {
    expect(sold.soldSumMinor).toBe(14);
    const first = rowSum({ ...row, quantityMilli: -1000 });
    const second = rowSum({ ...row, quantityMilli: -1000 });
    const last = lastReturnSum({ ...sold, returnedMilli: 2000, returnedSumMinor: -(first + second) }, -1000);
    expect([first, second, last]).toEqual([-5, -5, -4]);
    expect(computeTotals([{ ...row, quantityMilli: -1000, fixedSumMinor: last }]).totalMinor).toBe(-4);
  });
});

describe('a cash refund is rounded to 5 cents, mirrored, whatever the sale was paid with', () => {
  it.each([
    // owed, paid out (positive), payment amount, rounding
    [-1223, 1225, -1225, -2],
    [-1222, 1220, -1220, 2],
    [-1224, 1225, -1225, -1],
    [-1221, 1220, -1220, 1],
    [-1225, 1225, -1225, 0],
    [-1, 0, 0, 1],
  ])('owing %i pays out %i', (owed, paidOut, amount, rounding) => {
    // One cent owed rounds to nothing: paying out nothing settles it (the rounding line takes it).
    expect(refundCash(owed, paidOut, '0.05')).toEqual({ ok: true, payment: { method: 'cash', amountMinor: amount, tenderedMinor: amount, changeMinor: 0, roundingMinor: rounding } });
  });

  it('without cash rounding the exact amount goes out', () => {
    expect(refundCash(-1223, 1223, 'none')).toMatchObject({ ok: true, payment: { amountMinor: -1223, roundingMinor: 0 } });
  });

  it.each([
    ['part of the refund in cash (the rest another way): exact', -1223, 500, { ok: true, payment: expect.objectContaining({ amountMinor: -500, roundingMinor: 0 }) }],
    ['more than is owed', -1223, 1300, { ok: false, reason: 'exceeds_refund' }],
    ['nothing owed', 0, 100, { ok: false, reason: 'nothing_owed' }],
    ['a sale (something due) is no refund', 1223, 1225, { ok: false, reason: 'nothing_owed' }],
    ['a negative amount', -1223, -5, { ok: false, reason: 'invalid_amount' }],
  ])('%s', (_, owed, paidOut, expected) => {
    expect(refundCash(owed, paidOut, '0.05')).toEqual(expected);
  });
});

describe('the rounding of a whole-sale credit mirrors the sale', () => {
  it.each([1223, 1222, 1224, 1221, 1999, 5, 3])('a sale of %i cents in cash, credited whole, books the opposite rounding', (total) => {
    const sale = takeCash(total, 100_000, '0.05');
    const refund = refundCash(-total, sale.ok ? sale.payment.amountMinor : -1, '0.05');
    expect(sale.ok && refund.ok).toBe(true);
    if (!sale.ok || !refund.ok) return;
    expect(refund.payment.amountMinor).toBe(0 - sale.payment.amountMinor);
    expect(refund.payment.roundingMinor).toBe(0 - sale.payment.roundingMinor);
  });
});

describe('a card and cash sale is refunded part by part', () => {
  it.each([
    ['card 10.00 + cash 2.23, all back: card 10.00, cash 2.23 paid out 2.25', { cardMinor: 1000, cashMinor: 225 }, 1223, { cardMinor: 1000, cashExactMinor: 223, cashPaidOutMinor: 225 }],
    ['card 10.00 + cash 2.23, 8.00 back: all to the card', { cardMinor: 1000, cashMinor: 225 }, 800, { cardMinor: 800, cashExactMinor: 0, cashPaidOutMinor: 0 }],
    ['cash only: all in cash, rounded', { cardMinor: 0, cashMinor: 1225 }, 1222, { cardMinor: 0, cashExactMinor: 1222, cashPaidOutMinor: 1220 }],
    ['card only: all to the card, never rounded', { cardMinor: 1223, cashMinor: 0 }, 1223, { cardMinor: 1223, cashExactMinor: 0, cashPaidOutMinor: 0 }],
  ])('%s', (_, original, refund, expected) => {
    expect(refundParts(original, refund, '0.05')).toEqual(expected);
  });

  it('a card refund is exact and at most what is owed', () => {
    expect(refundExact('card', -1223, 1000)).toMatchObject({ ok: true, payment: { method: 'card', amountMinor: -1000, roundingMinor: 0 } });
    expect(refundExact('transfer', -1223, 1224)).toEqual({ ok: false, reason: 'exceeds_refund' });
  });
});

describe('cancelling the original card payment on the terminal', () => {
  const card = { amountMinor: 1000, paidOn: '2026-12-03', cancelled: false };
  it.each([
    ['same day, the whole amount owed', card, '2026-12-03', 1000, 1000, null],
    ['same day, more owed (cash part too)', card, '2026-12-03', 1223, 1000, null],
    ['same day, only part of it owed (partial return)', card, '2026-12-03', 999, 1000, 'not_exact'],
    ['the next day', card, '2026-12-04', 1000, 1000, 'not_today'],
    ['cancelled already', { ...card, cancelled: true }, '2026-12-03', 1000, 1000, 'cancelled'],
    ['part of the card money went back to the card already (an earlier credit note)', card, '2026-12-03', 1000, 600, 'refunded'],
  ])('%s', (_, c, today, owed, cardLeft, refusal) => {
    expect(cancelRefusal(c, today, owed, cardLeft)).toBe(refusal);
  });
});

describe('an IBAN for a refund by transfer: country length and mod-97', () => {
  it.each([
    ['EE382200221020145685', { ok: true, iban: 'EE382200221020145685' }],
    ['ee38 2200 2210 2014 5685', { ok: true, iban: 'EE382200221020145685' }],
    ['PL61 1090 1014 0000 0712 1981 2874', { ok: true, iban: 'PL61109010140000071219812874' }],
    ['LT121000011101001000', { ok: true, iban: 'LT121000011101001000' }],
    ['EE382200221020145686', { ok: false, reason: 'check_digits' }],
    ['EE3822002210201456', { ok: false, reason: 'length' }],
    ['XX382200221020145685', { ok: false, reason: 'country' }],
    ['', { ok: false, reason: 'country' }],
  ])('%s', (text, expected) => {
    expect(checkIban(text)).toEqual(expected);
  });
});

describe('VAT inside a returned line (returns register)', () => {
  it.each([
    [1240, 2400, 240],
    [1990, 900, 164],
    [119, 2400, 23],
    [0, 2300, 0],
  ])('%i gross at %i bp holds %i VAT', (gross, rate, vat) => {
    expect(vatInGross(gross, rate)).toBe(vat);
  });
});
