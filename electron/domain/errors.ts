/**
 * What the domain refuses, as a code a person can act on and the values the message needs. The use
 * cases pass these on as the contract's errors; the domain itself knows nothing of the contract.
 */
export const DOMAIN_ERROR_CODES = [
  'fiscal.name_too_long',
  'fiscal.unavailable',
  'quantity.invalid',
  'vat_no.no_country',
  'vat_no.unknown_country',
  'vat_no.bad_format',
  'vat_no.check_digit',
  'email.invalid',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
