import type { ChunkResult, PrintResult, PrinterStatus } from '../../../native/printer/escpos-printer.js';

/** What the print worker needs from a printer; the ESC/POS driver provides it. */
export interface PrinterPort {
  readonly name: string;
  status(): Promise<PrinterStatus>;
  /** A whole document: checks readiness, sends, reads the status back. */
  print(bytes: Uint8Array): Promise<PrintResult>;
  /**
   * One chunk of a document (readiness already known): sends it and reads the status back, so
   * the caller knows how far the document got on paper.
   */
  printChunk(bytes: Uint8Array): Promise<ChunkResult>;
  close(): Promise<void>;
}
