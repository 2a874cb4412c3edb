/**
 * A customer's e-mail address, checked the way a mail server would take it, without asking one:
 * one @; before it the usual address characters (letters of any alphabet too, as RFC 6531 allows)
 * in dot-separated parts; after it a domain of at least two labels, each of letters, digits and
 * inner hyphens, ending in a top-level domain of letters (or an xn-- one). Quoted local parts and
 * IP-address domains are legal but no shop's customer has one; refusing them catches typos
 * such as "mari@tamm,ee", "mari.tamm@gmail" or "mari@@tamm.ee" at the till instead of at the
 * e-mail receipt that never arrives.
 */

export type EmailCheck = { ok: true; value: string } | { ok: false; code: 'email.invalid'; details: { value: string } };

/** One dot-separated part of the name before the @: RFC 5322's atom characters, any letter or digit. */
const LOCAL_ATOM = /^[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~-]+$/u;
/** One label of the domain: letters (any alphabet) and digits, hyphens only inside. */
const LABEL = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?$/u;
/** The top-level domain: letters, or the ASCII form of an international one. */
const TOP_LEVEL = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/iu;

/** The limits of RFC 5321: 64 characters before the @, 63 per label, 254 in all. */
const MAX_LOCAL = 64;
const MAX_LABEL = 63;
const MAX_ADDRESS = 254;

/** Checks an e-mail address as typed (trimmed); empty is allowed (the customer gave none). */
export function checkEmail(raw: string): EmailCheck {
  const value = raw.trim();
  if (value === '') return { ok: true, value };
  const refuse: EmailCheck = { ok: false, code: 'email.invalid', details: { value } };
  if (value.length > MAX_ADDRESS) return refuse;

  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (at <= 0 || local.length > MAX_LOCAL || local.includes('@')) return refuse;
  if (!local.split('.').every((atom) => LOCAL_ATOM.test(atom))) return refuse;

  const labels = domain.split('.');
  if (labels.length < 2) return refuse;
  if (!labels.every((label) => label.length <= MAX_LABEL && LABEL.test(label))) return refuse;
  if (!TOP_LEVEL.test(labels.at(-1) ?? '')) return refuse;
  return { ok: true, value };
}
