/**
 * What the fiscal lane shows about the printer: mechanism conditions and the idle check as
 * translation keys whose texts get every detail they need.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../electron/contract/api.js';
import type { Db } from '../../../electron/db/open.js';
import { FiscalDrainer } from '../../../electron/devices/fiscal/drainer.js';
import type { FiscalDevice } from '../../../native/posnet/driver.js';
import { testDb } from './support.js';

let db: Db;
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
  db?.close();
});

describe('status messages', () => {
  /** A device that reports its mechanism as the test says. */
  function mechanism() {
    let listener: ((condition: 'ok' | 'paper_out' | 'cover_open' | 'error') => void) | null = null;
    let condition: Awaited<ReturnType<FiscalDevice['condition']>> = 'ok';
    const device = {
      name: 'POSNET (fake)',
      onCondition: (l: typeof listener) => ((listener = l), () => (listener = null)),
      condition: async () => condition,
    } as unknown as FiscalDevice;
    return { device, fire: (c: 'ok' | 'paper_out' | 'cover_open' | 'error') => listener?.(c), set: (c: typeof condition) => (condition = c) };
  }

  /** The English text of a status message key ('devices.message' in the locale file) and the {{details}} it needs. */
  const EN = JSON.parse(readFileSync(fileURLToPath(new URL('../../../assets/locales/en.json', import.meta.url)), 'utf8')) as {
    devices: { message: Record<string, Record<string, string>> };
  };
  function needs(key: string): string[] {
    const [device, name] = key.split('.') as [string, string];
    const text = EN.devices.message[device]?.[name] ?? EN.devices.message[device]?.[`${name}_other`];
    if (text === undefined) throw new Error(`no English text for ${key}`);
    return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
  }

  it('mechanism conditions and the idle check show as translation keys (paper out, cover open, offline)', async () => {
    db = testDb();
    const m = mechanism();
    const changes: DeviceStatus[] = [];
    const drainer = new FiscalDrainer({ db, device: m.device, log: () => undefined, onChange: (s) => changes.push(s) });
    cleanup.push(async () => drainer.close());
    m.fire('paper_out');
    m.fire('cover_open');
    m.fire('ok');
    m.set('offline');
    await drainer.idle();
    expect(changes).toEqual([
      { name: 'POSNET (fake)', state: 'error', message: { key: 'fiscal.paper_out' } },
      { name: 'POSNET (fake)', state: 'error', message: { key: 'fiscal.cover_open' } },
      { name: 'POSNET (fake)', state: 'ok' },
      { name: 'POSNET (fake)', state: 'offline', message: { key: 'fiscal.offline' } },
    ]);
    for (const c of changes) if (c.message) expect(needs(c.message.key).filter((k) => !(k in (c.message?.details ?? {})))).toEqual([]);
  });

  it("a mechanism error is shown too, with a message whose text needs nothing it lacks", async () => {
    db = testDb();
    const m = mechanism();
    const changes: DeviceStatus[] = [];
    const drainer = new FiscalDrainer({ db, device: m.device, log: () => undefined, onChange: (s) => changes.push(s) });
    cleanup.push(async () => drainer.close());
    m.fire('error');
    m.set('error');
    await drainer.idle(); // the same state again: not pushed twice
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ state: 'error', message: { key: expect.stringMatching(/^fiscal\./) } });
    const message = changes[0]!.message!;
    expect(needs(message.key).filter((k) => !(k in (message.details ?? {})))).toEqual([]);
  });
});
