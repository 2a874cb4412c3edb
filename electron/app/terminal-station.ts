import type { PaymentTerminal, TerminalConfig, TerminalSetup } from '../devices/payment-terminal.js';
import { setupTerminal } from '../devices/payment-terminal.js';

/**
 * The card terminal, replaceable while the till runs (settings screen). Use cases hold `terminal`,
 * which always talks to the terminal connected now.
 */
export class TerminalStation {
  private constructor(
    private current: TerminalSetup,
    public config: TerminalConfig,
    private readonly options: { password?: string; currency?: string },
  ) {}

  static async start(config: TerminalConfig, options: { password?: string; currency?: string }): Promise<TerminalStation> {
    return new TerminalStation(await setupTerminal(config, options), config, options);
  }

  /** A stable object for the use cases; every call goes to the terminal of the moment. */
  readonly terminal: PaymentTerminal = this.proxy();

  private proxy(): PaymentTerminal {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getter below needs the station, not the literal
    const self = this;
    return {
      get name() {
        return self.current.terminal.name;
      },
      pay: (r) => this.current.terminal.pay(r),
      reverse: (r) => this.current.terminal.reverse(r),
      refund: (r) => {
        const t = this.current.terminal;
        return t.refund ? t.refund(r) : Promise.resolve({ approved: false, reason: 'this terminal does not refund' });
      },
      endOfDay: () => {
        const t = this.current.terminal;
        return t.endOfDay ? t.endOfDay() : Promise.resolve({ ok: false, lines: [], reason: 'not supported' });
      },
      recover: (p) => {
        const t = this.current.terminal;
        return t.recover ? t.recover(p) : Promise.resolve({ outcome: 'unknown', reason: 'this terminal cannot be asked' });
      },
      readIdCard: () => this.current.terminal.readIdCard(),
    };
  }

  async reconfigure(config: TerminalConfig, options: { password?: string } = {}): Promise<void> {
    const next = await setupTerminal(config, { ...this.options, ...options });
    const old = this.current;
    this.current = next;
    this.config = config;
    await old.close();
  }

  get simulator() {
    return this.current.simulator ?? null;
  }

  async close(): Promise<void> {
    await this.current.close();
  }
}

