import { join } from 'node:path';
import { loadMigrations, migrate } from '../db/migrate.js';
import { openDatabase, type Db } from '../db/open.js';
import type { Ids } from '../usecases/ports.js';
import { seedDemoCatalogue } from './demo-catalogue.js';
import { seedDemoShop } from './demo-shop.js';

/** The till's database, migrated to this version, with the demo shop in an empty one when asked. */
export function openTillDatabase(o: {
  file: string;
  appRoot: string;
  demo: boolean;
  ids: Ids;
  nativeBinding?: string | undefined;
  log(message: string): void;
}): Db {
  const db = openDatabase({ file: o.file, ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}) });
  try {
    const applied = migrate(db, loadMigrations(join(o.appRoot, 'migrations')));
    if (applied.length > 0) o.log(`database ${o.file}: applied migrations ${applied.join(', ')}`);
    if (o.demo) {
      const assets = join(o.appRoot, 'assets');
      const added = seedDemoCatalogue(db, join(assets, 'demo-catalogue.json'), o.ids);
      if (added > 0) o.log(`loaded the demo catalogue: ${added} articles`);
      if (seedDemoShop(db, join(assets, 'demo-shop.json'), o.ids)) o.log('loaded the demo customers, price formulas and stock');
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
