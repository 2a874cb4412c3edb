// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { press, renderTill, resetDom } from './harness';

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
        fiscal: { name: 'POSNET (simulated)', state: 'error', message: 'paper out' },
        terminal: { name: 'simulator', state: 'ok' },
        scanner: { name: 'Honeywell 1950g', state: 'ok' },
      }),
    );
    const fiscal = await screen.findByRole('status', { name: 'Fiscal printer' });
    expect(fiscal.textContent).toContain('Error');
    expect(fiscal.textContent).toContain('paper out');
    expect(screen.getByRole('status', { name: 'Scanner' }).textContent).toContain('Ready');
  });
});

describe('card approvals without a sale', () => {
  it('the terminal warning offers them for reversal, one keypress each', async () => {
    const { core } = await renderTill();
    const orphan = { requestId: 't-9', amountMinor: 1223, at: '2026-11-22T10:00:00.000Z', reference: 'VISA ****4242 #0007', receiptNo: '0007' };
    let left = [orphan];
    const reversed: unknown[] = [];
    const invoke = core.bridge.invoke.bind(core.bridge);
    window.pos = {
      ...core.bridge,
      invoke: async (channel: string, input: unknown) => {
        if (channel === 'terminal.orphans') return { ok: true, value: left };
        if (channel === 'terminal.reverseOrphan') {
          reversed.push(input);
          left = [];
          return { ok: true, value: left };
        }
        return invoke(channel, input);
      },
    };
    act(() =>
      core.emit('devices.changed', {
        printer: { name: 'TM-T20', state: 'ok' },
        fiscal: { name: '', state: 'none' },
        terminal: { name: 'ZVT', state: 'warning', message: '1 card approval(s) to reverse' },
        scanner: { name: '', state: 'none' },
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Card approvals to reverse…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Card approvals without a sale' });
    const choice = within(dialog).getByRole('button', { name: 'Reverse 12.23' });
    await waitFor(() => expect(document.activeElement).toBe(choice));
    press('Enter', choice);
    await waitFor(() => expect(reversed).toEqual([{ requestId: 't-9' }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});

describe('the printer indicator', () => {
  it('says "paper near end" while the printer still prints, in the screen language', async () => {
    await renderTill({ printer: { state: 'ok', message: 'paper near end' } });
    expect(screen.getByRole('status', { name: 'Printer' }).textContent).toContain('paper near end');
    resetDom();
    await renderTill({ printer: { state: 'ok', message: 'paper near end' }, lang: 'et', info: { locale: 'et-EE' } });
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
