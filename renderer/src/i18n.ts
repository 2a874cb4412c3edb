import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../assets/locales/en.json';
import et from '../../assets/locales/et.json';
import {
  formatMoney as formatMoneyCodec,
  formatMoneyInput as formatMoneyInputCodec,
  formatQuantity as formatQuantityCodec,
  formatRate as formatRateCodec,
} from '../../electron/contract/codecs';
import type { ErrorCode } from '../../electron/contract/errors';

export const LANGUAGES = ['en', 'et'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';
export const LANGUAGE_STORAGE_KEY = 'pos.language';

export const resources = { en: { translation: en }, et: { translation: et } } as const;

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** "et-EE" -> "et"; anything unsupported -> null. */
export function languageFromLocale(locale: string | null | undefined): Language | null {
  if (!locale) return null;
  const base = locale.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : null;
}

/** The cashier's own choice, if they made one on this machine. */
export function storedLanguage(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(lang: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Storage disabled: the choice lasts for this session only.
  }
}

function applyDocumentLanguage(instance: I18n, lang: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lang;
  document.title = instance.t('app.title');
}

/** A fresh i18next instance with both languages loaded synchronously (resources are bundled). */
export function createI18n(lang: Language = storedLanguage() ?? DEFAULT_LANGUAGE): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
  });
  instance.on('languageChanged', (lng) => applyDocumentLanguage(instance, lng));
  applyDocumentLanguage(instance, lang);
  return instance;
}

/** The current language of an instance, narrowed to one we support. */
export function currentLanguage(instance: Pick<I18n, 'language' | 'resolvedLanguage'>): Language {
  return languageFromLocale(instance.resolvedLanguage ?? instance.language) ?? DEFAULT_LANGUAGE;
}

// Number formatting per language. Money is integer minor units, quantities integer thousandths:
// the codecs format them as strings, never through a float.
export const formatMoney = (minor: number, lang: Language): string => formatMoneyCodec(minor, lang);
export const formatMoneyInput = (minor: number, lang: Language): string => formatMoneyInputCodec(minor, lang);
export const formatQuantity = (milli: number, lang: Language): string => formatQuantityCodec(milli, lang);
export const formatRate = (bp: number, lang: Language): string => formatRateCodec(bp, lang);

const MONEY_DETAIL = /^(due|total|paid|tendered|change|amount|money|price)$|Minor$/;
const QUANTITY_DETAIL = /^(quantity|stock)$|Milli$/;

/** Formats the numbers in error details for the message: `due` 1250 -> "12.50" / "12,50". */
export function formatDetails(details: Record<string, string | number> | undefined, lang: Language): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (typeof value === 'number' && MONEY_DETAIL.test(key)) out[key] = formatMoney(value, lang);
    else if (typeof value === 'number' && QUANTITY_DETAIL.test(key)) out[key] = formatQuantity(value, lang);
    else out[key] = String(value);
    // `dueMinor` also answers to `{{due}}`.
    const short = key.replace(/(Minor|Milli)$/, '');
    if (short !== key && !(short in out)) out[short] = out[key];
  }
  return out;
}

/** The translation key of an error: transport failures get their own messages. */
export function errorKey(code: ErrorCode, details: Record<string, string | number> | undefined): string {
  if (code === 'internal') {
    switch (details?.transport) {
      case 'unauthorized':
      case 'no_token':
        return 'connection.unauthorized';
      case 'timeout':
        return 'connection.timeout';
      case 'bad_response':
        return 'connection.badResponse';
      case undefined:
        break;
      default:
        return 'connection.lost';
    }
  }
  return `errors.${code}`;
}

/** A device's status text (a key and its values from the core) in the screen's language. */
export function statusMessage(
  t: (key: string, values: Record<string, string | number>) => string,
  message: { key: string; details?: Record<string, string | number> | undefined },
  lang: Language,
): string {
  const values: Record<string, string | number> = formatDetails(message.details, lang);
  // Plurals need the number itself.
  if (typeof message.details?.count === 'number') values.count = message.details.count;
  return t(`devices.message.${message.key}`, values);
}
