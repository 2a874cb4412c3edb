import { describe, expect, it } from 'vitest';
import { crc16xmodem, crcHex } from '../../../native/posnet/crc.js';
import { FrameSplitter, decodeFrame, describeFrame, encodeFrame, param } from '../../../native/posnet/frame.js';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
/** `[STX]` `[TAB]` `[ETX]` notation → bytes, like the spec writes frames. */
const bytes = (spec: string): Uint8Array =>
  Uint8Array.from([...spec.replaceAll('[STX]', '\x02').replaceAll('[TAB]', '\t').replaceAll('[ETX]', '\x03')].map((c) => c.charCodeAt(0)));

describe('CRC-16/XMODEM (POSNET checksum)', () => {
  it.each([
    ['123456789', 0x31c3],
    ['trinit\tbm0\t', 0x4825],
    ['', 0x0000],
  ])('%j → %s', (text, expected) => {
    expect(crc16xmodem(ascii(text))).toBe(expected);
  });

  it('prints four upper-case hex digits', () => {
    expect(crcHex(ascii('trinit\tbm0\t'))).toBe('4825');
    expect(crcHex(ascii(''))).toBe('0000');
  });

  it('matches a bitwise reference implementation on arbitrary bytes', () => {
    const reference = (data: Uint8Array): number => {
      let crc = 0;
      for (const b of data) {
        crc ^= b << 8;
        for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
      }
      return crc;
    };
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff);
    expect(crc16xmodem(data)).toBe(reference(data));
  });
});

describe('encodeFrame', () => {
  it('encodes the spec example byte for byte', () => {
    const frame = encodeFrame({ command: 'trinit', params: [['bm', 0]] });
    expect(frame).toEqual(bytes('[STX]trinit[TAB]bm0[TAB]#4825[ETX]'));
    expect(describeFrame(frame)).toBe('[STX]trinit[TAB]bm0[TAB]#4825[ETX]');
  });

  it('keeps parameters in the order given, with a token after the command', () => {
    const frame = encodeFrame({
      command: 'trline',
      token: 12,
      params: [
        ['na', 'Mleko'],
        ['vt', 1],
        ['pr', 245],
        ['il', '2'],
        ['wa', 490],
      ],
    });
    const body = 'trline\t@0012\tnaMleko\tvt1\tpr245\til2\twa490\t';
    expect(describeFrame(frame)).toBe(`[STX]${body.replaceAll('\t', '[TAB]')}#${crcHex(ascii(body))}[ETX]`);
  });

  it('writes an async command with "!" and booleans as 1/0', () => {
    expect(describeFrame(encodeFrame({ command: 'sprn', async: true }))).toMatch(/^\[STX\]!sprn\[TAB\]#[0-9A-F]{4}\[ETX\]$/);
    expect(describeFrame(encodeFrame({ command: 'trpayment', params: [['re', true]] }))).toContain('re1[TAB]');
  });

  it('encodes Polish letters in Windows-1250 and computes the CRC over those bytes', () => {
    const frame = encodeFrame({ command: 'trline', params: [['na', 'Żółć']] });
    // Ż=AF ó=F3 ł=B3 ć=E6 in Windows-1250
    expect([...frame.subarray(10, 14)]).toEqual([0xaf, 0xf3, 0xb3, 0xe6]);
    const summed = frame.subarray(1, frame.length - 6);
    expect(describeFrame(frame).endsWith(`#${crcHex(summed)}[ETX]`)).toBe(true);
    expect(decodeFrame(frame)).toMatchObject({ ok: true, frame: { params: [['na', 'Żółć']] } });
  });

  it('writes a refused command as cmd TAB ?nnnn #CRC (no TAB before #) and an ERR frame with its TABs', () => {
    expect(describeFrame(encodeFrame({ command: 'trline', error: 2106 }))).toMatch(/^\[STX\]trline\[TAB\]\?2106#[0-9A-F]{4}\[ETX\]$/);
    expect(describeFrame(encodeFrame({ command: 'ERR', token: '0007', error: 5, params: [['cm', 'trline']] }))).toMatch(
      /^\[STX\]ERR\[TAB\]@0007\[TAB\]\?5\[TAB\]cmtrline\[TAB\]#[0-9A-F]{4}\[ETX\]$/,
    );
  });

  it('refuses values that would break the frame, bad ids and bad tokens', () => {
    expect(() => encodeFrame({ command: 'trline', params: [['na', 'a\tb']] })).toThrow(/control character/);
    expect(() => encodeFrame({ command: 'trline', params: [['n', 'x']] })).toThrow(/parameter id/);
    expect(() => encodeFrame({ command: 'tr line' })).toThrow(/mnemonic/);
    expect(() => encodeFrame({ command: 'scnt', token: 12345 })).toThrow(/token/);
    expect(() => encodeFrame({ command: 'trline', params: [['pr', 1.5]] })).toThrow(/whole number/);
  });
});

describe('decodeFrame', () => {
  it('decodes an OK reply with parameters and its token', () => {
    const raw = encodeFrame({ command: 'scnt', token: '8765', params: [['bn', 41], ['bt', 41], ['nu', 'ABC 123']] });
    const decoded = decodeFrame(raw);
    expect(decoded).toEqual({
      ok: true,
      frame: { command: 'scnt', async: false, token: '8765', error: null, params: [['bn', '41'], ['bt', '41'], ['nu', 'ABC 123']] },
    });
    if (decoded.ok) expect(param(decoded.frame, 'bt')).toBe('41');
  });

  it('decodes ?nnnn error replies', () => {
    const raw = bytes(`[STX]trline[TAB]?2106#${crcHex(ascii('trline\t?2106'))}[ETX]`);
    expect(decodeFrame(raw)).toMatchObject({ ok: true, frame: { command: 'trline', error: 2106, params: [] } });
  });

  it('decodes the ERR frame in its spec layouts: ?errno, "er" (rpt example) and without "#"', () => {
    const withHash = 'ERR\t@0003\t?5\tcmtrline\tfdpr\t';
    expect(decodeFrame(bytes(`[STX]${withHash.replaceAll('\t', '[TAB]')}#${crcHex(ascii(withHash))}[ETX]`))).toMatchObject({
      ok: true,
      frame: { command: 'ERR', token: '0003', error: 5, params: [['cm', 'trline'], ['fd', 'pr']] },
    });
    const er = 'ERR\t@8765\ter13\tcmrpt\t';
    expect(decodeFrame(bytes(`[STX]${er.replaceAll('\t', '[TAB]')}#${crcHex(ascii(er))}[ETX]`))).toMatchObject({
      ok: true,
      frame: { command: 'ERR', error: 13 },
    });
    const noHash = 'ERR\t?1\tcmfoo\t';
    expect(decodeFrame(bytes(`[STX]${noHash.replaceAll('\t', '[TAB]')}${crcHex(ascii(noHash))}[ETX]`))).toMatchObject({
      ok: true,
      frame: { command: 'ERR', error: 1, params: [['cm', 'foo']] },
    });
  });

  it('reports a bad checksum with the command and token it could still read', () => {
    const raw = encodeFrame({ command: 'trend', token: '0042', params: [['to', 100]] });
    raw[raw.length - 2] = raw[raw.length - 2] === 0x30 ? 0x31 : 0x30; // last CRC digit
    expect(decodeFrame(raw)).toMatchObject({ ok: false, reason: 'crc', error: 5, command: 'trend', token: '0042' });
  });

  it('reports a frame without checksum and a parameter without mnemonic as syntax errors', () => {
    expect(decodeFrame(bytes('[STX]trinit[TAB]bm0[TAB][ETX]'))).toMatchObject({ ok: false, reason: 'syntax', error: 15 });
    const bad = 'trinit\tb\t';
    expect(decodeFrame(bytes(`[STX]${bad.replaceAll('\t', '[TAB]')}#${crcHex(ascii(bad))}[ETX]`))).toMatchObject({ ok: false, reason: 'syntax', error: 6 });
  });

  it('round-trips a decoded async command', () => {
    expect(decodeFrame(encodeFrame({ command: 'sdev', async: true, token: 9 }))).toMatchObject({ ok: true, frame: { command: 'sdev', async: true, token: '0009' } });
  });
});

describe('FrameSplitter', () => {
  const a = encodeFrame({ command: 'trinit', params: [['bm', 0]] });
  const b = encodeFrame({ command: 'scnt' });

  it('drops garbage between frames and counts it', () => {
    const splitter = new FrameSplitter();
    const noise = Uint8Array.of(0x00, 0xff, 0x41, 0x03, 0x0d, 0x0a);
    const frames = splitter.push(Uint8Array.from([...noise, ...a, ...noise, ...b, 0x11]));
    expect(frames).toEqual([a, b]);
    expect(splitter.garbageBytes()).toBe(noise.length * 2 + 1);
  });

  it('reassembles a frame split across chunks, byte by byte', () => {
    const splitter = new FrameSplitter();
    const out: Uint8Array[] = [];
    for (const byte of [...a, ...b]) out.push(...splitter.push(Uint8Array.of(byte)));
    expect(out).toEqual([a, b]);
  });

  it('starts over at an STX inside a frame (a truncated frame is noise)', () => {
    const splitter = new FrameSplitter();
    const truncated = a.subarray(0, 5);
    expect(splitter.push(Uint8Array.from([...truncated, ...b]))).toEqual([b]);
    expect(splitter.garbageBytes()).toBe(truncated.length);
  });

  it('drops a runaway frame longer than the limit', () => {
    const splitter = new FrameSplitter(20);
    const long = Uint8Array.from([0x02, ...new Array<number>(40).fill(0x41)]);
    expect(splitter.push(Uint8Array.from([...long, ...a]))).toEqual([a]);
    expect(splitter.garbageBytes()).toBe(long.length);
  });
});
