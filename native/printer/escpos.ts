/**
 * Pure ESC/POS encoder: a PrintableReceipt becomes the exact bytes for one printer profile.
 * Layout is done in columns of Font A; every character is one byte in a single-byte code page,
 * so column arithmetic on `printable` strings is exact.
 *
 * The bytes come as a plan of chunks (header, each row, VAT, totals, payments, footer, QR, cut,
 * drawer kick). The print worker sends them one by one, reads the printer's status after each
 * and remembers how many are on paper, so a receipt cut off by a paper change, an open cover or
 * a crash resumes at the first chunk not confirmed; the chunk that was on its way then follows a
 * "— continued —" line (`continuedChunk`), so a repeated section is never silent. Every chunk
 * starts and ends in the default style (left, not bold, normal size), so any chunk can follow
 * `resumePrefix` (ESC @ and the code table again) after the printer has been away.
 */
import { formatMoney, formatQuantity, formatRate } from '../text/numbers.js';
import {
  completeLabels,
  type PrintablePaymentMethod,
  type PrintableReceipt,
  type PrintableTestPage,
  type ReceiptLabels,
} from './document.js';
import { ChunkWriter, concatChunks, writeCut, writeLogo, writeSymbol, type PrintChunk } from './chunks.js';
import { drawerKick } from './escpos-graphics.js';
import type { MonoBitmap } from './pbm.js';
import { codePageName, type PrinterProfile } from './profiles.js';
import { justify, printable, truncate, width, wrap } from './text.js';

export { encodeText, printable } from './text.js';
export { commandCompletion, concatChunks, FEED_AND_PARTIAL_CUT, type PrintChunk } from './chunks.js';

const ESC = 0x1b;
const FS = 0x1c;
const DLE = 0x10;

/** ESC @: resets the printer, including the code table (back to PC437), so ESC t must follow it. */
export const INIT: readonly number[] = [ESC, 0x40];
/** FS .: leave Kanji/Chinese double-byte mode (see PrinterProfile.cancelKanji). */
export const CANCEL_KANJI: readonly number[] = [FS, 0x2e];
/** ESC p 0 25 250: pulse drawer pin 2 for 50 ms on, 500 ms off (Epson ESC/POS command reference). */
export const DRAWER_KICK: Uint8Array = drawerKick(2, 50, 500);

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

/**
 * Sent before the first chunk when a job resumes after a fault or a restart: the printer may have
 * been switched off and on (code table back to PC437) or been left mid-style by the lost chunk.
 */
export function resumePrefix(profile: PrinterProfile): Uint8Array {
  return Uint8Array.from(preamble(profile));
}

/**
 * Sent instead of `resumePrefix` when the part a job resumes at may be on paper already (it was
 * being sent when the till or the printer was lost): the printer is put back into a known state
 * and a "— continued —" line says that what follows may repeat what is above it.
 */
export function continuedChunk(label: string, profile: PrinterProfile, locale: string): PrintChunk {
  const out = new ChunkWriter(profile.encoding);
  out.begin('continued').raw(preamble(profile)).align('center');
  for (const l of wrap(printable(label, profile.encoding, locale), profile.columns)) out.line(l);
  out.align('left');
  return out.chunks()[0]!;
}

/** Pictures a receipt may use; loaded by the caller (files are not the encoder's business). */
export interface ReceiptAssets {
  /** The shop logo, printed when the receipt asks for it (`logo: true`). */
  logo?: MonoBitmap | null;
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
 * The receipt as chunks for one printer. Order on paper: [logo], header (shop, till, PRO FORMA /
 * COPY banners, title), customer, rows (with discount, serial number, salesperson), VAT by
 * rate, TOTAL (turnover), rounding and TO PAY when cash was rounded, payments, change, cashier,
 * number and time, the banners again, thanks, [QR code of the number], cut, [drawer kick].
 */
export function planReceipt(
  doc: PrintableReceipt,
  givenLabels: ReceiptLabels,
  profile: PrinterProfile,
  assets: ReceiptAssets = {},
): PrintChunk[] {
  const labels = completeLabels(givenLabels);
  const columns = profile.columns;
  const pr = (s: string): string => printable(s, profile.encoding, doc.locale);
  const money = (minor: number): string => pr(formatMoney(minor, doc.locale));
  const signed = (minor: number): string => (minor > 0 ? `+${money(minor)}` : money(minor));
  const rule = '-'.repeat(columns);
  const out = new ChunkWriter(profile.encoding);

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

  out.begin('header').raw(preamble(profile));
  if (doc.logo && assets.logo) writeLogo(out, assets.logo, profile);

  // Header: double height keeps the full column count, double width would halve it.
  out.align('center').bold(true).size(1, 2);
  for (const l of wrap(pr(doc.shopName), columns)) out.line(l);
  out.size(1, 1).bold(false);
  for (const shopLine of doc.shopLines) for (const l of wrap(pr(shopLine), columns)) out.line(l);
  if (doc.shopRegNo) for (const l of wrap(pr(`${labels.regNo ?? 'Reg. No.'} ${doc.shopRegNo}`), columns)) out.line(l);
  if (doc.shopVatNo) for (const l of wrap(pr(`${labels.vatNo} ${doc.shopVatNo}`), columns)) out.line(l);
  out.align('left');
  // A reprint or a pro-forma is marked at the top as well, so the top half alone cannot pass as an original.
  banners();
  out.line('');
  if (!doc.proForma) {
    // A pro-forma is not a receipt: its banner stands instead of the title.
    const title = doc.creditOf ? (labels.creditNote ?? 'Credit note') : labels.receipt;
    out.align('center').bold(true).line(truncate(pr(title), columns)).bold(false).align('left');
  }
  if (doc.creditOf) field(labels.creditOf ?? 'Returns sale', `${doc.creditOf.number} ${formatLocalTime(doc.creditOf.confirmedAt, doc.timeZone)}`);
  if (doc.tillName.trim()) out.line(justify(pr(labels.till), pr(doc.tillName), columns));
  out.line(rule);

  if (doc.customer) {
    out.begin('customer');
    const c = doc.customer;
    const who = c.name.trim() && c.code.trim() ? `${c.name.trim()} (${c.code.trim()})` : c.name.trim() || c.code.trim();
    field(labels.customer, who);
    if (c.vatNo.trim()) field(labels.vatNo, c.vatNo.trim());
    if (c.address.trim()) for (const l of wrap(pr(c.address.trim()), columns)) out.line(l);
    out.line(rule);
  }

  doc.rows.forEach((row, index) => {
    out.begin(`row ${index + 1}`);
    const unit = pr(row.unit === 'kg' ? (labels.kg ?? 'kg') : (labels.pcs ?? 'pcs'));
    // A long name wraps at word boundaries rather than losing its end (the size, the variant);
    // the quantity × price line below keeps its layout.
    const name = wrap(pr(row.name), columns);
    for (const l of name.length > 0 ? name : ['']) out.line(l);
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
  });

  out.begin('vat').line(rule);
  for (const l of vatLines(doc, labels, pr, columns)) out.line(l);
  out.line(rule);

  out.begin('total').bold(true).size(1, 2);
  out.line(justify(`${pr(labels.total)} ${pr(doc.currency)}`, money(doc.totalMinor), columns));
  out.size(1, 1).bold(false);
  if (doc.roundingMinor !== 0) {
    // Turnover stays the sum of the rows; the cash rounding is its own line, then what is paid.
    out.line(justify(pr(labels.rounding), signed(doc.roundingMinor), columns));
    out.bold(true).size(1, 2);
    const toPay = doc.payableMinor < 0 ? (labels.toRefund ?? 'TO REFUND') : labels.toPay;
    out.line(justify(`${pr(toPay)} ${pr(doc.currency)}`, money(doc.payableMinor), columns));
    out.size(1, 1).bold(false);
  }

  out.begin('payments');
  for (const payment of doc.payments) {
    // Cash shows what the customer handed over; fall back to the amount if it was not recorded.
    const shown = payment.method === 'cash' && payment.tenderedMinor !== 0 ? payment.tenderedMinor : payment.amountMinor;
    out.line(justify(pr(methodLabel(payment.method, labels)), money(shown), columns));
    if (payment.reference?.trim()) detail(payment.reference.trim());
  }
  // "Change 0,00" on a card-only receipt is noise; with cash it confirms nothing is owed.
  // On a refund (money going out) there is no change to give.
  if (doc.changeMinor !== 0 || (doc.payableMinor >= 0 && doc.payments.some((p) => p.method === 'cash'))) {
    out.line(justify(pr(labels.change), money(doc.changeMinor), columns));
  }
  out.line(rule);

  out.begin('footer');
  if (doc.cashier.trim()) field(labels.cashier, doc.cashier.trim());
  if (doc.number !== null && doc.number !== '') out.line(justify(pr(labels.number), pr(doc.number), columns));
  out.line(justify(pr(labels.time), formatLocalTime(doc.confirmedAt, doc.timeZone), columns));

  if (doc.creditOf) {
    // Customer and seller sign for the money and goods taken back: the paper is the returns protocol.
    for (const who of [labels.signature ?? "Customer's signature", labels.signatureShop ?? "Seller's signature"]) {
      const label = pr(who);
      out.line('').line('').line(justify(label, '_'.repeat(Math.max(1, columns - width(label) - 1)), columns));
    }
  }
  banners();
  out.line('');
  out.align('center');
  const footer = doc.footerLines && doc.footerLines.length > 0 ? doc.footerLines : [labels.thanks];
  for (const line of footer) for (const l of wrap(pr(line), columns)) out.line(l);
  out.align('left');

  const qr = doc.qr?.trim();
  if (qr) writeSymbol(out.begin('qr'), qr, profile);

  writeCut(out);
  // The terminal's own slips: its text as it sent it, one slip per cut (customer, merchant copy).
  doc.cardSlips?.forEach((slip, index) => {
    out.begin(`card slip ${index + 1}`);
    for (const line of slip) out.line(truncate(pr(line), columns));
    writeCut(out);
  });
  // After the cut, so the drawer opens when the receipt can be torn off.
  if (doc.openDrawer) out.begin('drawer').raw(DRAWER_KICK);
  return out.chunks();
}

/** The whole receipt as one byte string: the chunks of `planReceipt` back to back. */
export function encodeReceipt(doc: PrintableReceipt, labels: ReceiptLabels, profile: PrinterProfile, assets: ReceiptAssets = {}): Uint8Array {
  return concatChunks(planReceipt(doc, labels, profile, assets));
}

/** One line of each language the till serves, so a test page shows what the code page does to it. */
export const SAMPLE_LINES: Readonly<Record<string, string>> = {
  et: 'Õun Äädikas Öö Ülo Šokk Žürii',
  lv: 'Ābols Čūska Ēna Ģimene Ķirsis Ļoti Ņēma',
  lt: 'Ąžuolas Čia Ęsu Ėriukas Įdomu Šuo Ųsai',
  pl: 'Łódź Źdźbło Żółć Gęś Ćma Świeży Ńa',
  ru: 'Съешь ещё этих мягких булок',
  uk: 'Ґанок, їжак, єнот, щука, м’ясо',
  kk: 'Әке Ғалым Қала Өнер Ұлт Үй Һа Іні Ңа',
};

/**
 * A short test page: title, shop, time, printer profile and code page (`ESC t n`), a sample line
 * in the shop's language first and then in the others (each as this page prints it), a QR code.
 */
export function planTestPage(page: PrintableTestPage, givenLabels: Partial<ReceiptLabels>, profile: PrinterProfile): PrintChunk[] {
  const columns = profile.columns;
  const pr = (s: string, lang?: string): string => printable(s, profile.encoding, lang ?? page.locale);
  const out = new ChunkWriter(profile.encoding);
  const lang = page.locale.toLowerCase().slice(0, 2);

  out.begin('header').raw(preamble(profile));
  out.align('center').bold(true).size(1, 2);
  for (const l of wrap(pr(givenLabels.testPage ?? 'Test page'), columns)) out.line(l);
  out.size(1, 1).bold(false);
  for (const l of wrap(pr(page.shopName), columns)) out.line(l);
  out.line(formatLocalTime(page.at, page.timeZone ?? 'UTC')).align('left').line('-'.repeat(columns));

  out.begin('profile');
  for (const l of wrap(`${pr(givenLabels.printer ?? 'Printer')}: ${pr(profile.name)}`, columns)) out.line(l);
  out.line(truncate(`  ${profile.id}`, columns));
  out.line(truncate(`${pr(givenLabels.codePage ?? 'Code page')}: ${codePageName(profile)} (ESC t ${profile.codeTable})`, columns));
  out.line('-'.repeat(columns));

  out.begin('samples');
  const order = [lang, ...Object.keys(SAMPLE_LINES).filter((k) => k !== lang)].filter((k) => SAMPLE_LINES[k] !== undefined);
  for (const key of order) {
    const [first, ...rest] = wrap(pr(SAMPLE_LINES[key]!, key), columns - 3);
    out.line(`${key} ${first ?? ''}`);
    for (const l of rest) out.line(`   ${l}`);
  }
  out.line('-'.repeat(columns));

  writeSymbol(out.begin('qr'), `TEST ${profile.id}`, profile);
  writeCut(out);
  return out.chunks();
}

/** A 'drawer' job: only the kick (ESC p 0 25 250), nothing printed. */
export function planDrawerKick(): PrintChunk[] {
  return [{ name: 'drawer', bytes: DRAWER_KICK.slice() }];
}
