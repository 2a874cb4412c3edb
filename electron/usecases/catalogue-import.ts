import type { ImportApplyView, ImportPreviewView, ImportRejection, ImportRowView, ParsedInput } from '../contract/api.js';
import { MAX_IMPORT_BYTES, PREVIEW_ROWS } from '../contract/catalogue.js';
import { PosError } from '../contract/errors.js';
import { articleByBarcode, codeTaken, importWriter } from '../db/catalogue-import-repo.js';
import { checkRow, headerIndex, IMPORT_COLUMNS, matchRow, type ImportColumn, type ImportRow, type MatchStatus } from '../domain/catalogue-import.js';
import type { CallContext } from './context.js';
import type { CoreDeps } from './ports.js';

/** One record of a CSV file: the line it starts on (1 = the header) and its fields as text. */
export interface CsvRecord {
  line: number;
  values: string[];
}

/** A CSV file being read: how it was decoded, and its records one at a time. */
export interface CsvFile {
  encoding: 'utf-8' | 'windows-1257';
  delimiter: ';' | ',';
  records: AsyncIterable<CsvRecord>;
}

/** Decodes and parses CSV bytes: an adapter (encodings, streams), given to the use case. */
export interface CsvReader {
  read(bytes: Uint8Array, onProgress?: (progress: { bytes: number; total: number }) => void): CsvFile;
}

/** The file is not CSV past `line` (an unclosed quote, …): none of it is taken. */
export class CsvFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

/** A row kept for apply: what the preview saw, so apply can tell when the till changed since. */
interface KeptRow extends ImportRow {
  status: MatchStatus;
  articleId: string | null;
}

interface Upload {
  slices: Uint8Array[];
  bytes: number;
}

interface Prepared {
  rows: KeptRow[];
}

// The till has one cashier at a time; two of each leave room for a second tab without letting
// forgotten imports (each up to 100 000 rows) pile up in memory.
const KEEP = 2;
function remember<T>(map: Map<string, T>, id: string, value: T): void {
  map.set(id, value);
  while (map.size > KEEP) map.delete(map.keys().next().value as string);
}

/** Preview rows: those that change something first (yellow, red), then green, each in file order. */
function previewRows(rows: readonly KeptRow[], changes: (row: KeptRow) => ImportRowView['diffs']): ImportRowView[] {
  const out: ImportRowView[] = [];
  for (const status of ['yellow', 'red', 'green'] as const) {
    for (const row of rows) {
      if (out.length >= PREVIEW_ROWS) return out;
      if (row.status !== status) continue;
      const { line, barcode, name, unit, priceMinor, vatRateBp } = row;
      out.push({ line, status, barcode, name, unit, priceMinor, vatRateBp, diffs: changes(row) });
    }
  }
  return out;
}

/**
 * Product cards from the accounting program's CSV export: upload in slices, preview (nothing
 * changes), apply in one transaction. The parsed import stays here, in memory, under its id:
 * apply uses exactly the rows the cashier saw, and refuses when the till changed since.
 */
export function catalogueImportUseCases(deps: CoreDeps, csv: CsvReader) {
  const { db, ids, tx } = deps;
  const uploads = new Map<string, Upload>();
  const prepared = new Map<string, Prepared>();

  const notFound = (id: string) => new PosError('catalogue.import_not_found', `no import ${id}`, { importId: id });

  async function read(file: CsvFile, shopRatesBp: ReadonlySet<number>) {
    const lookup = articleByBarcode(db);
    const seen = new Map<string, number>();
    const rows: KeptRow[] = [];
    const rejected: ImportRejection[] = [];
    let rejectedRows = 0;
    let index: Record<ImportColumn, number> | null = null;
    try {
      for await (const record of file.records) {
        if (index === null) {
          const header = headerIndex(record.values);
          if ('missing' in header) {
            throw new PosError('catalogue.bad_header', `columns missing: ${header.missing.join(', ')}`, { columns: header.missing.join(', ') });
          }
          index = header.index;
          continue;
        }
        const checked = checkRow(record.line, record.values, index, shopRatesBp, seen);
        if ('rejections' in checked) {
          rejectedRows += 1;
          // Only the first problems travel to the screen; the count covers them all.
          for (const r of checked.rejections) if (rejected.length < PREVIEW_ROWS) rejected.push(r);
          continue;
        }
        const { row } = checked;
        seen.set(row.barcode, row.line);
        const existing = lookup(row.barcode);
        rows.push({ ...row, status: matchRow(row, existing).status, articleId: existing?.id ?? null });
      }
    } catch (error) {
      if (error instanceof CsvFormatError) {
        throw new PosError('catalogue.bad_file', `not a CSV file: ${error.message}`, { line: error.line });
      }
      throw error;
    }
    if (index === null) throw new PosError('catalogue.bad_header', 'the file is empty', { columns: '' });
    return { file, rows, rejected, rejectedRows };
  }

  async function preview(importId: string, fileName: string, source: 'file' | 'ledger', file: CsvFile, ctx: CallContext): Promise<ImportPreviewView> {
    // The shop's VAT rates are the ones its settings map to fiscal tax letters.
    const shopRatesBp = new Set(Object.keys(ctx.settings.ptuMap).map(Number));
    const { rows, rejected, rejectedRows } = await read(file, shopRatesBp);
    const lookup = articleByBarcode(db);
    const count = (status: MatchStatus) => rows.reduce((n, r) => n + (r.status === status ? 1 : 0), 0);
    remember(prepared, importId, { rows });
    return {
      importId,
      fileName,
      source,
      encoding: file.encoding,
      delimiter: file.delimiter,
      counts: { green: count('green'), yellow: count('yellow'), red: count('red'), rejected: rejectedRows },
      // Diffs are worked out again only for the rows shown: 100 000 rows keep no diff lists.
      rows: previewRows(rows, (row) => matchRow(row, lookup(row.barcode)).diffs),
      rejected,
    };
  }

  return {
    'catalogue.importUpload': ({ uploadId, base64 }: ParsedInput<'catalogue.importUpload'>) => {
      const id = uploadId ?? ids.next();
      const upload = uploadId === undefined ? { slices: [], bytes: 0 } : uploads.get(uploadId);
      if (!upload) throw notFound(id);
      const slice = Buffer.from(base64, 'base64');
      if (upload.bytes + slice.length > MAX_IMPORT_BYTES) {
        uploads.delete(id);
        throw new PosError('catalogue.too_large', 'the file is too large', { maxBytes: MAX_IMPORT_BYTES });
      }
      upload.slices.push(slice);
      upload.bytes += slice.length;
      if (uploadId === undefined) remember(uploads, id, upload);
      return { uploadId: id, bytes: upload.bytes };
    },

    'catalogue.importPreview': async ({ uploadId, fileName }: ParsedInput<'catalogue.importPreview'>, ctx: CallContext): Promise<ImportPreviewView> => {
      const upload = uploads.get(uploadId);
      if (!upload) throw notFound(uploadId);
      uploads.delete(uploadId);
      return preview(uploadId, fileName, 'file', csv.read(Buffer.concat(upload.slices)), ctx);
    },

    /** The ledger's product cards, through the same checks, colours and apply as a file. */
    'catalogue.importFromLedger': async (_: unknown, ctx: CallContext): Promise<ImportPreviewView> => {
      const cards = await deps.ledger?.articles();
      if (!cards) throw new PosError('catalogue.no_ledger_cards', 'the ledger set keeps no product cards');
      async function* records(): AsyncIterable<CsvRecord> {
        yield { line: 1, values: [...IMPORT_COLUMNS] };
        let line = 2;
        for (const card of cards ?? []) yield { line: line++, values: IMPORT_COLUMNS.map((column) => card[column]) };
      }
      return preview(ids.next(), deps.ledger?.health().name ?? '', 'ledger', { encoding: 'utf-8', delimiter: ',', records: records() }, ctx);
    },

    'catalogue.importApply': ({ importId }: ParsedInput<'catalogue.importApply'>): ImportApplyView => {
      const found = prepared.get(importId);
      if (!found) throw notFound(importId);
      const result = tx(() => {
        const lookup = articleByBarcode(db);
        const taken = codeTaken(db);
        const write = importWriter(db);
        const applied = { inserted: 0, updated: 0, unchanged: 0 };
        for (const row of found.rows) {
          const existing = lookup(row.barcode);
          const now = matchRow(row, existing).status;
          // What the cashier saw must still hold; otherwise nothing is written (the tx rolls back).
          const stale = now !== row.status || (existing?.id ?? null) !== row.articleId || (now === 'red' && taken(row.barcode));
          if (stale) {
            throw new PosError('catalogue.import_stale', `line ${row.line}: the till changed since the preview`, { line: row.line, barcode: row.barcode });
          }
          const { name, unit, priceMinor, vatRateBp } = row;
          if (now === 'red') {
            write.insert({ id: ids.next(), code: row.barcode, barcode: row.barcode, name, unit, priceMinor, vatRateBp });
            applied.inserted += 1;
          } else if (now === 'yellow' && existing) {
            write.update(existing.id, { name, unit, priceMinor, vatRateBp });
            applied.updated += 1;
          } else {
            applied.unchanged += 1;
          }
        }
        return applied;
      });
      prepared.delete(importId);
      return result;
    },

    'catalogue.importCancel': ({ importId }: ParsedInput<'catalogue.importCancel'>) => {
      uploads.delete(importId);
      prepared.delete(importId);
      return { cancelled: true as const };
    },
  };
}
