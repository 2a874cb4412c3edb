import type { ReferenceLists, SettingsView, Unit } from '../../electron/contract/api.js';
import type { Db } from '../../electron/db/open.js';
import type { Ids } from '../../electron/usecases/ports.js';

/**
 * The shops the renderer tests sell in, as data for the real core's database: articles with
 * their barcodes, stock and pictures, customers, the reference lists and the shop's settings.
 * Nothing here computes a price, a total or a payment: that is the real core's job.
 */

export interface ShopArticle {
  code: string;
  name: string;
  unit: Unit;
  priceMinor: number;
  vatRateBp: number;
  /** Barcodes besides the code itself (the code is always found too). */
  barcodes: readonly string[];
  /** Stock in the MAIN warehouse; null when the shop keeps no stock of it. */
  stockMilli: number | null;
  imageUrl: string | null;
}

export interface ShopCustomer {
  code: string;
  name: string;
  idCode: string;
  phone: string;
  email: string;
  address: string;
  vatNo: string;
  priceFormulaCode: string | null;
}

export interface ShopFixture {
  articles: readonly ShopArticle[];
  customers: readonly ShopCustomer[];
  lists: ReferenceLists;
  /** Stored through `settings.update`; the core's defaults stand for the rest. */
  settings: Partial<SettingsView>;
}

const article = (a: Partial<ShopArticle> & Pick<ShopArticle, 'code' | 'name' | 'priceMinor'>): ShopArticle => ({
  unit: 'pcs',
  vatRateBp: 2400,
  barcodes: [],
  stockMilli: null,
  imageUrl: null,
  ...a,
});

const customer = (c: Partial<ShopCustomer> & Pick<ShopCustomer, 'code' | 'name'>): ShopCustomer => ({
  idCode: '',
  phone: '',
  email: '',
  address: '',
  vatNo: '',
  priceFormulaCode: null,
  ...c,
});

const STAFF = { code: 'STAFF', name: 'Staff −10 %', discountBp: 1000, priceListCode: null };

// The receipt screen's shop ("Corner Shop").

export const MILK = article({ code: '4740001000011', name: 'Milk 2.5% 1 l', priceMinor: 129, stockMilli: 10_000, imageUrl: '/images/milk.png' });
/** Sold by weight: entered by its code, the till asks for the weight. */
export const APPLES = article({ code: '2000000000017', name: 'Apples', unit: 'kg', priceMinor: 199 });
/** A per-piece article at the apples' price per kg, so one of either makes the same sums. */
export const BREAD = article({ code: '4740001000048', name: 'Rye bread', priceMinor: 199 });
/** Sold at 0: the zero-price policy applies to it. */
export const GIFT_BAG = article({ code: '2000000000024', name: 'Gift bag', priceMinor: 0 });
/** One left in stock: a second one is over stock. */
export const VASE = article({ code: '2000000000031', name: 'Glass vase', priceMinor: 1500, stockMilli: 1000, imageUrl: '/images/vase.png' });

/** Buys with the STAFF price formula (−10 %). */
export const ANNA = customer({
  code: 'K001',
  name: 'Anna Tamm',
  idCode: '49001010001',
  phone: '+372 5550 0001',
  email: 'anna@example.ee',
  address: 'Pikk 1, Tallinn',
  priceFormulaCode: 'STAFF',
});
export const PEETER = customer({ code: 'K002', name: 'Peeter Tamm', idCode: '38001010002', phone: '+372 5550 0002', address: 'Lai 2, Tartu' });
export const FIRM = customer({
  code: 'K003',
  name: 'Näidis OÜ',
  phone: '+372 600 0003',
  email: 'arved@naidis.ee',
  address: 'Tööstuse 3, Pärnu',
  vatNo: 'EE100000003',
});

export const CORNER_SHOP: ShopFixture = {
  articles: [MILK, APPLES, GIFT_BAG, VASE, BREAD],
  customers: [ANNA, PEETER, FIRM],
  lists: {
    series: [
      { code: 'KA', name: 'Cash receipts', prefix: 'KA-' },
      { code: 'KB', name: 'Market stall', prefix: 'KB-' },
      { code: 'KR', name: 'Credit notes', prefix: 'KR-' },
    ],
    warehouses: [
      { code: 'MAIN', name: 'Main store' },
      { code: 'BACK', name: 'Back store' },
    ],
    objects: [{ code: 'SHOP1', name: 'Shop 1' }],
    salespeople: [
      { code: 'MARI', name: 'Mari Mets' },
      { code: 'JAAN', name: 'Jaan Kask' },
    ],
    priceFormulas: [STAFF],
  },
  settings: {
    zeroPricePolicy: 'none',
    lockAfterPrint: false,
    allowDelete: true,
    salespersonPerRow: false,
    showArticleImage: false,
    phoneLookup: true,
    transferEnabled: false,
    prepaymentEnabled: false,
    cashRounding: '0.05',
    roundingAccount: '6990',
    defaultSeries: 'KA',
    defaultWarehouse: 'MAIN',
    cashierName: 'Mari',
  },
};

// The shop of the settings screen and the search dialogs: a catalogue and a register to search.

export const OFFICE_SHOP: ShopFixture = {
  articles: [
    article({ code: 'MILK1', name: 'Milk 2.5% 1 l', barcodes: ['4740001000011'], priceMinor: 129, stockMilli: 24_000 }),
    article({ code: 'MILK2', name: 'Lactose-free milk 1 l', barcodes: ['4740001000028'], priceMinor: 189, stockMilli: 6_000 }),
    article({ code: 'APPLE', name: 'Apples', unit: 'kg', barcodes: ['2000000000017'], priceMinor: 199, stockMilli: 12_500 }),
    article({ code: 'BREAD', name: 'Rye bread', priceMinor: 245 }),
    article({ code: 'WATER', name: 'Mineral water 0.5 l', barcodes: ['4740001000035'], priceMinor: 1_234_567, stockMilli: 3_000 }),
  ],
  customers: [
    customer({ code: 'K001', name: 'Mari Maasikas', idCode: '48001010000', phone: '+372 5555 0001', priceFormulaCode: 'STAFF' }),
    customer({ code: 'K002', name: 'Jaan Tamm', idCode: '38002020000', phone: '+372 5555 0002' }),
    customer({ code: 'K003', name: 'Tamm OÜ', phone: '+372 5555 0002' }),
  ],
  lists: {
    series: [
      { code: 'KA', name: 'Cash receipts', prefix: 'KA-' },
      { code: 'KB', name: 'Second till', prefix: 'KB-' },
      { code: 'KR', name: 'Credit notes', prefix: 'KR-' },
    ],
    warehouses: [
      { code: 'MAIN', name: 'Shop floor' },
      { code: 'BACK', name: 'Back store' },
    ],
    objects: [],
    salespeople: [],
    priceFormulas: [STAFF],
  },
  settings: {
    zeroPricePolicy: 'warn',
    lockAfterPrint: false,
    allowDelete: true,
    salespersonPerRow: false,
    showArticleImage: true,
    phoneLookup: false,
    transferEnabled: false,
    prepaymentEnabled: false,
    cashRounding: '0.05',
    roundingAccount: '7790',
    defaultSeries: 'KA',
    defaultWarehouse: 'MAIN',
    cashierName: 'Anu',
  },
};

/** The ids the seed gave, by code. */
export interface SeededIds {
  articles: ReadonlyMap<string, string>;
  customers: ReadonlyMap<string, string>;
}

/**
 * Writes the shop into a freshly migrated database (demo catalogue off). The lists replace what
 * the migrations put there (the series K, the warehouse MAIN), so the shop has exactly its own.
 */
export function seedShop(db: Db, shop: ShopFixture, ids: Ids): SeededIds {
  const articles = new Map<string, string>();
  const customers = new Map<string, string>();
  db.transaction(() => {
    db.prepare('DELETE FROM number_series').run();
    db.prepare('DELETE FROM warehouses').run();
    const series = db.prepare('INSERT INTO number_series (code, prefix, next_number, name) VALUES (?, ?, 1, ?)');
    for (const s of shop.lists.series) series.run(s.code, s.prefix, s.name);
    const warehouse = db.prepare('INSERT INTO warehouses (code, name) VALUES (?, ?)');
    for (const w of shop.lists.warehouses) warehouse.run(w.code, w.name);
    const object = db.prepare('INSERT INTO objects (code, name) VALUES (?, ?)');
    for (const o of shop.lists.objects) object.run(o.code, o.name);
    const salesperson = db.prepare('INSERT INTO salespeople (code, name) VALUES (?, ?)');
    for (const p of shop.lists.salespeople) salesperson.run(p.code, p.name);
    const formula = db.prepare('INSERT INTO price_formulas (code, name, discount_bp, price_list_code) VALUES (?, ?, ?, ?)');
    for (const f of shop.lists.priceFormulas) formula.run(f.code, f.name, f.discountBp, f.priceListCode);

    const insertArticle = db.prepare(
      'INSERT INTO articles (id, code, name, unit, price_minor, vat_rate_bp, image_url) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const barcode = db.prepare('INSERT INTO article_barcodes (barcode, article_id) VALUES (?, ?)');
    const stock = db.prepare("INSERT INTO stock (warehouse_code, article_id, quantity_milli) VALUES ('MAIN', ?, ?)");
    for (const a of shop.articles) {
      const id = ids.next();
      articles.set(a.code, id);
      insertArticle.run(id, a.code, a.name, a.unit, a.priceMinor, a.vatRateBp, a.imageUrl);
      for (const code of a.barcodes) barcode.run(code, id);
      if (a.stockMilli !== null) stock.run(id, a.stockMilli);
    }

    const insertCustomer = db.prepare(
      `INSERT INTO customers (id, code, name, id_code, phone, email, address, vat_no, price_formula_code)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of shop.customers) {
      const id = ids.next();
      customers.set(c.code, id);
      insertCustomer.run(id, c.code, c.name, c.idCode, c.phone, c.email, c.address, c.vatNo, c.priceFormulaCode);
    }
  }).immediate();
  return { articles, customers };
}
