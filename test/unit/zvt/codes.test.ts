import { describe, expect, it } from 'vitest';
import { RESULT_CODES, cardTypeName, describeResult, describeStatus, describeTerminalStatus } from '../../../native/zvt/codes.js';

describe('result codes', () => {
  it('maps the common codes to stable keys and English texts', () => {
    expect(describeResult(0x00)).toEqual({ key: 'success', text: 'Approved' });
    expect(describeResult(0x05).key).toBe('declined');
    expect(describeResult(0x33)).toEqual({ key: 'insufficient_funds', text: 'Declined: insufficient funds (host code 51)' });
    expect(describeResult(0x64)).toEqual({ key: 'card_not_readable', text: 'Card not readable' });
    expect(describeResult(0x6c)).toEqual({ key: 'aborted', text: 'Aborted (timeout or abort key)' });
    expect(describeResult(0x9a).key).toBe('protocol_error');
    expect(describeResult(0x9c).key).toBe('busy');
    expect(describeResult(0xa0).key).toBe('receiver_not_ready');
    expect(describeResult(0xb4).key).toBe('already_reversed');
    expect(describeResult(0xb5).key).toBe('reversal_not_possible');
    expect(describeResult(0x78).key).toBe('card_expired');
    expect(describeResult(0xff).key).toBe('system_error');
  });

  it('reads other host codes 01–63 as declines with the decimal code, and names unknown codes', () => {
    expect(describeResult(0x0c)).toEqual({ key: 'declined', text: 'Declined by the card issuer or network (host code 12)' });
    expect(describeResult(0x63).key).toBe('declined');
    expect(describeResult(0x90)).toEqual({ key: 'unknown', text: 'Unknown result code 0x90' });
  });

  it('has snake_case keys and a text for every entry', () => {
    for (const [code, entry] of Object.entries(RESULT_CODES)) {
      expect(entry.key, code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(entry.text.length, code).toBeGreaterThan(3);
    }
  });

  it('terminal status: 00 ready, own codes, else the result table', () => {
    expect(describeTerminalStatus(0x00)).toEqual({ key: 'success', text: 'Terminal ready' });
    expect(describeTerminalStatus(0x51).key).toBe('initialisation_required');
    expect(describeTerminalStatus(0xcc).key).toBe('printer_not_ready');
  });
});

describe('intermediate status → prompt', () => {
  it('maps the statuses the till shows to its prompt keys', () => {
    expect(describeStatus(0x0a)).toEqual({ key: 'insert_card', text: 'Insert card' });
    expect(describeStatus(0x01).key).toBe('enter_pin');
    expect(describeStatus(0x0e).key).toBe('please_wait');
    expect(describeStatus(0x04).key).toBe('please_wait');
    expect(describeStatus(0x0b).key).toBe('remove_card');
    expect(describeStatus(0x1c).key).toBe('approved');
    expect(describeStatus(0x1d).key).toBe('declined');
    expect(describeStatus(0x15)).toEqual({ key: 'other', text: 'Incorrect PIN' });
  });

  it('the "… please remove card" variants (base + 0x40)', () => {
    expect(describeStatus(0x4b)).toEqual({ key: 'remove_card', text: 'Please remove card' });
    expect(describeStatus(0x4c)).toEqual({ key: 'remove_card', text: 'Card not readable. Please remove card' });
    expect(describeStatus(0x5c).key).toBe('approved');
    expect(describeStatus(0x5d).key).toBe('declined');
    expect(describeStatus(0x7f)).toEqual({ key: 'other', text: 'Terminal status 0x7F' });
  });

  it('card types', () => {
    expect(cardTypeName(10)).toBe('Visa');
    expect(cardTypeName(6)).toBe('Mastercard');
    expect(cardTypeName(250)).toBe('card type 250');
  });
});
