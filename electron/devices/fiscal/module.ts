import type { DeviceStatus, SettingsView } from '../../contract/api.js';
import type { FiscalPort } from '../../usecases/ports.js';
import type { FiscalConnection } from '../connection.js';
import { checkConnection, errorText, startConnection, type DeviceModule, type ModuleContext } from '../module.js';
import { FiscalDrainer } from './drainer.js';
import { setupFiscal, type FiscalSetup } from './setup.js';

export interface FiscalModule extends DeviceModule {
  readonly key: 'fiscal';
  /** The fiscal printer as connected now (simulated or real; none by default). */
  readonly setup: FiscalSetup;
  port: FiscalPort;
}

/**
 * The fiscal printer (Poland, POSNET): its lane of the outbox, replaceable from the settings
 * screen. Fiscal receipts wait in the outbox while none is connected; each is registered exactly
 * once by the drainer, which asks the printer before repeating anything.
 */
export async function startFiscalModule(ctx: ModuleContext, options: { retryMs?: number; pollMs?: number } = {}): Promise<FiscalModule> {
  const { worker, db, log } = ctx;
  const NONE: FiscalConnection = { kind: 'none' };
  let connection = startConnection('fiscal', ctx.settings.fiscalConnection, NONE, (m) => log(`fiscal: ${m}`));
  let setup = await setupFiscal(connection);
  let drainer: FiscalDrainer | null = null;
  let current: DeviceStatus = { name: 'fiscal printer', state: 'none' };

  const show = (status: DeviceStatus) => {
    current = status;
    ctx.status('fiscal', status);
  };
  const attach = () => {
    drainer?.close();
    drainer = setup.device ? new FiscalDrainer({ db, device: setup.device, log: (m) => log(m), onChange: show, now: () => ctx.clock.now() }) : null;
    worker.attach('fiscal', drainer, {
      maxRetryMs: 30_000,
      pollMs: options.pollMs ?? 15_000,
      ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
    });
    show(drainer?.status() ?? { name: 'fiscal printer', state: 'none' });
  };
  attach();

  return {
    key: 'fiscal',
    get setup() {
      return setup;
    },
    port: { enabled: () => connection.kind !== 'none' },
    status: () => current,
    check: (changes) => checkConnection('fiscal', changes.fiscalConnection),
    async settingsChanged(changes: Partial<SettingsView>) {
      if (changes.fiscalConnection === undefined) return;
      const next = startConnection('fiscal', changes.fiscalConnection, NONE, (m) => log(`fiscal: ${m}`));
      // Receipts confirmed from now on are for this printer; they wait in the outbox until it is connected.
      connection = next;
      try {
        await worker.exclusive('fiscal', async () => {
          const nextSetup = await setupFiscal(next);
          drainer?.close();
          await setup.close();
          setup = nextSetup;
          attach();
        });
        worker.start('fiscal');
      } catch (error) {
        log(`fiscal: could not switch: ${errorText(error)}`);
      }
    },
    async close() {
      await worker.stop('fiscal');
      drainer?.close();
      await setup.close();
    },
  };
}
