/**
 * Text for a single-byte code page. Everything is measured in code points after we have made sure
 * each code point encodes to exactly one byte, so "characters" equal "columns" on paper.
 */
import iconv from 'iconv-lite';
import { CYRILLIC_FALLBACK, LATIN_SPECIAL, hasCyrillic, transliterateCyrillic } from './translit.js';

const cache = new Map<string, Map<string, string>>();

function checkedEncoding(encoding: string): iconv.Encoding {
  if (!iconv.encodingExists(encoding)) throw new Error(`Unknown printer encoding '${encoding}'`);
  return encoding;
}

/**
 * Whitespace variants → ASCII space: Intl money formatting groups with NBSP / narrow NBSP, and
 * NBSP sits at different byte values per code page (0xA0 in WPC1257, 0xFF in PC775) that some
 * firmwares print as a glyph. Control characters → space: a stray 0x10 0x04 in a product name
 * would otherwise be executed by the printer as a real-time status command.
 */
function normalise(text: string): string {
  return text
    .normalize('NFC') // "O" + combining tilde → "Õ", which the code page has as one byte
    .replace(/\p{Zs}/gu, ' ')
    .replace(/\p{Cc}/gu, ' ');
}

/**
 * ASCII stand-ins for typography a code page may lack (PC775 has no en dash, PC437 no €), used
 * only when the page has no byte for the character itself.
 */
const PUNCTUATION: Readonly<Record<string, string>> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': ',',
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2026': '...',
  '\u2022': '*',
  '\u00d7': 'x',
  '\u20ac': 'EUR',
};

/** True when `ch` (one code point) is exactly one byte in the code page. */
function encodable(ch: string, enc: string): boolean {
  const bytes = iconv.encode(ch, enc);
  // iconv-lite substitutes '?' for unmappable characters; a real '?' is fine too.
  return bytes.length === 1 && (bytes[0] !== 0x3f || ch === '?');
}

/** Does the page have Cyrillic letters at all (WPC1251, PC866, CP1125, RK1048)? */
function hasCyrillicPage(enc: string): boolean {
  return encodable('Ж', enc) && encodable('ж', enc);
}

/**
 * What a character the code page lacks is printed as, so that it degrades visibly but readably:
 * an ASCII stand-in for punctuation; on a Cyrillic page the nearest Cyrillic letter (Ґ → Г);
 * a Latin letter without its accents when the page has the base letter (Ő → O, ą → a), or its
 * spelled-out form (Ł → L, ß → ss); a Cyrillic letter in Latin transliteration. Only a symbol
 * none of that covers (emoji, CJK) becomes '?'.
 */
function substitute(ch: string, enc: string, depth = 0): string {
  const punctuation = PUNCTUATION[ch];
  if (punctuation !== undefined) return punctuation;
  const cyrillic = CYRILLIC_FALLBACK[ch];
  if (cyrillic !== undefined && encodable(cyrillic, enc)) return cyrillic;
  const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
  if (base.length > 0 && base !== ch && [...base].every((c) => encodable(c, enc))) return base;
  const spelled = LATIN_SPECIAL[ch] ?? (hasCyrillic(ch) ? transliterateCyrillic(ch) : undefined);
  if (spelled !== undefined && spelled !== ch && depth < 2) {
    // The replacement may itself need degrading (Kazakh Ә → Ä → A on a page without Ä).
    return [...spelled].map((c) => (encodable(c, enc) ? c : substitute(c, enc, depth + 1))).join('');
  }
  return '?';
}

/**
 * Returns the text with every code point the code page lacks replaced by a stand-in (see
 * `substitute`), so that its length in code points is its width on paper and its encoding is
 * one byte per code point. On a page without Cyrillic, Cyrillic words are transliterated whole
 * (case and the word's language matter: ЩУКА → SHCHUKA, Їжак → Yizhak); `lang` (the receipt's
 * locale) decides the table for words whose letters do not.
 */
export function printable(text: string, encoding: string, lang?: string): string {
  const enc = checkedEncoding(encoding);
  let known = cache.get(enc);
  if (!known) cache.set(enc, (known = new Map()));
  let source = normalise(text);
  if (hasCyrillic(source) && !hasCyrillicPage(enc)) source = transliterateCyrillic(source, lang).normalize('NFC');
  let out = '';
  for (const ch of source) {
    let mapped = known.get(ch);
    if (mapped === undefined) {
      mapped = encodable(ch, enc) ? ch : substitute(ch, enc);
      known.set(ch, mapped);
    }
    out += mapped;
  }
  return out;
}

/** Encodes text for the printer; characters the code page lacks become a stand-in or '?'. */
export function encodeText(text: string, encoding: string, lang?: string): Uint8Array {
  return new Uint8Array(iconv.encode(printable(text, encoding, lang), checkedEncoding(encoding)));
}

/** Width in columns of an already `printable` string. */
export function width(text: string): number {
  return [...text].length;
}

export function truncate(text: string, columns: number): string {
  const chars = [...text];
  return chars.length <= columns ? text : chars.slice(0, Math.max(0, columns)).join('');
}

/** `left` and `right` on one line, `right` flush with the last column; `left` gives way. */
export function justify(left: string, right: string, columns: number): string {
  const r = truncate(right, columns);
  const room = columns - width(r);
  if (room <= 1) return r.padStart(columns);
  const l = truncate(left, room - 1);
  return l + ' '.repeat(columns - width(l) - width(r)) + r;
}

/** Word-wraps to `columns`; words longer than a line are cut hard. */
export function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w.length > 0)) {
    let rest = word;
    while (width(rest) > columns) {
      if (line) lines.push(line);
      line = '';
      lines.push(truncate(rest, columns));
      rest = [...rest].slice(columns).join('');
    }
    if (!rest) continue;
    if (!line) line = rest;
    else if (width(line) + 1 + width(rest) <= columns) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines;
}
