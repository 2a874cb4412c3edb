import { describe, expect, it } from 'vitest';
import { formatPrinterConnection, parsePrinterConnection, type PrinterConfig } from '../../../electron/devices/printer-setup.js';

describe('parsePrinterConnection', () => {
  it.each<[string, PrinterConfig]>([
    ['sim', { kind: 'simulator' }],
    ['simulator', { kind: 'simulator' }],
    [' SIM ', { kind: 'simulator' }],
    ['sim?profile=xprinter-wpc1257', { kind: 'simulator', profileId: 'xprinter-wpc1257' }],
    ['none', { kind: 'none' }],
    ['escpos:serial:/dev/ttyUSB0', { kind: 'serial', path: '/dev/ttyUSB0' }],
    [
      'escpos:serial:/dev/ttyUSB0?baud=19200&parity=none&flow=none&profile=epson-wpc1257',
      { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 19200, parity: 'none', flowControl: 'none', profileId: 'epson-wpc1257' },
    ],
    ['escpos:serial:COM3?baud=9600&parity=even&flow=rtscts', { kind: 'serial', path: 'COM3', baudRate: 9600, parity: 'even', flowControl: 'rtscts' }],
    ['escpos:serial:/dev/ttyS0?flow=XONXOFF&parity=Odd', { kind: 'serial', path: '/dev/ttyS0', parity: 'odd', flowControl: 'xonxoff' }],
    ['escpos:tcp:192.168.1.50:9100?profile=bixolon-wpc1257', { kind: 'tcp', host: '192.168.1.50', port: 9100, profileId: 'bixolon-wpc1257' }],
    ['escpos:tcp:printer.shop.lan', { kind: 'tcp', host: 'printer.shop.lan', port: 9100 }],
    ['escpos:tcp:[fe80::1]:9101', { kind: 'tcp', host: 'fe80::1', port: 9101 }],
  ])('%j', (text, expected) => {
    expect(parsePrinterConnection(text)).toEqual(expected);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['usb', /"usb" is not understood; use 'sim'/],
    ['/dev/ttyUSB0', /is not understood/],
    ['escpos:serial:', /serial port path is missing/],
    ['escpos:serial:/dev/ttyUSB0?baud=12345', /baud "12345" is not one of 1200, 2400/],
    ['escpos:serial:/dev/ttyUSB0?baud=fast', /baud "fast"/],
    ['escpos:serial:/dev/ttyUSB0?parity=mark', /parity "mark" must be one of none, even, odd/],
    ['escpos:serial:/dev/ttyUSB0?flow=dtr', /flow "dtr" must be one of none, rtscts, xonxoff/],
    ['escpos:serial:/dev/ttyUSB0?speed=9600', /unknown option "speed" for a serial printer; allowed: baud, parity, flow, profile/],
    ['escpos:serial:/dev/ttyUSB0?baud=', /option "baud" needs a value/],
    ['escpos:serial:/dev/ttyUSB0?baud=9600&baud=19200', /given twice/],
    ['escpos:serial:/dev/ttyUSB0?profile=epson-tm88', /unknown printer profile "epson-tm88"; known: epson-wpc1257/],
    ['escpos:tcp:', /printer address is missing/],
    ['escpos:tcp:192.168.1.50:0', /port "0" must be 1..65535/],
    ['escpos:tcp:192.168.1.50:70000', /port "70000"/],
    ['escpos:tcp:192.168.1.50:http', /port "http"/],
    ['escpos:tcp:fe80::1:9100', /IPv6 address in brackets/],
    ['escpos:tcp:bad host:9100', /"bad host" is not a host name/],
    ['escpos:tcp:192.168.1.50:9100?baud=9600', /unknown option "baud" for a network printer/],
    ['escpos:tcp:10.0.0.9?profile=nope', /unknown printer profile "nope"/],
    ['none?profile=epson-wpc1257', /"none" takes no options/],
    ['sim?link=pty', /unknown option "link" for the simulator/],
  ])('rejects %j with a clear message', (text, message) => {
    expect(() => parsePrinterConnection(text)).toThrow(message);
  });

  it('formats a config back to a string that parses to the same config', () => {
    for (const text of [
      'sim',
      'none',
      'sim?profile=xprinter-wpc1251',
      'escpos:serial:/dev/ttyUSB0?baud=19200&parity=none&flow=none&profile=epson-wpc1257',
      'escpos:tcp:192.168.1.50:9100?profile=epson-pc775',
      'escpos:tcp:[fe80::1]:9100',
    ]) {
      const config = parsePrinterConnection(text);
      expect(parsePrinterConnection(formatPrinterConnection(config))).toEqual(config);
    }
  });
});
