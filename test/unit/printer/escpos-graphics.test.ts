import { describe, expect, it } from 'vitest';
import { code128, defuseRealtime, drawerKick, qrCode, rasterImage } from '../../../native/printer/escpos-graphics.js';
import { DRAWER_KICK, encodeReceipt, planReceipt } from '../../../native/printer/escpos.js';
import { decodeEscPos } from '../../../native/printer/escpos-decode.js';
import { commandLength } from '../../../native/printer/escpos-commands.js';
import { PRINTER_PROFILES, codeTableMap, type PrinterProfile } from '../../../native/printer/profiles.js';
import type { MonoBitmap } from '../../../native/printer/pbm.js';
import { ET_LABELS, sampleReceipt } from './fixtures.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const EPSON = PRINTER_PROFILES['epson-wpc1257']!;

function decode(bytes: Uint8Array, profile: PrinterProfile = EPSON) {
  return decodeEscPos(bytes, codeTableMap(profile));
}

describe('golden bytes', () => {
  it('QR code: model 2, module size, error level M, store, print (GS ( k)', () => {
    expect(hex(qrCode('K000001'))).toBe(
      [
        '1d286b0400' + '3141' + '3200', // fn 65: model 2
        '1d286b0300' + '3143' + '06', // fn 67: module 6 dots
        '1d286b0300' + '3145' + '31', // fn 69: error correction M
        '1d286b0a00' + '3150' + '30' + '4b303030303031', // fn 80: store 7 bytes (pL = 7 + 3)
        '1d286b0300' + '3151' + '30', // fn 81: print
      ].join(''),
    );
    expect(hex(qrCode('x', { size: 4, level: 'H' }))).toContain('1d286b03003143041d286b0300314533');
  });

  it('QR code of a long URL has pL/pH over 255', () => {
    const data = `https://example.ee/r/${'9'.repeat(300)}`;
    const bytes = qrCode(data);
    const store = hex(bytes).indexOf('3150');
    const len = data.length + 3;
    expect(hex(bytes).slice(store - 4, store)).toBe(hex(Uint8Array.of(len & 0xff, len >> 8)));
    expect(() => qrCode('')).toThrow(/empty/);
  });

  it('CODE128 set B with height, module width and HRI below (GS k 73)', () => {
    expect(hex(code128('K000001'))).toBe('1d6850' + '1d7702' + '1d4802' + '1d6b49' + '09' + '7b42' + '4b303030303031');
    expect(hex(code128('a{b'))).toContain('7b42617b7b62'); // '{' escaped as '{{'
    expect(() => code128('Õ')).toThrow(/ASCII/);
  });

  it('raster image: GS v 0 with bytes per row and rows, MSB = left dot', () => {
    const bitmap: MonoBitmap = { width: 16, height: 2, rowBytes: 2, data: Uint8Array.of(0xff, 0x00, 0x80, 0x01) };
    expect(hex(rasterImage(bitmap))).toBe('1d7630' + '00' + '0200' + '0200' + 'ff008001');
  });

  it('raster image: tall images go in bands, wide ones are cropped to the paper', () => {
    const tall: MonoBitmap = { width: 8, height: 300, rowBytes: 1, data: new Uint8Array(300).fill(0xaa) };
    const bytes = rasterImage(tall);
    const { documents } = decode(bytes);
    expect(documents[0]?.images).toEqual([{ widthDots: 8, heightDots: 300 }]);
    const wide: MonoBitmap = { width: 640, height: 1, rowBytes: 80, data: new Uint8Array(80).fill(0xff) };
    expect(hex(rasterImage(wide, 384).subarray(0, 8))).toBe('1d7630003000' + '0100'); // 48 bytes = 384 dots
  });

  it('never lets image data look like a real-time command (DLE EOT / DLE ENQ / DLE DC4)', () => {
    expect(hex(defuseRealtime(Uint8Array.of(0x10, 0x04, 0x01, 0x10, 0x14, 0x10, 0x05, 0x10, 0x20)))).toBe('000401001400051020');
    const bitmap: MonoBitmap = { width: 24, height: 1, rowBytes: 3, data: Uint8Array.of(0x10, 0x04, 0x02) };
    expect(hex(rasterImage(bitmap))).toBe('1d7630' + '00' + '0300' + '0100' + '000402');
  });

  it('drawer kick: ESC p 0 25 250 (pin 2, 50 ms on, 500 ms off)', () => {
    expect(hex(DRAWER_KICK)).toBe('1b700019fa');
    expect(hex(drawerKick(5, 100, 500))).toBe('1b700132fa');
  });

  it('every command is one unit for the decoder (lengths match)', () => {
    for (const bytes of [qrCode('K000001'), code128('K1'), rasterImage({ width: 8, height: 1, rowBytes: 1, data: Uint8Array.of(1) })]) {
      let i = 0;
      while (i < bytes.length) {
        const len = commandLength(bytes, i);
        expect(len).not.toBeNull();
        i += len!;
      }
      expect(i).toBe(bytes.length);
    }
  });
});

describe('receipt with QR, logo and drawer kick', () => {
  const logo: MonoBitmap = { width: 32, height: 8, rowBytes: 4, data: new Uint8Array(32).fill(0xf0) };

  it('prints the QR of the receipt number under the receipt and the decoder reads it back', () => {
    const bytes = encodeReceipt(sampleReceipt({ qr: 'K1-000042' }), ET_LABELS, EPSON);
    const { documents } = decode(bytes);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ qr: 'K1-000042', qrCodes: ['K1-000042'], cut: true, drawerKicks: 0, logo: false });
    // Text is unchanged by the symbol: same lines as without it.
    expect(documents[0]!.lines).toEqual(decode(encodeReceipt(sampleReceipt(), ET_LABELS, EPSON)).documents[0]!.lines);
  });

  it('prints CODE128 instead on a profile without 2D codes', () => {
    const profile: PrinterProfile = { ...PRINTER_PROFILES['xprinter-wpc1257']!, symbol: 'code128' };
    const [doc] = decode(encodeReceipt(sampleReceipt({ qr: 'K1-000042' }), ET_LABELS, profile), profile).documents;
    expect(doc).toMatchObject({ qr: null, barcodes: ['K1-000042'] });
  });

  it('prints the logo centred above the shop name when asked and given', () => {
    const withLogo = decode(encodeReceipt(sampleReceipt({ logo: true }), ET_LABELS, EPSON, { logo })).documents[0]!;
    expect(withLogo.logo).toBe(true);
    expect(withLogo.images).toEqual([{ widthDots: 32, heightDots: 8 }]);
    const i = withLogo.commands.findIndex((c) => c.startsWith('GS v'));
    expect(withLogo.commands[i - 1]).toBe('ESC a 1');
    expect(withLogo.lines[0]).toBe('Õunapuu Pood OÜ');
    // Not asked (setting off), or no logo file: no image, the receipt still prints.
    expect(decode(encodeReceipt(sampleReceipt({ logo: false }), ET_LABELS, EPSON, { logo })).documents[0]!.logo).toBe(false);
    expect(decode(encodeReceipt(sampleReceipt({ logo: true }), ET_LABELS, EPSON, {})).documents[0]!.logo).toBe(false);
  });

  it('kicks the drawer once, after the cut, for a cash sale', () => {
    const bytes = encodeReceipt(sampleReceipt({ openDrawer: true }), ET_LABELS, EPSON);
    expect(hex(bytes.subarray(bytes.length - 9))).toBe('1d564200' + '1b700019fa');
    const { documents } = decode(bytes);
    expect(documents).toHaveLength(1); // the kick belongs to the receipt, it is no document of its own
    expect(documents[0]!.drawerKicks).toBe(1);
    expect(decode(encodeReceipt(sampleReceipt(), ET_LABELS, EPSON)).documents[0]!.drawerKicks).toBe(0);
    expect(planReceipt(sampleReceipt({ openDrawer: true }), ET_LABELS, EPSON).map((c) => c.name).slice(-2)).toEqual(['cut', 'drawer']);
  });

  it('prints TOTAL bold and double height', () => {
    const doc = decode(encodeReceipt(sampleReceipt(), ET_LABELS, EPSON)).documents[0]!;
    const total = doc.lines.findIndex((l) => l.startsWith('KOKKU'));
    expect(doc.styles[total]).toMatchObject({ bold: true, heightTimes: 2, widthTimes: 1 });
    expect(doc.styles[total + 1]).toMatchObject({ bold: false, heightTimes: 1 });
  });
});
