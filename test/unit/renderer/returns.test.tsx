// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  ANNA,
  BREAD,
  MILK,
  VASE,
  cashField,
  choose,
  focused,
  keyAndEnter,
  press,
  renderTill,
  resetDom,
  rowContents,
  startTill,
  text,
} from './harness';
import { confirmedSale } from './returns-support';

beforeEach(() => resetDom());
afterEach(() => resetDom());

const findField = () => screen.getByRole('textbox', { name: 'Receipt number or search' }) as HTMLInputElement;
const quantities = () => screen.getAllByRole('textbox', { name: 'Quantity' }) as HTMLInputElement[];

/** F7, the text typed (or scanned) into the field, Enter. */
const find = (typed: string) => keyAndEnter('F7', findField, typed);

describe('returns', () => {
  it('F7 finds a sale by its number, F5 credits it, a row is removed, F4 pays the refund out rounded and F12 confirms', async () => {
    const core = await startTill();
    const sale = await confirmedSale(core, [MILK.code, BREAD.code, VASE.code]); // 18.28
    expect(sale.number).toBe('KA-000001');
    await renderTill({ core });

    // Credit needs a confirmed sale on screen.
    const creditButton = screen.getByRole('button', { name: 'Credit' }) as HTMLButtonElement;
    expect(creditButton.disabled).toBe(true);
    expect(creditButton.title).toMatch(/No receipt is open/);

    await find('KA-000001');
    await waitFor(() => expect(text('Status')).toBe('Confirmed'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((screen.getByRole('textbox', { name: 'Number' }) as HTMLInputElement).value).toBe('KA-000001');
    expect(rowContents()).toEqual([MILK.name, BREAD.name, VASE.name]);
    expect(quantities().every((q) => q.readOnly)).toBe(true); // read-only, as a confirmed receipt is
    expect(creditButton.disabled).toBe(false);

    press('F5');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Credit note'));
    expect(screen.getByText(/^Returns KA-000001 of 22\/11\/2026/)).toBeTruthy();
    expect(quantities().map((q) => q.value)).toEqual(['-1', '-1', '-1']);
    expect(screen.getAllByText('Left to return: 1 pcs')).toHaveLength(3);
    expect(quantities()[0]).toHaveProperty('readOnly', false);
    await waitFor(() => expect(focused()).toBe(quantities()[0]));
    expect(screen.getAllByRole('textbox', { name: 'Unit price' }).every((p) => (p as HTMLInputElement).readOnly)).toBe(true);
    expect(screen.getAllByRole('textbox', { name: 'Discount %' }).every((p) => (p as HTMLInputElement).readOnly)).toBe(true);
    expect((screen.getAllByRole('combobox', { name: 'Goods' })[0] as HTMLSelectElement).value).toBe('back');
    expect(text('To refund')).toBe('18.28');

    // The vase stays with the customer: its row goes (the row number is its delete button).
    fireEvent.click(screen.getByRole('button', { name: 'Delete row 3' }));
    await choose('Remove row 3?', 'Remove');
    await waitFor(() => expect(rowContents()).toEqual([MILK.name, BREAD.name]));
    expect(text('To refund')).toBe('3.28');
    expect(text('Still to refund')).toBe('3.28');

    press('F4');
    await waitFor(() => expect(focused()).toBe(cashField()));
    expect(cashField().value).toBe('3.30'); // the refund in cash, rounded to 5 cents
    press('Enter', cashField());
    await waitFor(() => expect(text('Paid out')).toBe('3.30'));
    expect(text('Still to refund')).toBe('0.00');
    expect(screen.getByText('Paid out 3.30.')).toBeTruthy();

    press('F12');
    await waitFor(() => expect(text('Status')).toBe('Confirmed'));
    expect((screen.getByRole('textbox', { name: 'Number' }) as HTMLInputElement).value).toBe('KR-000001');
    expect(screen.getByText('Credit note KR-000001 confirmed.')).toBeTruthy();
    const note = await core.ok('receipt.find', { text: 'KR1' });
    expect(core.callsOf('receipt.pay')).toEqual([{ receiptId: note.id, method: 'cash', amountMinor: 330, confirmed: false }]);
    expect(core.callsOf('receipt.find')).toEqual([{ text: 'KA-000001' }]);
  });

  it('a text that is no number searches: the pick list shows number, time, customer, total and match; ↓ and Enter open one', async () => {
    const core = await startTill();
    await confirmedSale(core, [MILK.code]);
    await confirmedSale(core, [MILK.code, BREAD.code], { customerCode: ANNA.code });
    await renderTill({ core });

    await find('milk');
    const grid = await screen.findByRole('grid', { name: 'Receipts found' });
    await waitFor(() => expect(within(grid).getAllByRole('row')).toHaveLength(3)); // the header and two receipts
    const [newest, older] = within(grid).getAllByRole('row').slice(1);
    expect(within(newest!).getByText('KA-000002')).toBeTruthy();
    expect(within(newest!).getByText(ANNA.name)).toBeTruthy();
    expect(within(newest!).getByText(/22\/11\/2026/)).toBeTruthy();
    expect(within(newest!).getAllByText(MILK.name)).toBeTruthy();
    expect(within(older!).getByText('KA-000001')).toBeTruthy();
    expect(newest!.getAttribute('aria-selected')).toBe('true');
    expect(within(screen.getByRole('dialog')).getByRole('status').textContent).toBe('2 receipts');

    press('ArrowDown', findField());
    expect(older!.getAttribute('aria-selected')).toBe('true');
    expect(findField().getAttribute('aria-activedescendant')).toBe(older!.id);
    press('Enter', findField());
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Number' }) as HTMLInputElement).value).toBe('KA-000001'));
    expect(text('Status')).toBe('Confirmed');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(core.callsOf('receipt.search')).toEqual([{ query: 'milk', limit: 50 }]);
  });

  it('the transfer refund shows an invalid IBAN beside its field, then books the refund', async () => {
    const core = await startTill();
    await confirmedSale(core, [MILK.code, BREAD.code], { customerCode: ANNA.code });
    await renderTill({ core });
    await find('1');
    await waitFor(() => expect(text('Status')).toBe('Confirmed'));
    press('F5');
    await waitFor(() => expect(text('To refund')).not.toBe(''));
    const owed = text('Still to refund');

    fireEvent.click(screen.getByRole('button', { name: 'Refund by transfer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Refund by bank transfer' });
    const field = (name: string) => within(dialog).getByRole('textbox', { name }) as HTMLInputElement;
    expect(field('Amount').value).toBe(owed);
    expect(field('Payee name').value).toBe(ANNA.name);
    expect(field('Comment').value).toBe('Refund for KA-000001');
    fireEvent.input(field('IBAN'), { target: { value: 'EE12' } });
    fireEvent.submit(field('IBAN').form!);

    const error = await within(dialog).findByRole('alert');
    expect(error.textContent).toBe('Not a valid IBAN: check the country code, the length and the digits.');
    expect(field('IBAN').getAttribute('aria-describedby')).toBe(error.id);
    expect(field('IBAN').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(focused()).toBe(field('IBAN')));

    fireEvent.input(field('IBAN'), { target: { value: 'EE382200221020145685' } });
    fireEvent.submit(field('IBAN').form!);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(text('Still to refund')).toBe('0.00');
    const payments = screen.getByRole('region', { name: 'Payments' });
    expect(within(payments).getByText(`Transfer to ${ANNA.name}`)).toBeTruthy();
    expect(within(payments).getByText(`-${owed}`)).toBeTruthy();
  });

  it("a sale's card payment the terminal may not cancel says why; F6 refunds the part returned to the card instead", async () => {
    const core = await startTill();
    await confirmedSale(core, [MILK.code, BREAD.code], { method: 'card' }); // 3.28 by card
    await renderTill({ core });
    await find('KA1');
    await waitFor(() => expect(text('Status')).toBe('Confirmed'));
    press('F5');
    const cards = await screen.findByRole('region', { name: 'Card refund' });
    expect(within(cards).getByText('Card -3.28')).toBeTruthy();
    const cancel = within(cards).getByRole('button', { name: 'Cancel card payment' }) as HTMLButtonElement;
    expect(cancel.disabled).toBe(false);

    // Only the bread comes back: the terminal cancels only the whole card payment.
    fireEvent.click(screen.getByRole('button', { name: 'Delete row 1' }));
    await choose('Remove row 1?', 'Remove');
    await waitFor(() => expect(rowContents()).toEqual([BREAD.name]));
    await waitFor(() => expect(cancel.disabled).toBe(true));
    const reason = within(cards).getByText('only the whole card amount');
    expect(cancel.getAttribute('aria-describedby')).toBe(reason.id);
    const refund = within(cards).getByRole('button', { name: "Refund 1.99 to the card" });
    expect(refund).toBeTruthy();
    press('F6');
    await waitFor(() => expect(text('Still to refund')).toBe('0.00'));
    expect(core.terminal.reversals).toEqual([]);
    expect(core.terminal.refunds).toEqual([{ amountMinor: BREAD.priceMinor }]);
    expect(screen.getByText("1.99 refunded to the card on the terminal.")).toBeTruthy();
  });

  it('F6 on a credit note cancels the whole card payment on the terminal', async () => {
    const core = await startTill();
    await confirmedSale(core, [MILK.code, BREAD.code], { method: 'card' });
    await renderTill({ core });
    await find('1');
    await waitFor(() => expect(text('Status')).toBe('Confirmed'));
    press('F5');
    await screen.findByRole('region', { name: 'Card refund' });
    press('F6');
    await waitFor(() => expect(text('Still to refund')).toBe('0.00'));
    expect(core.terminal.reversals.map((r) => r.amountMinor)).toEqual([328]);
    expect(screen.getByText('Card payment of 3.28 cancelled on the terminal: the money goes back to the card.')).toBeTruthy();
    press('F12');
    await waitFor(() => expect(text('Status')).toBe('Confirmed'));
  });
});
