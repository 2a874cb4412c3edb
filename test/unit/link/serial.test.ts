import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('serialport');
  vi.resetModules();
});

describe('openSerialLink', () => {
  it('explains that serial support is missing when the native module cannot load', async () => {
    vi.doMock('serialport', () => {
      throw new Error('No native build was found for platform=linux');
    });
    const { openSerialLink } = await import('../../../native/link/serial.js');
    await expect(openSerialLink({ path: '/dev/ttyUSB0' })).rejects.toThrow(/Serial printer support is unavailable: the 'serialport' native module could not be loaded/);
  });

  it('names the port when it cannot be opened', async () => {
    const { openSerialLink } = await import('../../../native/link/serial.js');
    await expect(openSerialLink({ path: '/nonexistent/ttyPRN' })).rejects.toThrow(/Cannot open serial port \/nonexistent\/ttyPRN/);
  });
});
