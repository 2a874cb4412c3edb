/**
 * The parts of POT-I-DEV-37 (POSNET protocol, version 5978, 2023-11-02) the till uses: command
 * mnemonics, parameter ids and the error numbers it reacts to. One table, so the driver and the
 * simulator cannot drift apart and a reviewer can check every id against the spec in one place.
 */

export const CMD = {
  /** Start a receipt. `bm` block mode (0 = on-line, the default). */
  trinit: 'trinit',
  /** A sale line. */
  trline: 'trline',
  /** A payment form in the receipt's end section (or the change, with `re`1). */
  trpayment: 'trpayment',
  /** Close the receipt: totals are verified against what was sent. */
  trend: 'trend',
  /** Cancel the open transaction (or the printout in progress); `trcancel` is a synonym. */
  prncancel: 'prncancel',
  /** Read the seven PTU rates A–G. */
  vatget: 'vatget',
  /** Transaction status: open or not, the last document's type and its per-rate totals. */
  strns: 'strns',
  /** Counters: completed / cancelled receipts, number of the last receipt, daily reports. */
  scnt: 'scnt',
  /** Mechanism status (paper, cover); also answered in async mode as `!sprn`. */
  sprn: 'sprn',
  /** Device status (ready, in menu, waiting for the user, queue empty); also `!sdev`. */
  sdev: 'sdev',
  /** Daily fiscal report ("raport dobowy", the Z report). `da` = today's date. */
  dailyrep: 'dailyrep',
  /** Repeat the reply to the command with the same token (device keeps ~32 in RAM). */
  rpt: 'rpt',
} as const;

/** Parameter ids, per command, as the spec names them. */
export const FIELD = {
  trinit: { blockMode: 'bm' },
  trline: {
    /** Item name, up to 80 characters (Alfanum.). */
    name: 'na',
    /** PTU rate *index* 0–6 (A = 0 … G = 6), not the letter. */
    rate: 'vt',
    /** Unit price in grosze (Kwota, 1 – 499 999 999 999). */
    price: 'pr',
    /** Storno flag. */
    storno: 'st',
    /** Line total = price × quantity before the discount (Kwota), verified by the device. */
    total: 'wa',
    /** Quantity (Num.: decimal with '.' or ','), default 1. */
    quantity: 'il',
    /** Description under the name (≤ 50). */
    description: 'op',
    /** Unit of measure (≤ 4). */
    unit: 'jm',
    /** Discount (1) or surcharge (0). */
    isDiscount: 'rd',
    /** Discount name (≤ 25). */
    discountName: 'rn',
    /** Percentage discount, two implied decimals. */
    discountPercent: 'rp',
    /** Amount discount in grosze. */
    discountAmount: 'rw',
  },
  trpayment: {
    /** Payment type: see PAYMENT_TYPE. */
    type: 'ty',
    /** Amount in grosze (the payment, or the change when `re`1). */
    amount: 'wa',
    /** Payment form name (≤ 25; not printed for cash). */
    name: 'na',
    /** 1 = this is change given back. */
    change: 're',
  },
  trend: {
    /** Fiscal value of the receipt (must match the lines). */
    total: 'to',
    /** Sum of payment forms sent. */
    payments: 'fp',
    /** Sum of change sent. */
    change: 're',
    /** Automatic footer (1, default): no packaging lines / extra footer lines follow. */
    autoFooter: 'fe',
  },
  strns: {
    /** 1 = a transaction is open, 0 = none or unknown (e.g. after a RAM reset). */
    open: 'to',
    /** Type of the document being printed (to=1) or printed last (to=0): 16 receipt, 17 block-mode receipt, 33 invoice, 48 packaging. */
    documentType: 'ts',
    /** Per-rate totalizers of the current / last transaction, A–G (reset when a transaction starts). */
    rateTotals: ['va', 'vb', 'vc', 'vd', 've', 'vf', 'vg'],
    /** Payments entered. */
    payments: 'fp',
    /** Change entered. */
    change: 're',
  },
  scnt: {
    /** Daily reports. */
    dailyReports: 'rd',
    /** Number of the last printed header ("nr:" on every printout). */
    lastHeader: 'hn',
    /** Receipts completed correctly. */
    receiptsCompleted: 'bn',
    /** Receipts cancelled. */
    receiptsCancelled: 'bc',
    /** Number of the last receipt. */
    lastReceipt: 'bt',
  },
  sprn: { mechanism: 'pr' },
  sdev: { device: 'ds', queueEmpty: 'qe', paperNearEnd: 'pe' },
  vatget: { rates: ['va', 'vb', 'vc', 'vd', 've', 'vf', 'vg'] },
  dailyrep: { date: 'da' },
} as const;

/** `trpayment ty`: 0 cash, 2 card, 3 cheque, 4 voucher (bon), 5 credit, 6 other, 7 voucher, 8 transfer. */
export const PAYMENT_TYPE = { cash: 0, card: 2, cheque: 3, coupon: 4, credit: 5, other: 6, voucher: 7, transfer: 8 } as const;

/** `strns ts` / `scomm ts` document types. */
export const DOCUMENT_TYPE = { none: 0, receipt: 16, blockReceipt: 17, invoice: 33, packaging: 48 } as const;

/** `sprn pr` mechanism states. */
export const MECHANISM = {
  ok: 0,
  leverUp: 1,
  noAccess: 2,
  coverOpen: 3,
  paperOut: 5,
  temperatureOrPower: 6,
  powerDip: 7,
  cutter: 8,
  powerSupply: 9,
  coverOpenWhileCutting: 10,
} as const;

/** The PTU letters in index order: `vt`0 = A … `vt`6 = G. */
export const PTU_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;

/** vatget: rate 100,00 = exempt ("zw"), 101,00 = inactive. Stored here as basis points. */
export const RATE_EXEMPT_BP = 10_000;
export const RATE_INACTIVE_BP = 10_100;

export function ptuIndex(letter: string): number {
  const index = PTU_LETTERS.indexOf(letter.toUpperCase() as (typeof PTU_LETTERS)[number]);
  if (index < 0) throw new RangeError(`PTU letter must be A–G: '${letter}'`);
  return index;
}

/** Command error numbers the till names (full list in the spec's last chapter). */
export const ERROR = {
  cmdTryLater: 41,
  /** dailyrep with nothing sold since the last report: two zero daily reports in a row are not made. */
  zeroDailyReport: 382,
  noDailyReport: 383,
  totalsOverflow: 1950,
  paymentCoversAlready: 1953,
  emptyReceipt: 1992,
  vatField: 2000,
  priceField: 2006,
  quantityField: 2007,
  totalField: 2008,
  dailyTotalsOverflow: 2010,
  transactionMode: 2038,
  zeroReceipt: 2041,
  paymentsDoNotCover: 2054,
  badState: 2060,
  badParameter: 2063,
  inactiveRate: 2102,
  nameError: 2104,
  /** The tax ladder: the item's rate was lowered before and may not be raised ("Towar zablokowany"). */
  itemLocked: 2106,
  lineVerify: 2802,
  totalVerify: 2805,
  paymentVerify: 2808,
  changeVerify: 2809,
} as const;

const DESCRIPTIONS: Record<number, string> = {
  1: 'unknown command',
  2: 'mandatory field missing',
  3: 'field conversion error',
  4: 'bad token',
  5: 'bad checksum',
  6: 'bad frame (parameter without mnemonic)',
  10: 'bad field length',
  11: 'input buffer overrun',
  12: 'command not allowed in immediate mode',
  13: 'no command with that token',
  14: 'input queue full',
  15: 'bad frame (no checksum)',
  41: 'resources busy with another interface',
  382: 'zero daily report attempted',
  383: 'daily report missing: do the daily report first',
  1950: 'receipt totalizer range exceeded',
  1953: 'payments already cover the amount due',
  1992: 'no lines on the receipt',
  2000: 'bad PTU field (bad rate number or inactive rate)',
  2006: 'bad price',
  2007: 'bad quantity',
  2008: 'bad total',
  2010: 'daily totalizers overflow: do the daily report',
  2038: 'device is in transaction mode',
  2041: 'receipt with zero value',
  2054: 'payments do not cover the amount due or the change',
  2060: 'bad transaction state',
  2063: 'bad parameter',
  2102: 'PTU rate inactive',
  2103: 'invalid PTU rate',
  2104: 'bad item name',
  2105: 'rate assignment error',
  2106: 'item locked: its PTU rate was lowered and may not be raised (tax ladder)',
  2801: 'discount verification failed',
  2802: 'line total verification failed',
  2805: 'fiscal total verification failed',
  2808: 'payments verification failed',
  2809: 'change verification failed',
};

export function describeError(code: number): string {
  return DESCRIPTIONS[code] ?? 'device error';
}

/**
 * Refusals that are about the document itself: sending the same receipt again gets the same answer,
 * so the job needs a person. Everything else (busy, day report missing, paper, timeouts) is retried.
 */
export function isDocumentError(code: number): boolean {
  if (code === ERROR.cmdTryLater || code === ERROR.noDailyReport || code === ERROR.dailyTotalsOverflow) return false;
  return (
    (code >= 1 && code <= 10 && code !== 4 && code !== 5) ||
    (code >= 1950 && code <= 2009) ||
    code === ERROR.zeroReceipt ||
    code === ERROR.paymentsDoNotCover ||
    code === 2055 ||
    code === ERROR.badParameter ||
    (code >= 2101 && code <= 2107) ||
    (code >= 2600 && code <= 2601) ||
    (code >= 2801 && code <= 2809) ||
    (code >= 2851 && code <= 2853)
  );
}
