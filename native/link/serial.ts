/**
 * ByteLink over a serial port (real COM/ttyUSB, a vendor virtual COM, or a PTY in tests).
 *
 * 9600 8N1 is the factory default of most ESC/POS serial printers (Epson TM, Xprinter, Bixolon
 * ship at 9600 unless DIP switches say otherwise); USB virtual COM ignores the rate anyway.
 * Flow control is off by default: XON/XOFF bytes interleave with status replies
 * (the driver skips them, they fail the status bytes' fixed bits), and RTS/DTR are never
 * set by hand because PTYs and some USB bridges reject modem ioctls. A printer whose DIP
 * switches demand parity or hardware/software flow control can be matched with the options.
 *
 * `serialport` is a native module and is loaded lazily so everything else in native/printer works
 * (and tests run) where it cannot be loaded.
 */
import type { ByteLink } from './link.js';

export type SerialParity = 'none' | 'even' | 'odd';
export type SerialFlowControl = 'none' | 'rtscts' | 'xonxoff';

export interface SerialLinkOptions {
  path: string;
  /** Default 9600. */
  baudRate?: number;
  /** Default 'none' (8N1). */
  parity?: SerialParity;
  /** Default 'none'. */
  flowControl?: SerialFlowControl;
  /** Default 1; ZVT card terminals use 8N2. */
  stopBits?: 1 | 2;
}

export async function openSerialLink(opts: SerialLinkOptions): Promise<ByteLink> {
  let mod: typeof import('serialport');
  try {
    mod = await import('serialport');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Serial printer support is unavailable: the 'serialport' native module could not be loaded (${reason})`);
  }
  const baudRate = opts.baudRate ?? 9600;
  const parity = opts.parity ?? 'none';
  const flow = opts.flowControl ?? 'none';
  const port = new mod.SerialPort({
    path: opts.path,
    baudRate,
    dataBits: 8,
    parity,
    stopBits: opts.stopBits ?? 1,
    rtscts: flow === 'rtscts',
    xon: flow === 'xonxoff',
    xoff: flow === 'xonxoff',
    xany: false,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => {
    port.open((err) => (err ? reject(new Error(`Cannot open serial port ${opts.path}: ${err.message}`)) : resolve()));
  });
  // Without an 'error' listener an unplugged USB adapter would crash the process; writes report it instead.
  port.on('error', () => {});
  // One permanent reader: bytes that arrive while nobody listens are dropped rather than buffered
  // by the stream and replayed to the next listener as if they were a fresh reply.
  const listeners = new Set<(chunk: Uint8Array) => void>();
  port.on('data', (chunk: Buffer) => {
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (const listener of [...listeners]) listener(bytes);
  });

  const description = `serial:${opts.path}@${baudRate}/8${parity[0]!.toUpperCase()}1${flow === 'none' ? '' : `/${flow}`}`;
  return {
    description,
    write(data: Uint8Array): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        if (!port.isOpen) {
          reject(new Error(`${description} is closed`));
          return;
        }
        port.write(Buffer.from(data), (err) => {
          if (err) {
            reject(new Error(`Write to ${description} failed: ${err.message}`));
            return;
          }
          // Resolve only when the OS has sent the bytes, so a following reply timeout is fair.
          port.drain((drainErr) => (drainErr ? reject(new Error(`Drain on ${description} failed: ${drainErr.message}`)) : resolve()));
        });
      });
    },
    onData(listener: (chunk: Uint8Array) => void): () => void {
      const wrapped = (chunk: Uint8Array): void => listener(chunk);
      listeners.add(wrapped);
      return () => {
        listeners.delete(wrapped);
      };
    },
    close(): Promise<void> {
      listeners.clear();
      return new Promise<void>((resolve) => {
        if (!port.isOpen) {
          resolve();
          return;
        }
        // A close error (device already gone) leaves nothing to clean up: resolve regardless.
        port.close(() => resolve());
      });
    },
  };
}
