import type { DeviceStatus, SettingsView } from '../../contract/api.js';
import { markInterruptedRequests, orphanedApprovals } from '../../db/terminal-repo.js';
import type { PaymentTerminal } from '../../usecases/terminal-port.js';
import type { ZvtSimulator } from '../../../native/zvt/index.js';
import { parseConnection } from '../connection.js';
import { checkConnection, errorText, type DeviceModule, type ModuleContext } from '../module.js';
import { EndOfDayDrainer } from './end-of-day.js';
import { setupTerminal, type TerminalConfig, type TerminalSetup } from './setup.js';

export interface TerminalModule extends DeviceModule {
  readonly key: 'terminal';
  /** A stable object for the use cases: every call goes to the terminal connected now. */
  readonly terminal: PaymentTerminal;
  /** The ZVT simulator, when the card terminal is simulated over ZVT. */
  readonly simulator: ZvtSimulator | null;
  /** Something about the terminal changed (an approval to reverse appeared or went): show it. */
  refresh(): void;
}

/**
 * The card terminal: the one the settings screen names, else the start option's; replaceable
 * while the till runs. A given PaymentTerminal (a scripted test terminal) is used as it is. The
 * status bar says when an approval no sale took waits to be reversed: money the customer must get
 * back.
 */
export async function startTerminalModule(ctx: ModuleContext, option: TerminalConfig | PaymentTerminal): Promise<TerminalModule> {
  const { db, log } = ctx;
  const interrupted = markInterruptedRequests(db, ctx.clock.now().toISOString());
  if (interrupted > 0) log(`${interrupted} card terminal request(s) were cut off by a restart; asking the terminal about them`);

  const idCode = 'pay' in option ? undefined : option.idCode;
  /** The connection the settings name ('' = the start option); an unusable one is logged and skipped. */
  const configOf = (text: string): TerminalConfig | PaymentTerminal => {
    if (text.trim() === '') return option;
    try {
      return { ...parseConnection('terminal', text), ...(idCode ? { idCode } : {}) };
    } catch (error) {
      log(`card terminal setting "${text}" is not usable (${errorText(error)}); using the start options`);
      return option;
    }
  };
  const open = async (config: TerminalConfig | PaymentTerminal, password: string): Promise<TerminalSetup> =>
    'pay' in config ? { terminal: config, simulator: null, close: async () => undefined } : setupTerminal(config, { password, currency: ctx.shop.currency });

  let current = await open(configOf(ctx.settings.terminalConnection), ctx.settings.terminalPassword);

  const terminal: PaymentTerminal = {
    get name() {
      return current.terminal.name;
    },
    pay: (r) => current.terminal.pay(r),
    reverse: (r) => current.terminal.reverse(r),
    refund: (r) => {
      const t = current.terminal;
      return t.refund ? t.refund(r) : Promise.resolve({ approved: false, reason: 'this terminal does not refund' });
    },
    endOfDay: (options) => {
      const t = current.terminal;
      return t.endOfDay ? t.endOfDay(options) : Promise.resolve({ ok: false, lines: [], reason: 'not supported' });
    },
    lastTransaction: () => {
      const t = current.terminal;
      return t.lastTransaction ? t.lastTransaction() : Promise.reject(new Error(`${t.name} cannot be asked about its last transaction`));
    },
    // Only a terminal that can also be asked afterwards: an end of day whose answer is lost is never sent twice.
    closesDay: () => current.terminal.endOfDay !== undefined && current.terminal.lastTransaction !== undefined,
    recover: (p) => {
      const t = current.terminal;
      return t.recover ? t.recover(p) : Promise.resolve({ outcome: 'unknown', reason: 'this terminal cannot be asked' });
    },
    readIdCard: () => current.terminal.readIdCard(),
  };

  // The terminal's own end of day at the day close, on a lane of its own: a terminal that is off
  // holds up nothing else. Attached only while the terminal connected now has one; meanwhile the
  // entries wait.
  const endOfDay = new EndOfDayDrainer({ db, clock: ctx.clock, terminal, log, onChange: () => refresh() });
  const attachEndOfDay = () => ctx.worker.attach('terminal', terminal.closesDay?.() ? endOfDay : null, { maxRetryMs: 10_000 });

  const status = (): DeviceStatus => {
    if (terminal.name === 'none') return { name: '', state: 'none' };
    const day = endOfDay.status();
    // Off: card payments will not go through either, so that comes first.
    if (day?.state === 'offline') return { name: terminal.name, ...day };
    const orphans = orphanedApprovals(db).length;
    if (orphans > 0) return { name: terminal.name, state: 'warning', message: { key: 'terminal.orphans', details: { count: orphans } } };
    return day ? { name: terminal.name, ...day } : { name: terminal.name, state: 'ok' };
  };
  const refresh = () => ctx.status('terminal', status());
  attachEndOfDay();
  refresh();

  return {
    key: 'terminal',
    terminal,
    get simulator() {
      return current.simulator;
    },
    refresh,
    status,
    check: (changes) => {
      const text = changes.terminalConnection?.trim();
      if (text) checkConnection('terminal', text);
    },
    async settingsChanged(changes: Partial<SettingsView>, settings: SettingsView) {
      if (changes.terminalConnection === undefined && changes.terminalPassword === undefined) return;
      try {
        const next = await open(configOf(settings.terminalConnection), settings.terminalPassword);
        const old = current;
        current = next;
        await old.close();
        attachEndOfDay();
        // The end of day waiting for the old terminal may go to this one now.
        ctx.worker.kick('terminal');
        refresh();
      } catch (error) {
        log(`card terminal: could not switch: ${errorText(error)}`);
      }
    },
    async close() {
      // What the lane is doing stays in the outbox (in doubt, if the end of day may have gone out).
      await ctx.worker.stop('terminal');
      await current.close();
    },
  };
}
