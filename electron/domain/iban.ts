import { electronicFormatIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools';

/**
 * An IBAN for a refund by bank transfer, checked the way a bank would: a country the IBAN registry
 * knows, that country's length and format, and the mod-97 check digits (ibantools keeps the
 * registry). Spaces and lower case as people write it are accepted; the electronic form is kept.
 */
export type IbanCheck = { ok: true; iban: string } | { ok: false; reason: 'country' | 'length' | 'format' | 'check_digits' };

export function checkIban(text: string): IbanCheck {
  const iban = electronicFormatIBAN(text) ?? '';
  const result = validateIBAN(iban);
  if (result.valid) return { ok: true, iban };
  const errors = result.errorCodes;
  if (iban.length < 2 || errors.includes(ValidationErrorsIBAN.NoIBANCountry)) return { ok: false, reason: 'country' };
  if (errors.includes(ValidationErrorsIBAN.WrongBBANLength)) return { ok: false, reason: 'length' };
  if ([ValidationErrorsIBAN.WrongIBANChecksum, ValidationErrorsIBAN.ChecksumNotNumber, ValidationErrorsIBAN.WrongAccountBankBranchChecksum].some((e) => errors.includes(e))) {
    return { ok: false, reason: 'check_digits' };
  }
  return { ok: false, reason: 'format' };
}
