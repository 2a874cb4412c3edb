// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { BREAD, MILK, VASE, articleField, focused, renderTill, resetDom, rowContents, scan, startReceipt, textbox } from './harness';

/**
 * Scans that do not come through the Article field: a keyboard-wedge scanner typing while the
 * focus is elsewhere (told from a person by its speed), and a HID POS scanner's core event.
 * The hook reads performance.now(), which runs on a fake clock here: every key advances it by
 * the gap the test asks for, so "scanner speed" is exact and the test never sleeps.
 */

let clock = 0;
beforeEach(async () => {
  await resetDom();
  clock = 10_000;
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await resetDom();
});

const SCANNER_MS = 8;
const PERSON_MS = 80;

/**
 * Types as a keyboard (or a wedge scanner) does: a keydown per character, `gapMs` apart, that
 * lands in the focused text field (replacing its selection) unless the page prevented it; then
 * the end key. Returns which keydowns were not prevented (the fields themselves prevent Enter).
 */
function typeKeys(text: string, gapMs: number, end: 'Enter' | 'Tab' | null = 'Enter'): boolean[] {
  const through: boolean[] = [];
  for (const key of [...text, ...(end ? [end] : [])]) {
    clock += gapMs;
    const target = document.activeElement ?? document.body;
    const landed = fireEvent.keyDown(target, { key });
    through.push(landed);
    if (landed && key.length === 1 && target instanceof HTMLInputElement && !target.readOnly) {
      const start = target.selectionStart ?? target.value.length;
      const stop = target.selectionEnd ?? start;
      fireEvent.input(target, { target: { value: target.value.slice(0, start) + key + target.value.slice(stop) } });
      target.setSelectionRange(start + 1, start + 1);
    }
  }
  return through;
}

/** A pause, longer than any burst. */
const pause = () => {
  clock += 1000;
};

const customerField = () => document.getElementById('receipt-customer') as HTMLInputElement;

describe('keyboard-wedge scanner outside the Article field', () => {
  it('a fast burst in the Customer field adds the article and leaves the Customer field as it was', async () => {
    const { core } = await renderTill();
    await startReceipt();
    const customer = customerField();
    customer.focus();
    // The cashier has begun typing a customer (slowly)…
    expect(typeKeys('Ann', PERSON_MS, null).every(Boolean)).toBe(true);
    expect(customer.value).toBe('Ann');
    pause();

    // …and scans an article meanwhile.
    const through = typeKeys(MILK.code, SCANNER_MS);
    // The first five keys could still be typing and landed; from the sixth on (a scan) none did, nor Enter.
    expect(through.slice(0, 5).every(Boolean)).toBe(true);
    expect(through.slice(5).some(Boolean)).toBe(false);

    expect(customer.value).toBe('Ann'); // what had landed is taken out again
    expect(focused()).toBe(articleField());
    await waitFor(() => expect(rowContents()).toEqual([MILK.name]));
    expect(core.callsOf('receipt.addArticle')).toEqual([{ receiptId: (await core.current()).id, code: MILK.code }]);
    expect(core.callsOf('customer.search')).toEqual([]); // Enter never reached the Customer field
    expect(core.callsOf('receipt.setCustomer')).toEqual([]);
  });

  it('slow typing in Quantity is untouched', async () => {
    const { core } = await renderTill();
    await startReceipt();
    scan(MILK.code, articleField());
    await waitFor(() => expect(rowContents()).toEqual([MILK.name]));

    const quantity = textbox('Quantity');
    quantity.focus();
    quantity.select();
    // Six characters (as many as a scan has), but at a person's pace: every key lands, Enter saves.
    expect(typeKeys('10.000', PERSON_MS).slice(0, -1).every(Boolean)).toBe(true);
    const receipt = await core.current();
    await waitFor(() =>
      expect(core.callsOf('receipt.updateRow')).toEqual([{ receiptId: receipt.id, rowId: receipt.rows[0]?.id, quantityMilli: 10_000, confirmed: false }]),
    );
    expect(core.callsOf('receipt.addArticle')).toHaveLength(1);
    await waitFor(() => expect(textbox('Quantity').value).toBe('10'));
  });

  it('a quick typist is not a scanner either', async () => {
    const { core } = await renderTill();
    await startReceipt();
    const name = textbox('Name');
    name.focus();
    expect(typeKeys('Näidis OÜ', 45).slice(0, -1).every(Boolean)).toBe(true);
    expect(name.value).toBe('Näidis OÜ');
    const { id } = await core.current();
    await waitFor(() => expect(core.callsOf('receipt.setHeader')).toEqual([{ receiptId: id, customerName: 'Näidis OÜ' }]));
    expect(core.callsOf('receipt.addArticle')).toEqual([]);
  });

  it('a scan with the focus nowhere, ended by Tab, adds the article; the prefix is stripped', async () => {
    const { core } = await renderTill({ settings: { scannerPrefix: '#', scannerMinLength: 8 } });
    await startReceipt();
    act(() => articleField().blur());
    expect(focused()).toBe(document.body);
    const through = typeKeys(`#${VASE.code}`, SCANNER_MS, 'Tab');
    expect(through.at(-1)).toBe(false); // Tab ended the scan and moved nothing
    expect(focused()).toBe(articleField());
    await waitFor(() => expect(rowContents()).toEqual([VASE.name]));
    expect(core.callsOf('receipt.addArticle')).toEqual([{ receiptId: (await core.current()).id, code: VASE.code }]);
  });

  it('a scanner with no end key: a short silence ends the scan', async () => {
    const { core } = await renderTill();
    await startReceipt();
    const customer = customerField();
    customer.focus();
    typeKeys(MILK.code, SCANNER_MS, null);
    // The silence timer is real (100 ms); the keys' clock is the fake one.
    await waitFor(() => expect(rowContents()).toEqual([MILK.name]));
    expect(customer.value).toBe('');
    expect(focused()).toBe(articleField());
    expect(core.callsOf('receipt.addArticle')).toEqual([{ receiptId: (await core.current()).id, code: MILK.code }]);
  });

  it('in the Article field nothing changes: the field takes the scan itself, once', async () => {
    const { core } = await renderTill();
    await startReceipt();
    expect(focused()).toBe(articleField());
    // Every character lands there (the field's own Enter handling is as it always was).
    expect(typeKeys(BREAD.code, SCANNER_MS).slice(0, -1).every(Boolean)).toBe(true);
    await waitFor(() => expect(rowContents()).toEqual([BREAD.name]));
    expect(core.callsOf('receipt.addArticle')).toEqual([{ receiptId: (await core.current()).id, code: BREAD.code }]);
    expect(articleField().value).toBe('');
  });

  it('without a receipt a scan says to press F2, as the Article field does', async () => {
    const { core } = await renderTill();
    customerField().focus();
    typeKeys(MILK.code, SCANNER_MS);
    expect(await screen.findByText('No receipt is open. Press F2 to start a new one.')).toBeTruthy();
    expect(core.callsOf('receipt.addArticle')).toEqual([]);
  });
});

describe('while a dialog is open', () => {
  async function openArticleIndex(): Promise<{ dialog: HTMLElement; query: HTMLInputElement }> {
    await startReceipt();
    fireEvent.input(articleField(), { target: { value: 'vase' } });
    fireEvent.keyDown(articleField(), { key: 'Enter', ctrlKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Article index' });
    const query = within(dialog).getByRole('textbox', { name: 'Search articles' }) as HTMLInputElement;
    await within(dialog).findByText(VASE.name);
    return { dialog, query };
  }

  it('a wedge scan is ignored with a message: nothing is typed into the dialog, Enter picks nothing', async () => {
    const { core } = await renderTill();
    const { query } = await openArticleIndex();
    expect(focused()).toBe(query);
    pause();

    const through = typeKeys(MILK.code, SCANNER_MS);
    expect(through.at(-1)).toBe(false);
    expect(query.value).toBe('vase');
    expect(await screen.findByText('A scan was ignored while a dialog is open. Close the dialog and scan again.')).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Article index' })).toBeTruthy();
    expect(core.callsOf('receipt.addArticle')).toEqual([]);
    expect(focused()).toBe(query);
  });

  it("a HID scan ('scanner.scanned') is ignored with the same message", async () => {
    const { core } = await renderTill();
    await openArticleIndex();
    act(() => core.emit('scanner.scanned', { code: MILK.code }));
    expect(await screen.findByText('A scan was ignored while a dialog is open. Close the dialog and scan again.')).toBeTruthy();
    expect(core.callsOf('receipt.addArticle')).toEqual([]);
  });
});

describe('HID POS scanner', () => {
  it("the core's 'scanner.scanned' adds the row and brings the focus back to Article", async () => {
    const { core } = await renderTill();
    await startReceipt();
    customerField().focus();
    act(() => core.emit('scanner.scanned', { code: MILK.code }));
    expect(focused()).toBe(articleField());
    await waitFor(() => expect(rowContents()).toEqual([MILK.name]));
    act(() => core.emit('scanner.scanned', { code: BREAD.code }));
    await waitFor(() => expect(rowContents()).toEqual([MILK.name, BREAD.name]));
    const { id } = await core.current();
    expect(core.callsOf('receipt.addArticle')).toEqual([
      { receiptId: id, code: MILK.code },
      { receiptId: id, code: BREAD.code },
    ]);
  });
});
