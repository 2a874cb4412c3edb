import type { PrintResult, PrinterStatus } from '../../native/printer/escpos-printer.js';

/** What the print worker needs from a printer; the ESC/POS driver provides it. */
export interface PrinterPort {
  readonly name: string;
  status(): Promise<PrinterStatus>;
  print(bytes: Uint8Array): Promise<PrintResult>;
  close(): Promise<void>;
}
