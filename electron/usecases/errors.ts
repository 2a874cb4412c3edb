import { PosError, type ErrorCode } from '../contract/errors.js';
import { DOMAIN_ERROR_CODES, DomainError } from '../domain/errors.js';

// Every code the domain raises is one the contract knows (checked by the compiler).
const _known: readonly ErrorCode[] = DOMAIN_ERROR_CODES;
void _known;

/**
 * The contract's error for what a use case threw: its own PosError as it is, a domain refusal
 * with the same code and details; anything else is not for the caller (null: an internal error).
 */
export function contractError(error: unknown): PosError | null {
  if (error instanceof PosError) return error;
  if (error instanceof DomainError) return new PosError(error.code, error.message, error.details);
  return null;
}
