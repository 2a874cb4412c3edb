import { brazil, checkVAT, countries, type Country } from 'jsvat';

/**
 * A customer's VAT number as the till accepts it: the country prefix, then that country's digits
 * in the right length, with the check digit right where the country has one. The EU countries
 * (and Norway, Switzerland, the UK, Serbia, Russia, Andorra) are checked by jsvat, which knows
 * each one's lengths and check-digit formula; Ukraine and Kazakhstan, where the till also sells,
 * publish no check digit for VAT payers, so only their prefix and length are checked here.
 * Spaces, dashes, dots and lower case are tidied away: "ee 100 931 558" is stored as "EE100931558".
 */

export type VatNumberError = 'vat_no.no_country' | 'vat_no.unknown_country' | 'vat_no.bad_format' | 'vat_no.check_digit';

export type VatNumberCheck =
  | { ok: true; value: string }
  | { ok: false; code: VatNumberError; details: { value: string; country?: string; example?: string } };

/** Brazil's numbers carry no prefix, so jsvat would claim any number that begins with two digits: not ours. */
const CHECKED: readonly Country[] = countries.filter((c) => c.name !== brazil.name);

/** The prefix a VAT number starts with, per country (Greece writes EL, not its ISO code GR). */
const BY_PREFIX = new Map<string, Country>(CHECKED.map((c) => [c.name === 'Greece' ? 'EL' : (c.codes[0] ?? ''), c]));

/** Countries jsvat does not know: the digits after the prefix, by length only. */
const LENGTH_ONLY: Record<string, RegExp> = {
  // Ukraine: the VAT payer's individual tax number, 12 digits (10 for a sole trader's).
  UA: /^(\d{10}|\d{12})$/,
  // Kazakhstan: the business (or individual) identification number, 12 digits.
  KZ: /^\d{12}$/,
};

/**
 * A number of the right form for each prefix, shown in the message when one is wrong. Each passes
 * its own country's check (test/unit/domain/vat-number.test.ts); none is a real company's.
 */
export const VAT_EXAMPLES: Readonly<Record<string, string>> = {
  AD: 'ADU636966E',
  AT: 'ATU52278814',
  BE: 'BE0587834153',
  BG: 'BG089721113',
  CH: 'CHE032808466',
  CY: 'CY15977705L',
  CZ: 'CZ75540932',
  DE: 'DE112189793',
  DK: 'DK05827604',
  EE: 'EE101471606',
  EL: 'EL124882898',
  ES: 'ESB60454899',
  EU: 'EU986024967',
  FI: 'FI24089628',
  FR: 'FR76665439777',
  GB: 'GB661201520',
  HR: 'HR20713179200',
  HU: 'HU42131892',
  IE: 'IE6547375A',
  IT: 'IT93121681873',
  KZ: 'KZ123456789012',
  LT: 'LT077584913',
  LU: 'LU91607688',
  LV: 'LV46073810779',
  MT: 'MT13978933',
  NL: 'NL763047501B01',
  NO: 'NO226996540',
  PL: 'PL1558931815',
  PT: 'PT574914277',
  RO: 'RO85249095',
  RS: 'RS835731193',
  RU: 'RU8886957988',
  SE: 'SE306152813301',
  SI: 'SI10038051',
  SK: 'SK1725022926',
  UA: 'UA123456789012',
};

/** Every prefix the till checks. */
export const VAT_PREFIXES: readonly string[] = [...BY_PREFIX.keys(), ...Object.keys(LENGTH_ONLY)].sort();

/** Upper case, without the spaces, dashes, dots and slashes people type into numbers. */
export const tidyVatNumber = (raw: string): string => raw.trim().toUpperCase().replace(/[\s./-]+/g, '');

/** Checks a VAT number as typed; empty is allowed (the customer has none). */
export function checkVatNumber(raw: string): VatNumberCheck {
  const value = tidyVatNumber(raw);
  if (value === '') return { ok: true, value };
  const prefix = /^[A-Z]{2}/.exec(value)?.[0];
  if (prefix === undefined) return { ok: false, code: 'vat_no.no_country', details: { value } };
  const refuse = (code: VatNumberError): VatNumberCheck => ({
    ok: false,
    code,
    details: { value, country: prefix, ...(VAT_EXAMPLES[prefix] ? { example: VAT_EXAMPLES[prefix] } : {}) },
  });

  const lengthOnly = LENGTH_ONLY[prefix];
  if (lengthOnly) return lengthOnly.test(value.slice(2)) ? { ok: true, value } : refuse('vat_no.bad_format');

  const country = BY_PREFIX.get(prefix);
  if (!country) return refuse('vat_no.unknown_country');
  // Only the prefix's own country: jsvat also matches numeric country codes ("100…" is Bulgaria's).
  const result = checkVAT(value, [country]);
  if (result.isValid) return { ok: true, value };
  return refuse(result.isValidFormat ? 'vat_no.check_digit' : 'vat_no.bad_format');
}
