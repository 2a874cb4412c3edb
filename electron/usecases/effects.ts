import { z } from 'zod';
import type { FiscalReceipt } from '../domain/fiscal-receipt.js';
import { LedgerDocument } from './ledger-document.js';
import { DrawerKick, PrintableCashMovement, PrintableDayReport, PrintableReceipt, PrintableTestPage, upgradePaper } from './printable.js';

/**
 * Every effect the till has on the outside world is an outbox entry, written in the transaction
 * of the document that causes it and carried out afterwards by the one outbox worker: a kind, a
 * payload version and a payload validated against the kind's schema on the way in and out.
 *
 * A lane is one device or service the worker talks to; entries of a lane are carried out one at a
 * time in the order they were written (the printer prints receipts in order, the fiscal printer
 * registers them in order), and a lane that waits for its device never holds up another.
 */
export const LANES = ['printer', 'fiscal', 'files', 'terminal', 'ledger'] as const;
export type Lane = (typeof LANES)[number];

const Int = z.number().int().safe();

const FiscalReceiptSchema = z.object({
  receiptId: z.string(),
  number: z.string(),
  lines: z.array(
    z.object({
      name: z.string(),
      quantityMilli: Int,
      unitPriceMinor: Int,
      sumMinor: Int,
      ptu: z.string().regex(/^[A-G]$/),
      discountMinor: Int,
      rateBp: Int.optional(),
    }),
  ),
  totalMinor: Int,
  payments: z.array(z.object({ kind: z.enum(['cash', 'card', 'transfer', 'prepayment']), amountMinor: Int })),
  changeMinor: Int,
  roundingMinor: Int,
});
// The schema describes exactly the domain's fiscal receipt.
const _sameFiscal: (doc: FiscalReceipt) => z.input<typeof FiscalReceiptSchema> = (doc) => doc;
const _sameFiscalBack: (doc: z.output<typeof FiscalReceiptSchema>) => FiscalReceipt = (doc) => doc;
void _sameFiscal;
void _sameFiscalBack;

/**
 * A closed day as a device closes its own day (the card terminal's end of day, the fiscal
 * printer's daily report): the till's Z number, the day's times, and the shop's calendar day of
 * the close with its time zone — a device that checks "today" against its clock is given today in
 * the shop's zone when the effect is carried out, which is later than the close when it was off.
 */
const DayClosedSchema = z.object({
  zNumber: Int.positive(),
  dayId: z.string().min(1),
  openedAt: z.string(),
  closedAt: z.string(),
  /** YYYY-MM-DD in the shop's time zone. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  timeZone: z.string().min(1),
});

interface KindSpec<S extends z.ZodType> {
  lane: Lane;
  /** The version written now. */
  version: number;
  schema: S;
  /** Payloads of older versions, brought to the current shape (version → upgrade). */
  older?: Readonly<Record<number, (raw: unknown) => unknown>>;
}

const kind = <S extends z.ZodType>(spec: KindSpec<S>): KindSpec<S> => spec;

export const EFFECTS = {
  /** A receipt's paper (also pro-formas and COPY reprints). Version 1: papers of the first versions. */
  'print.receipt': kind({ lane: 'printer', version: 2, schema: PrintableReceipt, older: { 1: upgradePaper } }),
  'print.drawer': kind({ lane: 'printer', version: 1, schema: DrawerKick }),
  'print.test': kind({ lane: 'printer', version: 1, schema: PrintableTestPage }),
  /** An X or Z report. */
  'print.report': kind({ lane: 'printer', version: 1, schema: PrintableDayReport }),
  /** Cash put in or taken out during the day: its paper, signed and kept with the money. */
  'print.movement': kind({ lane: 'printer', version: 1, schema: PrintableCashMovement }),
  /** An X or Z report saved as a PDF in the data directory (`name`: the file name without .pdf). */
  'file.report': kind({ lane: 'files', version: 1, schema: z.object({ name: z.string().regex(/^[A-Za-z0-9-]+$/), report: PrintableDayReport }) }),
  /** A document posted to the accounting ledger, exactly once (looked up by its key before any second try). */
  'ledger.document': kind({ lane: 'ledger', version: 1, schema: LedgerDocument }),
  /** A confirmed receipt registered on the fiscal printer, exactly once. */
  'fiscal.receipt': kind({ lane: 'fiscal', version: 1, schema: FiscalReceiptSchema }),
  /** The fiscal printer's daily report (raport dobowy) at the day close, exactly once, after the day's receipts. */
  'fiscal.dailyReport': kind({ lane: 'fiscal', version: 1, schema: DayClosedSchema }),
  /** The card terminal's own end of day (its batch closed and sent) at the day close, exactly once. */
  'terminal.endOfDay': kind({ lane: 'terminal', version: 1, schema: DayClosedSchema }),
} as const;

export type EffectKind = keyof typeof EFFECTS;
export type EffectPayload<K extends EffectKind> = z.output<(typeof EFFECTS)[K]['schema']>;
export const EFFECT_KINDS = Object.keys(EFFECTS) as EffectKind[];
export const isEffectKind = (kind: string): kind is EffectKind => Object.hasOwn(EFFECTS, kind);
export const kindsOfLane = (lane: Lane): EffectKind[] => EFFECT_KINDS.filter((k) => EFFECTS[k].lane === lane);

/** A payload that cannot be read back (unknown kind or version, or not the shape of its schema). */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

/** The payload as the current code needs it, from what any version stored. */
export function readPayload<K extends EffectKind>(kind: K, version: number, text: string): EffectPayload<K> {
  const spec: KindSpec<z.ZodType> = EFFECTS[kind];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PayloadError(`${kind} v${version}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (version > spec.version) throw new PayloadError(`${kind} v${version} was written by a newer till (this one reads up to v${spec.version})`);
  if (version < spec.version) {
    const upgrade = spec.older?.[version];
    if (!upgrade) throw new PayloadError(`${kind} v${version} cannot be read by this till`);
    try {
      raw = upgrade(raw);
    } catch (error) {
      throw new PayloadError(`${kind} v${version}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PayloadError(`${kind} v${version}: ${issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data as EffectPayload<K>;
}

/** Writes an effect beside the document that causes it, inside that document's transaction. */
export interface Outbox {
  /** Validates the payload and queues it; the lane's worker is woken once the transaction commits. Returns the entry's id. */
  enqueue<K extends EffectKind>(kind: K, payload: EffectPayload<K>, options?: { documentId?: string | null }): string;
}
