import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseStartOptions, UsageError } from '../../electron/app/options.js';

describe('npm start options', () => {
  it('defaults: the last port (else a free one), per-user data folder, simulated printer, demo catalogue, English', () => {
    expect(parseStartOptions([], { HOME: '/home/kassa' })).toMatchObject({
      port: null,
      newToken: false,
      printer: { kind: 'escpos', transport: 'sim' },
      uiLocale: 'en',
      demoCatalogue: true,
      forceBrowser: false,
    });
  });

  it('flags beat POS_* variables', () => {
    const env = { POS_PORT: '9000', POS_DATA_DIR: '/env/data', POS_PRINTER: '/dev/ttyS0' };
    expect(parseStartOptions(['--port', '8123', '--data-dir=/flag/data'], env)).toMatchObject({
      port: 8123,
      dataDir: '/flag/data',
      printer: { kind: 'escpos', transport: 'serial', path: '/dev/ttyS0', baudRate: 9600 },
    });
    expect(parseStartOptions(['--printer', '/dev/ttyUSB0', '--printer-profile', 'xprinter-wpc1257', '--printer-baud', '19200'], {})).toMatchObject({
      printer: { kind: 'escpos', transport: 'serial', path: '/dev/ttyUSB0', baudRate: 19200, profileId: 'xprinter-wpc1257' },
    });
    expect(parseStartOptions(['--printer', 'none', '--no-demo', '--browser'], {})).toMatchObject({
      printer: { kind: 'none' },
      demoCatalogue: false,
      forceBrowser: true,
    });
  });

  it('browser mode: --port 0 asks for any free port; --new-token or POS_NEW_TOKEN=1 replaces the kept access token', () => {
    expect(parseStartOptions(['--port', '0'], {}).port).toBe(0);
    expect(parseStartOptions([], { POS_PORT: '8080' }).port).toBe(8080);
    // An environment file with POS_PORT= left empty means "not given", not port 0.
    expect(parseStartOptions([], { POS_PORT: '' }).port).toBeNull();
    expect(parseStartOptions(['--new-token'], {}).newToken).toBe(true);
    expect(parseStartOptions([], { POS_NEW_TOKEN: '1' }).newToken).toBe(true);
    expect(parseStartOptions([], { POS_NEW_TOKEN: '0' }).newToken).toBe(false);
    expect(parseStartOptions(['--new-token', '--port', '9000'], {})).toMatchObject({ newToken: true, port: 9000 });
  });

  it('card terminal: the ZVT simulator (reading the demo ID card) by default; zvt connections, none', () => {
    expect(parseStartOptions([], {}).terminal).toEqual({ kind: 'zvt', transport: 'sim', idCode: '38001085718' });
    expect(parseStartOptions(['--terminal', 'none'], {}).terminal).toEqual({ kind: 'none' });
    // `simulator` means the ZVT simulator too: one word for a simulator on every device.
    expect(parseStartOptions(['--terminal', 'simulator'], { POS_TERMINAL_ID_CODE: 'none' }).terminal).toEqual({ kind: 'zvt', transport: 'sim' });
    expect(parseStartOptions([], { POS_TERMINAL: 'zvt:serial:/dev/ttyACM0?baud=19200' }).terminal).toMatchObject({
      kind: 'zvt',
      transport: 'serial',
      path: '/dev/ttyACM0',
      baudRate: 19200,
    });
    expect(parseStartOptions(['--terminal', 'zvt:tcp:10.0.0.5'], {}).terminal).toMatchObject({ transport: 'tcp', host: '10.0.0.5', port: 20007 });
    expect(parseStartOptions(['--terminal-id-code', '49002010976'], {}).terminal).toMatchObject({ idCode: '49002010976' });
    expect(() => parseStartOptions(['--terminal', 'zvt:usb'], {})).toThrow(UsageError);
  });

  it('a printer may be given as a connection string, as kiosk installs preset it', () => {
    expect(parseStartOptions([], { POS_PRINTER: 'escpos:tcp:192.168.1.50:9100' }).printer).toMatchObject({ transport: 'tcp', host: '192.168.1.50', port: 9100 });
    expect(parseStartOptions(['--printer', 'escpos:serial:/dev/ttyUSB0?baud=19200&profile=epson-wpc1257'], {}).printer).toMatchObject({
      transport: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 19200,
      profileId: 'epson-wpc1257',
    });
    expect(parseStartOptions(['--printer', 'sim'], {}).printer).toMatchObject({ kind: 'escpos', transport: 'sim' });
    expect(() => parseStartOptions(['--printer', 'sim', '--printer-profile', 'no-such-printer'], {})).toThrow(/not a printer profile/);
    expect(() => parseStartOptions(['--printer', 'escpos:serial:/dev/ttyUSB0?baud=fast'], {})).toThrow(UsageError);
  });

  it('HID POS scanners by default; POS_SCANNER=none turns them off (wedge scanners always work)', () => {
    expect(parseStartOptions([], {}).scanner).toBe('hid');
    expect(parseStartOptions([], { POS_SCANNER: 'none' }).scanner).toBe('none');
    expect(() => parseStartOptions(['--scanner', 'usb'], {})).toThrow(/--scanner: scanner connection "usb"/);
  });

  it('explains bad options instead of starting wrongly', () => {
    expect(() => parseStartOptions(['--port', 'abc'], {})).toThrow(UsageError);
    expect(() => parseStartOptions(['--port', '70000'], {})).toThrow(/0..65535/);
    expect(() => parseStartOptions(['--port', '-1'], {})).toThrow(/0..65535/);
    expect(() => parseStartOptions(['--port', '80.5'], {})).toThrow(/0..65535/);
    expect(() => parseStartOptions(['--colour', 'red'], {})).toThrow(/unknown option --colour/);
    expect(() => parseStartOptions(['--port'], {})).toThrow(/needs a value/);
  });

  it('keeps data where each platform keeps per-user app data', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/x' }, 'linux')).toBe('/x/the-till');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\k\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.the-till$/);
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/the-till$/);
  });
});
