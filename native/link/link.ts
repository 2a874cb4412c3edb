/**
 * A byte pipe to a device. Drivers and the simulator only see this, so the same code runs over a
 * serial port, a PTY pair in tests, or an in-process pair in unit tests.
 */

export interface ByteLink {
  /** Resolves once the bytes have left (for serial: after drain). Rejects if the link is closed/broken. */
  write(data: Uint8Array): Promise<void>;
  /** Returns the unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  close(): Promise<void>;
  readonly description: string;
}

/** One in-process end. `listenerCount` lets tests prove nothing is left subscribed. */
export class MemoryLink implements ByteLink {
  private readonly listeners = new Set<(chunk: Uint8Array) => void>();
  private peer: MemoryLink | null = null;
  private closed = false;

  constructor(readonly description: string) {}

  /** @internal wires two ends together. */
  connect(peer: MemoryLink): void {
    this.peer = peer;
  }

  write(data: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`${this.description} is closed`));
    const copy = data.slice(); // the caller may reuse its buffer
    const peer = this.peer;
    // Async like a real wire: the reader never runs inside the writer's call stack.
    setImmediate(() => peer?.deliver(copy));
    return Promise.resolve();
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    // Wrapped so the same function can be subscribed twice and unsubscribed independently.
    const wrapped = (chunk: Uint8Array): void => listener(chunk);
    this.listeners.add(wrapped);
    return () => {
      this.listeners.delete(wrapped);
    };
  }

  close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    return Promise.resolve();
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  private deliver(chunk: Uint8Array): void {
    // Bytes sent to a closed end are lost, like a cable with nothing plugged in.
    if (this.closed) return;
    for (const listener of [...this.listeners]) listener(chunk);
  }
}

/** Two in-process ends wired to each other; what one writes the other receives, asynchronously, in order. */
export function memoryLinkPair(): [MemoryLink, MemoryLink] {
  const a = new MemoryLink('memory:a');
  const b = new MemoryLink('memory:b');
  a.connect(b);
  b.connect(a);
  return [a, b];
}
