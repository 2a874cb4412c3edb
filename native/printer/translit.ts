/**
 * Cyrillic → Latin for printers whose code page has no Cyrillic, and the Latin letters that have
 * no accent-free decomposition (Ł, ß, Ø…). A name must stay readable on any paper: never '?'.
 *
 * Russian follows ICAO Doc 9303 (the Latin in Russian passports, GOST R 52535.1: Ж ZH, Х KH,
 * Ц TS, Щ SHCH, Ю IU, Я IA); Ukrainian the national table of 2010 (KMU no. 55, used in Ukrainian
 * passports: Г H, И Y, Є Ye/ie, Ї Yi/i, Й Y/i, Ю Yu/iu, Я Ya/ia, зг zgh); Kazakh letters the Latin
 * alphabet of 2021 (Ә Ä, Ғ Ğ, Қ Q, Ң Ñ, Ө Ö, Ұ Ū, Ү Ü, Һ H, І I), whose accents then degrade to
 * what the page has. The language is told per word by its letters (Ґ Є І Ї → Ukrainian, Ә Ғ Қ…
 * → Kazakh, Ё Ы Э Ъ → Russian), else by the receipt's locale.
 */

export type CyrillicLanguage = 'ru' | 'uk' | 'kk';

/** Lower-case letter → Latin, for letters transliterated the same in every table here. */
const COMMON: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', д: 'd', е: 'e', з: 'z', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '',
};

const RUSSIAN: Readonly<Record<string, string>> = {
  ...COMMON, г: 'g', ё: 'e', ж: 'zh', и: 'i', й: 'i', ъ: 'ie', ы: 'y', э: 'e', ю: 'iu', я: 'ia',
  // Letters of the other languages met in a Russian word: keep them readable.
  і: 'i', ї: 'i', є: 'ie', ґ: 'g', ў: 'u',
};

const UKRAINIAN: Readonly<Record<string, string>> = {
  ...COMMON, г: 'h', ґ: 'g', ж: 'zh', и: 'y', і: 'i', ї: 'i', й: 'i', є: 'ie', ю: 'iu', я: 'ia',
  ё: 'e', ъ: '', ы: 'y', э: 'e', '\u02bc': '', '\u2019': '', "'": '',
};
/** Ukrainian: at the start of a word these are written with Y. */
const UKRAINIAN_INITIAL: Readonly<Record<string, string>> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

const KAZAKH: Readonly<Record<string, string>> = {
  ...RUSSIAN, ә: 'ä', ғ: 'ğ', қ: 'q', ң: 'ñ', ө: 'ö', ұ: 'ū', ү: 'ü', һ: 'h', і: 'i', х: 'h', ж: 'j', ш: 'ş', щ: 'şş', ч: 'ch',
};

const TABLES: Readonly<Record<CyrillicLanguage, Readonly<Record<string, string>>>> = { ru: RUSSIAN, uk: UKRAINIAN, kk: KAZAKH };

const CYRILLIC = /\p{Script=Cyrillic}/u;
/** A word: Cyrillic letters with apostrophes inside (Ukrainian п'ять, м’ясо). */
const WORD = /[\p{Script=Cyrillic}](?:[\p{Script=Cyrillic}'\u2019\u02bc]*[\p{Script=Cyrillic}])?/gu;

export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}

/** The language a Cyrillic word is written in, by letters only one language has; else `hint`. */
export function cyrillicLanguageOf(word: string, hint: string | undefined): CyrillicLanguage {
  const lower = word.toLowerCase();
  if (/[әғқңөұүһ]/u.test(lower)) return 'kk';
  if (/[ґєії]/u.test(lower)) return 'uk';
  if (/[ёыэъ]/u.test(lower)) return 'ru';
  const lang = (hint ?? '').toLowerCase().slice(0, 2);
  return lang === 'uk' ? 'uk' : lang === 'kk' ? 'kk' : 'ru';
}

function withCase(latin: string, source: string, wordIsUpper: boolean): string {
  if (source === source.toLowerCase()) return latin;
  if (wordIsUpper) return latin.toUpperCase();
  return latin.charAt(0).toUpperCase() + latin.slice(1);
}

function transliterateWord(word: string, hint: string | undefined): string {
  const lang = cyrillicLanguageOf(word, hint);
  const table = TABLES[lang];
  const letters = [...word];
  const cased = letters.filter((c) => c.toLowerCase() !== c.toUpperCase());
  // ЩУКА → SHCHUKA, Щука → Shchuka; a one-letter word keeps title case (Я → Ya).
  const upper = cased.length > 1 && cased.every((c) => c === c.toUpperCase());
  let out = '';
  letters.forEach((ch, i) => {
    const lower = ch.toLowerCase();
    let latin: string | undefined;
    if (lang === 'uk' && i === 0) latin = UKRAINIAN_INITIAL[lower];
    if (lang === 'uk' && lower === 'г' && letters[i - 1]?.toLowerCase() === 'з') latin = 'gh'; // зг → zgh (not zh)
    latin ??= table[lower];
    out += latin === undefined ? ch : withCase(latin, ch, upper);
  });
  return out;
}

/** Every Cyrillic word of `text` in Latin letters; everything else unchanged. */
export function transliterateCyrillic(text: string, hint?: string): string {
  return text.replace(WORD, (word) => transliterateWord(word, hint));
}

/**
 * On a Cyrillic page that lacks a letter (PC866 has no І or Ґ, WPC1251 no Kazakh letters), the
 * nearest letter the reader expects: Ґ → Г, Қ → К, і → Latin i (the same glyph).
 */
export const CYRILLIC_FALLBACK: Readonly<Record<string, string>> = {
  Ґ: 'Г', ґ: 'г', І: 'I', і: 'i', Ї: 'I', ї: 'i', Є: 'Е', є: 'е', Ў: 'У', ў: 'у', Ё: 'Е', ё: 'е',
  Ә: 'А', ә: 'а', Ғ: 'Г', ғ: 'г', Қ: 'К', қ: 'к', Ң: 'Н', ң: 'н', Ө: 'О', ө: 'о',
  Ұ: 'У', ұ: 'у', Ү: 'У', ү: 'у', Һ: 'Х', һ: 'х',
};

/** Latin letters NFD cannot strip to a base letter (Ł is not L + a mark). */
export const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ð: 'D', ð: 'd', Ø: 'O', ø: 'o', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't',
  ß: 'ss', ẞ: 'SS', Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', Þ: 'Th', þ: 'th', ı: 'i', ĸ: 'k', Ŀ: 'L', ŀ: 'l',
  ŉ: "'n", ſ: 's',
};
