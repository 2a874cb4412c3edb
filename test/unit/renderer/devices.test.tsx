// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { VASE, press, renderTill, resetDom } from './harness';

beforeEach(() => resetDom());
afterEach(() => resetDom());

describe('the device status bar', () => {
  it('shows the configured devices and follows the core’s pushes; unconfigured ones stay hidden', async () => {
    const { core } = await renderTill();
    const terminal = await screen.findByRole('status', { name: 'Card terminal' });
    expect(terminal.textContent).toContain('Ready');
    expect(screen.queryByRole('status', { name: 'Fiscal printer' })).toBeNull();

    act(() =>
      core.emit('devices.changed', {
        printer: { name: 'TM-T20', state: 'ok' },
        fiscal: { name: 'POSNET (simulated)', state: 'error', message: { key: 'fiscal.paper_out' } },
        terminal: { name: 'simulator', state: 'ok' },
        scanner: { name: 'Honeywell 1950g', state: 'ok' },
        ledger: { name: 'hledger-web http://127.0.0.1:5077', state: 'warning', message: { key: 'ledger.parked', details: { count: 2 } } },
      }),
    );
    const fiscal = await screen.findByRole('status', { name: 'Fiscal printer' });
    expect(fiscal.textContent).toContain('Error');
    // The core sends a key; the screen words it.
    expect(fiscal.textContent).toContain('the fiscal printer is out of paper');
    expect(screen.getByRole('status', { name: 'Scanner' }).textContent).toContain('Ready');
    // Documents the ledger did not take: a badge with the count and where to look.
    expect(screen.getByRole('status', { name: 'Ledger' }).textContent).toContain('2 documents set aside: see Settings → Accounting ledger');
  });
});

describe('card approvals without a sale', () => {
  it('the terminal warning offers them for reversal, one keypress each', async () => {
    const { core } = await renderTill();
    // A card payment of 12.23 whose answer was lost; the cashier took cash instead and confirmed.
    const { id } = await core.ok('receipt.new', {});
    await core.ok('receipt.addArticle', { receiptId: id, code: VASE.code });
    core.terminal.answer = { lost: true };
    core.terminal.recovery = 'unknown';
    expect(await core.call('receipt.pay', { receiptId: id, method: 'card', amountMinor: 1223 })).toMatchObject({
      ok: false,
      error: { code: 'payment.terminal_in_doubt' },
    });
    await core.ok('receipt.pay', { receiptId: id, method: 'cash', amountMinor: 1500 });
    await core.ok('receipt.confirm', { receiptId: id });
    // Asked again, the terminal says it approved: money no sale took, which the status bar now says.
    core.terminal.recovery = 'truth';
    expect(await core.ok('terminal.recover', {})).toEqual({ settled: 1, inDoubt: 0 });
    const [orphan] = await core.ok('terminal.orphans', {});

    fireEvent.click(await screen.findByRole('button', { name: 'Card approvals to reverse…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Card approvals without a sale' });
    const choice = await within(dialog).findByRole('button', { name: 'Reverse 12.23' });
    await waitFor(() => expect(document.activeElement).toBe(choice));
    press('Enter', choice);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(core.callsOf('terminal.reverseOrphan')).toEqual([{ requestId: orphan?.requestId }]);
    expect(core.terminal.reversals).toEqual([{ amountMinor: 1223, receiptNo: '0001' }]);
    expect(await core.ok('terminal.orphans', {})).toEqual([]);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Card approvals to reverse…' })).toBeNull());
  });
});

describe('the printer indicator', () => {
  it('says "paper near end" while the printer still prints, in the screen language', async () => {
    await renderTill({ paperNearEnd: true });
    expect(screen.getByRole('status', { name: 'Printer' }).textContent).toContain('paper near end');
    await resetDom();
    await renderTill({ paperNearEnd: true, lang: 'et', uiLocale: 'et-EE' });
    expect(screen.getByRole('status', { name: 'Printer' }).textContent).toContain('paber lõpeb');
  });
});

describe('open drawer without a sale', () => {
  it('asks for a reason by keyboard and sends it; a reason under 3 characters is not sent', async () => {
    const { core } = await renderTill();
    const button = screen.getByRole('button', { name: 'Open drawer' });
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Open the cash drawer' });
    const reason = within(dialog).getByRole('textbox', { name: 'Reason' }) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(reason));
    fireEvent.input(reason, { target: { value: 'x' } });
    fireEvent.submit(reason.form as HTMLFormElement);
    expect(core.callsOf('drawer.open')).toEqual([]);
    fireEvent.input(reason, { target: { value: 'change for the bakery' } });
    fireEvent.submit(reason.form as HTMLFormElement);
    await waitFor(() => expect(core.callsOf('drawer.open')).toEqual([{ reason: 'change for the bakery' }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('The drawer opens (change for the bakery).')).toBeTruthy();
  });

  it('Escape cancels without opening', async () => {
    const { core } = await renderTill();
    fireEvent.click(screen.getByRole('button', { name: 'Open drawer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Open the cash drawer' });
    press('Escape', within(dialog).getByRole('textbox', { name: 'Reason' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(core.callsOf('drawer.open')).toEqual([]);
  });
});
