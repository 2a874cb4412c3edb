import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { CsvFormatError, type CsvFile, type CsvReader, type CsvRecord } from '../../usecases/catalogue-import.js';

/**
 * Reads a CSV file as the accounting program exports it, record by record: an adapter, because
 * it decodes bytes (encodings) and drives a Node stream, neither of which the pure domain may
 * do; the use case sees only records of text.
 *
 * - Encoding: bytes that are valid UTF-8 are UTF-8 (a BOM is dropped); anything else is taken as
 *   Windows-1257, the Baltic code page older exports use. A Windows-1257 file of Baltic text is
 *   practically never valid UTF-8 (its letters are single bytes ≥ 0x80 between ASCII), while a
 *   plain-ASCII file reads the same either way.
 * - Separator: whichever of `;` and `,` the header line holds more of (spreadsheets with a decimal
 *   comma write `;`).
 * - The text is decoded and fed to the parser in slices, so a file of 100 000 rows is never one
 *   string, and records are handed over one at a time under the stream's back-pressure.
 */

const SLICE = 64 * 1024;

export interface CsvProgress {
  bytes: number;
  total: number;
}

export function detectEncoding(bytes: Uint8Array): CsvFile['encoding'] {
  return isUtf8(bytes) ? 'utf-8' : 'windows-1257';
}

/** `;` or `,`: the one the first line (outside quotes) holds more of; `,` on a tie. */
export function sniffDelimiter(firstText: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of firstText) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons += 1;
    else if (!quoted && ch === ',') commas += 1;
  }
  return semicolons > commas ? ';' : ',';
}

const newlines = (values: readonly string[]) => values.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);

/** Reads `bytes` as a CSV file; `onProgress` hears how many bytes were fed to the parser so far. */
export function readCatalogueCsv(bytes: Uint8Array, onProgress?: (progress: CsvProgress) => void): CsvFile {
  const encoding = detectEncoding(bytes);
  const codec = encoding === 'utf-8' ? 'utf8' : 'win1257';
  // The first slice is decoded once more to sniff the separator; the decoder keeps a character
  // split between two slices whole, and drops a UTF-8 BOM.
  const head = iconv.decode(Buffer.from(bytes.subarray(0, SLICE)), codec);
  const delimiter = sniffDelimiter(head);

  function* slices(): Generator<string> {
    const decoder = iconv.getDecoder(codec);
    for (let at = 0; at < bytes.length; at += SLICE) {
      const text = decoder.write(Buffer.from(bytes.subarray(at, at + SLICE)));
      onProgress?.({ bytes: Math.min(at + SLICE, bytes.length), total: bytes.length });
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }

  async function* records(): AsyncGenerator<CsvRecord> {
    const parser = Readable.from(slices()).pipe(
      parse({ delimiter, info: true, relax_column_count: true, skip_empty_lines: true, bom: true, trim: false }),
    );
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        // The parser counts the line a record ends on; a quoted field with newlines started it earlier.
        yield { line: info.lines - newlines(record), values: record };
      }
    } catch (error) {
      // An unclosed quote and the like: the file cannot be read past it, so none of it is taken.
      const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 0;
      throw new CsvFormatError(line, error instanceof Error ? error.message : String(error));
    }
  }

  return { encoding, delimiter, records: records() };
}

/** The reader the use case is given. */
export const catalogueCsv: CsvReader = { read: readCatalogueCsv };
