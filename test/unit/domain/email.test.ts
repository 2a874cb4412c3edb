import { describe, expect, it } from 'vitest';
import { checkEmail } from '../../../electron/domain/email.js';

describe('checkEmail', () => {
  it.each([
    ['mari@example.ee', 'mari@example.ee'],
    ['  mari.tamm@example.ee ', 'mari.tamm@example.ee'],
    ['arved+pood@kask-pojad.example.ee', 'arved+pood@kask-pojad.example.ee'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['JURI.KASK@EXAMPLE.EE', 'JURI.KASK@EXAMPLE.EE'],
    // International domains and names (RFC 6531), and their ASCII form.
    ['jüri@jõgeva.ee', 'jüri@jõgeva.ee'],
    ['info@xn--jgeva-dua.ee', 'info@xn--jgeva-dua.ee'],
    ['kontakt@łódź.pl', 'kontakt@łódź.pl'],
    ['a@b.co', 'a@b.co'],
    ['', ''],
  ])('accepts %j', (typed, stored) => {
    expect(checkEmail(typed)).toEqual({ ok: true, value: stored });
  });

  it.each([
    'mari',
    'mari@',
    '@example.ee',
    'mari@example',
    'mari@tamm,ee',
    'mari@@tamm.ee',
    'mari@tamm@example.ee',
    'mari tamm@example.ee',
    'mari@exa mple.ee',
    '.mari@example.ee',
    'mari.@example.ee',
    'mari..tamm@example.ee',
    'mari@example..ee',
    'mari@example.ee.',
    'mari@.example.ee',
    'mari@-example.ee',
    'mari@example-.ee',
    'mari@example.e',
    'mari@example.123',
    'mari@[192.168.0.1]',
    '"mari tamm"@example.ee',
    'mari(work)@example.ee',
    `${'a'.repeat(65)}@example.ee`,
    `mari@${'a'.repeat(64)}.ee`,
    `mari@${'abcdefghi.'.repeat(25)}ee`,
  ])('refuses %j', (typed) => {
    expect(checkEmail(typed)).toEqual({ ok: false, code: 'email.invalid', details: { value: typed.trim() } });
  });
});
