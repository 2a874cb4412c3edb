/**
 * Pure ESC/POS encoder: a PrintableReceipt becomes the exact bytes for one printer profile.
 * Layout is done in columns of Font A; every character is one byte in a single-byte code page,
 * so column arithmetic on `printable` strings is exact.
 */
import { formatMoney, formatQuantity, formatRate } from '../../electron/contract/codecs.js';
import { completeLabels, upgradePrintable, type PrintablePaymentMethod, type PrintableReceipt, type ReceiptLabels, type StoredPrintableReceipt } from './document.js';
import type { PrinterProfile } from './profiles.js';
import { encodeText, justify, printable, truncate, width, wrap } from './text.js';

export { encodeText, printable } from './text.js';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;

/** ESC @: resets the printer, including the code table (back to PC437), so ESC t must follow it. */
export const INIT: readonly number[] = [ESC, 0x40];
/** FS .: leave Kanji/Chinese double-byte mode (see PrinterProfile.cancelKanji). */
export const CANCEL_KANJI: readonly number[] = [FS, 0x2e];
/** ESC p 0 25 250: pulse drawer pin 2 for 50 ms on, 500 ms off (PROTOCOLS.md §1.1). */
export const DRAWER_KICK: Uint8Array = Uint8Array.of(ESC, 0x70, 0x00, 0x19, 0xfa);
/** GS V 66 0: feed to the cutter position, then partial cut (leaves a hinge; no paper stuck above the blade). */
export const FEED_AND_PARTIAL_CUT: readonly number[] = [GS, 0x56, 0x42, 0x00];

/** ESC t n: select the character code table. */
export function selectCodeTable(n: number): number[] {
  return [ESC, 0x74, n & 0xff];
}

/** DLE EOT n: real-time status request (n = 1..4), answered with one byte even mid-stream. */
export function statusQuery(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(DLE, 0x04, n);
}

/** Bytes that put the printer into a known state for `profile`: init, [cancel Kanji], code table. */
export function preamble(profile: PrinterProfile): number[] {
  return [...INIT, ...(profile.cancelKanji ? CANCEL_KANJI : []), ...selectCodeTable(profile.codeTable)];
}

class ByteWriter {
  private readonly chunks: number[] = [];
  constructor(private readonly encoding: string) {}
  raw(bytes: readonly number[]): this {
    this.chunks.push(...bytes);
    return this;
  }
  /** `text` must already be printable and fit the line. */
  line(text: string): this {
    this.chunks.push(...encodeText(text, this.encoding), LF);
    return this;
  }
  align(where: 'left' | 'center'): this {
    return this.raw([ESC, 0x61, where === 'center' ? 1 : 0]);
  }
  bold(on: boolean): this {
    return this.raw([ESC, 0x45, on ? 1 : 0]);
  }
  /** GS ! n: width and height multipliers 1 or 2. */
  size(widthTimes: 1 | 2, heightTimes: 1 | 2): this {
    return this.raw([GS, 0x21, ((widthTimes - 1) << 4) | (heightTimes - 1)]);
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

/** dd.MM.yyyy HH:mm in the shop's zone (not the till's OS zone, which may be UTC). */
export function formatLocalTime(isoUtc: string, timeZone: string): string {
  const instant = new Date(isoUtc);
  if (Number.isNaN(instant.getTime())) throw new Error(`Invalid confirmedAt '${isoUtc}'`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}.${get('month')}.${get('year')} ${get('hour')}:${get('minute')}`;
}

/**
 * VAT summary as a 4-column table (rate | net | VAT | gross). If an amount is too wide for its
 * cell (huge sums on a 32-column printer), each rate is printed as a stacked block instead, so
 * no number is ever cut.
 */
function vatLines(doc: PrintableReceipt, labels: ReceiptLabels, pr: (s: string) => string, columns: number): string[] {
  const money = (minor: number): string => pr(formatMoney(minor, doc.locale));
  const rows = doc.vat.map((v) => [pr(`${formatRate(v.rateBp, doc.locale)}%`), money(v.netMinor), money(v.vatMinor), money(v.grossMinor)] as const);
  const amountWidth = Math.floor((columns - 6) / 3);
  const rateWidth = columns - 3 * amountWidth;
  const fits = rows.every(([rate, ...amounts]) => width(rate) < rateWidth && amounts.every((a) => width(a) < amountWidth));
  if (fits) {
    const cell = (s: string): string => truncate(s, amountWidth - 1).padStart(amountWidth);
    const first = (s: string): string => truncate(s, rateWidth - 1).padEnd(rateWidth);
    return [
      first(pr(labels.vatRate)) + cell(pr(labels.net)) + cell(pr(labels.vat)) + cell(pr(labels.gross)),
      ...rows.map(([rate, net, vat, gross]) => first(rate) + cell(net) + cell(vat) + cell(gross)),
    ];
  }
  return rows.flatMap(([rate, net, vat, gross]) => [
    justify(pr(labels.vatRate), rate, columns),
    justify(`  ${pr(labels.net)}`, net, columns),
    justify(`  ${pr(labels.vat)}`, vat, columns),
    justify(`  ${pr(labels.gross)}`, gross, columns),
  ]);
}

function methodLabel(method: PrintablePaymentMethod, labels: ReceiptLabels): string {
  switch (method) {
    case 'cash':
      return labels.cash;
    case 'card':
      return labels.card;
    case 'transfer':
      return labels.transfer;
    case 'prepayment':
      return labels.prepayment;
  }
}

/**
 * The receipt as bytes for one printer. Order on paper: header (shop, till, PRO FORMA / COPY
 * banners, title), customer, rows (with discount, serial number, salesperson), VAT by rate,
 * TOTAL (turnover), rounding and TO PAY when cash was rounded, payments, change, cashier,
 * number and time, the banners again, thanks.
 *
 * Accepts documents written by older versions (missing fields print as nothing); see
 * `upgradePrintable`.
 */
export function encodeReceipt(stored: PrintableReceipt | StoredPrintableReceipt, givenLabels: ReceiptLabels, profile: PrinterProfile): Uint8Array {
  const doc = upgradePrintable(stored);
  const labels = completeLabels(givenLabels);
  const columns = profile.columns;
  const pr = (s: string): string => printable(s, profile.encoding);
  const money = (minor: number): string => pr(formatMoney(minor, doc.locale));
  const signed = (minor: number): string => (minor > 0 ? `+${money(minor)}` : money(minor));
  const rule = '-'.repeat(columns);
  const out = new ByteWriter(profile.encoding);

  /** `label … value` on one line, or the label and then the value wrapped under it when too long. */
  const field = (label: string, value: string): void => {
    const l = pr(label);
    const v = pr(value);
    if (width(l) + 1 + width(v) <= columns) out.line(justify(l, v, columns));
    else {
      out.line(truncate(l, columns));
      for (const w of wrap(v, columns - 2)) out.line(`  ${w}`);
    }
  };
  /** Indented sub-line of a row (serial number, salesperson, card reference). */
  const detail = (text: string): void => {
    for (const l of wrap(pr(text), columns - 2)) out.line(`  ${l}`);
  };
  /**
   * A large marker that a receipt is not an original. Double width halves the columns available,
   * so the longer pro-forma sentence is printed double height only (one line on any paper).
   */
  const banner = (text: string, widthTimes: 1 | 2): void => {
    out.align('center').bold(true).size(widthTimes, 2);
    for (const l of wrap(pr(text), Math.floor(columns / widthTimes))) out.line(l);
    out.size(1, 1).bold(false).align('left');
  };
  const banners = (): void => {
    if (doc.proForma) banner(labels.proForma, 1);
    if (doc.copy) banner(labels.copy, 2);
  };

  out.raw(preamble(profile));

  // Header: double height keeps the full column count, double width would halve it.
  out.align('center').bold(true).size(1, 2);
  for (const l of wrap(pr(doc.shopName), columns)) out.line(l);
  out.size(1, 1).bold(false);
  for (const shopLine of doc.shopLines) for (const l of wrap(pr(shopLine), columns)) out.line(l);
  out.align('left');
  // A reprint or a pro-forma is marked at the top as well, so the top half alone cannot pass as an original.
  banners();
  out.line('');
  if (!doc.proForma) {
    // A pro-forma is not a receipt: its banner stands instead of the title.
    out.align('center').bold(true).line(truncate(pr(labels.receipt), columns)).bold(false).align('left');
  }
  out.line(justify(pr(labels.till), pr(doc.tillName), columns));
  out.line(rule);

  if (doc.customer) {
    const c = doc.customer;
    const who = c.name.trim() && c.code.trim() ? `${c.name.trim()} (${c.code.trim()})` : c.name.trim() || c.code.trim();
    field(labels.customer, who);
    if (c.vatNo.trim()) field(labels.vatNo, c.vatNo.trim());
    if (c.address.trim()) for (const l of wrap(pr(c.address.trim()), columns)) out.line(l);
    out.line(rule);
  }

  for (const row of doc.rows) {
    const unit = pr(row.unit === 'kg' ? (labels.kg ?? 'kg') : (labels.pcs ?? 'pcs'));
    out.line(truncate(pr(row.name), columns));
    // quantity × unit price = list sum; the discount line then takes its amount off, so the right
    // column adds up to the total.
    const quantity = `  ${pr(formatQuantity(row.quantityMilli, doc.locale))} ${unit} x ${money(row.unitPriceMinor)}`;
    const sum = money(row.sumMinor + row.discountMinor);
    if (width(quantity) + 1 + width(sum) <= columns) out.line(justify(quantity, sum, columns));
    else out.line(truncate(quantity, columns)).line(sum.padStart(columns)); // never hide the quantity
    if (row.discountBp > 0 || row.discountMinor !== 0) {
      const rate = row.discountBp > 0 ? ` ${pr(formatRate(row.discountBp, doc.locale))} %` : '';
      out.line(justify(`  ${pr(labels.discount)}${rate}`, money(-row.discountMinor), columns));
    }
    if (row.serialNo.trim()) detail(`${labels.serialNo} ${row.serialNo.trim()}`);
    if (row.salesperson?.trim()) detail(`${labels.salesperson} ${row.salesperson.trim()}`);
  }
  out.line(rule);

  for (const l of vatLines(doc, labels, pr, columns)) out.line(l);
  out.line(rule);

  out.bold(true).size(1, 2);
  out.line(justify(`${pr(labels.total)} ${pr(doc.currency)}`, money(doc.totalMinor), columns));
  out.size(1, 1).bold(false);
  if (doc.roundingMinor !== 0) {
    // Turnover stays the sum of the rows; the cash rounding is its own line, then what is paid.
    out.line(justify(pr(labels.rounding), signed(doc.roundingMinor), columns));
    out.bold(true).size(1, 2);
    out.line(justify(`${pr(labels.toPay)} ${pr(doc.currency)}`, money(doc.payableMinor), columns));
    out.size(1, 1).bold(false);
  }

  for (const payment of doc.payments) {
    // Cash shows what the customer handed over; fall back to the amount if it was not recorded.
    const shown = payment.method === 'cash' && payment.tenderedMinor !== 0 ? payment.tenderedMinor : payment.amountMinor;
    out.line(justify(pr(methodLabel(payment.method, labels)), money(shown), columns));
    if (payment.reference?.trim()) detail(payment.reference.trim());
  }
  // "Change 0,00" on a card-only receipt is noise; with cash it confirms nothing is owed.
  if (doc.changeMinor !== 0 || doc.payments.some((p) => p.method === 'cash')) {
    out.line(justify(pr(labels.change), money(doc.changeMinor), columns));
  }
  out.line(rule);

  if (doc.cashier.trim()) field(labels.cashier, doc.cashier.trim());
  if (doc.number !== null && doc.number !== '') out.line(justify(pr(labels.number), pr(doc.number), columns));
  out.line(justify(pr(labels.time), formatLocalTime(doc.confirmedAt, doc.timeZone), columns));

  banners();
  out.line('');
  out.align('center');
  for (const l of wrap(pr(labels.thanks), columns)) out.line(l);
  out.align('left');

  // ESC d 2 leaves a margin under the last line; GS V 66 0 then feeds to the blade and cuts.
  out.raw([ESC, 0x64, 2]).raw(FEED_AND_PARTIAL_CUT);
  return out.bytes();
}
