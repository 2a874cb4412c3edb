// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  BREAD,
  GIFT_BAG,
  MILK,
  articleField,
  choose,
  focused,
  press,
  renderTill,
  resetDom,
  rowContents,
  scan,
  startReceipt,
  text,
  textbox,
  type RendererCore,
  receiptWith,
} from './harness';

beforeEach(() => resetDom());
afterEach(() => resetDom());

/** A receipt with these codes on it, each row on screen before the next scan. */

const button = (name: string) => screen.getByRole('button', { name });

/** The ids of the unconfirmed receipts in the core, newest first. */
const openIds = async (core: RendererCore) => (await core.ok('receipt.listOpen', {})).map((r) => r.id);

describe('receipt life cycle: save and statuses', () => {
  it('F9 saves (View) and any change makes the receipt Modified again', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code);
    expect(text('Status')).toBe('Modified');

    expect(press('F9')).toBe(false);
    await waitFor(() => expect(text('Status')).toBe('View'));
    expect(screen.getByText('Receipt saved.')).toBeTruthy();
    expect(core.callsOf('receipt.save')).toEqual([{ receiptId: (await core.current()).id }]);
    expect(focused()).toBe(articleField());

    scan(BREAD.code);
    await waitFor(() => expect(text('Status')).toBe('Modified'));
    press('F9');
    await waitFor(() => expect(text('Status')).toBe('View'));
  });

  it('F9 names the rows the zero-price policy warns about', async () => {
    await renderTill({ settings: { zeroPricePolicy: 'warn' } });
    await receiptWith(MILK.code, GIFT_BAG.code);
    press('F9');
    expect(await screen.findByText('Receipt saved. Check the price of rows 2: they sell for 0.')).toBeTruthy();
    expect(text('Status')).toBe('View');
  });

  it('F2 on a Modified receipt asks; Discard drops it and starts a new one', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code);
    const first = (await core.current()).id;

    press('F2');
    const dialog = await screen.findByRole('dialog', { name: 'Save changes?' });
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect(core.callsOf('receipt.new')).toHaveLength(1);

    await choose('Save changes?', 'Discard');
    await waitFor(() => expect(text('Status')).toBe('New'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(rowContents()).toEqual([]);
    expect(core.callsOf('receipt.revert')).toEqual([{ receiptId: first }]);
    expect(core.callsOf('receipt.new')).toHaveLength(2);
    // Never saved, so discarding removed it: only the new receipt is open.
    const next = (await core.current()).id;
    expect(next).not.toBe(first);
    expect(await openIds(core)).toEqual([next]);
    await waitFor(() => expect(focused()).toBe(articleField()));
  });

  it('F2 → Cancel keeps the receipt; F2 → Save saves it and starts a new one', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code);

    press('F2');
    await choose('Save changes?', 'Cancel');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(rowContents()).toEqual([MILK.name]);
    expect(text('Status')).toBe('Modified');

    const first = (await core.current()).id;
    press('F2');
    await choose('Save changes?', 'Save');
    await waitFor(() => expect(text('Status')).toBe('New'));
    expect((await core.ok('receipt.get', { receiptId: first })).status).toBe('view');
  });

  it('F2 on a saved (View) receipt starts a new one without asking', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code);
    press('F9');
    await waitFor(() => expect(text('Status')).toBe('View'));
    press('F2');
    await waitFor(() => expect(text('Status')).toBe('New'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(core.callsOf('receipt.new')).toHaveLength(2);
  });

  it('Leave goes back to the saved receipt; on a never-saved one it leaves the screen empty', async () => {
    await renderTill();
    await receiptWith(MILK.code);
    press('F9');
    await waitFor(() => expect(text('Status')).toBe('View'));
    scan(BREAD.code);
    await waitFor(() => expect(rowContents()).toEqual([MILK.name, BREAD.name]));

    fireEvent.click(button('Leave'));
    await waitFor(() => expect(rowContents()).toEqual([MILK.name]));
    expect(text('Status')).toBe('View');

    press('F2');
    await waitFor(() => expect(text('Status')).toBe('New'));
    scan(BREAD.code);
    await waitFor(() => expect(rowContents()).toHaveLength(1));
    fireEvent.click(button('Leave'));
    expect(await screen.findByText('No receipt is open.')).toBeTruthy();
  });

  it('Close asks about unsaved changes, then shows the empty screen', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code);
    const { id } = await core.current();
    fireEvent.click(button('Close'));
    await choose('Save changes?', 'Save');
    expect(await screen.findByText('No receipt is open.')).toBeTruthy();
    expect((await core.ok('receipt.get', { receiptId: id })).status).toBe('view');
    expect(articleField().readOnly).toBe(true);
  });
});

describe('receipt life cycle: delete, copy, print, open, series', () => {
  it('Delete asks first and then removes the receipt', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code);
    fireEvent.click(button('Delete'));
    await choose('Delete this receipt?', 'Delete');
    expect(await screen.findByText('No receipt is open.')).toBeTruthy();
    expect(screen.getByText('Receipt deleted.')).toBeTruthy();
    expect(await openIds(core)).toEqual([]);
  });

  it('Delete is disabled, with the reason as its tooltip, when the setting forbids it or the receipt is confirmed', async () => {
    await renderTill({ settings: { allowDelete: false } });
    await receiptWith(MILK.code);
    const del = button('Delete') as HTMLButtonElement;
    expect(del.disabled).toBe(true);
    expect(del.title).toBe('Deleting receipts is turned off in the settings.');
    await resetDom();

    await renderTill();
    await receiptWith(MILK.code);
    press('F4');
    await waitFor(() => expect(focused()).toBe(textbox('Cash')));
    press('Enter', textbox('Cash'));
    await waitFor(() => expect(text('Due')).toBe('0.00'));
    press('F12');
    await waitFor(() => expect(text('Status')).toBe('Confirmed'));
    expect((button('Delete') as HTMLButtonElement).disabled).toBe(true);
    expect(button('Delete').title).toBe('A confirmed receipt cannot be deleted.');
  });

  it('Copy shows a new receipt with the same rows', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code, BREAD.code);
    const original = (await core.current()).id;
    fireEvent.click(button('Copy'));
    expect(await screen.findByText('Copy made: a new receipt with the same customer and rows.')).toBeTruthy();
    expect(rowContents()).toEqual([MILK.name, BREAD.name]);
    expect(core.callsOf('receipt.copy')).toEqual([{ receiptId: original }]);
    const copy = (await core.current()).id;
    expect(await openIds(core)).toEqual([copy, original]);
  });

  it('F8 previews the printout and Print prints it; with lock-after-print every field becomes read-only', async () => {
    const { core } = await renderTill({ settings: { lockAfterPrint: true } });
    await receiptWith(MILK.code);
    press('F8');
    const dialog = await screen.findByRole('dialog', { name: 'Print preview' });
    expect(within(dialog).getByText(/PRO FORMA/)).toBeTruthy();
    press('Enter', within(dialog).getByRole('button', { name: 'Print' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(core.callsOf('receipt.print')).toEqual([{ receiptId: (await core.current()).id }]);
    expect(await screen.findByText('Sent to the printer. The receipt is now locked.')).toBeTruthy();

    expect(screen.getAllByText(/printed and locked/).length).toBeGreaterThan(0);
    expect(articleField().readOnly).toBe(true);
    expect(textbox('Quantity').readOnly).toBe(true);
    expect(textbox('Name').readOnly).toBe(true);
    expect(screen.queryByRole('button', { name: 'Delete row 1' })).toBeNull();
    // Paying stays possible: a printed pro-forma still has to be paid and confirmed.
    press('F4');
    await waitFor(() => expect(focused()).toBe(textbox('Cash')));
  });

  it('Print on a confirmed receipt says a copy was printed', async () => {
    await renderTill();
    await receiptWith(MILK.code);
    press('F4');
    await waitFor(() => expect(focused()).toBe(textbox('Cash')));
    press('Enter', textbox('Cash'));
    await waitFor(() => expect(text('Due')).toBe('0.00'));
    press('F12');
    await waitFor(() => expect(text('Status')).toBe('Confirmed'));
    fireEvent.click(button('Print'));
    const dialog = await screen.findByRole('dialog', { name: 'Print preview (copy)' });
    press('Enter', within(dialog).getByRole('button', { name: 'Print' }));
    expect(await screen.findByText('A copy was sent to the printer.')).toBeTruthy();
  });

  it('F3 lists the open receipts and Enter opens one', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code);
    const saved = (await core.current()).id;
    press('F9');
    await waitFor(() => expect(text('Status')).toBe('View'));
    press('F2');
    await waitFor(() => expect(text('Status')).toBe('New'));

    press('F3');
    const dialog = await screen.findByRole('dialog', { name: 'Open receipts' });
    const items = within(dialog).getAllByRole('button').filter((b) => b.classList.contains('open-item'));
    expect(items).toHaveLength(2);
    expect(items[1]?.textContent).toContain('View');
    expect(items[1]?.textContent).toContain('1.29');
    expect(focused()).toBe(items[0]);
    press('ArrowDown');
    expect(focused()).toBe(items[1]);
    press('Enter');
    await waitFor(() => expect(rowContents()).toEqual([MILK.name]));
    expect(text('Status')).toBe('View');
    expect(core.callsOf('receipt.get')).toEqual([{ receiptId: saved }]);
  });

  it('Ctrl+Enter on Number picks the number series', async () => {
    const { core } = await renderTill();
    await startReceipt();
    const number = textbox('Number');
    expect(number.value).toBe('KA');
    expect(number.readOnly).toBe(true);
    fireEvent.keyDown(number, { key: 'Enter', ctrlKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Number series' });
    press('Enter', within(dialog).getByRole('button', { name: 'KB · Market stall' }));
    await waitFor(() => expect(textbox('Number').value).toBe('KB'));
    expect(core.callsOf('receipt.setSeries')).toEqual([{ receiptId: (await core.current()).id, seriesCode: 'KB' }]);
  });
});
