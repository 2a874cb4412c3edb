import { startCore, type Core } from '../../electron/app/core.js';
import { isChannel, type Channel, type Input, type Output, type ReceiptView, type SettingsView } from '../../electron/contract/api.js';
import type { PosBridge } from '../../electron/contract/bridge.js';
import type { ErrorCode, Wire } from '../../electron/contract/errors.js';
import { events, type EventName, type EventPayload } from '../../electron/contract/events.js';
import { startTcpPrinterSimulator } from '../../native/printer/tcp-simulator.js';
import { APP_ROOT, fixedClock, sequentialIds, type TestClock } from './core.js';
import { CORNER_SHOP, seedShop, type SeededIds, type ShopFixture } from './renderer-shop.js';
import { scriptedTerminal, type ScriptedTerminal } from './scripted-terminal.js';
import { waitFor } from './wait.js';

/**
 * The real core behind the renderer tests: `startCore` on an in-memory SQLite database with the
 * shop seeded, a receipt printer simulated in memory, a scripted card terminal, a fixed clock and
 * sequential ids. The renderer reaches it through `bridge` (its `window.pos`), a thin transport
 * that can record, delay, hold or fail a call before it reaches the real dispatch, as a real
 * transport can. It never computes an answer.
 */

export interface RendererCoreOptions {
  /** The shop in the database (default: the receipt screen's Corner Shop). */
  shop?: ShopFixture;
  /** Settings on top of the shop's. */
  settings?: Partial<SettingsView>;
  /** The language the till starts the screen in (AppInfo.locale). */
  uiLocale?: string;
  /** The receipt printer: simulated in memory (default) or none. */
  printer?: 'simulator' | 'none';
  /** The printer's paper is nearly out (still printing). */
  paperNearEnd?: boolean;
  /** The card terminal: scripted (default) or none at all. */
  terminal?: 'scripted' | 'none';
  /** What the terminal's ID card reader reads (F10). */
  idCard?: string | null;
  /** Milliseconds every call spends in the transport; 0 still answers asynchronously. */
  latencyMs?: number;
}

export interface HeldCall {
  channel: string;
  input: unknown;
  /** Lets the call go on to the core. */
  release(): void;
}

export interface RendererCore {
  core: Core;
  /** What the renderer gets as `window.pos`. */
  bridge: PosBridge;
  terminal: ScriptedTerminal;
  clock: TestClock;
  seeded: SeededIds;
  /** Every call the renderer made, in order. */
  calls: { channel: string; input: unknown }[];
  /** The inputs of one channel's calls, in order. */
  callsOf(channel: Channel): unknown[];
  /** Makes the renderer's next call of a channel fail in the transport with this error. */
  failNext(channel: Channel, code: ErrorCode, details?: Record<string, string | number>): void;
  /** From now on the renderer's calls of this channel wait in `held` until released (in any order). */
  hold(channel: Channel): void;
  held: HeldCall[];
  /** A push from the core, on the core's own event bus (checked against the contract). */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** A call of the test's own, straight to the core (not recorded, never delayed or failed). */
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Wire<Output<C>>>;
  ok<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  /** The receipt in progress (the newest unconfirmed one), as the core has it. */
  current(): Promise<ReceiptView>;
  /** Id the seed gave a customer. */
  customerId(code: string): string;
  /** What the core logged (failures of use cases included). */
  log: string[];
  /** Closes the core; fails if a use case crashed meanwhile (see `log`). */
  close(): Promise<void>;
}

const unreachable = (channel: string): Wire<never> => ({
  ok: false,
  error: { code: 'internal', message: `${channel}: the core is closed`, details: { transport: 'unreachable' } },
});

export async function startRendererCore(options: RendererCoreOptions = {}): Promise<RendererCore> {
  const shop = options.shop ?? CORNER_SHOP;
  const clock = fixedClock();
  const ids = sequentialIds();
  const terminal = scriptedTerminal({ idCard: options.idCard ?? null });
  const log: string[] = [];
  const core = await startCore({
    databaseFile: ':memory:',
    appRoot: APP_ROOT,
    version: '0.1.0-test',
    shop: { shopName: 'Corner Shop', tillName: 'Till 1', currency: 'EUR', locale: 'en', seriesCode: 'KA' },
    uiLocale: options.uiLocale ?? 'en-GB',
    demoCatalogue: false,
    printer: options.printer === 'none' ? { kind: 'none' } : { kind: 'escpos', transport: 'sim', link: 'memory' },
    terminal: options.terminal === 'none' ? { kind: 'none' } : terminal,
    hidScanners: false,
    clock,
    ids,
    checkOutputs: true,
    printRetryMs: 50,
    printerPollMs: options.paperNearEnd ? 10 : 0,
    log: (message) => log.push(message),
  });

  const call = async <C extends Channel>(channel: C, input: Input<C>) => (await core.dispatch(channel, input)) as Wire<Output<C>>;
  const ok = async <C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const wire = await call(channel, input);
    if (!wire.ok) throw new Error(`${channel} failed: ${wire.error.code} ${wire.error.message}`);
    return wire.value;
  };

  let seeded: SeededIds;
  try {
    seeded = seedShop(core.db, shop, sequentialIds('seed'));
    await ok('settings.update', { ...shop.settings, ...options.settings });
    if (options.paperNearEnd) {
      core.printer.simulator?.setPaperNearEnd(true);
      await waitFor(async () => (await ok('printer.status', {})).message, 'the printer to report paper near end');
    }
  } catch (error) {
    await core.close();
    throw error;
  }

  const calls: RendererCore['calls'] = [];
  const failures = new Map<string, { code: ErrorCode; details?: Record<string, string | number> }>();
  const holding = new Set<string>();
  const held: HeldCall[] = [];
  let closed = false;

  const bridge: PosBridge = {
    async invoke(channel, input) {
      calls.push({ channel, input });
      if (holding.has(channel)) await new Promise<void>((release) => held.push({ channel, input, release }));
      else await new Promise((resolve) => setTimeout(resolve, options.latencyMs ?? 0));
      const failure = failures.get(channel);
      if (failure) {
        failures.delete(channel);
        return { ok: false, error: { code: failure.code, message: failure.code, ...(failure.details ? { details: failure.details } : {}) } };
      }
      if (closed) return unreachable(channel);
      // Across a real transport the renderer gets a copy, never the core's own objects.
      return structuredClone(await core.dispatch(channel, input));
    },
    on(event, listener) {
      return core.events.subscribe((name, payload) => {
        if (name === event) listener(structuredClone(payload));
      });
    },
  };

  return {
    core,
    bridge,
    terminal,
    clock,
    seeded,
    calls,
    callsOf: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    failNext(channel, code, details) {
      failures.set(channel, details ? { code, details } : { code });
    },
    hold(channel) {
      holding.add(channel);
    },
    held,
    emit(event, payload) {
      core.events.emit(event, events[event].parse(payload) as EventPayload<typeof event>);
    },
    call,
    ok,
    async current() {
      const receipt = await ok('receipt.current', {});
      if (!receipt) throw new Error('no receipt is in progress');
      return receipt;
    },
    customerId(code) {
      const id = seeded.customers.get(code);
      if (!id) throw new Error(`the shop has no customer ${code}`);
      return id;
    },
    log,
    async close() {
      if (closed) return;
      closed = true;
      const logged = log.length; // what calls cut off by the closing log afterwards is no finding
      for (const h of held.splice(0)) h.release();
      terminal.release();
      await core.close();
      // A use case that threw something other than a PosError answered `internal`: a core bug the
      // screen would only show as "something went wrong". The test fails with what the core said.
      const crashes = log.slice(0, logged).filter((line) => isChannel(line.split(' ')[0] ?? '') && line.includes(' failed: '));
      if (crashes.length > 0) throw new Error(`the core failed unexpectedly:\n${crashes.join('\n')}`);
    },
  };
}

/** A network receipt printer (simulated, on loopback) to name on the settings screen. */
export async function startNetworkPrinter(): Promise<{ connection: string; printed(): string[]; close(): Promise<void> }> {
  const printer = await startTcpPrinterSimulator();
  return {
    connection: `escpos:tcp:${printer.host}:${printer.port}`,
    printed: () => printer.simulator.documents().map((d) => d.text),
    close: () => printer.close(),
  };
}
