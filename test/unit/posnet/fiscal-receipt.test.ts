import { describe, expect, it } from 'vitest';
import type { PaymentView, ReceiptRowView, ReceiptView } from '../../../electron/contract/api.js';
import { ReceiptView as ReceiptViewSchema } from '../../../electron/contract/api.js';
import { DomainError } from '../../../electron/domain/errors.js';
import { FISCAL_NAME_LIMIT, toFiscalReceipt } from '../../../electron/domain/fiscal-receipt.js';
import { receiptCommands } from '../../../native/posnet/driver.js';

const PTU = { '2300': 'A', '2200': 'A', '800': 'B', '900': 'B', '500': 'C', '0': 'D' };

function row(over: Partial<ReceiptRowView> & Pick<ReceiptRowView, 'name' | 'quantityMilli' | 'unitPriceMinor' | 'vatRateBp' | 'sumMinor'>): ReceiptRowView {
  return {
    id: `row-${over.name}`,
    lineNo: 1,
    articleId: 'a-1',
    code: '1001',
    unit: 'pcs',
    discountBp: 0,
    discountMinor: 0,
    serialNo: '',
    salespersonCode: null,
    imageUrl: null,
    stockMilli: null,
    overStock: false,
    zeroPrice: 'ok',
    credit: null,
    ...over,
  };
}

function payment(over: Partial<PaymentView> & Pick<PaymentView, 'method' | 'amountMinor'>): PaymentView {
  return { id: `p-${over.method}`, tenderedMinor: over.amountMinor, changeMinor: 0, roundingMinor: 0, reference: null, payee: null, ...over };
}

/** Mleko 2 × 3.49 (8 %), Chleb 4.99 −10 % (5 %): 11.47; card 5.00 + cash 10.00 → change 3.53. */
function view(over: Partial<ReceiptView> = {}): ReceiptView {
  const v: ReceiptView = {
    id: 'rcpt-1',
    documentType: 'receipt',
    status: 'confirmed',
    number: 'K-000042',
    seriesCode: 'K',
    currency: 'PLN',
    createdAt: '2026-11-22T10:00:00.000Z',
    confirmedAt: '2026-11-22T10:05:00.000Z',
    savedAt: '2026-11-22T10:04:00.000Z',
    printedAt: null,
    locked: false,
    customer: null,
    customerName: '',
    address: '',
    vatNo: '',
    email: '',
    priceFormulaCode: null,
    objectCode: null,
    warehouseCode: 'MAIN',
    creditOf: null,
    credit: null,
    rows: [
      row({ lineNo: 1, name: 'Mleko 3,2% 1 l', quantityMilli: 2000, unitPriceMinor: 349, vatRateBp: 800, sumMinor: 698 }),
      row({ lineNo: 2, name: 'Chleb  żytni\t', quantityMilli: 1000, unitPriceMinor: 499, vatRateBp: 500, sumMinor: 449, discountBp: 1000, discountMinor: 50 }),
    ],
    vat: [],
    totalMinor: 1147,
    roundingMinor: 0,
    payableMinor: 1147,
    paidMinor: 1147,
    dueMinor: 0,
    cashDueMinor: 0,
    moneyMinor: 1000,
    changeMinor: 353,
    payments: [payment({ method: 'card', amountMinor: 500, reference: '123456 ****1234' }), payment({ method: 'cash', amountMinor: 647, tenderedMinor: 1000, changeMinor: 353 })],
    ...over,
  };
  return v;
}

function posError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('toFiscalReceipt', () => {
  it('the test view is a valid ReceiptView', () => {
    expect(ReceiptViewSchema.safeParse(view()).success).toBe(true);
  });

  it('maps rows to lines with PTU letters, cash as the money handed over, and the change', () => {
    expect(toFiscalReceipt(view(), PTU)).toEqual({
      receiptId: 'rcpt-1',
      number: 'K-000042',
      lines: [
        { name: 'Mleko 3,2% 1 l', quantityMilli: 2000, unitPriceMinor: 349, sumMinor: 698, ptu: 'B', discountMinor: 0, rateBp: 800 },
        { name: 'Chleb żytni', quantityMilli: 1000, unitPriceMinor: 499, sumMinor: 449, ptu: 'C', discountMinor: 50, rateBp: 500 },
      ],
      totalMinor: 1147,
      payments: [
        { kind: 'card', amountMinor: 500 },
        { kind: 'cash', amountMinor: 1000 },
      ],
      changeMinor: 353,
      roundingMinor: 0,
    });
  });

  it('produces a document the POSNET driver turns into consistent commands', () => {
    const commands = receiptCommands(toFiscalReceipt(view(), PTU));
    expect(commands.at(-1)).toEqual(['trend', [['to', 1147], ['fp', 1500], ['re', 353]]]);
  });

  it('refuses a VAT rate with no PTU letter (fiscal.unavailable, reason no_ptu)', () => {
    const v = view({ rows: [row({ lineNo: 1, name: 'Usługa', quantityMilli: 1000, unitPriceMinor: 1147, vatRateBp: 700, sumMinor: 1147 })] });
    const error = posError(() => toFiscalReceipt(v, PTU));
    expect(error.code).toBe('fiscal.unavailable');
    expect(error.details).toEqual({ reason: 'no_ptu', line: 1, rateBp: 700 });
    expect(error.message).toMatch(/VAT 7 % \(line 1\) has no PTU letter/);
  });

  it('refuses a name over the limit (default 60; the caller may pass another)', () => {
    const long = 'Ż'.repeat(61);
    const v = view({ rows: [row({ lineNo: 3, name: long, quantityMilli: 1000, unitPriceMinor: 1147, vatRateBp: 2300, sumMinor: 1147 })] });
    expect(FISCAL_NAME_LIMIT).toBe(60);
    const error = posError(() => toFiscalReceipt(v, PTU));
    expect(error.code).toBe('fiscal.name_too_long');
    expect(error.details).toEqual({ line: 3, name: long, length: 61, limit: 60 });
    expect(toFiscalReceipt(v, PTU, 80).lines[0]?.name).toBe(long);
    expect(posError(() => toFiscalReceipt(view(), PTU, 10)).details).toMatchObject({ line: 1, limit: 10, length: 14 });
  });

  it('counts the name after collapsing whitespace', () => {
    const name = `${'a'.repeat(30)}    ${'b'.repeat(29)}`; // 63 typed, 60 printed
    const v = view({ rows: [row({ lineNo: 1, name, quantityMilli: 1000, unitPriceMinor: 1147, vatRateBp: 2300, sumMinor: 1147 })] });
    expect(toFiscalReceipt(v, PTU).lines[0]?.name).toHaveLength(60);
  });

  it.each([
    ['a refund (credit note)', { creditOf: 'rcpt-0' }, 'refund'],
    ['cash rounding', { roundingMinor: -2 }, 'cash_rounding'],
    ['an empty receipt', { rows: [] }, 'empty'],
    ['unpaid', { payments: [payment({ method: 'card', amountMinor: 500 })], changeMinor: 0 }, 'payments_mismatch'],
  ] as const)('refuses %s', (_what, over, reason) => {
    const error = posError(() => toFiscalReceipt(view(over as Partial<ReceiptView>), PTU));
    expect(error.code).toBe('fiscal.unavailable');
    expect(error.details?.reason).toBe(reason);
  });

  it.each([
    ['a negative quantity', { quantityMilli: -1000, sumMinor: -1147 }, 'refund'],
    ['a zero price', { unitPriceMinor: 0, sumMinor: 0 }, 'zero_price'],
    ['a line discounted to zero', { discountBp: 10000, sumMinor: 0, discountMinor: 1147 }, 'zero_line'],
    ['a name without letters or digits', { name: '***' }, 'empty_name'],
  ] as const)('refuses %s', (_what, over, reason) => {
    const base = { lineNo: 1, name: 'Towar', quantityMilli: 1000, unitPriceMinor: 1147, vatRateBp: 2300, sumMinor: 1147 };
    const line = row({ ...base, ...over });
    const v = view({ rows: [line], totalMinor: line.sumMinor });
    const error = posError(() => toFiscalReceipt(v, PTU));
    expect(error.details?.reason).toBe(reason);
  });

  it('keeps transfer and prepayment payments, and drops zero payments', () => {
    const v = view({
      payments: [payment({ method: 'transfer', amountMinor: 1000 }), payment({ method: 'prepayment', amountMinor: 147 }), payment({ method: 'card', amountMinor: 0 })],
      changeMinor: 0,
    });
    expect(toFiscalReceipt(v, PTU).payments).toEqual([
      { kind: 'transfer', amountMinor: 1000 },
      { kind: 'prepayment', amountMinor: 147 },
    ]);
  });
});
