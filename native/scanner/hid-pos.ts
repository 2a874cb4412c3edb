/**
 * HID POS barcode scanners (USB "HID Point of Sale Usage Tables" 1.02): the
 * Scanned Data Report as Honeywell, Zebra and Datalogic scanners send it in HID POS mode.
 *
 * Report ID 2; then, counted from the byte after the report ID:
 *   byte 0        number of data bytes in this report
 *   bytes 1–3     symbology identifier: the AIM ID `]Xm` (its `]`, 0x5D, at offset 1 — or at 2,
 *                 one byte later, on some firmware: everything after it then shifts by one)
 *   bytes 4…      the data (from 5 when the AIM ID is shifted)
 *   byte 60       Honeywell: its own code ID (symbology)
 *   byte 62       ≠ 0: more reports follow for this code (concatenate their data)
 * A trailing CR (the scanner's suffix) is not part of the code.
 *
 * Pure: bytes in, codes out. node-hid hands a numbered report over with its report ID first
 * (`[0x02, length, ']', 'E', '0', …]`); WebHID hands the ID separately.
 */

/** Usage page of HID POS devices; usage 0x02 is a bar code scanner. */
export const HID_POS_USAGE_PAGE = 0x8c;
export const BAR_CODE_SCANNER_USAGE = 0x02;
/** The Scanned Data Report. */
export const SCANNED_DATA_REPORT_ID = 0x02;
/** Offsets in the report (after the report ID). */
export const CODE_ID_OFFSET = 60;
export const MORE_OFFSET = 62;
/** Honeywell's vendor IDs: their scanners want the feature report [0xFE, 0x01] to send HID POS reports. */
export const HONEYWELL_VENDOR_IDS: readonly number[] = [0x0c2e, 0x23d0];
export const HONEYWELL_ENABLE_HID_POS: readonly number[] = [0xfe, 0x01];

const AIM_FLAG = 0x5d; // ']'

/** One Scanned Data Report, decoded. */
export interface ScannedDataReport {
  /** The AIM symbology identifier (`]E0` EAN-13, `]C1` GS1-128, …) or null when the scanner sends none. */
  aim: string | null;
  /** This report's share of the code. */
  data: Uint8Array;
  /** More reports follow for the same code. */
  more: boolean;
  /** Honeywell's code ID (byte 60), 0 when absent. */
  codeId: number;
}

/** A whole code, from one or more reports. */
export interface HidScan {
  code: string;
  aim: string | null;
  codeId: number;
}

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/**
 * Decodes one report given without its ID (WebHID style). Null for a report too short to hold
 * the length and the symbology identifier.
 */
export function parseScannedData(payload: Uint8Array): ScannedDataReport | null {
  if (payload.length < 4) return null;
  const length = payload[0] ?? 0;
  const shift = payload[1] === AIM_FLAG ? 0 : payload[2] === AIM_FLAG ? 1 : -1;
  const aim = shift >= 0 && payload.length >= 4 + shift ? ascii(payload.subarray(1 + shift, 4 + shift)) : null;
  const start = 4 + Math.max(shift, 0);
  // Never past the trailer (code ID, continuation flag) nor past the bytes actually received.
  const end = Math.min(start + length, payload.length, MORE_OFFSET);
  return {
    aim,
    data: payload.slice(start, Math.max(start, end)),
    more: (payload[MORE_OFFSET] ?? 0) !== 0,
    codeId: payload[CODE_ID_OFFSET] ?? 0,
  };
}

/**
 * Decodes one report as node-hid delivers it (report ID first). Null for any other report
 * (attribute, settings, …) and for a truncated one.
 */
export function parseHidReport(report: Uint8Array): ScannedDataReport | null {
  if (report[0] !== SCANNED_DATA_REPORT_ID) return null;
  return parseScannedData(report.subarray(1));
}

const decoder = new TextDecoder('utf-8');

/** The code's text: UTF-8 (plain ASCII for linear barcodes), the trailing CR/LF/NULs dropped. */
export function codeText(bytes: Uint8Array): string {
  return decoder.decode(bytes).replace(/[\r\n\0]+$/, '');
}

export interface HidPosDecoder {
  /** Feeds one report (node-hid style, report ID first); returns the code once its last report is in. */
  push(report: Uint8Array): HidScan | null;
  /** Drops a half-received code (the device went away). */
  reset(): void;
}

/** Joins multi-report codes; one decoder per device. Codes that come out empty are dropped. */
export function createHidPosDecoder(): HidPosDecoder {
  let parts: Uint8Array[] = [];
  let first: ScannedDataReport | null = null;
  return {
    push(report) {
      const parsed = parseHidReport(report);
      if (!parsed) return null;
      first ??= parsed;
      parts.push(parsed.data);
      if (parsed.more) return null;
      const size = parts.reduce((n, p) => n + p.length, 0);
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const part of parts) {
        bytes.set(part, at);
        at += part.length;
      }
      const scan: HidScan = { code: codeText(bytes), aim: first.aim, codeId: first.codeId };
      parts = [];
      first = null;
      return scan.code === '' ? null : scan;
    },
    reset() {
      parts = [];
      first = null;
    },
  };
}

/** Every complete code in a sequence of reports (tests, replays). */
export function decodeReports(reports: readonly Uint8Array[]): HidScan[] {
  const decoder = createHidPosDecoder();
  return reports.map((r) => decoder.push(r)).filter((s): s is HidScan => s !== null);
}

/**
 * Builds the reports a scanner sends for a code (report ID first, 64 bytes each, up to 56 data
 * bytes per report): the other side of the parser, for simulators and tests.
 */
export function encodeReports(
  code: string | Uint8Array,
  { aim = ']E0', codeId = 0, shifted = false, suffixCr = false }: { aim?: string | null; codeId?: number; shifted?: boolean; suffixCr?: boolean } = {},
): Uint8Array[] {
  const body = typeof code === 'string' ? new TextEncoder().encode(code) : code;
  const data = suffixCr ? Uint8Array.of(...body, 0x0d) : body;
  const start = 4 + (shifted ? 1 : 0);
  const room = CODE_ID_OFFSET - start; // 56 data bytes (55 when shifted): the trailer stays free
  const reports: Uint8Array[] = [];
  for (let at = 0; at < data.length || reports.length === 0; at += room) {
    const chunk = data.subarray(at, at + room);
    const payload = new Uint8Array(63);
    payload[0] = chunk.length;
    if (aim) payload.set(new TextEncoder().encode(aim.slice(0, 3)), 1 + (shifted ? 1 : 0));
    payload.set(chunk, start);
    payload[CODE_ID_OFFSET] = codeId;
    payload[MORE_OFFSET] = at + room < data.length ? 1 : 0;
    reports.push(Uint8Array.of(SCANNED_DATA_REPORT_ID, ...payload));
  }
  return reports;
}
