import { describe, expect, it } from 'vitest';
import { memoryLinkPair } from '../../../native/link/link.js';

describe('memoryLinkPair', () => {
  it('delivers asynchronously, in order, to the other end only', async () => {
    const [a, b] = memoryLinkPair();
    const atB: number[] = [];
    const atA: number[] = [];
    b.onData((c) => atB.push(...c));
    a.onData((c) => atA.push(...c));
    const buf = Uint8Array.of(1, 2);
    await a.write(buf);
    buf[0] = 99; // the sender reusing its buffer must not change what was sent
    await a.write(Uint8Array.of(3));
    expect(atB).toEqual([]); // not delivered inside write()
    await new Promise((r) => setImmediate(r));
    expect(atB).toEqual([1, 2, 3]);
    expect(atA).toEqual([]);
  });

  it('stops delivering after unsubscribe and rejects writes after close', async () => {
    const [a, b] = memoryLinkPair();
    const got: number[] = [];
    const off = b.onData((c) => got.push(...c));
    off();
    expect(b.listenerCount()).toBe(0);
    await a.write(Uint8Array.of(1));
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual([]);
    await a.close();
    await expect(a.write(Uint8Array.of(2))).rejects.toThrow(/closed/);
  });
});
