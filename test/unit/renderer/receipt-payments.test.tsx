// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  BREAD,
  MILK,
  articleField,
  cardField,
  cashField,
  focused,
  press,
  renderTill,
  resetDom,
  rowContents,
  scan,
  startReceipt,
  text,
  textbox,
} from './harness';

beforeEach(() => resetDom());
afterEach(() => resetDom());

/** Milk + bread: 3.28, which is 3.30 in cash. */
async function receipt328(): Promise<void> {
  await startReceipt();
  scan(MILK.code);
  await waitFor(() => expect(rowContents()).toHaveLength(1));
  scan(BREAD.code);
  await waitFor(() => expect(text('Sum')).toBe('3.28'));
}

const payments = () => screen.getByRole('region', { name: 'Payments' });

describe('payments', () => {
  it('F6 card for part, then F4 pre-fills the cash remainder rounded to 5 cents', async () => {
    const { core } = await renderTill();
    await receipt328();

    expect(press('F6')).toBe(false);
    await waitFor(() => expect(focused()).toBe(cardField()));
    expect(cardField().value).toBe('3.28'); // card: the exact amount, never rounded
    fireEvent.input(cardField(), { target: { value: '1' } });
    press('Enter', cardField());
    expect(focused()).toBe(articleField());
    await waitFor(() => expect(text('Due')).toBe('2.28'));
    expect(within(payments()).getByText('Card')).toBeTruthy();
    expect(within(payments()).getByText('1.00')).toBeTruthy();
    expect(within(payments()).getByText(/\*\*\*\*1234/)).toBeTruthy();
    expect(screen.getByText('Card payment of 1.00 approved.')).toBeTruthy();

    press('F4');
    await waitFor(() => expect(focused()).toBe(cashField()));
    expect(cashField().value).toBe('2.30');
    press('Enter', cashField());
    await waitFor(() => expect(text('Due')).toBe('0.00'));
    expect(text('Rounding')).toBe('0.02');
    expect(text('To pay')).toBe('3.30');
    expect(text('Sum')).toBe('3.28');
    const { id } = await core.current();
    expect(core.callsOf('receipt.pay')).toEqual([
      { receiptId: id, method: 'card', amountMinor: 100, confirmed: false },
      { receiptId: id, method: 'cash', amountMinor: 230, confirmed: false },
    ]);
    expect(core.terminal.payments.map((p) => p.amountMinor)).toEqual([100]);
  });

  it('says it waits for the card terminal and keeps the screen usable meanwhile', async () => {
    const { core } = await renderTill();
    await receipt328();
    core.terminal.hold(); // the customer is at the PIN pad
    press('F6');
    await waitFor(() => expect(focused()).toBe(cardField()));
    press('Enter', cardField());

    const waiting = await screen.findByText('Waiting for the card terminal…');
    expect(waiting.getAttribute('role')).toBe('status');
    await waitFor(() => expect(core.terminal.payments).toHaveLength(1)); // the terminal is working on it
    expect(focused()).toBe(articleField());
    expect(articleField().readOnly).toBe(false);
    expect(cardField().readOnly).toBe(true);
    core.terminal.release();
    await waitFor(() => expect(screen.queryByText('Waiting for the card terminal…')).toBeNull());
    expect(text('Due')).toBe('0.00');
  });

  it("shows the terminal's prompts in plain words while it works (translated, else its own text)", async () => {
    const { core } = await renderTill();
    await receipt328();
    core.terminal.hold();
    press('F6');
    await waitFor(() => expect(focused()).toBe(cardField()));
    press('Enter', cardField());
    await screen.findByText('Waiting for the card terminal…');
    await waitFor(() => expect(core.terminal.payments).toHaveLength(1)); // the terminal has the request
    // The terminal's prompts reach the screen through the core ('terminal.prompt').
    act(() => core.terminal.prompt({ key: 'enter_pin', text: 'PIN eingeben' }));
    expect(await screen.findByText('The customer enters the PIN…')).toBeTruthy();
    act(() => core.terminal.prompt({ key: 'other', text: 'Karte lesen' }));
    expect(await screen.findByText('Karte lesen')).toBeTruthy();
    core.terminal.release();
    await waitFor(() => expect(screen.queryByText('Karte lesen')).toBeNull());
    expect(text('Due')).toBe('0.00');
  });

  it("a terminal's decline is told in the screen's language when its result is known", async () => {
    const { core } = await renderTill();
    // The terminal's own words are German here; its result key is known, so the screen says it in English.
    core.terminal.answer = { approved: false, reason: 'Abgelehnt (51)', key: 'insufficient_funds' };
    await receipt328();
    press('F6');
    await waitFor(() => expect(focused()).toBe(cardField()));
    press('Enter', cardField());
    expect((await screen.findByRole('alert')).textContent).toBe('The card was declined (insufficient funds). Try again or take cash.');
  });

  it('a declined card says why and leaves the amount due', async () => {
    const { core } = await renderTill();
    core.terminal.answer = { approved: false, reason: 'Insufficient funds' };
    await receipt328();
    press('F6');
    await waitFor(() => expect(focused()).toBe(cardField()));
    press('Enter', cardField());
    expect((await screen.findByRole('alert')).textContent).toBe('The card was declined (Insufficient funds). Try again or take cash.');
    expect(text('Due')).toBe('3.28');
    expect(screen.queryByText('Waiting for the card terminal…')).toBeNull();
  });

  it('a payment can be removed until the receipt is confirmed', async () => {
    const { core } = await renderTill();
    await receipt328();
    press('F4');
    await waitFor(() => expect(focused()).toBe(cashField()));
    fireEvent.input(cashField(), { target: { value: '1' } });
    press('Enter', cashField());
    await waitFor(() => expect(text('Due')).toBe('2.28'));

    fireEvent.click(screen.getByRole('button', { name: 'Remove payment 1' }));
    await waitFor(() => expect(text('Due')).toBe('3.28'));
    expect(within(payments()).getByText('No payments yet.')).toBeTruthy();
    expect(core.callsOf('receipt.removePayment')).toHaveLength(1);
  });

  it('Transfer and Prepayment appear only when the settings allow them, pre-filled with the exact amount due', async () => {
    await renderTill();
    await receipt328();
    expect(screen.queryByRole('button', { name: 'Transfer' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Prepayment' })).toBeNull();
    await resetDom();

    const { core } = await renderTill({ settings: { transferEnabled: true, prepaymentEnabled: true } });
    await receipt328();
    expect(screen.queryByRole('textbox', { name: 'Transfer' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    await waitFor(() => expect(focused()).toBe(textbox('Transfer')));
    expect(textbox('Transfer').value).toBe('3.28');
    fireEvent.input(textbox('Transfer'), { target: { value: '2' } });
    press('Enter', textbox('Transfer'));
    await waitFor(() => expect(text('Due')).toBe('1.28'));
    expect(screen.queryByRole('textbox', { name: 'Transfer' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Prepayment' }));
    await waitFor(() => expect(focused()).toBe(textbox('Prepayment')));
    expect(textbox('Prepayment').value).toBe('1.28');
    press('Escape', textbox('Prepayment'));
    expect(focused()).toBe(articleField());
    expect(core.callsOf('receipt.pay')).toEqual([{ receiptId: (await core.current()).id, method: 'transfer', amountMinor: 200, confirmed: false }]);
  });

  it('a card amount above the amount due is refused with the amount due in the message', async () => {
    await renderTill();
    await receipt328();
    press('F6');
    await waitFor(() => expect(focused()).toBe(cardField()));
    fireEvent.input(cardField(), { target: { value: '5' } });
    press('Enter', cardField());
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That is more than is due (3.28). A card, transfer or prepayment takes at most the amount due.',
    );
  });
});
