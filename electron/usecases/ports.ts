import type { ImportColumn } from '../domain/catalogue-import.js';
import type { DevicesView, SettingsView } from '../contract/api.js';
import type { Db } from '../db/open.js';
import type { Outbox } from './effects.js';
import type { PrintableDayReport, PrintableReceipt } from './printable.js';
import type { PaymentTerminal, TerminalPrompt } from './terminal-port.js';

/**
 * What the use cases need from the world outside the core, as interfaces the core owns.
 * Adapters (devices, the composition root) implement them; tests fake the ones they need.
 */
export interface Clock {
  now(): Date;
}

export interface Ids {
  /** A new unique, time-ordered id (UUIDv7 in production, a counter in tests). */
  next(): string;
}

/**
 * What this installation is set up with: its currency and the language of its printouts, and the
 * presets (POS_* variables) for settings not made on the settings screen yet — the shop's
 * identity, the till's name, the time zone, the number series.
 */
export interface ShopConfig {
  currency: string;
  /** Language of printouts and the default UI language. */
  locale: string;
  shopName: string;
  shopAddress: string;
  shopRegNo: string;
  shopVatNo: string;
  tillName: string;
  /** IANA zone; the machine's unless preset. */
  timeZone: string;
  /** Number series this till confirms receipts in, unless the settings name another. */
  seriesCode: string;
}

/** The receipt printer as the use cases see it. */
export interface PrintPort {
  /** Text lines exactly as the printer would print the paper (F8 preview). */
  preview(paper: PrintableReceipt): string[];
  /** Is a receipt printer (real or simulated) configured? */
  configured(): boolean;
}

/** The fiscal printer (Poland): when one is set, confirm writes a fiscal receipt for it. */
export interface FiscalPort {
  enabled(): boolean;
}

/** The accounting ledger: when one is set, every document also goes to it, through the outbox. */
export interface LedgerPort {
  enabled(): boolean;
  /** The connector's name and the lane's last exchange. */
  health(): { name: string | null; lastSuccessAt: string | null; lastError: string | null };
  /** Wakes the uploader now, whatever its back-off says (and shows what is still set aside). */
  syncNow(): void;
  /** Asks the ledger whether it can be reached (and is the one expected). */
  check(): Promise<{ ok: boolean; detail: string }>;
  /** Does the ledger set take an API key or token? */
  needsSecret(): boolean;
  /** The key or token was changed (it is read from the till's store again). */
  secretChanged(): Promise<void>;
  /** Product cards as the ledger has them, in the import file's columns; null when this ledger keeps none. */
  articles(): Promise<Record<ImportColumn, string>[] | null>;
}

/** The devices as the status bar shows them. */
export interface DevicesPort {
  view(): DevicesView;
}

/**
 * Device settings (connection strings) are checked before they are stored, so a bad one changes
 * nothing, and acted on after the commit (reconnect the printer, the terminal…).
 */
export interface DeviceSettingsPort {
  check(changes: Partial<SettingsView>): void;
  changed(changes: Partial<SettingsView>, settings: SettingsView): void;
}

/**
 * The X and Z reports as PDF files in the data directory's reports folder (the files lane saves
 * each Z report there at close).
 */
export interface ReportFilesPort {
  /** The saved PDF of a report by its name (e.g. "Z-000001"), or null when there is no such file (yet). */
  read(name: string): Promise<Uint8Array | null>;
  /** The PDF of a report made now, as the files lane makes it, and kept nowhere. */
  render(report: PrintableDayReport): Promise<Uint8Array>;
}

/** Pushes to the screen while a use case works or after it changed something. */
export interface ScreenPort {
  /** The card terminal's prompts while it works. */
  terminalPrompt(prompt: TerminalPrompt): void;
  /** Something about the card terminal changed (an approval to reverse appeared or went). */
  terminalChanged(): void;
}

export interface CoreDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  shop: ShopConfig;
  /** Runs `fn` in one immediate transaction; the outbox's lanes are woken once it commits. */
  tx<T>(fn: () => T): T;
  outbox: Outbox;
  terminal: PaymentTerminal;
  print: PrintPort;
  fiscal: FiscalPort;
  /** The accounting ledger the uploader posts to; none set: no ledger entries are queued. */
  ledger?: LedgerPort;
  devices: DevicesPort;
  deviceSettings: DeviceSettingsPort;
  screen: ScreenPort;
}
