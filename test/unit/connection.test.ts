import { describe, expect, it } from 'vitest';
import {
  BAUD_RATES,
  BadConnectionError,
  DEFAULT_PORTS,
  parseConnection,
  type BadConnectionReason,
  type Connections,
  type Device,
} from '../../electron/devices/connection.js';

type Any = Connections[Device];

/** The refusal `parseConnection` throws for `text` (fails the test when it does not throw one). */
function refusal(device: Device, text: string, options?: { knownProfiles?: readonly string[] }): BadConnectionError {
  try {
    parseConnection(device, text, options);
  } catch (error) {
    if (error instanceof BadConnectionError) return error;
    throw error;
  }
  throw new Error(`${device} ${JSON.stringify(text)} was accepted`);
}

const serial = (kind: 'escpos' | 'zvt' | 'posnet', path: string, rest: object = {}): Any => ({ kind, transport: 'serial', path, baudRate: 9600, ...rest }) as Any;
const tcp = (kind: 'escpos' | 'zvt', host: string, port: number, rest: object = {}): Any => ({ kind, transport: 'tcp', host, port, ...rest }) as Any;
const sim = (kind: 'escpos' | 'zvt' | 'posnet', rest: object = {}): Any => ({ kind, transport: 'sim', ...rest }) as Any;

describe('parseConnection accepts', () => {
  // Serial paths: everything after `<protocol>:serial:` up to `?` is the path, colons and dashes
  // included, so /dev/serial/by-id (dashes, underscores) and /dev/serial/by-path (colons: PCI and
  // USB port numbers) need no quoting. Only `?`, `#` and `%` mean something; write %3F, %23, %25.
  // A bare path (printer only) is read exactly as `escpos:serial:<path>`, options included.
  const byId = '/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0';
  const byPath = '/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0';

  it.each<[Device, string, Any]>([
    // none, every device, any case, trimmed
    ['printer', 'none', { kind: 'none' }],
    ['terminal', 'NONE', { kind: 'none' }],
    ['fiscal', ' None\t', { kind: 'none' }],
    ['scanner', 'none', { kind: 'none' }],
    ['scanner', 'hid', { kind: 'hid' }],
    ['scanner', '  HID  ', { kind: 'hid' }],
    // sim and simulator are synonyms, bare or after the protocol
    ['printer', 'sim', sim('escpos')],
    ['printer', 'simulator', sim('escpos')],
    ['printer', 'escpos:sim', sim('escpos')],
    ['printer', 'ESCPOS:Simulator', sim('escpos')],
    ['printer', 'sim?profile=epson-wpc1257&link=tcp', sim('escpos', { profileId: 'epson-wpc1257', link: 'tcp' })],
    ['terminal', 'sim', sim('zvt')],
    ['terminal', 'simulator', sim('zvt')],
    ['terminal', 'zvt:sim', sim('zvt')],
    ['terminal', 'zvt:SIM?link=PTY', sim('zvt', { link: 'pty' })],
    ['fiscal', 'sim', sim('posnet')],
    ['fiscal', 'posnet:sim', sim('posnet')],
    ['fiscal', 'posnet:sim?link=memory', sim('posnet', { link: 'memory' })],
    ['fiscal', 'simulator?link=tcp', sim('posnet', { link: 'tcp' })],
    // serial
    ['printer', 'escpos:serial:/dev/ttyUSB0', serial('escpos', '/dev/ttyUSB0')],
    [
      'printer',
      'escpos:serial:/dev/ttyUSB0?baud=19200&parity=even&flow=rtscts&profile=epson-wpc1257',
      serial('escpos', '/dev/ttyUSB0', { baudRate: 19200, parity: 'even', flowControl: 'rtscts', profileId: 'epson-wpc1257' }),
    ],
    ['printer', 'escpos:serial:COM3?Parity=ODD&FLOW=XonXoff', serial('escpos', 'COM3', { parity: 'odd', flowControl: 'xonxoff' })],
    ['printer', 'EscPos:SERIAL:/dev/ttyS0?parity=none&flow=none', serial('escpos', '/dev/ttyS0', { parity: 'none', flowControl: 'none' })],
    ['printer', `escpos:serial:${byId}`, serial('escpos', byId)],
    ['printer', `escpos:serial:${byPath}?baud=115200`, serial('escpos', byPath, { baudRate: 115200 })],
    ['printer', 'escpos:serial:\\\\.\\COM10', serial('escpos', '\\\\.\\COM10')],
    ['terminal', 'zvt:serial:/dev/ttyACM0?baud=230400', serial('zvt', '/dev/ttyACM0', { baudRate: 230400 })],
    ['terminal', 'zvt:serial:COM4', serial('zvt', 'COM4')],
    ['fiscal', 'posnet:serial:/dev/ttyS1?baud=1200', serial('posnet', '/dev/ttyS1', { baudRate: 1200 })],
    ['fiscal', 'posnet:serial:COM3', serial('posnet', 'COM3')],
    // the printer's bare serial paths
    ['printer', '/dev/ttyUSB0', serial('escpos', '/dev/ttyUSB0')],
    ['printer', byId, serial('escpos', byId)],
    ['printer', byPath, serial('escpos', byPath)],
    ['printer', 'COM3', serial('escpos', 'COM3')],
    ['printer', 'com12', serial('escpos', 'com12')],
    ['printer', '\\\\.\\COM10', serial('escpos', '\\\\.\\COM10')],
    ['printer', '/dev/ttyUSB0?baud=19200', serial('escpos', '/dev/ttyUSB0', { baudRate: 19200 })],
    // percent-encoding: in the path and in option values (URLSearchParams: + is a space)
    ['printer', 'escpos:serial:/dev/my%20printer%3F%23%25', serial('escpos', '/dev/my printer?#%')],
    ['printer', 'escpos:serial:/dev/tty100%', serial('escpos', '/dev/tty100%')],
    ['printer', 'escpos:serial:/dev/ttyÜ', serial('escpos', '/dev/ttyÜ')],
    ['printer', 'sim?profile=my+shop%2Fwide', sim('escpos', { profileId: 'my shop/wide' })],
    ['terminal', 'zvt:serial:/dev/ttyACM0?%62aud=%31%39%32%30%30', serial('zvt', '/dev/ttyACM0', { baudRate: 19200 })],
    // tcp: default ports per device, hostnames, IPv4, IPv6 with and without port
    ['printer', 'escpos:tcp:192.168.1.50', tcp('escpos', '192.168.1.50', 9100)],
    ['printer', 'escpos:tcp:192.168.1.50:9101', tcp('escpos', '192.168.1.50', 9101)],
    ['printer', 'escpos:tcp:printer.local', tcp('escpos', 'printer.local', 9100)],
    ['printer', 'escpos:tcp:Printer-2.Shop.LAN:1?profile=xprinter-wpc1257', tcp('escpos', 'Printer-2.Shop.LAN', 1, { profileId: 'xprinter-wpc1257' })],
    ['printer', 'escpos:tcp:localhost:65535', tcp('escpos', 'localhost', 65535)],
    ['printer', 'escpos:tcp:[fe80::1]:9100', tcp('escpos', 'fe80::1', 9100)],
    ['printer', 'escpos:tcp:[fe80::1]', tcp('escpos', 'fe80::1', 9100)],
    ['printer', 'ESCPOS:TCP:[::ffff:192.168.1.50]:9102', tcp('escpos', '::ffff:192.168.1.50', 9102)],
    ['terminal', 'zvt:tcp:10.0.0.5', tcp('zvt', '10.0.0.5', 20007)],
    ['terminal', 'zvt:tcp:10.0.0.5:22000', tcp('zvt', '10.0.0.5', 22000)],
    ['terminal', 'zvt:tcp:[2001:db8::5]', tcp('zvt', '2001:db8::5', 20007)],
    ['terminal', 'zvt:tcp:[2001:DB8::5]:20008', tcp('zvt', '2001:DB8::5', 20008)],
    ['terminal', 'zvt:tcp:terminal.shop.lan', tcp('zvt', 'terminal.shop.lan', 20007)],
    // whitespace around the whole string
    ['terminal', '\n  zvt:tcp:10.0.0.5:22000  \t', tcp('zvt', '10.0.0.5', 22000)],
  ])('%s %j', (device, text, expected) => {
    expect(parseConnection(device, text)).toStrictEqual(expected);
  });

  it('fills the default baud (9600) for every serial device; parity and flow only when given', () => {
    for (const [device, text] of [
      ['printer', 'COM1'],
      ['terminal', 'zvt:serial:COM1'],
      ['fiscal', 'posnet:serial:COM1'],
    ] as const) {
      const connection = parseConnection(device, text);
      expect(connection).toMatchObject({ transport: 'serial', baudRate: 9600 });
      expect(Object.keys(connection)).not.toContain('parity');
      expect(Object.keys(connection)).not.toContain('flowControl');
    }
  });

  it('takes every baud rate of the one list, for every serial device', () => {
    expect(BAUD_RATES).toEqual([1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400]);
    for (const baud of BAUD_RATES) {
      expect(parseConnection('printer', `escpos:serial:COM1?baud=${baud}`)).toMatchObject({ baudRate: baud });
      expect(parseConnection('terminal', `zvt:serial:COM1?baud=${baud}`)).toMatchObject({ baudRate: baud });
      expect(parseConnection('fiscal', `posnet:serial:COM1?baud=${baud}`)).toMatchObject({ baudRate: baud });
    }
  });

  it('defaults the tcp port per device', () => {
    expect(DEFAULT_PORTS).toEqual({ printer: 9100, terminal: 20007 });
    expect(parseConnection('printer', 'escpos:tcp:h')).toMatchObject({ port: DEFAULT_PORTS.printer });
    expect(parseConnection('terminal', 'zvt:tcp:h')).toMatchObject({ port: DEFAULT_PORTS.terminal });
  });

  it('checks profile= against knownProfiles only when that list is given', () => {
    const knownProfiles = ['epson-wpc1257', 'xprinter-wpc1257'];
    expect(parseConnection('printer', 'sim?profile=xprinter-wpc1257', { knownProfiles })).toMatchObject({ profileId: 'xprinter-wpc1257' });
    expect(parseConnection('printer', 'escpos:tcp:h?profile=anything')).toMatchObject({ profileId: 'anything' });
    expect(parseConnection('printer', 'escpos:tcp:h?profile=%20spaced%20')).toMatchObject({ profileId: 'spaced' });
  });
});

describe('parseConnection refuses', () => {
  const known = { knownProfiles: ['epson-wpc1257', 'epson-pc852'] };
  const bauds = BAUD_RATES.join(', ');

  it.each<[Device, string, BadConnectionReason, Record<string, string | number>]>([
    // empty: the caller decides what an empty setting means
    ['printer', '', 'empty', {}],
    ['fiscal', ' \t\n ', 'empty', {}],
    ['scanner', '', 'empty', {}],
    // forms nobody knows
    ['printer', 'usb', 'unknown_form', {}],
    ['printer', 'escpos', 'unknown_form', {}],
    ['printer', 'zvt:sim', 'unknown_form', { protocol: 'zvt' }],
    ['printer', 'epson:tcp:h', 'unknown_form', { protocol: 'epson' }],
    ['printer', 'printer.local:9100', 'unknown_form', { protocol: 'printer.local' }],
    ['printer', '192.168.1.50:9100', 'unknown_form', {}],
    ['printer', 'escpos:usb:1', 'unknown_form', { transport: 'usb', allowed: 'serial, tcp, sim' }],
    ['printer', 'escpos://printer.local:9100', 'unknown_form', { transport: '', allowed: 'serial, tcp, sim' }],
    ['printer', 'escpos:sim:fast', 'unknown_form', {}],
    ['printer', 'escpos:serial:/dev/tty#1', 'unknown_form', {}],
    ['printer', 'escpos:serial:/dev/tty\nUSB0', 'unknown_form', {}],
    ['printer', 'escpos:serial:/dev/tty%FF', 'unknown_form', {}],
    ['printer', 'COM3x', 'unknown_form', {}],
    ['terminal', '/dev/ttyACM0', 'unknown_form', {}],
    ['terminal', 'COM3', 'unknown_form', {}],
    ['terminal', 'posnet:sim', 'unknown_form', { protocol: 'posnet' }],
    ['fiscal', 'posnet:tcp:10.0.0.5:6666', 'unknown_form', { transport: 'tcp', allowed: 'serial, sim' }],
    ['fiscal', 'novitus:sim', 'unknown_form', { protocol: 'novitus' }],
    ['scanner', 'sim', 'unknown_form', {}],
    ['scanner', 'hid:usb', 'unknown_form', { protocol: 'hid' }],
    ['scanner', 'keyboard', 'unknown_form', {}],
    // options
    ['printer', 'escpos:serial:/dev/ttyUSB0?speed=9600', 'unknown_option', { option: 'speed', allowed: 'baud, parity, flow, profile' }],
    ['printer', 'escpos:tcp:h?baud=9600', 'unknown_option', { option: 'baud', allowed: 'profile' }],
    ['printer', 'sim?parity=even', 'unknown_option', { option: 'parity', allowed: 'profile, link' }],
    ['terminal', 'zvt:serial:COM1?parity=even', 'unknown_option', { option: 'parity', allowed: 'baud' }],
    ['terminal', 'zvt:tcp:10.0.0.5?profile=x', 'unknown_option', { option: 'profile', allowed: '' }],
    ['terminal', 'sim?profile=epson-wpc1257', 'unknown_option', { option: 'profile', allowed: 'link' }],
    ['fiscal', 'posnet:serial:/dev/ttyS1?flow=rtscts', 'unknown_option', { option: 'flow', allowed: 'baud' }],
    ['fiscal', 'posnet:sim?baud=9600', 'unknown_option', { option: 'baud', allowed: 'link' }],
    ['printer', 'none?profile=epson-wpc1257', 'unknown_option', { option: 'profile', allowed: '' }],
    ['scanner', 'hid?vendor=0c2e', 'unknown_option', { option: 'vendor', allowed: '' }],
    ['printer', 'sim?x=1&x=2', 'unknown_option', { option: 'x', allowed: 'profile, link' }],
    ['printer', 'escpos:serial:COM1?baud=9600&baud=19200', 'duplicate_option', { option: 'baud' }],
    ['terminal', 'sim?link=pty&LINK=memory', 'duplicate_option', { option: 'link' }],
    ['printer', 'escpos:serial:COM1?parity=', 'bad_option', { option: 'parity', value: '', allowed: 'none, even, odd' }],
    ['printer', 'escpos:serial:COM1?flow', 'bad_option', { option: 'flow', value: '', allowed: 'none, rtscts, xonxoff' }],
    ['printer', 'escpos:serial:COM1?baud=', 'bad_option', { option: 'baud', value: '', allowed: bauds }],
    ['printer', 'escpos:serial:COM1?parity=mark', 'bad_option', { option: 'parity', value: 'mark', allowed: 'none, even, odd' }],
    ['printer', 'escpos:serial:COM1?flow=dtr', 'bad_option', { option: 'flow', value: 'dtr', allowed: 'none, rtscts, xonxoff' }],
    ['fiscal', 'posnet:sim?link=usb', 'bad_option', { option: 'link', value: 'usb', allowed: 'pty, memory, tcp' }],
    ['printer', 'sim?profile=', 'bad_option', { option: 'profile', value: '' }],
    ['printer', 'escpos:serial:/dev/ttyUSB0?baud=12345', 'bad_baud', { option: 'baud', value: '12345', allowed: bauds, baud: 12345 }],
    ['terminal', 'zvt:serial:/dev/ttyACM0?baud=fast', 'bad_baud', { option: 'baud', value: 'fast', allowed: bauds, baud: 'fast' }],
    ['fiscal', 'posnet:serial:/dev/ttyS1?baud=-9600', 'bad_baud', { option: 'baud', value: '-9600', allowed: bauds, baud: '-9600' }],
    ['fiscal', 'posnet:serial:/dev/ttyS1?baud=9600.0', 'bad_baud', { option: 'baud', value: '9600.0', allowed: bauds, baud: '9600.0' }],
    // serial path
    ['printer', 'escpos:serial:', 'missing_path', {}],
    ['terminal', 'zvt:serial', 'missing_path', {}],
    ['fiscal', 'posnet:serial:%20%20?baud=9600', 'missing_path', {}],
    // hosts
    ['printer', 'escpos:tcp:', 'bad_host', { host: '' }],
    ['terminal', 'zvt:tcp', 'bad_host', { host: '' }],
    ['printer', 'escpos:tcp::9100', 'bad_host', { host: '' }],
    ['printer', 'escpos:tcp:-x.y', 'bad_host', { host: '-x.y' }],
    ['printer', 'escpos:tcp:x-.y', 'bad_host', { host: 'x-.y' }],
    ['printer', 'escpos:tcp:a..b', 'bad_host', { host: 'a..b' }],
    ['printer', 'escpos:tcp:printer.local.', 'bad_host', { host: 'printer.local.' }],
    ['printer', 'escpos:tcp:bad_host', 'bad_host', { host: 'bad_host' }],
    ['printer', 'escpos:tcp:bad%20host:9100', 'bad_host', { host: 'bad host' }],
    ['printer', `escpos:tcp:${'a'.repeat(64)}.lan`, 'bad_host', { host: `${'a'.repeat(64)}.lan` }],
    ['printer', 'escpos:tcp:192.168.1.256', 'bad_host', { host: '192.168.1.256' }],
    ['printer', 'escpos:tcp:192.168.1', 'bad_host', { host: '192.168.1' }],
    ['printer', 'escpos:tcp:192.168.01.50', 'bad_host', { host: '192.168.01.50' }],
    ['printer', 'escpos:tcp:fe80::1', 'bad_host', { host: 'fe80::1' }],
    ['printer', 'escpos:tcp:fe80::1:9100', 'bad_host', { host: 'fe80::1:9100' }],
    ['printer', 'escpos:tcp:[fe80::1', 'bad_host', { host: '[fe80::1' }],
    ['printer', 'escpos:tcp:[fe80::g]:9100', 'bad_host', { host: '[fe80::g]:9100' }],
    ['printer', 'escpos:tcp:[192.168.1.50]:9100', 'bad_host', { host: '[192.168.1.50]:9100' }],
    ['terminal', 'zvt:tcp:[fe80::1%25eth0]', 'bad_host', { host: '[fe80::1%eth0]' }],
    ['terminal', 'zvt:tcp:[::1]20007', 'bad_host', { host: '[::1]20007' }],
    // ports
    ['printer', 'escpos:tcp:192.168.1.50:0', 'bad_port', { port: 0 }],
    ['printer', 'escpos:tcp:192.168.1.50:65536', 'bad_port', { port: 65536 }],
    ['printer', 'escpos:tcp:192.168.1.50:http', 'bad_port', { port: 'http' }],
    ['printer', 'escpos:tcp:192.168.1.50:', 'bad_port', { port: '' }],
    ['terminal', 'zvt:tcp:[fe80::1]:-1', 'bad_port', { port: '-1' }],
    ['terminal', 'zvt:tcp:[fe80::1]:', 'bad_port', { port: '' }],
  ])('%s %j: %s', (device, text, reason, details) => {
    const error = refusal(device, text);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('BadConnectionError');
    expect({ reason: error.reason, details: error.details }).toEqual({ reason, details: { connection: text, ...details } });
    // One style everywhere: the device, the input quoted, what is wrong; then what would be right.
    const quoted = text.trim().length > 60 ? `${text.trim().slice(0, 59)}…` : text.trim();
    expect(error.message.startsWith(`${device} connection "${quoted}": `)).toBe(true);
    expect(error.message).toMatch(/; (e\.g\.|write one of|give it once, e\.g\.) \S/);
  });

  it('refuses a profile that is not in knownProfiles, naming the known ones', () => {
    const error = refusal('printer', 'escpos:tcp:h?profile=epson-tm88', known);
    expect(error.reason).toBe('bad_option');
    expect(error.details).toEqual({ connection: 'escpos:tcp:h?profile=epson-tm88', option: 'profile', value: 'epson-tm88', allowed: 'epson-wpc1257, epson-pc852' });
    expect(error.message).toBe(
      'printer connection "escpos:tcp:h?profile=epson-tm88": profile "epson-tm88" is not one of epson-wpc1257, epson-pc852; ' +
        'e.g. escpos:tcp:192.168.1.50:9100?profile=epson-wpc1257',
    );
    expect(refusal('printer', 'sim?profile=x', { knownProfiles: [] }).reason).toBe('bad_option');
  });

  it('says what is wrong and shows a correct string for that device', () => {
    expect(refusal('printer', 'escpos:serial:/dev/ttyUSB0?baud=12345').message).toBe(
      `printer connection "escpos:serial:/dev/ttyUSB0?baud=12345": baud 12345 is not one of ${bauds}; ` +
        'e.g. escpos:serial:/dev/ttyUSB0?baud=19200&parity=none&flow=rtscts',
    );
    expect(refusal('terminal', 'zvt:tcp:10.0.0.5:70000').message).toBe(
      'terminal connection "zvt:tcp:10.0.0.5:70000": port 70000 is not 1..65535; e.g. zvt:tcp:10.0.0.5:20007 (20007 when left out)',
    );
    expect(refusal('printer', 'escpos:tcp:fe80::1').message).toMatch(/write an IPv6 address in brackets; e\.g\. escpos:tcp:\[fe80::1\]:9100$/);
    expect(refusal('fiscal', 'posnet:tcp:h').message).toBe(
      'fiscal connection "posnet:tcp:h": the fiscal printer has no tcp form (transports: serial, sim); ' +
        'write one of posnet:serial:/dev/ttyS1?baud=9600, posnet:serial:COM3, posnet:sim, none',
    );
    expect(refusal('printer', 'zvt:sim').message).toMatch(/: zvt is the card terminal's protocol, the receipt printer speaks escpos; write one of /);
    expect(refusal('terminal', '/dev/ttyACM0').message).toMatch(/; e\.g\. zvt:serial:\/dev\/ttyACM0$/);
    expect(refusal('scanner', 'sim').message).toBe('scanner connection "sim": it is not understood (a scanner is hid or none); write one of hid, none');
    expect(refusal('printer', '').message).toMatch(/^printer connection "": nothing is given; write one of escpos:serial:/);
  });

  it('quotes at most 60 characters of the input, the whole input stays in details', () => {
    const text = `escpos:serial:/dev/serial/by-id/usb-${'x'.repeat(60)}?baud=1`;
    const error = refusal('printer', text);
    expect(error.message).toContain(`printer connection "${text.slice(0, 59)}…": baud 1 is not one of`);
    expect(error.details.connection).toBe(text);
  });

  it('reports an unknown option before a duplicate, and before a bad value', () => {
    expect(refusal('printer', 'escpos:serial:COM1?baud=1&baud=2&speed=3').reason).toBe('unknown_option');
    expect(refusal('printer', 'escpos:serial:COM1?baud=1&parity=x&baud=2').reason).toBe('duplicate_option');
    expect(refusal('printer', 'escpos:serial:COM1?flow=x&parity=y').details).toMatchObject({ option: 'flow' });
  });
});
