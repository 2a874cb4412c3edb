import { z } from 'zod';
import { Id, Text } from './views.js';

/**
 * Product cards imported from the accounting program's CSV export: the file goes up in slices,
 * is previewed (every row green, yellow, red or rejected), then applied in one transaction.
 *
 * The file travels in slices because browser mode takes at most 64 KB per call; the slices are
 * kept by the core under the upload's id, so the renderer never sends the file twice.
 */

/** Base64 text of one slice: 48 000 characters are 36 000 bytes, well inside one call. */
export const MAX_SLICE_BASE64 = 48_000;
/** The largest file the core keeps (a B1 export of 100 000 cards is about 10 MB). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
/** How many rows of each kind the preview sends; the counts cover all of them. */
export const PREVIEW_ROWS = 200;

export const ImportUploadInput = z.object({
  /** Absent on the first slice: the core starts an upload and answers with its id. */
  uploadId: Id.optional(),
  base64: z.string().max(MAX_SLICE_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
export const ImportUploadView = z.object({ uploadId: Id, bytes: z.number().int().nonnegative() });

export const ImportStatus = z.enum(['green', 'yellow', 'red']);
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportDiff = z.object({
  field: z.enum(['name', 'priceMinor', 'vatRateBp', 'unit']),
  old: z.union([z.string(), z.number()]),
  new: z.union([z.string(), z.number()]),
});
export type ImportDiff = z.infer<typeof ImportDiff>;

export const ImportRowView = z.object({
  line: z.number().int().positive(),
  status: ImportStatus,
  barcode: z.string(),
  name: z.string(),
  unit: z.enum(['pcs', 'kg']),
  priceMinor: z.number().int().nonnegative(),
  vatRateBp: z.number().int().min(0).max(10_000),
  diffs: z.array(ImportDiff),
});
export type ImportRowView = z.infer<typeof ImportRowView>;

export const ImportRejectCode = z.enum([
  'columns',
  'name_missing',
  'name_too_long',
  'barcode_missing',
  'barcode_not_digits',
  'barcode_length',
  'barcode_check_digit',
  'barcode_duplicate',
  'vat_missing',
  'vat_format',
  'vat_unknown',
  'price_missing',
  'price_format',
  'price_vat_mismatch',
  'unit_unknown',
]);
export const ImportRejection = z.object({
  line: z.number().int().nonnegative(),
  code: ImportRejectCode,
  details: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ImportRejection = z.infer<typeof ImportRejection>;

export const ImportCounts = z.object({
  green: z.number().int().nonnegative(),
  yellow: z.number().int().nonnegative(),
  red: z.number().int().nonnegative(),
  /** Rows refused (a row with several problems counts once). */
  rejected: z.number().int().nonnegative(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportPreviewInput = z.object({ uploadId: Id, fileName: Text(260) });
export const ImportPreviewView = z.object({
  importId: Id,
  fileName: z.string(),
  /** A file chosen on the screen, or the product cards the ledger keeps. */
  source: z.enum(['file', 'ledger']),
  encoding: z.enum(['utf-8', 'windows-1257']),
  delimiter: z.enum([';', ',']),
  counts: ImportCounts,
  /** The first rows that change something (yellow, red), then green ones, up to PREVIEW_ROWS. */
  rows: z.array(ImportRowView),
  /** The first problems, in file order, up to PREVIEW_ROWS. */
  rejected: z.array(ImportRejection),
});
export type ImportPreviewView = z.infer<typeof ImportPreviewView>;

export const ImportRef = z.object({ importId: Id });
export const ImportApplyView = z.object({
  inserted: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
});
export type ImportApplyView = z.infer<typeof ImportApplyView>;
