/** What use cases get from the outside world; injected at the composition root, faked in tests. */
export interface Clock {
  now(): Date;
}

export interface Ids {
  /** A new unique, time-ordered id (UUIDv7 in production, a counter in tests). */
  next(): string;
}

/** The shop and till this installation serves; printed on receipts. */
export interface ShopConfig {
  shopName: string;
  shopLines: string[];
  tillName: string;
  currency: string;
  /** Language of printouts and the default UI language. */
  locale: string;
  timeZone: string;
  /** Number series this till confirms receipts in. */
  seriesCode: string;
}
