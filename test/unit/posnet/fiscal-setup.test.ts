import { describe, expect, it } from 'vitest';
import { parseConnection } from '../../../electron/devices/connection.js';
import { setupFiscal } from '../../../electron/devices/fiscal/setup.js';
import { sampleDoc } from './support.js';

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
    const setup = await setupFiscal(parseConnection('fiscal', 'posnet:serial:/dev/does-not-exist?baud=19200'));
    try {
      expect(setup.device?.name).toBe('POSNET @ /dev/does-not-exist');
      await expect(setup.device?.condition()).resolves.toBe('offline');
      await expect(setup.device?.lastRegistered()).rejects.toMatchObject({ kind: 'offline', message: expect.stringMatching(/does-not-exist/) });
    } finally {
      await setup.close();
    }
  });
});
