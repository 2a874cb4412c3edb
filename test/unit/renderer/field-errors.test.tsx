// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MILK, VASE, articleField, cashField, focused, press, renderTill, resetDom, rowContents, scan, startReceipt, textbox, typeAndLeave , receiptWith } from './harness';

beforeEach(() => resetDom());
afterEach(() => resetDom());

/** What a field's aria-describedby points at, as a screen reader reads it. */
const description = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

/** The status line at the bottom of the screen. */
const statusLine = () => screen.getByRole('contentinfo');


describe('errors beside their field: the receipt header', () => {
  it('an invalid VAT number is refused beside the field, stays there to be corrected and changes nothing', async () => {
    const { core } = await renderTill();
    await startReceipt();
    const vat = textbox('VAT number');
    typeAndLeave(vat, 'EE10093155');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('"EE10093155" is not written like a VAT number of EE: check the digits. Example: EE101471606');
    expect(vat.getAttribute('aria-invalid')).toBe('true');
    expect(description(vat)).toBe(alert.textContent);
    expect(alert.closest('.field')).toBe(vat.closest('.field'));
    expect(vat.value).toBe('EE10093155'); // the typed text stays
    expect(within(statusLine()).queryByRole('alert')).toBeNull();
    expect((await core.current()).vatNo).toBe('');

    // A check digit that does not match is a different message.
    typeAndLeave(vat, 'EE100931559');
    await waitFor(() => expect(description(vat)).toMatch(/"EE100931559" has a mistyped digit/));

    // Corrected: saved as the core tidies it, and the error is gone.
    typeAndLeave(vat, 'ee 100 931 558');
    await waitFor(() => expect(textbox('VAT number').value).toBe('EE100931558'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(textbox('VAT number').getAttribute('aria-invalid')).toBeNull();
    expect(textbox('VAT number').getAttribute('aria-describedby')).toBeNull();
    expect((await core.current()).vatNo).toBe('EE100931558');
  });

  it('an e-mail address without a domain is refused beside its field; Escape puts the saved one back', async () => {
    const { core } = await renderTill();
    await startReceipt();
    typeAndLeave(textbox('E-mail'), 'mari@example.ee');
    await waitFor(async () => expect((await core.current()).email).toBe('mari@example.ee'));

    const email = textbox('E-mail');
    typeAndLeave(email, 'mari@tamm,ee');
    expect(description(await waitForInvalid(email))).toBe('"mari@tamm,ee" is not an e-mail address. Write it like name@example.ee');
    expect((await core.current()).email).toBe('mari@example.ee');

    press('Escape', email);
    expect(email.value).toBe('mari@example.ee');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a VAT number without a country code names what is missing, in Estonian too', async () => {
    await renderTill({ lang: 'et', uiLocale: 'et-EE' });
    press('F2');
    await waitFor(() => expect(screen.getByLabelText('Olek').textContent).toBe('Uus'));
    const vat = screen.getByRole('textbox', { name: 'KMKR number' }) as HTMLInputElement;
    typeAndLeave(vat, '100931558');
    expect(description(await waitForInvalid(vat))).toBe('„100931558“ on ilma riigikoodita. Alusta KMKR numbrit riigikoodiga, nt EE101471606.');
  });

  it('a field the core names in invalid_input gets the error even when it came from elsewhere', async () => {
    const { core } = await renderTill();
    await startReceipt();
    core.failNext('receipt.setHeader', 'invalid_input', { field: 'address' });
    typeAndLeave(textbox('Address'), 'Turu 5');
    expect(description(await waitForInvalid(textbox('Address')))).toBe('That input is not valid.');
  });
});

describe('errors beside their field: amounts and rows', () => {
  it('an amount typed into Cash that is not money: beside Cash, the status line quiet; Escape clears it', async () => {
    const { core } = await renderTill();
    await receiptWith(MILK.code);
    press('F4');
    await waitFor(() => expect(focused()).toBe(cashField()));
    fireEvent.input(cashField(), { target: { value: '12,345' } });
    press('Enter', cashField());

    const alert = await screen.findByRole('alert');
    expect(description(cashField())).toBe('Enter the amount the customer handed over, e.g. 20 or 20.50.');
    expect(alert.closest('.field')).toBe(cashField().closest('.field'));
    expect(cashField().getAttribute('aria-invalid')).toBe('true');
    expect(within(statusLine()).queryByText(/amount the customer handed over/)).toBeNull();
    expect(core.callsOf('receipt.pay')).toEqual([]);

    // Corrected and paid: the error goes with the payment.
    fireEvent.input(cashField(), { target: { value: '5' } });
    press('Enter', cashField());
    await waitFor(() => expect(screen.getByLabelText('Change').textContent).toBe('3.70'));
    expect(screen.queryByRole('alert')).toBeNull();

    // Again on the next receipt's Cash, and Escape takes it away with the field.
    press('F2');
    await receiptWith(VASE.code);
    press('F4');
    await waitFor(() => expect(focused()).toBe(cashField()));
    fireEvent.input(cashField(), { target: { value: 'abc' } });
    press('Enter', cashField());
    await screen.findByRole('alert');
    press('Escape', cashField());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(focused()).toBe(articleField());
  });

  it('a card amount above the amount due: the core refuses it beside the Card field', async () => {
    await renderTill();
    await receiptWith(MILK.code);
    press('F6');
    const card = textbox('Card');
    await waitFor(() => expect(focused()).toBe(card));
    fireEvent.input(card, { target: { value: '50' } });
    press('Enter', card);
    await waitFor(() => expect(description(textbox('Card'))).toMatch(/more than is due \(1\.29\)/));
  });

  it('a row field: the error is beside that row’s field, and goes once the field is saved right', async () => {
    const { core } = await renderTill();
    await startReceipt();
    scan(MILK.code, articleField());
    scan(VASE.code, articleField());
    await waitFor(() => expect(rowContents()).toHaveLength(2));
    const [, second] = screen.getAllByRole('textbox', { name: 'Discount %' }) as HTMLInputElement[];
    typeAndLeave(second!, '150');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Enter a discount from 0 to 100 %, with at most 2 decimals.');
    expect(alert.closest('tr')).toBe(second!.closest('tr'));
    expect(description(second!)).toBe(alert.textContent);
    expect(core.callsOf('receipt.updateRow')).toEqual([]);

    typeAndLeave(second!, '10');
    await waitFor(() => expect(core.callsOf('receipt.updateRow')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(second!.getAttribute('aria-describedby')).toBeNull();
  });

  it('field errors do not follow the cashier to the next receipt', async () => {
    await renderTill();
    await startReceipt();
    typeAndLeave(textbox('VAT number'), 'XX1');
    await screen.findByRole('alert');
    press('F9');
    await waitFor(() => expect(screen.getByLabelText('Status').textContent).toBe('View'));
    press('F2');
    await waitFor(() => expect(screen.getByLabelText('Status').textContent).toBe('New'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(textbox('VAT number').value).toBe('');
  });
});

async function waitForInvalid(field: HTMLInputElement): Promise<HTMLInputElement> {
  await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
  return field;
}
