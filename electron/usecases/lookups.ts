import { PosError } from '../contract/errors.js';
import type { ParsedInput, SettingsView } from '../contract/api.js';
import { exists, referenceLists, searchArticles, searchCustomers } from '../db/reference-repo.js';
import { readSettings, writeSettings } from '../db/settings-repo.js';
import type { CallContext } from './context.js';
import type { CoreDeps } from './ports.js';
import { defaultSettings } from './settings-defaults.js';
import { TerminalUnavailableError } from './terminal-port.js';

/** Article index, customer search, the ID card (F10), reference lists and settings. */
export function lookupUseCases(deps: CoreDeps) {
  const { db, terminal, shop, tx } = deps;

  return {
    'article.search': ({ query, limit }: ParsedInput<'article.search'>, ctx: CallContext) =>
      searchArticles(db, query, limit, ctx.settings.defaultWarehouse),

    'customer.search': ({ query, by }: ParsedInput<'customer.search'>) => searchCustomers(db, query, by),

    'customer.readIdCard': async () => {
      let idCode: string | null;
      try {
        idCode = await terminal.readIdCard();
      } catch (error) {
        if (error instanceof TerminalUnavailableError) {
          throw new PosError('payment.terminal_unavailable', 'no card terminal to read the ID card', { terminal: terminal.name });
        }
        throw error;
      }
      return { idCode, customers: idCode === null ? [] : searchCustomers(db, idCode, 'idCode') };
    },

    'reference.lists': () => referenceLists(db),

    'settings.get': (_: unknown, ctx: CallContext): SettingsView => ctx.settings,

    'settings.update': (changes: ParsedInput<'settings.update'>, ctx: CallContext): SettingsView => {
      // A device's connection string is checked before anything is stored: a bad one changes nothing.
      deps.deviceSettings.check(changes);
      const updated = tx(() => {
        for (const series of [changes.defaultSeries, changes.creditSeries]) {
          if (series !== undefined && !exists(db, 'number_series', series)) throw new PosError('series.not_found', `no series ${series}`, { code: series });
        }
        // Credit notes numbered among the sales would leave gaps in both.
        const next = { ...ctx.settings, ...changes };
        if ((changes.defaultSeries !== undefined || changes.creditSeries !== undefined) && next.defaultSeries === next.creditSeries) {
          throw new PosError('series.credit_same', 'credit notes need a series of their own', { code: next.creditSeries, field: 'creditSeries' });
        }
        if (changes.defaultWarehouse !== undefined && !exists(db, 'warehouses', changes.defaultWarehouse)) {
          throw new PosError('warehouse.not_found', `no warehouse ${changes.defaultWarehouse}`, { code: changes.defaultWarehouse });
        }
        writeSettings(db, changes);
        // The settings as stored now: the call started with the old ones.
        return readSettings(db, defaultSettings(shop));
      });
      deps.deviceSettings.changed(changes, updated);
      return updated;
    },
  };
}
