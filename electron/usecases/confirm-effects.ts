import type { ReceiptView } from '../contract/api.js';
import { PosError } from '../contract/errors.js';
import { ladderHistory } from '../db/fiscal-ladder.js';
import { insertReturnsRegister } from '../db/returns-repo.js';
import { returnsRegisterLines } from './returns-register.js';
import { toFiscalReceipt } from '../domain/fiscal-receipt.js';
import { taxLadderViolations } from '../domain/tax-ladder.js';
import type { CallContext } from './context.js';
import type { CoreDeps } from './ports.js';
import type { PrintableReceipt } from './printable.js';

/** A document just confirmed, as its frozen facts show it, with the paper frozen beside it. */
export interface ConfirmedDocument {
  view: ReceiptView;
  paper: PrintableReceipt;
}

/**
 * Something that follows from confirming a document: paper, a fiscal registration, later a ledger
 * upload. Each queues its outbox entries in the confirming transaction, so confirm itself never
 * grows with them; the composition root lists which ones a till has.
 */
export interface ConfirmEffect {
  /** Refuses the confirm before a number is taken (throws a PosError), e.g. what a device would refuse. */
  check?(draft: ReceiptView, ctx: CallContext): void;
  /** Queues its effects for the confirmed document. */
  confirmed(doc: ConfirmedDocument, ctx: CallContext): void;
}

/** The receipt goes to the receipt printer: a crash after the commit still prints it, once. */
export function printOnConfirm(deps: Pick<CoreDeps, 'outbox'>): ConfirmEffect {
  return {
    confirmed: ({ view, paper }) => {
      deps.outbox.enqueue('print.receipt', paper, { documentId: view.id });
    },
  };
}

/**
 * Poland: with a fiscal printer set, every confirmed receipt is registered on it exactly once. What
 * the printer would refuse is refused before a number is taken: the tax ladder here, and in
 * `toFiscalReceipt` anything it cannot register (the whole confirm rolls back with it).
 */
export function fiscalOnConfirm(deps: Pick<CoreDeps, 'db' | 'outbox' | 'fiscal'>): ConfirmEffect {
  return {
    check: (draft, ctx) => {
      if (!deps.fiscal.enabled() || draft.documentType === 'credit_note') return;
      const { ptuMap } = ctx.settings;
      const [violation] = taxLadderViolations(
        draft.rows.map((row) => ({ name: row.name, rateBp: row.vatRateBp })),
        ladderHistory(deps.db, ptuMap),
        ptuMap,
      );
      if (violation) throw new PosError('fiscal.tax_ladder', 'tax ladder', { name: violation.name });
    },
    confirmed: ({ view }, ctx) => {
      if (!deps.fiscal.enabled()) return;
      // A refund is no fiscal sale: its paper is a non-fiscal document, and the return goes to the register.
      if (view.documentType === 'credit_note') {
        insertReturnsRegister(deps.db, returnsRegisterLines(view, ctx.settings.timeZone));
        return;
      }
      deps.outbox.enqueue('fiscal.receipt', toFiscalReceipt(view, ctx.settings.ptuMap), { documentId: view.id });
    },
  };
}
