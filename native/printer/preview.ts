/**
 * The F8 print preview: the receipt as the printer would print it, line by line. It is not a
 * second layout: the receipt is encoded to the very ESC/POS bytes the printer gets and decoded
 * back, so the preview shows the paper's columns, wrapping and code-page stand-ins (Latin
 * for Cyrillic on a Baltic page, O for Õ on a Cyrillic one) and can never drift from it.
 */
import type { PrintableReceipt, ReceiptLabels } from './document.js';
import { decodeEscPos } from './escpos-decode.js';
import { encodeReceipt } from './escpos.js';
import { codeTableMap, type PrinterProfile } from './profiles.js';

export function previewLines(doc: PrintableReceipt, labels: ReceiptLabels, profile: PrinterProfile): string[] {
  const { documents } = decodeEscPos(encodeReceipt(doc, labels, profile), codeTableMap(profile));
  // One receipt is one document (it ends with a cut).
  return documents.flatMap((d) => d.lines);
}
