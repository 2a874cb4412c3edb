/**
 * Carries out the terminal lane: the card terminal's own end of day (its batch closed and sent to
 * the acquirer) for each day the till closes, exactly once, oldest first.
 *
 *  1. in the same turn of the terminal: ask it for its last transaction, commit the entry in doubt
 *     with that transaction's identity as the marker, send the end of day;
 *  2. the answer: done, its totals in the device log; a refusal: not done (busy: later; anything
 *     else needs a person, who runs it on the terminal);
 *  3. no answer (off, cable, timeout): the entry waits, in doubt once the end of day may have gone.
 *
 * An entry found in doubt is never simply sent again. The terminal is asked for its last
 * transaction: the one noted before — the end of day never ran, send it; an end of day after it —
 * it ran, done (with the totals the terminal repeats); a card transaction after it — whether the
 * end of day ran in between cannot be told: failed, for a person to check on the terminal.
 *
 * A terminal that is off never blocks anything but this lane: the till keeps selling.
 */
import type { DeviceState, StatusText } from '../../contract/api.js';
import { logDevice } from '../../db/device-log-repo.js';
import type { Db } from '../../db/open.js';
import type { Drainer, Job, JobControl, JobOutcome } from '../../effects/worker.js';
import type { Clock } from '../../usecases/ports.js';
import type { PaymentTerminal, TerminalLastTransaction } from '../../usecases/terminal-port.js';

export interface EndOfDayDrainerDeps {
  db: Db;
  clock: Clock;
  /** The terminal connected now (it may be swapped from the settings screen). */
  terminal: PaymentTerminal;
  log(message: string): void;
  /** The lane's status changed: the module shows it. */
  onChange(): void;
}

/** What the lane says about the terminal, for its status: null while nothing is wrong. */
export interface EndOfDayStatus {
  state: DeviceState;
  message: StatusText;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The marker of an in-doubt end of day: the identity of the terminal's last transaction before it ('-': it named none). */
export function endOfDayMarker(last: TerminalLastTransaction | null): string {
  return `eod:${last ? last.identity : '-'}`;
}

/** The identity noted before the end of day went out: null when the terminal named none; undefined when the marker is not one. */
export function parseEndOfDayMarker(marker: string | null): string | null | undefined {
  if (!marker?.startsWith('eod:')) return undefined;
  const identity = marker.slice(4);
  return identity === '-' ? null : identity;
}

export class EndOfDayDrainer implements Drainer {
  /** The terminal did not answer: shown until an end of day goes through. */
  private waiting: StatusText | null = null;
  /** Refused or cannot be told: needs a person, shown until the next end of day goes through. */
  private attention: StatusText | null = null;

  constructor(private readonly deps: EndOfDayDrainerDeps) {}

  status(): EndOfDayStatus | null {
    if (this.waiting) return { state: 'offline', message: this.waiting };
    if (this.attention) return { state: 'error', message: this.attention };
    return null;
  }

  async run(job: Job, control: JobControl): Promise<JobOutcome> {
    const day = job.payload as Job<'terminal.endOfDay'>['payload'];
    const { terminal, log } = this.deps;
    try {
      if (job.entry.status === 'in_doubt') {
        const verdict = await this.recover(job, day.zNumber, control);
        if (verdict !== 'send') return verdict;
      }
      if (!terminal.endOfDay) throw new Error(`${terminal.name} has no end of day`);
      const result = await terminal.endOfDay({ beforeSending: (last) => control.inDoubt(endOfDayMarker(last)) });
      if (result.ok) return this.done(day.zNumber, result.lines, 'end_of_day');
      // A refusal is an answer: the terminal did not close its batch.
      control.notDone();
      this.waiting = null;
      const reason = result.reason ?? 'refused';
      if (result.key === 'busy') {
        log(`terminal: end of day for Z ${day.zNumber} not now (${reason}); trying again`);
        this.changed();
        return { outcome: 'retry', error: reason, counted: false };
      }
      log(`terminal: end of day for Z ${day.zNumber} refused: ${reason}`);
      this.attention = { key: 'terminal.end_of_day_refused', details: { number: day.zNumber, reason } };
      this.changed();
      return { outcome: 'failed', error: `the terminal refused its end of day: ${reason}`, counted: false };
    } catch (error) {
      // No answer: the terminal is off or unreachable, or its answer was lost; the lane waits.
      log(`terminal: end of day for Z ${day.zNumber} not done yet: ${errorText(error)}`);
      this.waiting = { key: 'terminal.end_of_day_waiting', details: { number: day.zNumber } };
      this.changed();
      return { outcome: 'retry', error: errorText(error), counted: false };
    }
  }

  /** An end of day that may have gone out: did it run? 'send' when it certainly did not. */
  private async recover(job: Job, zNumber: number, control: JobControl): Promise<JobOutcome | 'send'> {
    const { terminal, log } = this.deps;
    const before = parseEndOfDayMarker(job.entry.marker);
    if (!terminal.lastTransaction) throw new Error(`${terminal.name} cannot be asked about its last transaction`);
    const last = await terminal.lastTransaction();
    if (before !== undefined && (last?.identity ?? null) === before) {
      log(`terminal: the end of day for Z ${zNumber} never reached the terminal (its last transaction is the one before); sending it`);
      control.notDone();
      return 'send';
    }
    if (before !== undefined && last?.endOfDay) {
      log(`terminal: the end of day for Z ${zNumber} had run before its answer was lost; not sending it again`);
      return this.done(zNumber, last.lines, 'end_of_day.recovered');
    }
    const why = before === undefined ? 'the terminal\'s last transaction before it is unknown' : 'a card transaction came after it';
    log(`terminal: cannot tell whether the end of day for Z ${zNumber} ran (${why}); check the terminal`);
    this.waiting = null;
    this.attention = { key: 'terminal.end_of_day_check', details: { number: zNumber } };
    this.changed();
    return { outcome: 'failed', error: `cannot tell whether the end of day ran (${why}); check the terminal's end-of-day reports`, counted: false };
  }

  /** Its totals go to the device log: the receipt printer's paper belongs to receipts. */
  private done(zNumber: number, lines: readonly string[], event: string): JobOutcome {
    const { db, clock } = this.deps;
    logDevice(db, { at: clock.now().toISOString(), device: 'terminal', event, detail: [`Z ${zNumber}`, ...lines].join('\n') });
    this.waiting = null;
    this.attention = null;
    this.changed();
    return { outcome: 'done', result: `end of day for Z ${zNumber}`, counted: false };
  }

  private changed(): void {
    this.deps.onChange();
  }
}
