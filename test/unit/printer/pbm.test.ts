import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cropWidth, encodePbm, parsePbm, pixel, readPbmFile } from '../../../native/printer/pbm.js';

const ascii = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'latin1'));
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('parsePbm', () => {
  it('reads binary P4: MSB first, 1 = black, rows padded to whole bytes', () => {
    const bitmap = parsePbm(concat(ascii('P4\n10 2\n'), Uint8Array.of(0b1000_0000, 0b0100_0000, 0b0000_0001, 0b1100_0000)));
    expect(bitmap).toMatchObject({ width: 10, height: 2, rowBytes: 2 });
    expect(pixel(bitmap, 0, 0)).toBe(true);
    expect(pixel(bitmap, 9, 0)).toBe(true);
    expect(pixel(bitmap, 7, 1)).toBe(true);
    expect(pixel(bitmap, 8, 1)).toBe(true);
    expect(pixel(bitmap, 1, 0)).toBe(false);
  });

  it('clears padding bits, which would print as a black stripe', () => {
    const bitmap = parsePbm(concat(ascii('P4 3 1 '), Uint8Array.of(0xff)));
    expect(bitmap.data).toEqual(Uint8Array.of(0b1110_0000));
  });

  it('skips comments and any whitespace in the header', () => {
    const bitmap = parsePbm(concat(ascii('P4\n# made by hand\n8\t# width\n 1\n'), Uint8Array.of(0x81)));
    expect([bitmap.width, bitmap.height, bitmap.data[0]]).toEqual([8, 1, 0x81]);
  });

  it('reads plain P1', () => {
    const bitmap = parsePbm(ascii('P1\n# x\n3 2\n1 0 1\n010\n'));
    expect([...bitmap.data]).toEqual([0b1010_0000, 0b0100_0000]);
  });

  it('round-trips through encodePbm', () => {
    const bitmap = parsePbm(ascii('P1 9 2 111111111 000000001'));
    expect(parsePbm(encodePbm(bitmap))).toEqual(bitmap);
  });

  it.each([
    ['P5\n1 1\n255\n\0', /P4 or P1.*greyscale/],
    ['P6 1 1 255 abc', /greyscale\/colour/],
    ['GIF89a', /expected a 1-bit bitmap/],
    ['P4 8', /missing height/],
    ['P4 x 1 \0', /width 'x' is not a number/],
    ['P4 0 1 ', /out of range/],
    ['P4 16 2 \0\0', /raster is 2 bytes, 16x2 needs 4/],
    ['P1 2 1 1', /ends early/],
  ])('rejects %j', (text, message) => {
    expect(() => parsePbm(ascii(text))).toThrow(message);
  });

  it('crops to a width, keeping whole rows aligned', () => {
    const bitmap = parsePbm(concat(ascii('P4 16 2 '), Uint8Array.of(0xff, 0xff, 0x0f, 0xf0)));
    const cropped = cropWidth(bitmap, 6);
    expect(cropped).toMatchObject({ width: 6, height: 2, rowBytes: 1 });
    expect([...cropped.data]).toEqual([0b1111_1100, 0b0000_1100]);
    expect(cropWidth(bitmap, 20)).toBe(bitmap);
  });
});

describe('the shipped logo (assets/logo.pbm)', () => {
  const file = fileURLToPath(new URL('../../../assets/logo.pbm', import.meta.url));

  it('is a 256x64 P4 bitmap that fits 58 mm paper, with ink on it', () => {
    const logo = readPbmFile(file);
    expect(logo).toMatchObject({ width: 256, height: 64, rowBytes: 32 });
    const black = [...logo.data].reduce((n, b) => n + b.toString(2).replace(/0/g, '').length, 0);
    expect(black).toBeGreaterThan(1000);
    expect(black).toBeLessThan(256 * 64 * 0.6); // mostly paper: a logo, not a black box
  });

  it('says which file is wrong', () => {
    expect(() => readPbmFile('/nonexistent/logo.pbm')).toThrow(/Cannot read the logo \/nonexistent\/logo\.pbm/);
  });
});
