/**
 * Decoding of DLE EOT n replies (Epson ESC/POS command reference, DLE EOT). Every reply byte has fixed bits
 * bit1 = 1, bit4 = 1, bit0 = 0, bit7 = 0; a byte that breaks them is not a status reply
 * (XON/XOFF, line noise, Auto Status Back fragments) and must not be taken as one.
 */

export type PrinterCondition = 'ok' | 'offline' | 'paper_out' | 'cover_open' | 'error' | 'unavailable';

export type StatusRequest = 1 | 2 | 3 | 4;

const FIXED_MASK = 0b1001_0011;
const FIXED_VALUE = 0b0001_0010;

/** True when `byte` has the fixed bits of a DLE EOT reply. */
export function isStatusByte(byte: number): boolean {
  return Number.isInteger(byte) && byte >= 0 && byte <= 0xff && (byte & FIXED_MASK) === FIXED_VALUE;
}

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

/** n = 1: printer status. */
export interface PrinterStatusByte {
  drawerPinHigh: boolean;
  offline: boolean;
  waitingForRecovery: boolean;
  feedButtonPressed: boolean;
}

/** n = 2: why the printer is offline. */
export interface OfflineCauseByte {
  coverOpen: boolean;
  feedingByButton: boolean;
  paperEnd: boolean;
  error: boolean;
}

/** n = 3: which error. */
export interface ErrorCauseByte {
  recoverable: boolean;
  autocutter: boolean;
  unrecoverable: boolean;
  autoRecoverable: boolean;
}

/** n = 4: roll paper sensors. */
export interface PaperSensorByte {
  nearEnd: boolean;
  paperEnd: boolean;
}

export function decodePrinterStatus(byte: number): PrinterStatusByte | null {
  if (!isStatusByte(byte)) return null;
  return { drawerPinHigh: bit(byte, 2), offline: bit(byte, 3), waitingForRecovery: bit(byte, 5), feedButtonPressed: bit(byte, 6) };
}

export function decodeOfflineCause(byte: number): OfflineCauseByte | null {
  if (!isStatusByte(byte)) return null;
  return { coverOpen: bit(byte, 2), feedingByButton: bit(byte, 3), paperEnd: bit(byte, 5), error: bit(byte, 6) };
}

export function decodeErrorCause(byte: number): ErrorCauseByte | null {
  if (!isStatusByte(byte)) return null;
  return { recoverable: bit(byte, 2), autocutter: bit(byte, 3), unrecoverable: bit(byte, 5), autoRecoverable: bit(byte, 6) };
}

/** Each sensor is reported on two bits (both set by Epson); either bit counts, to be lenient with clones. */
export function decodePaperSensor(byte: number): PaperSensorByte | null {
  if (!isStatusByte(byte)) return null;
  return { nearEnd: (byte & 0b0000_1100) !== 0, paperEnd: (byte & 0b0110_0000) !== 0 };
}

export type DecodedStatus =
  | { n: 1; status: PrinterStatusByte }
  | { n: 2; status: OfflineCauseByte }
  | { n: 3; status: ErrorCauseByte }
  | { n: 4; status: PaperSensorByte };

/** Decodes the reply to DLE EOT n; null when the byte is not a status reply. */
export function decodeStatusReply(n: StatusRequest, byte: number): DecodedStatus | null {
  switch (n) {
    case 1: {
      const status = decodePrinterStatus(byte);
      return status && { n, status };
    }
    case 2: {
      const status = decodeOfflineCause(byte);
      return status && { n, status };
    }
    case 3: {
      const status = decodeErrorCause(byte);
      return status && { n, status };
    }
    case 4: {
      const status = decodePaperSensor(byte);
      return status && { n, status };
    }
  }
}

/**
 * The condition a clerk needs to act on, from the n=1 reply and (when offline) the n=2 reply.
 * Paper end wins over cover open: with both, the roll is being changed and paper is the fix.
 */
export function conditionOf(printer: PrinterStatusByte, offlineCause: OfflineCauseByte | null): PrinterCondition {
  if (!printer.offline) return 'ok';
  if (!offlineCause) return 'offline';
  if (offlineCause.paperEnd) return 'paper_out';
  if (offlineCause.coverOpen) return 'cover_open';
  if (offlineCause.error) return 'error';
  return 'offline';
}

/** A sentence for the clerk's screen / logs. */
export function describeCondition(condition: PrinterCondition): string {
  switch (condition) {
    case 'ok':
      return 'Printer is ready';
    case 'offline':
      return 'Printer is offline';
    case 'paper_out':
      return 'Printer is out of paper';
    case 'cover_open':
      return 'Printer cover is open';
    case 'error':
      return 'Printer reports an error (e.g. cutter jam); check the printer';
    case 'unavailable':
      return 'Printer does not answer; check power and cable';
  }
}

/**
 * What the till shows for a printer: its condition, or the warning 'paper_near_end' when it is
 * ready but the roll is running out (DLE EOT 4 bits 2+3). A warning still prints.
 */
export type PrinterState = PrinterCondition | 'paper_near_end';

export function printerState(status: { condition: PrinterCondition; paperNearEnd: boolean }): PrinterState {
  return status.condition === 'ok' && status.paperNearEnd ? 'paper_near_end' : status.condition;
}

/** True for states in which the printer prints (ok, or ok with a warning). */
export function isPrinting(state: PrinterState): boolean {
  return state === 'ok' || state === 'paper_near_end';
}

export function describeState(state: PrinterState): string {
  return state === 'paper_near_end' ? 'Paper near end: change the roll soon' : describeCondition(state);
}
