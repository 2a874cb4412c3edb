/**
 * ESC/POS decoder for tests, the simulator and debugging: turns a byte stream back into the text
 * a printer would put on paper, split into documents at each cut. It follows ESC t so bytes are
 * decoded with the code page the printer would use; the n → encoding map is vendor-specific
 * (see profiles.ts `codeTableMap`).
 */
import iconv from 'iconv-lite';
import { DLE, ESC, FS, GS, commandLength, commandName } from './escpos-commands.js';

export interface LineStyle {
  bold: boolean;
  widthTimes: number;
  heightTimes: number;
  align: 'left' | 'center' | 'right';
}

export interface DecodedDocument {
  /** `lines` joined with '\n'. */
  text: string;
  /** Printed lines; trailing blank lines (the feed before the cut) are dropped. */
  lines: string[];
  /** Every `ESC t n` seen in this document, in order. */
  codeTables: number[];
  /** True when the document ended with a cut command. */
  cut: boolean;
  /** Style in effect when each line started printing (parallel to `lines`). */
  styles: LineStyle[];
  /** Every command in order, e.g. 'ESC @', 'ESC t 51', 'GS V 66 0'. */
  commands: string[];
  /** Data of every QR code printed (GS ( k: stored with fn 80, printed with fn 81), in order. */
  qrCodes: string[];
  /** The last QR code printed, or null. */
  qr: string | null;
  /** Data of every 1D barcode printed (GS k), code-set prefixes such as '{B' removed. */
  barcodes: string[];
  /** Raster images (GS v 0); consecutive bands of one width count as one image. */
  images: { widthDots: number; heightDots: number }[];
  /** True when an image was printed (the logo). */
  logo: boolean;
  /**
   * Drawer kicks (ESC p, DLE DC4 1) belonging to this document: those before its cut and those
   * that follow the cut before anything else arrives (the till kicks right after cutting).
   */
  drawerKicks: number;
}

/**
 * What reached the paper, in order across cuts: each printed line (blank ones too), each cut,
 * drawer kick, code and picture. Lets a test see a section printed twice even when the two
 * prints are far apart or on both sides of a cut.
 */
export type TapeEvent =
  | { kind: 'line'; text: string }
  | { kind: 'cut' }
  | { kind: 'kick' }
  | { kind: 'qr'; data: string }
  | { kind: 'barcode'; data: string }
  | { kind: 'image'; widthDots: number };

const LF = 0x0a;
const CR = 0x0d;
const HT = 0x09;
/** ESC @ / power-on default (Epson ESC/POS command reference). */
const DEFAULT_ENCODING = 'cp437';

const defaultStyle = (): LineStyle => ({ bold: false, widthTimes: 1, heightTimes: 1, align: 'left' });

/** Incremental decoder: feed chunks as they arrive; commands split across chunks are handled. */
export class EscPosStreamDecoder {
  /** n of every DLE EOT n seen. */
  readonly statusQueries: number[] = [];
  private carry: Uint8Array = new Uint8Array(0);
  private encoding: string;
  private style = defaultStyle();
  private lines: string[] = [];
  private styles: LineStyle[] = [];
  private codeTables: number[] = [];
  private commands: string[] = [];
  private lineText = '';
  private lineStyle: LineStyle | null = null;
  private run: number[] = [];
  private qrStored: string | null = null;
  private qrCodes: string[] = [];
  private barcodes: string[] = [];
  private images: { widthDots: number; heightDots: number }[] = [];
  /** The last image, while the next command may continue it with another band. */
  private imageOpen = false;
  private kicks = 0;
  /** The document just cut, while nothing has arrived after the cut but drawer kicks. */
  private lastCut: DecodedDocument | null = null;
  /** Every drawer kick seen, whichever document it belongs to. */
  drawerKicks = 0;
  /** Everything printed so far, in order (see TapeEvent). */
  readonly tape: TapeEvent[] = [];

  constructor(private readonly n2encoding: Readonly<Record<number, string>>) {
    this.encoding = this.encodingFor(0);
  }

  /** Consumes a chunk; returns the documents that a cut completed within it. */
  push(chunk: Uint8Array): DecodedDocument[] {
    const buf = new Uint8Array(this.carry.length + chunk.length);
    buf.set(this.carry);
    buf.set(chunk, this.carry.length);
    this.carry = new Uint8Array(0);
    const done: DecodedDocument[] = [];
    let i = 0;
    while (i < buf.length) {
      const b = buf[i]!;
      if (b === ESC || b === GS || b === FS || b === DLE) {
        const len = commandLength(buf, i);
        if (len === null) {
          this.carry = buf.slice(i);
          break;
        }
        const doc = this.command(buf.subarray(i, i + len));
        if (doc) done.push(doc);
        i += len;
        continue;
      }
      this.lastCut = null;
      this.imageOpen = false;
      if (b === LF) this.endLine();
      else if (b === HT) this.text(0x20);
      else if (b >= 0x20 || b === 0) {
        if (b !== 0) this.text(b);
      }
      // Other C0 controls (CR, CAN…) do not print on a receipt printer.
      else if (b !== CR) this.commands.push(`CTRL 0x${b.toString(16).padStart(2, '0')}`);
      i++;
    }
    return done;
  }

  /** True between commands: no command is half received (what a fault may interrupt cleanly). */
  atCommandBoundary(): boolean {
    return this.carry.length === 0;
  }

  /** The document in progress (no cut yet), or null when nothing has been received since the last cut. */
  flush(): DecodedDocument | null {
    const hasLine = this.pending();
    if (!hasLine && this.lines.length === 0 && this.commands.length === 0 && this.kicks === 0) return null;
    if (hasLine) this.endLine();
    return this.finish(false);
  }

  /** A snapshot of the document in progress (lines since the last cut, pending text included), or null. */
  peek(): DecodedDocument | null {
    this.flushRun();
    const lines = this.lineText.length > 0 ? [...this.lines, this.lineText] : [...this.lines];
    if (lines.length === 0 && this.commands.length === 0) return null;
    const styles = this.lineText.length > 0 ? [...this.styles, this.lineStyle ?? { ...this.style }] : [...this.styles];
    return {
      text: lines.join('\n'),
      lines,
      codeTables: [...this.codeTables],
      cut: false,
      styles,
      commands: [...this.commands],
      qrCodes: [...this.qrCodes],
      qr: this.qrCodes.at(-1) ?? null,
      barcodes: [...this.barcodes],
      images: this.images.map((i) => ({ ...i })),
      logo: this.images.length > 0,
      drawerKicks: this.kicks,
    };
  }

  private encodingFor(n: number): string {
    const enc = this.n2encoding[n] ?? (n === 0 ? DEFAULT_ENCODING : undefined);
    // An unknown table is read as PC437 like a printer without that page would (visible as mojibake).
    return enc !== undefined && iconv.encodingExists(enc) ? enc : DEFAULT_ENCODING;
  }

  private pending(): boolean {
    return this.lineText.length > 0 || this.run.length > 0;
  }

  private text(byte: number): void {
    if (this.lineStyle === null) this.lineStyle = { ...this.style };
    this.run.push(byte);
  }

  private flushRun(): void {
    if (this.run.length === 0) return;
    const enc = this.encoding;
    this.lineText += iconv.encodingExists(enc) ? iconv.decode(Uint8Array.from(this.run), enc) : '';
    this.run = [];
  }

  private endLine(): void {
    this.flushRun();
    this.tape.push({ kind: 'line', text: this.lineText });
    this.lines.push(this.lineText);
    this.styles.push(this.lineStyle ?? { ...this.style });
    this.lineText = '';
    this.lineStyle = null;
  }

  private finish(cut: boolean): DecodedDocument {
    let end = this.lines.length;
    while (end > 0 && this.lines[end - 1]!.trim() === '') end--;
    const lines = this.lines.slice(0, end);
    const doc: DecodedDocument = {
      text: lines.join('\n'),
      lines,
      codeTables: this.codeTables,
      cut,
      styles: this.styles.slice(0, end),
      commands: this.commands,
      qrCodes: this.qrCodes,
      qr: this.qrCodes.at(-1) ?? null,
      barcodes: this.barcodes,
      images: this.images,
      logo: this.images.length > 0,
      drawerKicks: this.kicks,
    };
    this.lines = [];
    this.styles = [];
    this.codeTables = [];
    this.commands = [];
    this.qrCodes = [];
    this.barcodes = [];
    this.images = [];
    this.imageOpen = false;
    this.kicks = 0;
    return doc;
  }

  /** Applies one complete command; returns a document when it was a cut. */
  private command(cmd: Uint8Array): DecodedDocument | null {
    const [lead, op, p1 = 0] = cmd;
    if (lead === DLE && op === 0x04) {
      // Real-time status request: answered by the printer, prints nothing.
      this.statusQueries.push(p1);
      return null;
    }
    const name = commandName(cmd);
    if ((lead === ESC && op === 0x70) || (lead === DLE && op === 0x14 && p1 === 1)) {
      this.drawerKicks++;
      this.tape.push({ kind: 'kick' });
      const previous = this.lastCut;
      if (previous && !this.pending() && this.lines.length === 0 && this.commands.length === 0) {
        previous.drawerKicks++;
        previous.commands.push(name);
      } else {
        this.kicks++;
        this.commands.push(name);
      }
      return null;
    }
    this.lastCut = null;
    this.commands.push(name);
    const continuesImage = lead === GS && op === 0x76;
    if (!continuesImage) this.imageOpen = false;
    if (lead === ESC) {
      switch (op) {
        case 0x40: // ESC @ clears the print buffer and resets modes and the code table
          this.qrStored = null;
          this.run = [];
          this.lineText = '';
          this.lineStyle = null;
          this.style = defaultStyle();
          this.encoding = this.encodingFor(0);
          return null;
        case 0x74:
          this.flushRun();
          this.codeTables.push(p1);
          this.encoding = this.encodingFor(p1);
          return null;
        case 0x45:
          this.style.bold = (p1 & 1) === 1;
          return null;
        case 0x21:
          this.style.bold = (p1 & 0x08) !== 0;
          this.style.heightTimes = p1 & 0x10 ? 2 : 1;
          this.style.widthTimes = p1 & 0x20 ? 2 : 1;
          return null;
        case 0x61:
          this.style.align = p1 === 1 || p1 === 49 ? 'center' : p1 === 2 || p1 === 50 ? 'right' : 'left';
          return null;
        case 0x64: // ESC d n: print the buffer and feed n lines
          if (p1 === 0 && this.pending()) this.endLine();
          for (let k = 0; k < p1; k++) this.endLine();
          return null;
        case 0x69: // legacy cuts
        case 0x6d:
          return this.cut();
        default:
          return null;
      }
    }
    if (lead === GS) {
      if (op === 0x28 && cmd[2] === 0x6b) {
        this.symbol(cmd);
        return null;
      }
      if (op === 0x6b) {
        this.barcode(cmd);
        return null;
      }
      if (op === 0x76 && cmd[2] === 0x30) {
        this.raster(cmd);
        return null;
      }
      if (op === 0x21) {
        this.style.widthTimes = ((p1 >> 4) & 0x07) + 1;
        this.style.heightTimes = (p1 & 0x07) + 1;
        return null;
      }
      if (op === 0x56) return this.cut();
    }
    return null;
  }

  private cut(): DecodedDocument {
    // A cut first feeds to the blade, which prints any pending partial line.
    if (this.pending()) this.endLine();
    this.tape.push({ kind: 'cut' });
    const doc = this.finish(true);
    this.lastCut = doc;
    return doc;
  }

  /** GS ( k pL pH cn fn …: 2D codes; QR (cn 49) data is stored by fn 80 and printed by fn 81. */
  private symbol(cmd: Uint8Array): void {
    const cn = cmd[5];
    const fn = cmd[6];
    if (cn !== 0x31) return;
    if (fn === 0x50) this.qrStored = Buffer.from(cmd.subarray(8)).toString('utf8');
    else if (fn === 0x51 && this.qrStored !== null) {
      // A symbol is printed on its own line: finish any pending text first.
      if (this.pending()) this.endLine();
      this.qrCodes.push(this.qrStored);
      this.tape.push({ kind: 'qr', data: this.qrStored });
    }
  }

  /** GS k m …: m 0–6 NUL-terminated data; m 65–79 a length byte then data (CODE128 starts with '{A'/'{B'/'{C'). */
  private barcode(cmd: Uint8Array): void {
    const m = cmd[2] ?? 0;
    const data = m <= 6 ? cmd.subarray(3, cmd.length - 1) : cmd.subarray(4);
    let text = Buffer.from(data).toString('latin1');
    if (m === 73) text = text.replace(/^\{[ABC]/, '').replace(/\{[ABC]/g, '').replace(/\{\{/g, '{');
    if (this.pending()) this.endLine();
    this.barcodes.push(text);
    this.tape.push({ kind: 'barcode', data: text });
  }

  /** GS v 0 m xL xH yL yH data: one band of a raster image. */
  private raster(cmd: Uint8Array): void {
    const widthDots = ((cmd[4] ?? 0) + (cmd[5] ?? 0) * 256) * 8;
    const rows = (cmd[6] ?? 0) + (cmd[7] ?? 0) * 256;
    if (this.pending()) this.endLine();
    const last = this.images.at(-1);
    if (this.imageOpen && last && last.widthDots === widthDots) last.heightDots += rows;
    else {
      this.images.push({ widthDots, heightDots: rows });
      this.tape.push({ kind: 'image', widthDots });
    }
    this.imageOpen = true;
  }
}

/** Decodes a whole stream. A trailing part without a cut becomes a last document with cut: false. */
export function decodeEscPos(
  bytes: Uint8Array,
  n2encoding: Record<number, string>,
): { documents: DecodedDocument[]; statusQueries: number[] } {
  const decoder = new EscPosStreamDecoder(n2encoding);
  const documents = decoder.push(bytes);
  const rest = decoder.flush();
  if (rest) documents.push(rest);
  return { documents, statusQueries: decoder.statusQueries };
}
