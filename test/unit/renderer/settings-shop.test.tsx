// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { resetDom, renderSettings, type RendererCore } from './harness';

const field = (name: string | RegExp) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const typeAndEnter = (input: HTMLInputElement, value: string) => {
  input.focus();
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter' });
};

let core: RendererCore;

beforeEach(async () => {
  await resetDom();
  core = await renderSettings();
});
afterEach(() => resetDom());

describe("settings: the shop on the receipt, the till's name, the time zone, the ask limits", () => {
  it('the shop identity, header and footer lines and the till name are saved as typed', async () => {
    typeAndEnter(field('Shop (legal name)'), 'Nurgapood OÜ');
    typeAndEnter(field('Registration number'), '10000000');
    typeAndEnter(field('VAT number'), 'EE100000000');
    typeAndEnter(field('Header lines (separate with |)'), 'Pikk 1 | Avatud 8–22');
    typeAndEnter(field('Till name'), 'Kassa 3');
    await waitFor(async () =>
      expect(await core.ok('settings.get', {})).toMatchObject({
        shopName: 'Nurgapood OÜ',
        shopRegNo: '10000000',
        shopVatNo: 'EE100000000',
        receiptHeader: ['Pikk 1', 'Avatud 8–22'],
        tillName: 'Kassa 3',
      }),
    );
  });

  it('a time zone the till does not know is refused beside its field and not saved', async () => {
    const before = (await core.ok('settings.get', {})).timeZone;
    const zone = field('Time zone');
    typeAndEnter(zone, 'Europe/Atlantis');
    await waitFor(() => expect(zone.getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(zone);
    expect((await core.ok('settings.get', {})).timeZone).toBe(before);
    typeAndEnter(zone, 'Europe/Vilnius');
    await waitFor(async () => expect((await core.ok('settings.get', {})).timeZone).toBe('Europe/Vilnius'));
  });

  it('the ask limits take pieces, kilograms with decimals and money', async () => {
    typeAndEnter(field('Ask above this many pieces on a row'), '50');
    typeAndEnter(field('Ask above this weight on a row (kg)'), '12.5');
    typeAndEnter(field('Ask when cash exceeds the amount due by more than'), '100');
    await waitFor(async () =>
      expect(await core.ok('settings.get', {})).toMatchObject({ maxQuantityPcs: 50, maxQuantityKgMilli: 12_500, largestBanknoteMinor: 10_000 }),
    );
    const pieces = field('Ask above this many pieces on a row');
    typeAndEnter(pieces, 'many');
    await waitFor(() => expect(pieces.getAttribute('aria-invalid')).toBe('true'));
    expect((await core.ok('settings.get', {})).maxQuantityPcs).toBe(50);
  });
});
