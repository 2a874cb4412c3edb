// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import en from '../../../assets/locales/en.json';
import et from '../../../assets/locales/et.json';
import { PrinterState, ReceiptStatus, STATUS_KEYS, Unit } from '../../../electron/contract/api';
import { ERROR_CODES } from '../../../electron/contract/errors';
import { createI18n, errorKey, formatDetails, formatMoney, LANGUAGES, languageFromLocale, statusMessage } from '../../../renderer/src/i18n';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  const enKeys = flatten(en as Tree);
  const etKeys = flatten(et as Tree);

  it('have the same keys in English and Estonian', () => {
    expect([...etKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys.keys()].filter((k) => !etKeys.has(k))).toEqual([]);
  });

  it('have no empty strings', () => {
    for (const [lang, keys] of [['en', enKeys], ['et', etKeys]] as const) {
      const empty = [...keys].filter(([, v]) => v.trim() === '').map(([k]) => `${lang}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = [...enKeys].filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(etKeys.get(k) ?? '')));
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });

  it('translate every error code, receipt status, printer state and unit of the contract', () => {
    const needed = [
      ...ERROR_CODES.map((c) => `errors.${c}`),
      ...ReceiptStatus.options.map((s) => `receipt.statusValue.${s}`),
      ...PrinterState.options.map((s) => `printer.state.${s}`),
      ...Unit.options.map((u) => `unit.${u}`),
    ];
    expect(needed.filter((k) => !enKeys.has(k))).toEqual([]);
    expect(needed.filter((k) => !etKeys.has(k))).toEqual([]);
  });

  it('word every device status the core can send, in both languages, with its values and plurals', () => {
    for (const lang of LANGUAGES) {
      const i18n = createI18n(lang);
      for (const key of STATUS_KEYS) {
        for (const count of [1, 3]) {
          const text = statusMessage(i18n.t, { key, details: { count, reason: 'R!', number: 'K000042', text: 'T!', problems: 'P!' } }, lang);
          expect(text, `${lang} ${key}`).not.toMatch(/devices\.message|\{\{|undefined/);
        }
      }
      expect(statusMessage(i18n.t, { key: 'terminal.orphans', details: { count: 3 } }, lang)).toContain('3');
      expect(statusMessage(i18n.t, { key: 'fiscal.refused', details: { number: 'K000042', reason: 'R!' } }, lang)).toMatch(/K000042.*R!/);
    }
  });

  it('keep the print section the printer uses', () => {
    for (const key of ['receipt', 'number', 'total', 'cash', 'change', 'thanks']) {
      expect(enKeys.has(`print.${key}`)).toBe(true);
      expect(etKeys.has(`print.${key}`)).toBe(true);
    }
  });
});

describe('i18n helpers', () => {
  it('resolves error keys with dots in them and formats money details per language', () => {
    const i18n = createI18n('et');
    const text = i18n.t(errorKey('receipt.not_paid', { due: 123456 }), formatDetails({ due: 123456 }, 'et'));
    expect(text).toMatch(/^Tasumata on veel 1\s234,56\./);
    i18n.changeLanguage('en');
    expect(i18n.t(errorKey('receipt.not_paid', { due: 123456 }), formatDetails({ due: 123456 }, 'en'))).toBe(
      '1,234.56 is still due. Take the payment (F4 cash) before confirming.',
    );
  });

  it('maps transport failures to connection messages', () => {
    expect(errorKey('internal', { transport: 'unreachable' })).toBe('connection.lost');
    expect(errorKey('internal', { transport: 'unauthorized' })).toBe('connection.unauthorized');
    expect(errorKey('internal', {})).toBe('errors.internal');
    expect(errorKey('article.not_found', { code: 'x' })).toBe('errors.article.not_found');
  });

  it('formats money with the codecs and picks the language from a locale', () => {
    expect(formatMoney(123456, 'en')).toBe('1,234.56');
    expect(formatMoney(123456, 'et')).toMatch(/^1\s234,56$/);
    expect(formatDetails({ quantityMilli: 1250, code: '12' }, 'et')).toEqual({ quantityMilli: '1,25', quantity: '1,25', code: '12' });
    expect(languageFromLocale('et-EE')).toBe('et');
    expect(languageFromLocale('en_GB')).toBe('en');
    expect(languageFromLocale('pl-PL')).toBeNull();
  });
});
