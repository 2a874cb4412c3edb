/**
 * BMP fields: a one-byte tag followed by a fixed-length value, an LLVAR / LLLVAR value, or (06) a
 * BER-TLV container. Parsing stops at a tag this table does not know (its length cannot be told);
 * what was read so far is kept and `unknownTag` says where it stopped.
 */
import { decodeAmount, decodeBcd, decodePan, decodeVarLength, encodeAmount, encodeBcd, encodePan, encodeVarLength, isDecimal } from './bcd.js';
import { readTlvLength, concatBytes } from './tlv.js';
import { cardTypeName } from './codes.js';
import iconv from 'iconv-lite';

export type BmpFormat = number | 'LL' | 'LLL' | 'TLV';

export const BMP = {
  timeout: 0x01,
  maxStatusInfos: 0x02,
  serviceByte: 0x03,
  amount: 0x04,
  tlv: 0x06,
  trace: 0x0b,
  time: 0x0c,
  date: 0x0d,
  expiry: 0x0e,
  cardSequence: 0x17,
  paymentType: 0x19,
  pan: 0x22,
  resultCode: 0x27,
  terminalId: 0x29,
  vuNumber: 0x2a,
  originalTrace: 0x37,
  aid: 0x3b,
  additionalText: 0x3c,
  currency: 0x49,
  totals: 0x60,
  receiptNo: 0x87,
  turnoverNo: 0x88,
  cardType: 0x8a,
  cardName: 0x8b,
  cardTypeNetwork: 0x8c,
  dateLong: 0xaa,
} as const;

const FORMATS: Record<number, BmpFormat> = {
  0x01: 1,
  0x02: 1,
  0x03: 1,
  0x04: 6,
  0x05: 1,
  0x06: 'TLV',
  0x0b: 3,
  0x0c: 3,
  0x0d: 2,
  0x0e: 2,
  0x17: 2,
  0x19: 1,
  0x22: 'LL',
  0x23: 'LL',
  0x24: 'LLL',
  0x27: 1,
  0x29: 4,
  0x2a: 15,
  0x2d: 'LL',
  0x2e: 'LLL',
  0x37: 3,
  0x3a: 2,
  0x3b: 8,
  0x3c: 'LLL',
  0x3d: 3,
  0x49: 2,
  0x60: 'LLL',
  0x87: 2,
  0x88: 3,
  0x8a: 1,
  0x8b: 'LL',
  0x8c: 1,
  0x92: 'LLL',
  0x9a: 'LLL',
  0xa0: 1,
  0xa7: 'LL',
  0xaa: 3,
  0xaf: 'LLL',
  0xba: 5,
  0xd0: 1,
  0xd1: 'LL',
  0xd2: 1,
  0xd3: 1,
  0xe0: 1,
  0xe1: 'LL',
  0xe2: 'LL',
  0xe3: 'LL',
  0xe4: 'LL',
  0xe5: 'LL',
  0xe6: 'LL',
  0xe7: 'LL',
  0xe8: 'LL',
  0xe9: 1,
  0xea: 1,
  0xeb: 8,
  0xf0: 1,
  0xf1: 'LL',
  0xf2: 'LL',
  0xf3: 'LL',
  0xf4: 'LL',
  0xf5: 'LL',
  0xf6: 'LL',
  0xf7: 'LL',
  0xf8: 'LL',
  0xf9: 1,
  0xfa: 1,
  0xfb: 1,
  0xfc: 1,
  0xfd: 1,
};

export function bmpFormat(tag: number): BmpFormat | undefined {
  return FORMATS[tag];
}

export interface BmpField {
  tag: number;
  /** The value without its length prefix (for 06: the TLV contents without the BER length). */
  value: Uint8Array;
}

export interface BmpList {
  fields: BmpField[];
  /** Set when parsing stopped at a tag of unknown length, or at a truncated field. */
  unknownTag: number | null;
  truncated: boolean;
}

export function parseBmps(data: Uint8Array, offset = 0): BmpList {
  const fields: BmpField[] = [];
  let i = offset;
  while (i < data.length) {
    const tag = data[i]!;
    const format = FORMATS[tag];
    if (format === undefined) return { fields, unknownTag: tag, truncated: false };
    i += 1;
    let length: number;
    if (typeof format === 'number') {
      length = format;
    } else if (format === 'TLV') {
      const len = readTlvLength(data, i);
      if (!len) return { fields, unknownTag: null, truncated: true };
      i += len.size;
      length = len.length;
    } else {
      const digits = format === 'LL' ? 2 : 3;
      const len = decodeVarLength(data.subarray(i, i + digits));
      if (len === null || i + digits > data.length) return { fields, unknownTag: null, truncated: true };
      i += digits;
      length = len;
    }
    if (i + length > data.length) return { fields, unknownTag: null, truncated: true };
    fields.push({ tag, value: data.slice(i, i + length) });
    i += length;
  }
  return { fields, unknownTag: null, truncated: false };
}

/** The first value of each tag (later duplicates ignored). */
export function bmpMap(fields: readonly BmpField[]): Map<number, Uint8Array> {
  const map = new Map<number, Uint8Array>();
  for (const f of fields) if (!map.has(f.tag)) map.set(f.tag, f.value);
  return map;
}

/** Encodes one BMP: fixed-length values are checked, LL/LLL values get their prefix, 06 its BER length. */
export function encodeBmp(tag: number, value: Uint8Array | readonly number[]): Uint8Array {
  const format = FORMATS[tag];
  const body = value instanceof Uint8Array ? value : Uint8Array.from(value);
  if (format === undefined) throw new Error(`BMP 0x${tag.toString(16)} is not known`);
  if (typeof format === 'number') {
    if (body.length !== format) throw new RangeError(`BMP 0x${tag.toString(16)} takes ${format} byte(s), got ${body.length}`);
    return concatBytes([[tag], body]);
  }
  if (format === 'TLV') {
    const len = body.length < 0x80 ? [body.length] : body.length <= 0xff ? [0x81, body.length] : [0x82, body.length >> 8, body.length & 0xff];
    return concatBytes([[tag], len, body]);
  }
  return concatBytes([[tag], encodeVarLength(body.length, format === 'LL' ? 2 : 3), body]);
}

/** What the till reads out of a status information (04 0F), a completion (06 0F) or an abort. */
export interface TransactionFields {
  result?: number;
  amountMinor?: number;
  currency?: number;
  trace?: string;
  receiptNo?: string;
  terminalId?: string;
  cardName?: string;
  cardType?: number;
  pan?: string;
  /** MM-DD */
  date?: string;
  /** HH:MM:SS */
  time?: string;
  /** BMP 3B, the host's authorisation attribute (approval code). */
  aid?: string;
  vuNumber?: string;
  paymentType?: number;
  /** BMP 3C. */
  additionalText?: string;
}

function withoutTrailingNul(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end -= 1;
  return bytes.subarray(0, end);
}

function text(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(withoutTrailingNul(bytes)), encoding).replace(/\s+$/, '');
}

/** ASCII as text, anything else as hex digits. */
function printable(bytes: Uint8Array, encoding: string): string {
  const trimmed = withoutTrailingNul(bytes);
  if (trimmed.every((b) => b >= 0x20 && b < 0x7f)) return text(trimmed, encoding).trim();
  return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}

export function transactionFields(fields: readonly BmpField[], encoding = 'cp437'): TransactionFields {
  const map = bmpMap(fields);
  const out: TransactionFields = {};
  const get = (tag: number): Uint8Array | undefined => map.get(tag);
  const v27 = get(BMP.resultCode);
  if (v27) out.result = v27[0]!;
  const v04 = get(BMP.amount);
  if (v04) {
    const amount = decodeAmount(v04);
    if (amount !== null) out.amountMinor = amount;
  }
  const v49 = get(BMP.currency);
  if (v49 && isDecimal(decodeBcd(v49))) out.currency = Number(decodeBcd(v49));
  const v0b = get(BMP.trace);
  if (v0b) out.trace = decodeBcd(v0b);
  const v87 = get(BMP.receiptNo);
  if (v87) out.receiptNo = decodeBcd(v87);
  const v29 = get(BMP.terminalId);
  if (v29) out.terminalId = decodeBcd(v29);
  const v22 = get(BMP.pan);
  if (v22) out.pan = decodePan(v22);
  const v0c = get(BMP.time);
  if (v0c) {
    const t = decodeBcd(v0c);
    out.time = `${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`;
  }
  const v0d = get(BMP.date);
  const vaa = get(BMP.dateLong);
  if (v0d) {
    const d = decodeBcd(v0d);
    out.date = `${d.slice(0, 2)}-${d.slice(2, 4)}`;
  } else if (vaa) {
    const d = decodeBcd(vaa);
    out.date = `${d.slice(2, 4)}-${d.slice(4, 6)}`;
  }
  const v8a = get(BMP.cardType);
  if (v8a) out.cardType = v8a[0]!;
  const v8b = get(BMP.cardName);
  if (v8b) out.cardName = text(v8b, encoding).trim();
  if (!out.cardName && out.cardType !== undefined) out.cardName = cardTypeName(out.cardType);
  const v3b = get(BMP.aid);
  if (v3b) out.aid = printable(v3b, encoding);
  const v2a = get(BMP.vuNumber);
  if (v2a) out.vuNumber = text(v2a, encoding).trim();
  const v19 = get(BMP.paymentType);
  if (v19) out.paymentType = v19[0]!;
  const v3c = get(BMP.additionalText);
  if (v3c) out.additionalText = text(v3c, encoding);
  return out;
}

/** Builders for the fields the simulator sends. */
export const bmp = {
  amount: (minor: number) => encodeBmp(BMP.amount, encodeAmount(minor)),
  currency: (code: number) => encodeBmp(BMP.currency, encodeBcd(code, 2)),
  trace: (trace: string | number) => encodeBmp(BMP.trace, encodeBcd(trace, 3)),
  receiptNo: (no: string | number) => encodeBmp(BMP.receiptNo, encodeBcd(no, 2)),
  terminalId: (tid: string) => encodeBmp(BMP.terminalId, encodeBcd(tid, 4)),
  result: (code: number) => encodeBmp(BMP.resultCode, [code]),
  /** HHMMSS */
  time: (hhmmss: string) => encodeBmp(BMP.time, encodeBcd(hhmmss, 3)),
  /** MMDD */
  date: (mmdd: string) => encodeBmp(BMP.date, encodeBcd(mmdd, 2)),
  /** YYMM */
  expiry: (yymm: string) => encodeBmp(BMP.expiry, encodeBcd(yymm, 2)),
  pan: (pan: string) => encodeBmp(BMP.pan, encodePan(pan)),
  cardType: (type: number) => encodeBmp(BMP.cardType, [type]),
  cardName: (name: string, encoding = 'cp437') => encodeBmp(BMP.cardName, new Uint8Array(iconv.encode(name, encoding))),
  /** 8 bytes, ASCII padded with NUL. */
  aid: (code: string) => {
    const bytes = new Uint8Array(8);
    bytes.set(new Uint8Array(iconv.encode(code.slice(0, 8), 'latin1')));
    return encodeBmp(BMP.aid, bytes);
  },
  /** 15 bytes ASCII, space padded. */
  vuNumber: (vu: string) => encodeBmp(BMP.vuNumber, new Uint8Array(iconv.encode(vu.slice(0, 15).padEnd(15, ' '), 'latin1'))),
  paymentType: (type: number) => encodeBmp(BMP.paymentType, [type]),
  serviceByte: (value: number) => encodeBmp(BMP.serviceByte, [value]),
  tlv: (contents: Uint8Array) => encodeBmp(BMP.tlv, contents),
};
