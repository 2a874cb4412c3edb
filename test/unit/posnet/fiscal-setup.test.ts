import { describe, expect, it } from 'vitest';
import { parseFiscalConnection, setupFiscal } from '../../../electron/devices/fiscal-setup.js';
import { sampleDoc } from './support.js';

describe('parseFiscalConnection', () => {
  it.each([
    ['', { kind: 'none' }],
    ['none', { kind: 'none' }],
    ['  none  ', { kind: 'none' }],
    ['posnet:sim', { kind: 'simulator' }],
    ['posnet:sim?link=memory', { kind: 'simulator', link: 'memory' }],
    ['POSNET:sim', { kind: 'simulator' }],
    ['posnet:serial:/dev/ttyS1?baud=9600', { kind: 'serial', path: '/dev/ttyS1', baudRate: 9600 }],
    ['posnet:serial:/dev/ttyUSB0', { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600 }],
    ['posnet:serial:COM3?baud=115200', { kind: 'serial', path: 'COM3', baudRate: 115200 }],
  ])('%j', (text, expected) => {
    expect(parseFiscalConnection(text)).toEqual(expected);
  });

  it.each([
    ['novitus:sim', /protocol "novitus" is not supported; supported: posnet/],
    ['posnet', /not understood/],
    ['/dev/ttyS1', /not understood/],
    ['posnet:serial:', /names no serial port/],
    ['posnet:serial:/dev/ttyS1?baud=1234', /Baud rate "1234" is not supported/],
    ['posnet:serial:/dev/ttyS1?baud=fast', /Baud rate "fast"/],
    ['posnet:serial:/dev/ttyS1?parity=even', /Unknown option "parity"/],
    ['posnet:sim?link=usb', /link must be "pty" or "memory"/],
    ['posnet:tcp:10.0.0.5:6666', /write "sim" or "serial:<port>"/],
  ])('%j is refused with a clear message', (text, message) => {
    expect(() => parseFiscalConnection(text)).toThrow(message);
  });
});

describe('setupFiscal', () => {
  it('gives no device for none', async () => {
    const setup = await setupFiscal('none');
    expect(setup).toMatchObject({ device: null, simulator: null });
    await setup.close();
  });

  it('wires the simulator in memory and registers through it', async () => {
    const setup = await setupFiscal({ connection: 'posnet:sim?link=memory', device: { replyTimeoutMs: 300 } });
    try {
      expect(setup.device?.name).toBe('POSNET (simulated, in memory)');
      await setup.device?.register(sampleDoc());
      expect(setup.simulator?.receipts()).toHaveLength(1);
    } finally {
      await setup.close();
    }
  });

  it('makes a serial device without opening the port until it is used', async () => {
    const setup = await setupFiscal(parseFiscalConnection('posnet:serial:/dev/does-not-exist?baud=19200'));
    try {
      expect(setup.device?.name).toBe('POSNET @ /dev/does-not-exist');
      await expect(setup.device?.condition()).resolves.toBe('offline');
      await expect(setup.device?.lastRegistered()).rejects.toMatchObject({ kind: 'offline', message: expect.stringMatching(/does-not-exist/) });
    } finally {
      await setup.close();
    }
  });
});
