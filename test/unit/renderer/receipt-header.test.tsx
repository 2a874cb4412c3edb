// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ANNA, BREAD, FIRM, MILK, PEETER, press, renderTill, resetDom, rowContents, scan, startReceipt, text, textbox, typeAndLeave } from './harness';

beforeEach(() => resetDom());
afterEach(() => resetDom());

/** Types into the Customer field and presses Enter. */
function customer(value: string, init: { ctrlKey?: boolean } = {}): void {
  const field = textbox('Customer');
  fireEvent.input(field, { target: { value } });
  fireEvent.keyDown(field, { key: 'Enter', ...init });
}

describe('customer', () => {
  it('Enter with several matches opens the search with them', async () => {
    const { core } = await renderTill();
    await startReceipt();
    customer('Tamm');
    const dialog = await screen.findByRole('dialog', { name: 'Find customer' });
    const grid = within(dialog).getByRole('grid', { name: 'Customers' });
    expect(within(grid).getByText(ANNA.name)).toBeTruthy();
    expect(within(grid).getByText(PEETER.name)).toBeTruthy();
    expect(core.callsOf('customer.search')).toEqual([{ query: 'Tamm', by: 'any' }]);
    expect(screen.getByText('2 customers match. Pick one.')).toBeTruthy();

    press('Enter', within(dialog).getByRole('textbox', { name: 'Search customers' }));
    await waitFor(() => expect(textbox('Customer').value).toBe(ANNA.code));
    expect(textbox('Name').value).toBe(ANNA.name);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('an ID code with one match is taken at once and re-prices the rows; emptied + Enter is the private person again', async () => {
    const { core } = await renderTill();
    await startReceipt();
    scan(BREAD.code);
    await waitFor(() => expect(rowContents()).toHaveLength(1));
    expect(textbox('Customer').placeholder).toBe('Private person');

    customer(ANNA.idCode);
    await waitFor(() => expect(textbox('Name').value).toBe(ANNA.name));
    expect(core.callsOf('customer.search')).toEqual([{ query: ANNA.idCode, by: 'idCode' }]);
    expect(textbox('Customer').value).toBe(ANNA.code);
    expect(textbox('Address').value).toBe(ANNA.address);
    expect(textbox('E-mail').value).toBe(ANNA.email);
    expect(textbox('Discount %').value).toBe('10');
    expect(text('Sum')).toBe('1.79');
    expect(screen.queryByRole('dialog')).toBeNull();
    // The customer is settled: back to scanning.
    await waitFor(() => expect(document.activeElement).toBe(textbox('Article')));

    customer('');
    await waitFor(() => expect(textbox('Name').value).toBe(''));
    const { id } = await core.current();
    expect(core.callsOf('receipt.setCustomer')).toEqual([
      { receiptId: id, customerId: core.customerId(ANNA.code) },
      { receiptId: id, customerId: null },
    ]);
    expect(text('Sum')).toBe('1.99');
    expect(screen.getByText('Customer: private person.')).toBeTruthy();
  });

  it('a phone number searches by phone when the setting allows it; nothing found opens the search with the text', async () => {
    const { core } = await renderTill();
    await startReceipt();
    customer('600 0003');
    await waitFor(() => expect(textbox('VAT number').value).toBe(FIRM.vatNo));
    expect(core.callsOf('customer.search')).toEqual([{ query: '600 0003', by: 'phone' }]);

    customer('Nobody');
    const dialog = await screen.findByRole('dialog', { name: 'Find customer' });
    expect((within(dialog).getByRole('textbox', { name: 'Search customers' }) as HTMLInputElement).value).toBe('Nobody');
    press('Escape', within(dialog).getByRole('textbox', { name: 'Search customers' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(textbox('Name').value).toBe(FIRM.name);
  });

  it('Ctrl+Enter and a double-click open the customer search', async () => {
    await renderTill();
    await startReceipt();
    customer('Anna', { ctrlKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Find customer' });
    expect((within(dialog).getByRole('textbox', { name: 'Search customers' }) as HTMLInputElement).value).toBe('Anna');
    press('Escape', within(dialog).getByRole('textbox', { name: 'Search customers' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    fireEvent.doubleClick(textbox('Customer'));
    expect(await screen.findByRole('dialog', { name: 'Find customer' })).toBeTruthy();
  });

  it('F10 takes the customer of the ID card; no card opens the search by ID code', async () => {
    const { core } = await renderTill({ idCard: PEETER.idCode });
    await startReceipt();
    press('F10');
    await waitFor(() => expect(textbox('Name').value).toBe(PEETER.name));
    expect(core.callsOf('customer.readIdCard')).toHaveLength(1);
    await resetDom();

    await renderTill({ idCard: null });
    await startReceipt();
    press('F10');
    expect(await screen.findByRole('dialog', { name: 'Find customer' })).toBeTruthy();
    expect(screen.getByText('No ID card was read. Type the ID code to search.')).toBeTruthy();
    await resetDom();

    // No card terminal at all: the message says so and the ID code can still be typed.
    await renderTill({ terminal: 'none' });
    await startReceipt();
    press('F10');
    const dialog = await screen.findByRole('dialog', { name: 'Find customer' });
    expect(dialog).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/terminal/i);
  });
});

describe('header fields', () => {
  it('Name, Address, VAT number and E-mail save on blur with only that field; Object and Warehouse on change', async () => {
    const { core } = await renderTill();
    await startReceipt();
    typeAndLeave(textbox('Name'), 'Mari Maasikas');
    await waitFor(() => expect(core.callsOf('receipt.setHeader')).toHaveLength(1));
    const address = textbox('Address');
    fireEvent.input(address, { target: { value: 'Turu 5' } });
    press('Enter', address);
    await waitFor(() => expect(core.callsOf('receipt.setHeader')).toHaveLength(2));
    fireEvent.blur(address); // the same text again: not sent twice
    typeAndLeave(textbox('VAT number'), 'EE123');
    typeAndLeave(textbox('E-mail'), 'mari@example.ee');
    fireEvent.change(screen.getByRole('combobox', { name: 'Object' }), { target: { value: 'SHOP1' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Warehouse' }), { target: { value: 'BACK' } });
    await waitFor(() => expect(core.callsOf('receipt.setHeader')).toHaveLength(6));
    const receiptId = (await core.current()).id;
    expect(core.callsOf('receipt.setHeader')).toEqual([
      { receiptId, customerName: 'Mari Maasikas' },
      { receiptId, address: 'Turu 5' },
      { receiptId, vatNo: 'EE123' },
      { receiptId, email: 'mari@example.ee' },
      { receiptId, objectCode: 'SHOP1' },
      { receiptId, warehouseCode: 'BACK' },
    ]);
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Warehouse' }) as HTMLSelectElement).value).toBe('BACK'));
    expect(text('Status')).toBe('Modified');
    fireEvent.change(screen.getByRole('combobox', { name: 'Object' }), { target: { value: '' } });
    await waitFor(() => expect(core.callsOf('receipt.setHeader').at(-1)).toEqual({ receiptId, objectCode: null }));
    expect(textbox('Credit invoice').readOnly).toBe(true);
  });
});

describe('Estonian', () => {
  it('labels every field, button and status in Estonian', async () => {
    await renderTill({ lang: 'et', uiLocale: 'et-EE', settings: { transferEnabled: true, salespersonPerRow: true } });
    press('F2');
    await waitFor(() => expect(screen.getByLabelText('Olek').textContent).toBe('Uus'));
    scan(MILK.code, screen.getByRole('textbox', { name: 'Artikkel' }) as HTMLInputElement);
    await waitFor(() => expect(screen.getByLabelText('Olek').textContent).toBe('Muudetud'));
    for (const name of ['Number', 'Klient', 'Nimi', 'Aadress', 'KMKR number', 'E-post', 'Kreeditarve', 'Kogus', 'Allahindlus %', 'Sisu', 'Ühiku hind', 'Seerianumber', 'Sularaha', 'Kaart']) {
      expect(screen.getByRole('textbox', { name })).toBeTruthy();
    }
    for (const name of ['Objekt', 'Ladu', 'Müüja']) expect(screen.getByRole('combobox', { name })).toBeTruthy();
    for (const name of ['Ava', 'Kopeeri', 'Prindi', 'Jäta', 'Sulge', 'Kustuta', 'Ülekanne', 'Kustuta rida 1']) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
    for (const label of ['Summa', 'Maksta', 'Tasuda', 'Raha', 'Tagasi', 'Rea summa']) expect(screen.getByLabelText(label)).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Klient' }) as HTMLInputElement).placeholder).toBe('Eraisik');

    press('F9');
    await waitFor(() => expect(screen.getByLabelText('Olek').textContent).toBe('Vaade'));
    expect(screen.getByText('Arve salvestatud.')).toBeTruthy();
    scan(BREAD.code, screen.getByRole('textbox', { name: 'Artikkel' }) as HTMLInputElement);
    await waitFor(() => expect(screen.getByLabelText('Olek').textContent).toBe('Muudetud'));
    press('F2');
    const dialog = await screen.findByRole('dialog', { name: 'Salvestada muudatused?' });
    for (const name of ['Salvesta', 'Ära salvesta', 'Loobu']) expect(within(dialog).getByRole('button', { name })).toBeTruthy();
    press('Escape', within(dialog).getByRole('button', { name: 'Loobu' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByLabelText('Olek').textContent).toBe('Muudetud');
  });
});
