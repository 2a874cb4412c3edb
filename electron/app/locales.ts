import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReceiptLabels } from '../../native/printer/document.js';

export const LOCALES = ['en', 'et'] as const;

/**
 * Printout labels come from the same locale files as the screen, so a receipt and the screen
 * never disagree on a word. Unknown locales fall back to English.
 */
export function printLabels(assetsDir: string, locale: string): ReceiptLabels {
  const lang = (LOCALES as readonly string[]).includes(locale) ? locale : 'en';
  const file = JSON.parse(readFileSync(join(assetsDir, 'locales', `${lang}.json`), 'utf8')) as { print: ReceiptLabels };
  return file.print;
}
