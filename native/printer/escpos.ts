/**
 * Pure ESC/POS encoder: a PrintableReceipt becomes the exact bytes for one printer profile.
 * Layout is done in columns of Font A; every character is one byte in a single-byte code page,
 * so column arithmetic on `printable` strings is exact.
 */
import { formatMoney, formatQuantity, formatRate } from '../../electron/contract/codecs.js';
import type { PrintableReceipt, ReceiptLabels } from './document.js';
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

export function encodeReceipt(doc: PrintableReceipt, labels: ReceiptLabels, profile: PrinterProfile): Uint8Array {
  const columns = profile.columns;
  const pr = (s: string): string => printable(s, profile.encoding);
  const money = (minor: number): string => pr(formatMoney(minor, doc.locale));
  const rule = '-'.repeat(columns);
  const out = new ByteWriter(profile.encoding);

  const copyLabel = (): void => {
    // Double width halves the columns available.
    out.align('center').bold(true).size(2, 2);
    for (const l of wrap(pr(labels.copy), Math.floor(columns / 2))) out.line(l);
    out.size(1, 1).bold(false);
  };

  out.raw(preamble(profile));

  // Header: double height keeps the full column count, double width would halve it.
  out.align('center').bold(true).size(1, 2);
  for (const l of wrap(pr(doc.shopName), columns)) out.line(l);
  out.size(1, 1).bold(false);
  for (const shopLine of doc.shopLines) for (const l of wrap(pr(shopLine), columns)) out.line(l);
  // A reprint is marked at the top as well, so the top half alone cannot pass as an original.
  if (doc.copy) copyLabel();
  out.line('');
  out.bold(true).line(truncate(pr(labels.receipt), columns)).bold(false);
  out.align('left');
  out.line(justify(pr(labels.number), pr(doc.number), columns));
  out.line(justify(pr(labels.time), formatLocalTime(doc.confirmedAt, doc.timeZone), columns));
  out.line(justify(pr(labels.till), pr(doc.tillName), columns));
  out.line(rule);

  for (const row of doc.rows) {
    const unit = pr(row.unit === 'kg' ? (labels.kg ?? 'kg') : (labels.pcs ?? 'pcs'));
    out.line(truncate(pr(row.name), columns));
    const detail = `  ${pr(formatQuantity(row.quantityMilli, doc.locale))} ${unit} x ${money(row.unitPriceMinor)}`;
    const sum = money(row.sumMinor);
    if (width(detail) + 1 + width(sum) <= columns) out.line(justify(detail, sum, columns));
    else out.line(truncate(detail, columns)).line(sum.padStart(columns)); // never hide the quantity
  }
  out.line(rule);

  for (const l of vatLines(doc, labels, pr, columns)) out.line(l);
  out.line(rule);

  out.bold(true).size(1, 2);
  out.line(justify(`${pr(labels.total)} ${pr(doc.currency)}`, money(doc.totalMinor), columns));
  out.size(1, 1).bold(false);

  for (const payment of doc.payments) {
    if (payment.method === 'cash') {
      // Tendered is what the customer handed over; fall back to the amount if it was not recorded.
      const shown = payment.tenderedMinor !== 0 ? payment.tenderedMinor : payment.amountMinor;
      out.line(justify(pr(labels.cash), money(shown), columns));
    } else {
      out.line(justify(pr(labels.card), money(payment.amountMinor), columns));
    }
  }
  // "Change 0,00" on a card-only receipt is noise; with cash it confirms nothing is owed.
  if (doc.changeMinor !== 0 || doc.payments.some((p) => p.method === 'cash')) {
    out.line(justify(pr(labels.change), money(doc.changeMinor), columns));
  }

  if (doc.copy) copyLabel();
  out.line('');
  out.align('center');
  for (const l of wrap(pr(labels.thanks), columns)) out.line(l);
  out.align('left');

  // ESC d 2 leaves a margin under the last line; GS V 66 0 then feeds to the blade and cuts.
  out.raw([ESC, 0x64, 2]).raw(FEED_AND_PARTIAL_CUT);
  return out.bytes();
}
