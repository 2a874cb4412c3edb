import type { Drainer, Job, JobControl, JobOutcome } from '../../effects/worker.js';
import type { LedgerDocument } from '../../usecases/ledger-document.js';
import { LedgerError, type LedgerConnector } from './connector.js';

/** What the sync screen shows of the lane's last exchange with the ledger. */
export interface LedgerHealth {
  lastSuccessAt: string | null;
  lastError: string | null;
}

/**
 * The ledger lane: documents posted one at a time, oldest first, exactly once. Before a post the
 * entry is marked in doubt (committed); a post whose answer was lost (a timeout after sending, a
 * dropped connection, a crash) is looked up by its key before anything is sent again. Temporary
 * failures wait and retry as long as it takes (a till may be offline for weeks); a document the
 * ledger will never take is set aside for a person, and the lane goes on.
 */
export class LedgerDrainer implements Drainer {
  readonly health: LedgerHealth = { lastSuccessAt: null, lastError: null };

  constructor(private readonly deps: { connector: LedgerConnector; now(): Date; log(line: string): void; settled?(): void }) {}

  /** Once the outcome is recorded: the status bar counts what is set aside. */
  after(_job: Job, outcome: JobOutcome): void {
    if (outcome.outcome === 'done' || outcome.outcome === 'failed') this.deps.settled?.();
  }

  async run(job: Job, control: JobControl): Promise<JobOutcome> {
    if (job.kind !== 'ledger.document') return { outcome: 'failed', error: `the ledger lane does not carry out ${job.kind}`, counted: true };
    const doc = job.payload as LedgerDocument;
    const { connector } = this.deps;
    let posting = false;
    try {
      // Sent before and no answer came (or the till died meanwhile): is it there already?
      if (job.entry.status === 'in_doubt') {
        if (await connector.find(doc)) return this.done(doc, 'found after a lost answer');
        control.notDone();
      }
      control.inDoubt(`posting ${doc.key}`);
      posting = true;
      const answer = await connector.post(doc);
      posting = false;
      if (answer === 'duplicate' && !(await connector.find(doc))) {
        // It says it has it, yet it cannot be found by its key: a person must look.
        return this.failed(doc, 'the ledger says it has the document, but it cannot be found by its key');
      }
      return this.done(doc, answer === 'duplicate' ? 'already in the ledger' : 'posted');
    } catch (error) {
      return this.classify(doc, control, error, posting);
    }
  }

  /** `posting`: the error came from the post itself (not from a lookup, which leaves the doubt as it was). */
  private classify(doc: LedgerDocument, control: JobControl, error: unknown, posting: boolean): JobOutcome {
    const text = error instanceof Error ? error.message : String(error);
    this.health.lastError = text;
    if (error instanceof LedgerError && error.errorClass === 'permanent') {
      return this.failed(doc, text);
    }
    if (error instanceof LedgerError && error.errorClass === 'temporary') {
      // The post never reached the ledger: the next try posts straight away.
      if (posting) control.notDone();
      return { outcome: 'retry', error: text, counted: false, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}) };
    }
    // Unknown outcome (or an unexpected error): stays in doubt, so the next try looks it up first.
    this.deps.log(`ledger: ${doc.key}: ${text} (will look it up before sending again)`);
    return { outcome: 'retry', error: text, counted: false };
  }

  private done(doc: LedgerDocument, how: string): JobOutcome {
    this.health.lastSuccessAt = this.deps.now().toISOString();
    this.health.lastError = null;
    return { outcome: 'done', result: `${doc.key}: ${how}`, counted: false };
  }

  private failed(doc: LedgerDocument, error: string): JobOutcome {
    this.deps.log(`ledger: ${doc.key} set aside: ${error}`);
    return { outcome: 'failed', error, counted: false };
  }
}
