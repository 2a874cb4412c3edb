/**
 * The X and Z reports on the receipt printer: the day's figures as the core froze them, worded at
 * print time in the shop's language (English where a word is missing).
 */
import { formatMoney, formatQuantity, formatRate } from '../text/numbers.js';
import { ChunkWriter, writeCut, type PrintChunk } from './chunks.js';
import { formatLocalTime, preamble } from './escpos.js';
import type { PrinterProfile } from './profiles.js';
import { justify, printable, truncate, wrap } from './text.js';

export interface PrintableDayReport {
  kind: 'x' | 'z';
  /** The Z number; null on an X report. */
  zNumber: number | null;
  shopName: string;
  tillName: string;
  openedAt: string;
  /** When it was made: the close, or the moment an X report was asked for. */
  at: string;
  timeZone: string;
  locale: string;
  currency: string;
  copy: boolean;
  salesMinor: number;
  returnsMinor: number;
  netMinor: number;
  roundingMinor: number;
  receipts: { count: number; first: string | null; last: string | null };
  creditNotes: { count: number; first: string | null; last: string | null };
  vat: { rateBp: number; netMinor: number; vatMinor: number; grossMinor: number }[];
  tenders: { method: string; amountMinor: number }[];
  discountMinor: number;
  cashInMinor: number;
  cashOutMinor: number;
  drawerOpenings: number;
  /** Per cashier: documents confirmed and their total (absent in reports frozen before cashiers were recorded). */
  cashiers?: { name: string; count: number; totalMinor: number }[] | undefined;
  /** The close's stock count (a Z report). */
  inventory?: { code: string; name: string; unit: string; expectedMilli: number; countedMilli: number; counted: boolean; differenceMilli: number }[] | undefined;
  /** The cash count of a close (absent on an X report). */
  cash?: { floatMinor: number; expectedMinor: number; countedMinor: number; differenceMinor: number; cashOutMinor?: number | undefined; remainsMinor: number; reason: string } | null;
}

const WORDS = {
  x: 'X REPORT',
  z: 'Z REPORT',
  copy: 'COPY',
  opened: 'Opened',
  at: 'Time',
  till: 'Till',
  sales: 'Sales',
  returns: 'Returns',
  net: 'Net',
  rounding: 'Rounding',
  receipts: 'Receipts',
  creditNotes: 'Credit notes',
  vatRate: 'VAT',
  vatNet: 'Net',
  vat: 'VAT',
  gross: 'Gross',
  cash: 'Cash',
  card: 'Card',
  transfer: 'Transfer',
  prepayment: 'Prepayment',
  discounts: 'Discounts',
  cashIn: 'Cash in',
  cashOut: 'Cash out',
  drawerOpenings: 'Drawer opened without a sale',
  float: 'Opening float',
  expected: 'Expected',
  counted: 'Counted',
  difference: 'Difference',
  reason: 'Reason',
  remains: 'Remains in register',
  closeCashOut: 'Taken out at close',
  cashiers: 'Cashiers',
  inventory: 'Stock count',
  inventoryColumns: 'Expected / counted / difference',
  uncounted: 'not counted',
};
export type ReportWords = typeof WORDS;

/** One line of a report: a label and its value (a lone label when the value is empty). */
export type ReportLine = [label: string, value: string];

/**
 * The report as titled sections of label/value lines, worded and formatted in the report's
 * language: the receipt printer and the PDF lay out the same lines.
 */
export function dayReportLines(doc: PrintableDayReport, given: Partial<ReportWords>): { title: string; sections: { name: string; lines: ReportLine[] }[] } {
  const words: ReportWords = { ...WORDS, ...given };
  const money = (minor: number): string => formatMoney(minor, doc.locale);
  const numbers = (n: { count: number; first: string | null; last: string | null }) => (n.count > 0 ? `${n.count} (${n.first ?? ''}–${n.last ?? ''})` : '0');
  const title = doc.kind === 'z' ? `${words.z} ${doc.zNumber ?? ''}`.trim() : words.x;
  const sections: { name: string; lines: ReportLine[] }[] = [
    {
      name: 'header',
      lines: [
        ...(doc.copy ? [[words.copy, ''] as ReportLine] : []),
        [doc.shopName, ''],
        ...(doc.tillName.trim() ? [[words.till, doc.tillName] as ReportLine] : []),
        [words.opened, formatLocalTime(doc.openedAt, doc.timeZone)],
        [words.at, formatLocalTime(doc.at, doc.timeZone)],
      ],
    },
    {
      name: 'totals',
      lines: [
        [`${words.sales} ${doc.currency}`, money(doc.salesMinor)],
        [words.returns, money(doc.returnsMinor)],
        [words.net, money(doc.netMinor)],
        [words.rounding, money(doc.roundingMinor)],
        [words.discounts, money(doc.discountMinor)],
        [words.receipts, numbers(doc.receipts)],
        [words.creditNotes, numbers(doc.creditNotes)],
      ],
    },
    {
      name: 'vat',
      lines: [
        [words.vatRate, `${words.vatNet} / ${words.vat} / ${words.gross}`],
        ...doc.vat.map((v): ReportLine => [`${formatRate(v.rateBp, doc.locale)}%`, `${money(v.netMinor)} ${money(v.vatMinor)} ${money(v.grossMinor)}`]),
      ],
    },
    {
      name: 'payments',
      lines: [
        ...doc.tenders.map((t): ReportLine => [words[t.method as 'cash' | 'card' | 'transfer' | 'prepayment'] ?? t.method, money(t.amountMinor)]),
        [words.cashIn, money(doc.cashInMinor)],
        [words.cashOut, money(doc.cashOutMinor)],
        [words.drawerOpenings, String(doc.drawerOpenings)],
      ],
    },
  ];
  if (doc.cashiers && doc.cashiers.length > 0) {
    sections.push({
      name: 'cashiers',
      lines: [[words.cashiers, ''], ...doc.cashiers.map((c): ReportLine => [`${c.name || '—'} (${c.count})`, money(c.totalMinor)])],
    });
  }
  if (doc.inventory && doc.inventory.length > 0) {
    const qty = (milli: number) => formatQuantity(milli, doc.locale);
    sections.push({
      name: 'inventory',
      lines: [
        [words.inventory, words.inventoryColumns],
        ...doc.inventory.map((r): ReportLine => [
          `${r.code} ${r.name}${r.counted ? '' : ` (${words.uncounted})`}`,
          `${qty(r.expectedMilli)} ${qty(r.countedMilli)} ${r.differenceMilli > 0 ? '+' : ''}${qty(r.differenceMilli)}`,
        ]),
      ],
    });
  }
  if (doc.cash) {
    sections.push({
      name: 'cash',
      lines: [
        [words.float, money(doc.cash.floatMinor)],
        [words.expected, money(doc.cash.expectedMinor)],
        [words.counted, money(doc.cash.countedMinor)],
        [words.difference, money(doc.cash.differenceMinor)],
        ...(doc.cash.reason.trim() ? [[`${words.reason}: ${doc.cash.reason.trim()}`, ''] as ReportLine] : []),
        ...(doc.cash.cashOutMinor ? [[words.closeCashOut, money(doc.cash.cashOutMinor)] as ReportLine] : []),
        [words.remains, money(doc.cash.remainsMinor)],
      ],
    });
  }
  return { title, sections };
}

export function planDayReport(doc: PrintableDayReport, given: Partial<ReportWords>, profile: PrinterProfile): PrintChunk[] {
  const columns = profile.columns;
  const pr = (s: string): string => printable(s, profile.encoding, doc.locale);
  const out = new ChunkWriter(profile.encoding);
  const { title, sections } = dayReportLines(doc, given);
  out.begin('header').raw(preamble(profile));
  out.align('center').bold(true).size(1, 2);
  for (const l of wrap(pr(title), columns)) out.line(l);
  out.size(1, 1).bold(false);
  for (const section of sections) {
    if (section.name !== 'header') out.begin(section.name);
    for (const [label, value] of section.lines) {
      if (value === '') for (const l of wrap(pr(label), columns)) out.line(l);
      else out.line(justify(truncate(pr(label), columns - pr(value).length - 1), pr(value), columns));
    }
    if (section.name === 'header') out.align('left');
    out.line('-'.repeat(columns));
  }
  writeCut(out);
  return out.chunks();
}
