import { describe, expect, it } from 'vitest';
import { checkVatNumber, tidyVatNumber, VAT_EXAMPLES, VAT_PREFIXES } from '../../../electron/domain/vat-number.js';

describe('checkVatNumber: prefix + digits in the right length, check digit where the country has one', () => {
  it.each([
    // Estonia: EE + 9 digits beginning 10; weights 3 7 1 3 7 1 3 7, check = 10 − sum mod 10.
    { typed: 'EE100931558', stored: 'EE100931558' },
    { typed: ' ee 100 931 558 ', stored: 'EE100931558' },
    { typed: 'EE-100.931.558', stored: 'EE100931558' },
    // Latvia: LV + 11 digits.
    { typed: 'LV40003521600', stored: 'LV40003521600' },
    // Lithuania: LT + 9 digits (companies) or 12 (temporary payers).
    { typed: 'LT119511515', stored: 'LT119511515' },
    { typed: 'LT100001919017', stored: 'LT100001919017' },
    // Poland: PL + 10 digits (NIP).
    { typed: 'PL5260250995', stored: 'PL5260250995' },
    { typed: 'PL 526-025-09-95', stored: 'PL5260250995' },
    // Germany: DE + 9 digits, no leading 0.
    { typed: 'DE136695976', stored: 'DE136695976' },
    // Finland: FI + 8 digits.
    { typed: 'FI20774740', stored: 'FI20774740' },
    // Greece writes EL.
    { typed: 'EL094259216', stored: 'EL094259216' },
    // Ukraine and Kazakhstan: prefix and length only.
    { typed: 'UA123456789012', stored: 'UA123456789012' },
    { typed: 'UA1234567890', stored: 'UA1234567890' },
    { typed: 'KZ123456789012', stored: 'KZ123456789012' },
    // None at all is allowed: a private customer has no VAT number.
    { typed: '', stored: '' },
    { typed: '   ', stored: '' },
  ])('accepts "$typed" as "$stored"', ({ typed, stored }) => {
    expect(checkVatNumber(typed)).toEqual({ ok: true, value: stored });
  });

  it.each([
    // Check digit wrong (one digit mistyped).
    { typed: 'EE100931559', code: 'vat_no.check_digit', country: 'EE' },
    { typed: 'EE100391558', code: 'vat_no.check_digit', country: 'EE' },
    { typed: 'PL5260250996', code: 'vat_no.check_digit', country: 'PL' },
    { typed: 'FI20774741', code: 'vat_no.check_digit', country: 'FI' },
    { typed: 'DE136695975', code: 'vat_no.check_digit', country: 'DE' },
    // Wrong length or characters for the country.
    { typed: 'EE10093155', code: 'vat_no.bad_format', country: 'EE' },
    { typed: 'EE1009315580', code: 'vat_no.bad_format', country: 'EE' },
    { typed: 'EE200931558', code: 'vat_no.bad_format', country: 'EE' },
    { typed: 'LV4000352160', code: 'vat_no.bad_format', country: 'LV' },
    { typed: 'LT1195115150', code: 'vat_no.bad_format', country: 'LT' },
    { typed: 'PL526025099', code: 'vat_no.bad_format', country: 'PL' },
    { typed: 'DE036695976', code: 'vat_no.bad_format', country: 'DE' },
    { typed: 'FI2077474', code: 'vat_no.bad_format', country: 'FI' },
    { typed: 'EEABCDEFGHI', code: 'vat_no.bad_format', country: 'EE' },
    { typed: 'UA12345678901', code: 'vat_no.bad_format', country: 'UA' },
    { typed: 'KZ1234567890', code: 'vat_no.bad_format', country: 'KZ' },
    // A prefix the till does not know.
    { typed: 'US123456789', code: 'vat_no.unknown_country', country: 'US' },
    { typed: 'XX100931558', code: 'vat_no.unknown_country', country: 'XX' },
    { typed: 'GR094259216', code: 'vat_no.unknown_country', country: 'GR' }, // Greece writes EL
  ])('refuses "$typed": $code', ({ typed, code, country }) => {
    const result = checkVatNumber(typed);
    expect(result).toMatchObject({ ok: false, code, details: { value: tidyVatNumber(typed), country } });
    // The message can show a number of the right form for a country the till knows.
    if (code !== 'vat_no.unknown_country') expect(result).toMatchObject({ details: { example: VAT_EXAMPLES[country] } });
  });

  it.each(['100931558', '5260250995', '123', 'E100931558', '1EE00931558'])('refuses "%s" without a country prefix', (typed) => {
    expect(checkVatNumber(typed)).toEqual({ ok: false, code: 'vat_no.no_country', details: { value: typed } });
  });

  it('has an example of the right form for every prefix it checks, and each example passes', () => {
    expect(Object.keys(VAT_EXAMPLES).sort()).toEqual([...VAT_PREFIXES]);
    for (const prefix of VAT_PREFIXES) {
      const example = VAT_EXAMPLES[prefix] ?? '';
      expect(example.startsWith(prefix), prefix).toBe(true);
      expect(checkVatNumber(example), prefix).toEqual({ ok: true, value: example });
    }
    // The countries the till's shops trade with most are among them.
    expect(VAT_PREFIXES).toEqual(expect.arrayContaining(['EE', 'LV', 'LT', 'PL', 'DE', 'FI', 'SE', 'UA', 'KZ']));
  });
});
