/**
 * The ZVT messages the till uses, both directions: ECR commands (built by the ECR, read by the
 * simulator) and terminal messages (built by the simulator, read by the ECR).
 *
 *   ECR → PT                                PT → ECR
 *   06 00 Registration                      80 00 00 acknowledgement, 84 xx 00 refusal (xx = code)
 *   06 01 Authorization                     04 FF intermediate status (prompt)
 *   06 30 Reversal                          04 0F status information (the transaction's data)
 *   06 31 Refund                            06 D1 print line, 06 D3 print text block
 *   06 50 End of day                        06 0F completion, 06 1E abort (+ result code)
 *   05 01 Status enquiry
 *   06 20 Repeat receipt
 *   06 B0 Abort
 * Every terminal message is acknowledged by the ECR with 80 00 00.
 */
import iconv from 'iconv-lite';
import { encodeApdu, type Apdu } from './apdu.js';
import { decodeVarLength, encodeBcd, encodeVarLength } from './bcd.js';
import { BMP, bmp, encodeBmp, parseBmps, type BmpField } from './bmp.js';
import { concatBytes, encodeTlv, parseTlv, walkTlv } from './tlv.js';

export const CMD = {
  registration: [0x06, 0x00],
  authorization: [0x06, 0x01],
  repeatReceipt: [0x06, 0x20],
  reversal: [0x06, 0x30],
  refund: [0x06, 0x31],
  endOfDay: [0x06, 0x50],
  abort: [0x06, 0xb0],
  statusEnquiry: [0x05, 0x01],
  logOff: [0x06, 0x02],
} as const;

export const PT = {
  intermediateStatus: [0x04, 0xff],
  statusInformation: [0x04, 0x0f],
  completion: [0x06, 0x0f],
  abort: [0x06, 0x1e],
  printLine: [0x06, 0xd1],
  printTextBlock: [0x06, 0xd3],
} as const;

export const ACK_CLASS = 0x80;
export const NACK_CLASS = 0x84;

/**
 * Registration config byte (ecrterm's ConfigByte): 02 ECR prints payment receipts, 04 ECR prints
 * administration receipts, 08 PT sends intermediate status, 10 ECR controls payment, 20 ECR
 * controls administration, 80 ECR print type = print lines (06 D1). 0xBE = all of them.
 */
export const CONFIG = {
  ecrPrintsPayment: 0x02,
  ecrPrintsAdmin: 0x04,
  intermediateStatus: 0x08,
  ecrControlsPayment: 0x10,
  ecrControlsAdmin: 0x20,
  printLines: 0x80,
  all: 0xbe,
} as const;

export const DEFAULT_ENCODING = 'cp437';

export function is(apdu: Pick<Apdu, 'cls' | 'ins'>, code: readonly [number, number]): boolean {
  return apdu.cls === code[0] && apdu.ins === code[1];
}

/** 80 00 00: "received, OK". */
export function ackApdu(): Uint8Array {
  return encodeApdu(ACK_CLASS, 0x00);
}

/** 84 xx 00: "received, refused with code xx". */
export function nackApdu(code: number): Uint8Array {
  return encodeApdu(NACK_CLASS, code);
}

export function passwordBytes(password: string): Uint8Array {
  if (!/^\d{6}$/.test(password)) throw new RangeError('ZVT password must be 6 digits');
  return encodeBcd(password, 3);
}

// ---- ECR commands ---------------------------------------------------------------------------

export const command = {
  registration(password: string, configByte: number, currency: number, serviceByte?: number): Uint8Array {
    const parts: Array<Uint8Array | number[]> = [passwordBytes(password), [configByte & 0xff], encodeBcd(currency, 2)];
    if (serviceByte !== undefined) parts.push(bmp.serviceByte(serviceByte));
    return encodeApdu(...CMD.registration, concatBytes(parts));
  },
  authorization(amountMinor: number, currency: number): Uint8Array {
    return encodeApdu(...CMD.authorization, concatBytes([bmp.amount(amountMinor), bmp.currency(currency)]));
  },
  reversal(password: string, receiptNo: string): Uint8Array {
    if (!/^\d{1,4}$/.test(receiptNo)) throw new RangeError(`ZVT receipt number must be 1–4 digits: '${receiptNo}'`);
    return encodeApdu(...CMD.reversal, concatBytes([passwordBytes(password), bmp.receiptNo(receiptNo)]));
  },
  refund(password: string, amountMinor: number, currency: number): Uint8Array {
    return encodeApdu(...CMD.refund, concatBytes([passwordBytes(password), bmp.amount(amountMinor), bmp.currency(currency)]));
  },
  endOfDay(password: string): Uint8Array {
    return encodeApdu(...CMD.endOfDay, passwordBytes(password));
  },
  statusEnquiry(password: string): Uint8Array {
    return encodeApdu(...CMD.statusEnquiry, passwordBytes(password));
  },
  repeatReceipt(password: string): Uint8Array {
    return encodeApdu(...CMD.repeatReceipt, passwordBytes(password));
  },
  abort(): Uint8Array {
    return encodeApdu(...CMD.abort);
  },
};

// ---- Terminal messages ----------------------------------------------------------------------

export const message = {
  intermediateStatus(code: number, timeoutSeconds?: number): Uint8Array {
    return encodeApdu(...PT.intermediateStatus, timeoutSeconds === undefined ? [code] : [code, timeoutSeconds]);
  },
  statusInformation(fields: ReadonlyArray<Uint8Array>): Uint8Array {
    return encodeApdu(...PT.statusInformation, concatBytes(fields));
  },
  completion(fields: ReadonlyArray<Uint8Array> = []): Uint8Array {
    return encodeApdu(...PT.completion, concatBytes(fields));
  },
  /** Status-enquiry completion: software version (LLLVAR, no tag), terminal status byte, then BMPs. */
  statusCompletion(softwareVersion: string, terminalStatus: number, fields: ReadonlyArray<Uint8Array> = []): Uint8Array {
    const version = new Uint8Array(iconv.encode(softwareVersion, 'latin1'));
    return encodeApdu(...PT.completion, concatBytes([encodeVarLength(version.length, 3), version, [terminalStatus], ...fields]));
  },
  abort(resultCode: number): Uint8Array {
    return encodeApdu(...PT.abort, [resultCode]);
  },
  printLine(text: string, attribute = 0x00, encoding = DEFAULT_ENCODING): Uint8Array {
    return encodeApdu(...PT.printLine, concatBytes([[attribute], new Uint8Array(iconv.encode(text, encoding))]));
  },
  /** 06 D3: BMP 06 { 1F07 receipt type, 25 { 07 line … }, 09 end of receipt }. */
  printTextBlock(receiptType: number, lines: readonly string[], encoding = DEFAULT_ENCODING): Uint8Array {
    const texts = concatBytes(lines.map((line) => encodeTlv(0x07, new Uint8Array(iconv.encode(line, encoding)))));
    const container = concatBytes([encodeTlv(0x1f07, [receiptType]), encodeTlv(0x25, texts), encodeTlv(0x09, [])]);
    return encodeApdu(...PT.printTextBlock, encodeBmp(BMP.tlv, container));
  },
};

/** Print-line attribute: 1xxx xxxx (not 80, not FF) = last line of the receipt; FF = line feeds. */
export const LAST_LINE = 0x81;
export const LINE_FEED = 0xff;

// ---- Parsing (both sides) -------------------------------------------------------------------

export interface IntermediateStatus {
  code: number;
  timeoutSeconds: number | null;
  /** Display texts from a TLV container (tag 24 → 07), when the terminal sent any. */
  texts: string[];
}

export function parseIntermediateStatus(data: Uint8Array, encoding = DEFAULT_ENCODING): IntermediateStatus {
  const code = data[0] ?? 0xff;
  let timeoutSeconds: number | null = null;
  let offset = 1;
  if (data.length > 1 && data[1] !== BMP.tlv) {
    timeoutSeconds = data[1]!;
    offset = 2;
  }
  const texts: string[] = [];
  const rest = parseBmps(data, offset);
  for (const field of rest.fields) {
    if (field.tag !== BMP.tlv) continue;
    for (const tlv of walkTlv(parseTlv(field.value) ?? [])) {
      if (tlv.tag === 0x07) texts.push(iconv.decode(Buffer.from(tlv.value), encoding).trim());
    }
  }
  return { code, timeoutSeconds, texts: texts.filter((t) => t !== '') };
}

export interface PrintLine {
  attribute: number;
  /** Empty lines for a line-feed attribute. */
  lines: string[];
  /** This line ends a receipt. */
  last: boolean;
}

export function parsePrintLine(data: Uint8Array, encoding = DEFAULT_ENCODING): PrintLine {
  const attribute = data[0] ?? 0;
  if (attribute === LINE_FEED) {
    const count = Math.min(data[1] ?? 1, 10);
    return { attribute, lines: Array.from({ length: count }, () => ''), last: false };
  }
  const text = iconv.decode(Buffer.from(data.subarray(1)), encoding).replace(/\s+$/, '');
  return { attribute, lines: [text], last: (attribute & 0x80) !== 0 };
}

export type ReceiptType = 'merchant' | 'customer' | 'administration' | 'unknown';

const RECEIPT_TYPES: Record<number, ReceiptType> = { 1: 'merchant', 2: 'customer', 3: 'administration' };

export interface TextBlock {
  type: ReceiptType;
  lines: string[];
}

export function parsePrintTextBlock(data: Uint8Array, encoding = DEFAULT_ENCODING): TextBlock {
  let type: ReceiptType = 'unknown';
  const lines: string[] = [];
  for (const field of parseBmps(data).fields) {
    if (field.tag !== BMP.tlv) continue;
    for (const tlv of walkTlv(parseTlv(field.value) ?? [])) {
      if (tlv.tag === 0x1f07) type = RECEIPT_TYPES[tlv.value[0] ?? 0] ?? 'unknown';
      else if (tlv.tag === 0x07) lines.push(iconv.decode(Buffer.from(tlv.value), encoding).replace(/\s+$/, ''));
    }
  }
  return { type, lines };
}

export interface Completion {
  /** Only after a Status Enquiry: the LLLVAR software version and the terminal-status byte. */
  softwareVersion: string | null;
  terminalStatus: number | null;
  fields: BmpField[];
}

/**
 * 06 0F. The software version and terminal status of a Status-Enquiry completion have no tag: an
 * LLLVAR prefix (F0–F9 three times) at the start marks them (no BMP allowed here starts so).
 */
export function parseCompletion(data: Uint8Array): Completion {
  const prefix = data.length >= 4 ? decodeVarLength(data.subarray(0, 3)) : null;
  if (prefix !== null && 3 + prefix < data.length) {
    const softwareVersion = iconv.decode(Buffer.from(data.subarray(3, 3 + prefix)), 'latin1').trim();
    const terminalStatus = data[3 + prefix]!;
    return { softwareVersion, terminalStatus, fields: parseBmps(data, 4 + prefix).fields };
  }
  return { softwareVersion: null, terminalStatus: null, fields: parseBmps(data).fields };
}

/** 06 1E: the result code is the first data byte (no BMP tag); BMPs (06 TLV) may follow. */
export function parseAbort(data: Uint8Array): { result: number; fields: BmpField[] } {
  return { result: data[0] ?? 0xff, fields: data.length > 1 ? parseBmps(data, 1).fields : [] };
}

/** Reads the fixed part of a command with a password and returns the BMPs after it. */
export function commandFields(apdu: Apdu, fixedBytes: number): { fixed: Uint8Array; fields: BmpField[] } {
  return { fixed: apdu.data.subarray(0, fixedBytes), fields: parseBmps(apdu.data, Math.min(fixedBytes, apdu.data.length)).fields };
}

