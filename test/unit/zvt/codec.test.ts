/**
 * ZVT wire formats: CRC, serial framing, APDU lengths, BCD, BMPs and TLV, and the terminal's
 * messages. Vectors: the CRC-16/KERMIT check value, the registration frame ecrterm accepts
 * (06 00 with a password, the config byte and currency 978) and real terminal packets from
 * wirelane/ecrterm's test data.
 */
import { describe, expect, it } from 'vitest';
import { ApduSplitter, apduLength, decodeApdu, encodeApdu } from '../../../native/zvt/apdu.js';
import { decodeAmount, decodeBcd, decodePan, decodeVarLength, encodeAmount, encodeBcd, encodePan, encodeVarLength, hex } from '../../../native/zvt/bcd.js';
import { BMP, bmp, encodeBmp, parseBmps, transactionFields } from '../../../native/zvt/bmp.js';
import { crc16kermit } from '../../../native/zvt/crc.js';
import { ACK, DLE, ETX, FrameReader, NAK, STX, encodeFrame, frameCrc } from '../../../native/zvt/frame.js';
import {
  LAST_LINE,
  command,
  message,
  parseAbort,
  parseCompletion,
  parseIntermediateStatus,
  parsePrintLine,
  parsePrintTextBlock,
} from '../../../native/zvt/messages.js';
import { encodeTlv, parseTlv } from '../../../native/zvt/tlv.js';

const bytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('CRC-16/KERMIT', () => {
  it('has the catalogue check value', () => {
    expect(crc16kermit(ascii('123456789'))).toBe(0x2189);
    expect(crc16kermit(new Uint8Array(0))).toBe(0);
  });

  it('can be computed in pieces', () => {
    expect(crc16kermit(ascii('56789'), crc16kermit(ascii('1234')))).toBe(0x2189);
  });

  it('covers the APDU plus ETX, low byte first: the registration frame ecrterm accepts', () => {
    const frame = encodeFrame(command.registration('123456', 0xbe, 978));
    expect(hex(frame)).toBe('10 02 06 00 06 12 34 56 BE 09 78 10 03 C8 B1');
    expect(frameCrc(bytes('06 00 06 12 34 56 BE 09 78'))).toBe(0xb1c8);
  });

  it('matches a real terminal frame (status-enquiry completion from ecrterm test data)', () => {
    expect(hex(encodeFrame(bytes('06 0F 0B F0 F0 F7 32 2E 31 34 2E 31 35 00')))).toBe('10 02 06 0F 0B F0 F0 F7 32 2E 31 34 2E 31 35 00 10 03 B1 11');
  });
});

describe('serial framing', () => {
  it('doubles every DLE inside the APDU (not in the CRC) and the reader undoes it', () => {
    const apdu = encodeApdu(0x06, 0xd1, [0x00, 0x10, 0x41, 0x10, 0x10, 0x03, 0x02]);
    const frame = encodeFrame(apdu);
    expect(hex(frame.subarray(0, 13))).toBe('10 02 06 D1 07 00 10 10 41 10 10 10 10');
    expect([...frame.subarray(13, 17)]).toEqual([0x03, 0x02, DLE, ETX]);
    expect(frame.length).toBe(2 + apdu.length + 3 + 2 + 2);
    const events = new FrameReader().push(frame);
    expect(events).toEqual([{ type: 'frame', apdu }]);
  });

  it('sends CRC bytes as they are, even a 0x10', () => {
    // Find an APDU whose CRC contains 0x10 and make sure the frame still reads back.
    let apdu: Uint8Array | null = null;
    for (let i = 0; i < 5000 && !apdu; i++) {
      const candidate = encodeApdu(0x06, 0xd1, [0x00, i & 0xff, i >> 8]);
      const crc = frameCrc(candidate);
      if ((crc & 0xff) === DLE || crc >> 8 === DLE) apdu = candidate;
    }
    expect(apdu).not.toBeNull();
    const frame = encodeFrame(apdu!);
    expect(frame.length).toBe(2 + apdu!.length + 2 + 2);
    expect(new FrameReader().push(frame)).toEqual([{ type: 'frame', apdu }]);
  });

  it('reads frames split at every byte, ACK/NAK between them, and drops noise', () => {
    const a = command.statusEnquiry('000000');
    const b = message.completion();
    const stream = Uint8Array.from([0x00, 0xff, ACK, ...encodeFrame(a), NAK, 0x33, ...encodeFrame(b), ACK]);
    const reader = new FrameReader();
    const events = [...stream].flatMap((byte) => reader.push(Uint8Array.of(byte)));
    expect(events).toEqual([{ type: 'ack' }, { type: 'frame', apdu: a }, { type: 'nak' }, { type: 'frame', apdu: b }, { type: 'ack' }]);
    expect(reader.garbageBytes()).toBe(3);
  });

  it('reports a damaged CRC and a DLE that makes no sense', () => {
    const frame = encodeFrame(command.abort());
    frame[frame.length - 1] = frame[frame.length - 1]! ^ 0xff;
    const [bad] = new FrameReader().push(frame);
    expect(bad).toMatchObject({ type: 'bad', reason: expect.stringMatching(/^CRC/) });
    const [dle] = new FrameReader().push(Uint8Array.of(DLE, STX, 0x06, DLE, 0x41));
    expect(dle).toMatchObject({ type: 'bad', reason: expect.stringMatching(/DLE followed by 0x41/) });
  });

  it('gives up on a frame that stopped arriving (inter-byte timeout), so a later ACK is not swallowed', () => {
    let now = 0;
    const reader = new FrameReader({ interByteTimeoutMs: 100, now: () => now });
    expect(reader.push(Uint8Array.of(DLE, STX, 0x06, 0x01))).toEqual([]);
    now = 500;
    expect(reader.push(Uint8Array.of(ACK))).toEqual([expect.objectContaining({ type: 'bad' }), { type: 'ack' }]);
  });
});

describe('APDU length', () => {
  it('uses one length byte up to 254 data bytes', () => {
    const apdu = encodeApdu(0x06, 0xd1, new Uint8Array(254));
    expect([...apdu.subarray(0, 3)]).toEqual([0x06, 0xd1, 254]);
    expect(decodeApdu(apdu).data.length).toBe(254);
  });

  it('uses FF + two bytes little-endian from 255 on', () => {
    const a = encodeApdu(0x04, 0x0f, new Uint8Array(255));
    expect([...a.subarray(0, 5)]).toEqual([0x04, 0x0f, 0xff, 0xff, 0x00]);
    const data = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const b = encodeApdu(0x04, 0x0f, data);
    expect([...b.subarray(0, 5)]).toEqual([0x04, 0x0f, 0xff, 0x2c, 0x01]);
    expect(b.length).toBe(305);
    expect(apduLength(b)).toBe(305);
    expect(decodeApdu(b)).toEqual({ cls: 0x04, ins: 0x0f, data });
  });

  it('round-trips a long APDU through a serial frame, DLEs and all', () => {
    const data = Uint8Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? DLE : i & 0xff));
    const apdu = encodeApdu(0x06, 0xd3, data);
    expect(new FrameReader().push(encodeFrame(apdu))).toEqual([{ type: 'frame', apdu }]);
  });

  it('splits a TCP stream (no framing) by the length field', () => {
    const a = encodeApdu(0x80, 0x00);
    const b = encodeApdu(0x04, 0x0f, new Uint8Array(300).fill(7));
    const c = encodeApdu(0x06, 0x0f);
    const stream = Uint8Array.from([...a, ...b, ...c]);
    const splitter = new ApduSplitter();
    const out = [...splitter.push(stream.subarray(0, 4)), ...splitter.push(stream.subarray(4, 200)), ...splitter.push(stream.subarray(200))];
    expect(out).toEqual([a, b, c]);
    expect(splitter.pending()).toBe(0);
  });

  it('rejects a length field that disagrees with the bytes', () => {
    expect(() => decodeApdu(bytes('06 01 05 04 00'))).toThrow(/length field/);
  });
});

describe('BCD', () => {
  it('encodes the amount as 6 bytes BCD in minor units', () => {
    expect(hex(encodeAmount(1234))).toBe('00 00 00 00 12 34');
    expect(hex(encodeAmount(0))).toBe('00 00 00 00 00 00');
    expect(hex(encodeAmount(999_999_999_999))).toBe('99 99 99 99 99 99');
    expect(decodeAmount(bytes('00 00 00 01 00 05'))).toBe(10005);
    expect(decodeAmount(bytes('00 00 00 00 1A 00'))).toBeNull();
  });

  it('refuses amounts it cannot carry', () => {
    expect(() => encodeAmount(-1)).toThrow(RangeError);
    expect(() => encodeAmount(12.5)).toThrow(RangeError);
    expect(() => encodeAmount(1_000_000_000_000)).toThrow(RangeError);
  });

  it('packs digits with leading zeros', () => {
    expect(hex(encodeBcd('978', 2))).toBe('09 78');
    expect(hex(encodeBcd(42, 3))).toBe('00 00 42');
    expect(decodeBcd(bytes('00 07 33'))).toBe('000733');
    expect(() => encodeBcd('12345', 2)).toThrow(RangeError);
    expect(() => encodeBcd('12a', 2)).toThrow(RangeError);
  });

  it('LLVAR / LLLVAR lengths are F-digits', () => {
    expect([...encodeVarLength(8, 2)]).toEqual([0xf0, 0xf8]);
    expect([...encodeVarLength(73, 3)]).toEqual([0xf0, 0xf7, 0xf3]);
    expect(decodeVarLength(bytes('F1 F1'))).toBe(11);
    expect(decodeVarLength(bytes('F1 0A'))).toBeNull();
  });

  it('PANs: E is a masked digit, F pads an odd count', () => {
    expect(decodePan(bytes('47 48 43 EE EE EE 77 43'))).toBe('474843******7743');
    expect(hex(encodePan('41111******1111'))).toBe('41 11 1E EE EE E1 11 1F');
    expect(decodePan(encodePan('41111******1111'))).toBe('41111******1111');
  });
});

describe('BMPs', () => {
  // wirelane/ecrterm ecrterm/tests/test_parsing.py: a Visa payment's status information, with
  // an LLLVAR additional text and a TLV container at the end.
  const STATUS_INFO =
    '040FCE2700040000000010004909780C1230050D062922F0F8474843EEEEEE77438700023B38383931353000000B000733196029420030360E18018A0A8C038BF0F556495341002A3435353630303030303539392020203CF0F7F341532D544944203D2031334630303031330D41532D50726F632D436F6465203D203230203930332030300D436170742E2D5265662E3D20303030300D41494435393A20383039323538062B4102000A4902000315024445600F4204564953414307A00000000310102F0C1F1001001F1101011F120102';

  it('parses a real status-information APDU field by field (TLV skipped)', () => {
    const apdu = decodeApdu(bytes(STATUS_INFO));
    expect([apdu.cls, apdu.ins, apdu.data.length]).toEqual([0x04, 0x0f, 0xce]);
    const list = parseBmps(apdu.data);
    expect(list.unknownTag).toBeNull();
    expect(list.truncated).toBe(false);
    expect(list.fields.map((f) => f.tag)).toEqual([0x27, 0x04, 0x49, 0x0c, 0x0d, 0x22, 0x87, 0x3b, 0x0b, 0x19, 0x29, 0x0e, 0x8a, 0x8c, 0x8b, 0x2a, 0x3c, 0x06]);
    expect(list.fields.at(-1)!.value.length).toBe(0x2b);
    expect(transactionFields(list.fields)).toEqual({
      result: 0,
      amountMinor: 1000,
      currency: 978,
      trace: '000733',
      receiptNo: '0002',
      terminalId: '42003036',
      pan: '474843******7743',
      time: '12:30:05',
      date: '06-29',
      cardType: 10,
      cardName: 'VISA',
      aid: '889150',
      vuNumber: '455600000599',
      paymentType: 0x60,
      additionalText: 'AS-TID = 13F00013\rAS-Proc-Code = 20 903 00\rCapt.-Ref.= 0000\rAID59: 809258',
    });
  });

  it('names the card from BMP 8A when there is no 8B', () => {
    const fields = parseBmps(bytes('27 00 04 00 00 00 00 40 00 87 01 75 8A 06')).fields;
    expect(transactionFields(fields)).toMatchObject({ amountMinor: 4000, receiptNo: '0175', cardName: 'Mastercard' });
  });

  it('stops at a tag of unknown length and keeps what it read', () => {
    const list = parseBmps(bytes('27 00 0B 00 00 01 77 01 02 87 00 01'));
    expect(list.fields.map((f) => f.tag)).toEqual([0x27, 0x0b]);
    expect(list.unknownTag).toBe(0x77);
  });

  it('flags a truncated field', () => {
    expect(parseBmps(bytes('04 00 00 00 12'))).toMatchObject({ fields: [], truncated: true });
  });

  it('encodes fixed, LLVAR and TLV fields', () => {
    expect(hex(bmp.amount(1234))).toBe('04 00 00 00 00 12 34');
    expect(hex(bmp.receiptNo('42'))).toBe('87 00 42');
    expect(hex(bmp.cardName('VISA'))).toBe('8B F0 F4 56 49 53 41');
    expect(hex(encodeBmp(BMP.tlv, new Uint8Array(200))).slice(0, 11)).toBe('06 81 C8 00');
    expect(() => encodeBmp(BMP.trace, [1, 2])).toThrow(RangeError);
  });
});

describe('TLV', () => {
  it('parses nested containers and multi-byte tags', () => {
    const inner = Uint8Array.from([...encodeTlv(0x07, ascii('Line 1')), ...encodeTlv(0x07, ascii('Line 2'))]);
    const container = Uint8Array.from([...encodeTlv(0x1f07, [0x02]), ...encodeTlv(0x25, inner)]);
    const tlv = parseTlv(container)!;
    expect(tlv.map((t) => t.tag)).toEqual([0x1f07, 0x25]);
    expect(tlv[1]!.children!.map((t) => new TextDecoder().decode(t.value))).toEqual(['Line 1', 'Line 2']);
  });

  it('uses 81 / 82 long lengths', () => {
    const long = encodeTlv(0x07, new Uint8Array(300));
    expect([...long.subarray(0, 4)]).toEqual([0x07, 0x82, 0x01, 0x2c]);
    expect(parseTlv(long)![0]!.value.length).toBe(300);
    expect(parseTlv(Uint8Array.of(0x07, 0x05, 0x01))).toBeNull();
  });
});

describe('terminal messages', () => {
  it('intermediate status: status byte, timeout and TLV display texts (real packet)', () => {
    const apdu = decodeApdu(bytes('04 FF 1E 0A 01 06 1A 24 18 07 16 42 69 74 74 65 20 4B 61 72 74 65 20 65 69 6E 73 74 65 63 6B 65 6E'));
    expect(parseIntermediateStatus(apdu.data)).toEqual({ code: 0x0a, timeoutSeconds: 1, texts: ['Bitte Karte einstecken'] });
    expect(parseIntermediateStatus(decodeApdu(message.intermediateStatus(0x0e)).data)).toEqual({ code: 0x0e, timeoutSeconds: null, texts: [] });
  });

  it('print line: attribute, text, last line, line feeds (real packet)', () => {
    const apdu = decodeApdu(bytes('06 D1 17 00 20 20 20 20 20 20 20 20 20 4B 61 73 73 65 6E 73 63 68 6E 69 74 74'));
    expect(parsePrintLine(apdu.data)).toEqual({ attribute: 0, lines: ['         Kassenschnitt'], last: false });
    expect(parsePrintLine(decodeApdu(message.printLine('Danke', LAST_LINE)).data)).toEqual({ attribute: LAST_LINE, lines: ['Danke'], last: true });
    expect(parsePrintLine(Uint8Array.of(0xff, 3)).lines).toEqual(['', '', '']);
  });

  it('print line text is code page 437 (the ZVT default)', () => {
    const apdu = decodeApdu(message.printLine('Händlerbeleg'));
    expect(apdu.data[2]).toBe(0x84); // ä in CP437
    expect(parsePrintLine(apdu.data).lines).toEqual(['Händlerbeleg']);
  });

  it('print text block: receipt type and lines from the TLV container', () => {
    const apdu = decodeApdu(message.printTextBlock(2, ['KUNDENBELEG', 'Betrag EUR 1,00']));
    expect(parsePrintTextBlock(apdu.data)).toEqual({ type: 'customer', lines: ['KUNDENBELEG', 'Betrag EUR 1,00'] });
  });

  it('completion: plain BMPs, or software version + terminal status after a status enquiry (real packets)', () => {
    const plain = parseCompletion(decodeApdu(bytes('06 0F 11 19 00 29 52 00 12 33 49 09 78 06 05 27 03 14 01 FF')).data);
    expect(plain.softwareVersion).toBeNull();
    expect(plain.fields.map((f) => f.tag)).toEqual([0x19, 0x29, 0x49, 0x06]);
    expect(transactionFields(plain.fields)).toMatchObject({ terminalId: '52001233', currency: 978 });
    const status = parseCompletion(decodeApdu(bytes('06 0F 0B F0 F0 F7 32 2E 31 34 2E 31 35 00')).data);
    expect(status).toEqual({ softwareVersion: '2.14.15', terminalStatus: 0, fields: [] });
  });

  it('abort: the result code has no tag', () => {
    expect(parseAbort(decodeApdu(message.abort(0x6c)).data)).toEqual({ result: 0x6c, fields: [] });
    expect(parseAbort(new Uint8Array(0)).result).toBe(0xff);
  });

  it('commands carry password, BMPs and currency as the spec lays them out', () => {
    expect(hex(command.authorization(1234, 978))).toBe('06 01 0A 04 00 00 00 00 12 34 49 09 78');
    expect(hex(command.reversal('000000', '42'))).toBe('06 30 06 00 00 00 87 00 42');
    expect(hex(command.refund('123456', 500, 985))).toBe('06 31 0D 12 34 56 04 00 00 00 00 05 00 49 09 85');
    expect(hex(command.endOfDay('000000'))).toBe('06 50 03 00 00 00');
    expect(hex(command.statusEnquiry('000000'))).toBe('05 01 03 00 00 00');
    expect(hex(command.repeatReceipt('000000'))).toBe('06 20 03 00 00 00');
    expect(hex(command.abort())).toBe('06 B0 00');
    expect(() => command.reversal('000000', '12345')).toThrow(RangeError);
    expect(() => command.endOfDay('12345')).toThrow(RangeError);
  });
});
