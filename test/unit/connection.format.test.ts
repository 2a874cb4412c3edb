import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatConnection } from '../../electron/devices/connection-format.js';
import {
  BAUD_RATES,
  parseConnection,
  type Connections,
  type Device,
  type FiscalConnection,
  type PrinterConnection,
  type ScannerConnection,
  type TerminalConnection,
} from '../../electron/devices/connection.js';

describe('formatConnection', () => {
  it.each<[Device, Connections[Device], string]>([
    ['printer', { kind: 'none' }, 'none'],
    ['scanner', { kind: 'none' }, 'none'],
    ['scanner', { kind: 'hid' }, 'hid'],
    ['printer', { kind: 'escpos', transport: 'sim' }, 'sim'],
    ['printer', { kind: 'escpos', transport: 'sim', link: 'memory', profileId: 'epson-wpc1257' }, 'sim?link=memory&profile=epson-wpc1257'],
    ['terminal', { kind: 'zvt', transport: 'sim', link: 'tcp' }, 'sim?link=tcp'],
    ['fiscal', { kind: 'posnet', transport: 'sim' }, 'sim'],
    ['printer', { kind: 'escpos', transport: 'serial', path: 'COM3', baudRate: 9600 }, 'escpos:serial:COM3?baud=9600'],
    [
      'printer',
      { kind: 'escpos', transport: 'serial', path: '/dev/ttyUSB0', baudRate: 19200, parity: 'even', flowControl: 'rtscts', profileId: 'my shop' },
      'escpos:serial:/dev/ttyUSB0?baud=19200&parity=even&flow=rtscts&profile=my+shop',
    ],
    ['terminal', { kind: 'zvt', transport: 'serial', path: ' /dev/my tty?#%\n', baudRate: 9600 }, 'zvt:serial:%20/dev/my%20tty%3F%23%25%0A?baud=9600'],
    ['fiscal', { kind: 'posnet', transport: 'serial', path: '/dev/serial/by-path/pci-0000:00:14.0', baudRate: 115200 }, 'posnet:serial:/dev/serial/by-path/pci-0000:00:14.0?baud=115200'],
    ['printer', { kind: 'escpos', transport: 'tcp', host: '192.168.1.50', port: 9100 }, 'escpos:tcp:192.168.1.50:9100'],
    ['printer', { kind: 'escpos', transport: 'tcp', host: 'fe80::1', port: 9100, profileId: 'x' }, 'escpos:tcp:[fe80::1]:9100?profile=x'],
    ['terminal', { kind: 'zvt', transport: 'tcp', host: 'terminal.shop.lan', port: 20007 }, 'zvt:tcp:terminal.shop.lan:20007'],
  ])('%s %j → %s', (device, connection, text) => {
    expect(formatConnection(device, connection)).toBe(text);
    expect(parseConnection(device, text)).toStrictEqual(connection);
  });

  it('refuses a connection of another device', () => {
    const zvt = { kind: 'zvt', transport: 'sim' } as unknown as PrinterConnection;
    expect(() => formatConnection('printer', zvt)).toThrow(TypeError);
  });

  it('reads its own output back for the examples of the other test file', () => {
    for (const [device, text] of [
      ['printer', 'COM3'],
      ['printer', '/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0?baud=57600&flow=xonxoff'],
      ['printer', 'escpos:serial:/dev/tty100%'],
      ['printer', 'ESCPOS:TCP:[::ffff:192.168.1.50]'],
      ['terminal', 'zvt:tcp:[2001:DB8::5]'],
      ['fiscal', 'posnet:sim?link=memory'],
    ] as const) {
      const connection = parseConnection(device, text);
      expect(parseConnection(device, formatConnection(device, connection))).toStrictEqual(connection);
    }
  });
});

// ---- round trip over generated connections -------------------------------------------------

/** A string the parser keeps as it is: well-formed Unicode (no lone surrogates). */
const wellFormed = (s: string): boolean => !/\p{Cs}/u.test(s);
/** Any serial path that is not blank: control characters, spaces, ?, #, %, colons, non-ASCII. */
const path = fc.oneof(
  fc.constantFrom('/dev/ttyUSB0', 'COM3', '\\\\.\\COM10', '/dev/serial/by-id/usb-Prolific_PL2303-if00-port0', '/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '' && wellFormed(s)),
  fc.string({ unit: fc.constantFrom('/', ':', '?', '#', '%', '+', ' ', '&', '=', '[', ']', 'a', '1', '\t', 'ü'), minLength: 1 }).filter((s) => s.trim() !== ''),
);
/** Profile ids: known ones, and anything non-empty without surrounding whitespace. */
const profileId = fc.oneof(
  fc.constantFrom('epson-wpc1257', 'xprinter-wpc1251'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== '' && wellFormed(s)),
);
const host = fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6(), fc.constantFrom('localhost', 'printer.local', 'Printer-2.Shop.LAN'));
const port = fc.integer({ min: 1, max: 65535 });
const baudRate = fc.constantFrom(...BAUD_RATES);
const link = fc.constantFrom('pty' as const, 'memory' as const, 'tcp' as const);
const none = fc.constant({ kind: 'none' as const });
const loose = { noNullPrototype: true } as const;

function serialOf<K extends string>(kind: K) {
  return fc.record({ kind: fc.constant(kind), transport: fc.constant('serial' as const), path, baudRate }, loose);
}
function tcpOf<K extends string>(kind: K) {
  return fc.record({ kind: fc.constant(kind), transport: fc.constant('tcp' as const), host, port }, loose);
}
function simOf<K extends string>(kind: K) {
  return fc.record({ kind: fc.constant(kind), transport: fc.constant('sim' as const), link }, { ...loose, requiredKeys: ['kind', 'transport'] });
}
const serialExtras = fc.record(
  { parity: fc.constantFrom('none' as const, 'even' as const, 'odd' as const), flowControl: fc.constantFrom('none' as const, 'rtscts' as const, 'xonxoff' as const) },
  { ...loose, requiredKeys: [] },
);
const withProfile = fc.record({ profileId }, { ...loose, requiredKeys: [] });

const printer: fc.Arbitrary<PrinterConnection> = fc.oneof(
  none,
  fc.tuple(serialOf('escpos'), serialExtras, withProfile).map(([a, b, c]) => ({ ...a, ...b, ...c })),
  fc.tuple(tcpOf('escpos'), withProfile).map(([a, b]) => ({ ...a, ...b })),
  fc.tuple(simOf('escpos'), withProfile).map(([a, b]) => ({ ...a, ...b })),
);
const terminal: fc.Arbitrary<TerminalConnection> = fc.oneof(none, serialOf('zvt'), tcpOf('zvt'), simOf('zvt'));
const fiscal: fc.Arbitrary<FiscalConnection> = fc.oneof(none, serialOf('posnet'), simOf('posnet'));
const scanner: fc.Arbitrary<ScannerConnection> = fc.constantFrom({ kind: 'none' as const }, { kind: 'hid' as const });

describe('parseConnection(d, formatConnection(d, c)) deep-equals c', () => {
  const roundTrip = <D extends Device>(device: D, connection: Connections[D]) => {
    const text = formatConnection(device, connection);
    expect(parseConnection(device, text)).toStrictEqual(connection);
    // ...also with whitespace around it, and formatting is stable.
    expect(formatConnection(device, parseConnection(device, ` ${text}\n`))).toBe(text);
  };

  it('printer', () => fc.assert(fc.property(printer, (c) => roundTrip('printer', c)), { numRuns: 500 }));
  it('terminal', () => fc.assert(fc.property(terminal, (c) => roundTrip('terminal', c)), { numRuns: 300 }));
  it('fiscal', () => fc.assert(fc.property(fiscal, (c) => roundTrip('fiscal', c)), { numRuns: 200 }));
  it('scanner', () => fc.assert(fc.property(scanner, (c) => roundTrip('scanner', c))));

  it('a known profile passes the knownProfiles check after the round trip', () => {
    const knownProfiles = ['epson-wpc1257', 'xprinter-wpc1251'];
    const arb = fc.tuple(serialOf('escpos'), fc.constantFrom(...knownProfiles)).map(([a, id]): PrinterConnection => ({ ...a, profileId: id }));
    fc.assert(
      fc.property(arb, (c) => {
        expect(parseConnection('printer', formatConnection('printer', c), { knownProfiles })).toStrictEqual(c);
      }),
    );
  });
});
