/**
 * Every name prints readably on every printer profile: letters a code page lacks degrade to the
 * nearest letter it has (Õ → O, Ł → L, Ґ → Г) or to Latin transliteration (Cyrillic on a Baltic
 * page), never to '?'. Only symbols nothing covers (emoji, CJK) print as '?'.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../native/printer/escpos-decode.js';
import { encodeReceipt } from '../../../native/printer/escpos.js';
import { PRINTER_PROFILES, codeTableMap } from '../../../native/printer/profiles.js';
import { printable } from '../../../native/printer/text.js';
import { cyrillicLanguageOf, transliterateCyrillic } from '../../../native/printer/translit.js';
import { ET_LABELS, sampleReceipt } from './fixtures.js';

/** Names from each market the till serves. */
const NAMES: Readonly<Record<string, string[]>> = {
  et: ['Õunamahl', 'Šokolaad Žürii', 'Äädikas Öökull Ülle'],
  lt: ['Žemaičių dešra', 'Ąžuolas Ėriena Ųsai', 'Įdomu Čia Ęsu Ūkis'],
  lv: ['Ģirts Ķēniņš', 'Ļoti Ņemt Āboli Ūdens Īsts', 'Čūska Ēna Šis Žurka'],
  pl: ['Łódź Źdźbło', 'Żółć Gęś Ćma', 'Świeży Ńa Śliwka'],
  ru: ['Щука Борщ', 'Ёжик Съезд Мыло', 'ЧАЙ Элемент Юла Яблоко'],
  uk: ['Ґудзик їжак', 'Згода Євген Йогурт', 'м’ясо Ящик Гречка Іній'],
};

describe.each(Object.values(PRINTER_PROFILES).map((p) => [p.id, p] as const))('profile %s', (_id, profile) => {
  it.each(Object.entries(NAMES))('prints %s names without a single ?', (_lang, names) => {
    for (const name of names) {
      const out = printable(name, profile.encoding);
      expect(out, name).not.toContain('?');
      // One byte per character, and the printer decodes the same text back.
      const bytes = iconv.encode(out, profile.encoding);
      expect(bytes.length).toBe([...out].length);
      expect(iconv.decode(bytes, profile.encoding)).toBe(out);
    }
  });

  it('prints every name on a receipt: decoded paper has no ?', () => {
    const rows = Object.values(NAMES)
      .flat()
      .map((name) => ({ name, quantityMilli: 1000, unit: 'pcs' as const, unitPriceMinor: 100, sumMinor: 100, vatRateBp: 2200 }));
    const [doc] = decodeEscPos(encodeReceipt(sampleReceipt({ rows }), ET_LABELS, profile), codeTableMap(profile)).documents;
    expect(doc?.text).not.toContain('?');
  });
});

describe('what each page makes of a name', () => {
  it.each([
    // Baltic page: Baltic letters stay, Polish Ł stays (WPC1257 has it), Cyrillic becomes Latin.
    ['win1257', 'Łódź Žemaičių Ģirts Õun', 'Łódź Žemaičių Ģirts Õun'],
    ['win1257', 'Щука Борщ', 'Shchuka Borshch'],
    ['win1257', 'ЩУКА', 'SHCHUKA'],
    ['win1257', 'Ґудзик їжак', 'Gudzyk yizhak'],
    ['win1257', 'Згода Євген Йогурт Юля', 'Zghoda Yevhen Yohurt Yulia', 'uk'],
    ['win1257', 'Згода Йогурт Юля', 'Zgoda Iogurt Iulia', 'ru'],
    ['win1257', 'Ёжик Съезд Мыло', 'Ezhik Sieezd Mylo'],
    ['win1257', 'Қазақстан Әлем', 'Qazaqstan Älem'],
    // PC775 (Baltic Rim) is the same for Baltic names.
    ['cp775', 'Ąžuolas Ėriena Ųsai Ķēniņš', 'Ąžuolas Ėriena Ųsai Ķēniņš'],
    // Central European page: Polish stays, Baltic-only letters lose their accent.
    ['win1250', 'Łódź Gęś', 'Łódź Gęś'],
    ['win1250', 'Ģirts Ķēniņš Ųsai Ėriena Õun', 'Girts Keninš Usai Eriena Oun'],
    // Cyrillic page: Cyrillic stays, Latin letters lose accents, Ł is spelled L.
    ['win1251', 'Ґудзик їжак Щука', 'Ґудзик їжак Щука'],
    ['win1251', 'Łódź Õun Žemaičių', 'Lodz Oun Zemaiciu'],
    ['win1251', 'Қала Өнер', 'Кала Онер'],
    // PC866 lacks І and Ґ: the nearest letter the reader expects.
    ['cp866', 'Ґанок Іній', 'Ганок Iнiй'], // Latin I/i: the same glyph
    // PC437: the DOS page of clones' defaults.
    ['cp437', 'Õunamahl Łódź Щука', 'Ounamahl Lódz Shchuka'],
  ])('%s: %s → %s', (encoding, name, expected, lang?: string) => {
    expect(printable(name, encoding, lang)).toBe(expected);
  });

  it('keeps ? for symbols only', () => {
    expect(printable('Tee 😀 中', 'win1257')).toBe('Tee ? ?');
  });

  it('takes the word language from its letters, else the receipt locale', () => {
    expect(cyrillicLanguageOf('їжак', 'ru')).toBe('uk');
    expect(cyrillicLanguageOf('съезд', 'uk')).toBe('ru');
    expect(cyrillicLanguageOf('қала', undefined)).toBe('kk');
    expect(cyrillicLanguageOf('гора', 'uk')).toBe('uk');
    expect(cyrillicLanguageOf('гора', 'et')).toBe('ru');
    expect(transliterateCyrillic('Гора', 'uk')).toBe('Hora');
    expect(transliterateCyrillic('Гора', 'ru')).toBe('Gora');
    expect(printable('Гора', 'win1257', 'uk')).toBe('Hora');
  });

  it('keeps non-Cyrillic text and punctuation as it is', () => {
    expect(transliterateCyrillic('Tee 1 l, 2,50 € (Щ)')).toBe('Tee 1 l, 2,50 € (Shch)');
  });
});
