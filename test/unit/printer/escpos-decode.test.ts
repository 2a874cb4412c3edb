import { describe, expect, it } from 'vitest';
import { EscPosStreamDecoder, decodeEscPos } from '../../../native/printer/escpos-decode.js';
import { encodeReceipt } from '../../../native/printer/escpos.js';
import { CODE_TABLES, PRINTER_PROFILES, codeTableMap } from '../../../native/printer/profiles.js';
import { ET_LABELS, sampleReceipt } from './fixtures.js';

const EPSON = CODE_TABLES.epson;
const ascii = (s: string): number[] => [...Buffer.from(s, 'latin1')];
const bytes = (...parts: (number | number[])[]): Uint8Array => Uint8Array.from(parts.flat());

describe('decodeEscPos', () => {
  it('splits documents at every form of cut and keeps an uncut tail', () => {
    const stream = bytes(
      ascii('A\n'), [0x1d, 0x56, 0x00], // GS V 0 full cut
      ascii('B\n'), [0x1d, 0x56, 0x31], // GS V 49 partial cut
      ascii('C\n'), [0x1d, 0x56, 0x41, 0x03], // GS V 65 n feed + full cut
      ascii('D\n'), [0x1d, 0x56, 0x42, 0x41], // GS V 66 n: n = 'A' must not print
      ascii('E\n'), [0x1d, 0x56, 0x61, 0x05], // GS V 97 n
      ascii('F\n'), [0x1b, 0x69], // legacy ESC i
      ascii('G'),
    );
    const { documents } = decodeEscPos(stream, EPSON);
    expect(documents.map((d) => [d.text, d.cut])).toEqual([
      ['A', true], ['B', true], ['C', true], ['D', true], ['E', true], ['F', true], ['G', false],
    ]);
  });

  it('follows ESC t mid-line with the vendor table', () => {
    // Õ is 0xD5 in WPC1257 (Epson n=51) and 0xE5 in PC775 (Epson n=33).
    const stream = bytes([0x1b, 0x74, 51, 0xd5], [0x1b, 0x74, 33, 0xe5, 0x0a], [0x1d, 0x56, 0x00]);
    const [doc] = decodeEscPos(stream, EPSON).documents;
    expect(doc?.lines).toEqual(['ÕÕ']);
    expect(doc?.codeTables).toEqual([51, 33]);
    // The same bytes mean something else on a Bixolon, where n=51 is not WPC1257.
    expect(decodeEscPos(stream, CODE_TABLES.bixolon).documents[0]?.lines[0]).not.toBe('ÕÕ');
  });

  it('falls back to PC437 after ESC @, as the printer does', () => {
    const stream = bytes([0x1b, 0x74, 51], [0x1b, 0x40, 0xd5, 0x0a]);
    expect(decodeEscPos(stream, EPSON).documents[0]?.lines).toEqual(['╒']);
  });

  it('records status queries and never prints them or command parameters as text', () => {
    const stream = bytes(
      [0x10, 0x04, 0x01],
      ascii('x'),
      [0x1b, 0x70, 0x00, 0x19, 0xfa], // drawer kick
      [0x1d, 0x21, 0x11], // size
      [0x1b, 0x21, 0x08], // print mode bold
      ascii('y'),
      [0x10, 0x04, 0x04],
      ascii('\n'),
    );
    const { documents, statusQueries } = decodeEscPos(stream, EPSON);
    expect(statusQueries).toEqual([1, 4]);
    expect(documents[0]?.lines).toEqual(['xy']);
    expect(documents[0]?.commands).toContain('ESC p 0 25 250');
  });

  it('gives the same result however the stream is chunked', () => {
    const profile = PRINTER_PROFILES['xprinter-wpc1257']!;
    const stream = encodeReceipt(sampleReceipt({ copy: true }), ET_LABELS, profile);
    const whole = decodeEscPos(stream, codeTableMap(profile)).documents;
    const decoder = new EscPosStreamDecoder(codeTableMap(profile));
    const pieces = [...stream].flatMap((b) => decoder.push(Uint8Array.of(b)));
    expect(pieces).toEqual(whole);
    expect(pieces[0]?.text).toContain('Õunamahl');
  });

  it('keeps a command split across chunks intact', () => {
    const decoder = new EscPosStreamDecoder(EPSON);
    expect(decoder.push(bytes(ascii('Ok\n'), [0x1d, 0x56]))).toEqual([]);
    const docs = decoder.push(bytes([0x42, 0x00]));
    expect(docs.map((d) => d.text)).toEqual(['Ok']);
    expect(decoder.flush()).toBeNull();
  });
});
