// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { App } from '../../../renderer/src/App';
import { createI18n, type Language } from '../../../renderer/src/i18n';
import { flush, press, resetDom, startTill, VASE, type RendererCore } from './harness';
import { confirmedSale } from './returns-support';

/**
 * The day screen over the real core: reached by Ctrl+D from the receipt, the X report of the
 * day's sales, the count by notes and coins, the reason a difference needs, the confirmation and
 * the Z report.
 */

afterEach(resetDom);

async function renderApp(lang: Language = 'en'): Promise<RendererCore> {
  const core = await startTill();
  window.pos = core.bridge;
  // The cashier's own choice: the till's locale does not switch the screen to another language.
  localStorage.setItem('pos.language', lang);
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <App />
    </I18nextProvider>,
  );
  await screen.findByText(/Corner Shop/);
  return core;
}

const region = (name: string) => screen.getByRole('region', { name });
const output = (scope: HTMLElement, label: string) => within(scope).getByLabelText(label, { exact: true }).textContent;
const count = (value: string) => screen.getByRole('textbox', { name: `Count of ${value}` }) as HTMLInputElement;
const type = (field: HTMLElement, value: string) => fireEvent.change(field, { target: { value } });

/** Ctrl+D from the receipt screen; waits for the open day's X report. */
async function openDayScreen(): Promise<void> {
  fireEvent.keyDown(document.body, { key: 'd', ctrlKey: true });
  await screen.findByRole('heading', { level: 1, name: 'Day' });
}

describe('the day screen', () => {
  it('Ctrl+D shows the X report; a count that differs needs a reason; with one, the close is confirmed and Z report 1 is shown and listed', async () => {
    const core = await renderApp();
    await confirmedSale(core, [VASE.code]);

    await openDayScreen();
    const x = await screen.findByRole('region', { name: 'X report' });
    expect(output(x, 'Net')).toBe('15.00');
    expect(output(x, 'Sales')).toBe('15.00');
    expect(output(x, 'Receipts')).toMatch(/^1 \(/);
    expect(within(x).getByRole('rowheader', { name: 'Cash' })).toBeTruthy();
    // The cursor waits in the first count.
    await waitFor(() => expect(document.activeElement).toBe(count('500.00')));

    // 10.00 + 2 × 1.00 = 12.00 counted against 15.00 expected.
    type(count('10.00'), '1');
    type(count('1.00'), '2');
    const close = region('Close the day');
    expect(output(close, 'Total counted')).toBe('12.00');
    expect(output(close, 'Expected')).toBe('15.00');
    expect(output(close, 'Difference')).toBe('-3.00');
    expect(output(close, 'Remains in register')).toBe('12.00');

    // No reason: refused beside the Reason field, no question asked, nothing sent.
    fireEvent.click(within(close).getByRole('button', { name: 'Close the day' }));
    const reason = within(close).getByRole('textbox', { name: 'Reason' });
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    const reasonError = document.getElementById(reason.getAttribute('aria-describedby')?.split(' ')[0] ?? '');
    expect(reasonError?.textContent).toBe('The count differs from the documents by -3.00: say why.');
    expect(document.activeElement).toBe(reason);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(core.callsOf('day.close')).toEqual([]);
    expect(await core.ok('day.current', {})).not.toBeNull();

    // With a reason: "Close the day? This cannot be undone." — then Z report 1.
    type(reason, 'Change given twice');
    fireEvent.click(within(close).getByRole('button', { name: 'Close the day' }));
    const dialog = await screen.findByRole('dialog', { name: 'Close the day?' });
    expect(within(dialog).getByText('This cannot be undone.')).toBeTruthy();
    press('Enter', within(dialog).getByRole('button', { name: 'Close the day' }));

    const z = await screen.findByRole('region', { name: 'Z report 1' });
    expect(core.callsOf('day.close')).toEqual([
      {
        counts: [
          { valueMinor: 1000, count: 1 },
          { valueMinor: 100, count: 2 },
        ],
        cashOut: [],
        reason: 'Change given twice',
        inventory: [],
      },
    ]);
    expect(within(z).getByText('The day is closed. Its Z report went to the receipt printer.')).toBeTruthy();
    expect(output(z, 'Counted')).toBe('12.00');
    expect(output(z, 'Difference')).toBe('-3.00');
    expect(output(z, 'Net')).toBe('15.00');
    expect(output(z, 'Reason')).toBe('Change given twice');
    await waitFor(() => expect(document.activeElement).toBe(within(z).getByRole('heading', { name: 'Z report 1' })));
    expect(await core.ok('day.current', {})).toBeNull();

    // The list of Z reports has it; with no day open, the screen offers to open one.
    const list = region('Z reports');
    await waitFor(() => expect(within(list).getAllByRole('row')).toHaveLength(2));
    const row = within(list).getAllByRole('row')[1] as HTMLElement;
    expect(within(row).getByRole('rowheader').textContent).toBe('1');
    expect(row.textContent).toContain('15.00');
    expect(row.textContent).toContain('12.00');
    expect(row.textContent).toContain('-3.00');
    expect(screen.getByRole('region', { name: 'Open the day' })).toBeTruthy();
    // Printed again from the list, as it was closed, marked COPY.
    fireEvent.click(within(row).getByRole('button', { name: 'Print Z 1 again' }));
    await waitFor(() => expect(core.callsOf('day.printZ')).toEqual([{ zNumber: 1 }]));
    expect(await screen.findByText('Z report 1 went to the receipt printer again, marked COPY.')).toBeTruthy();

    // Escape: back to the receipt.
    press('Escape');
    await screen.findByText(/Corner Shop/);
    expect(screen.queryByRole('heading', { level: 1, name: 'Day' })).toBeNull();
  });

  it('refuses negative or typed-out counts and cash out beside their fields, and sends nothing', async () => {
    const core = await renderApp();
    await confirmedSale(core, [VASE.code]);
    await openDayScreen();
    await screen.findByRole('region', { name: 'X report' });

    type(count('5.00'), '-1');
    type(count('2.00'), 'two');
    type(screen.getByRole('textbox', { name: 'To the bank' }), '-5');
    type(screen.getByRole('textbox', { name: 'Reason' }), 'Counted twice');
    fireEvent.click(within(region('Close the day')).getByRole('button', { name: 'Close the day' }));

    await waitFor(() => expect(count('5.00').getAttribute('aria-invalid')).toBe('true'));
    const errorOf = (field: HTMLElement) => document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent;
    expect(errorOf(count('5.00'))).toBe('A count cannot be negative.');
    expect(errorOf(count('2.00'))).toBe('Type a whole number of notes or coins, 0 or more.');
    expect(errorOf(screen.getByRole('textbox', { name: 'To the bank' }))).toBe('An amount cannot be negative.');
    expect(document.activeElement).toBe(count('5.00'));
    expect(screen.getByText('Fix the marked fields: nothing was sent.').getAttribute('role')).toBe('alert');
    await flush();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(core.callsOf('day.close')).toEqual([]);
  });

  it('opens a day with its float counted note by note, books cash in, and speaks Estonian', async () => {
    const core = await renderApp('et');
    fireEvent.keyDown(document.body, { key: 'd', ctrlKey: true });
    await screen.findByRole('heading', { level: 1, name: 'Päev' });
    const twenty = await screen.findByRole('textbox', { name: '20,00 kogus' });
    const ten = screen.getByRole('textbox', { name: '10,00 kogus' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: '500,00 kogus' })));

    type(twenty, 'abc');
    fireEvent.submit(twenty.closest('form') as HTMLFormElement);
    await waitFor(() => expect(twenty.getAttribute('aria-invalid')).toBe('true'));
    expect(core.callsOf('day.open')).toEqual([]);

    // 2 × 20,00 + 1 × 10,00: the float adds up as it is counted.
    type(twenty, '2');
    type(ten, '1');
    expect(output(region('Ava päev'), 'Algsaldo')).toBe('50,00');
    fireEvent.submit(twenty.closest('form') as HTMLFormElement);
    const x = await screen.findByRole('region', { name: 'X-aruanne' });
    expect(core.callsOf('day.open')).toEqual([
      {
        counts: [
          { valueMinor: 2000, count: 2 },
          { valueMinor: 1000, count: 1 },
        ],
      },
    ]);
    expect(output(x, 'Algsaldo')).toBe('50,00');
    expect(output(x, 'Oodatav kassas')).toBe('50,00');
    expect(screen.getByRole('region', { name: 'Sulge päev' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: '20,00 kogus' })).toBeTruthy();

    const cash = region('Sissemakse / väljamakse');
    type(within(cash).getByRole('textbox', { name: 'Summa' }), '10');
    type(within(cash).getByRole('textbox', { name: 'Selgitus' }), 'Vahetusraha');
    fireEvent.submit(within(cash).getByRole('textbox', { name: 'Summa' }).closest('form') as HTMLFormElement);
    await waitFor(() => expect(output(x, 'Oodatav kassas')).toBe('60,00'));
    expect(output(x, 'Sissemaksed')).toBe('10,00');
    expect(screen.getByText('Kassasse pandi 10,00.').getAttribute('role')).toBe('status');

    // Taking out more than there is: the core's refusal beside the amount.
    fireEvent.change(within(cash).getByRole('combobox', { name: 'Liik' }), { target: { value: 'cash_out' } });
    type(within(cash).getByRole('textbox', { name: 'Summa' }), '100');
    type(within(cash).getByRole('textbox', { name: 'Selgitus' }), 'Pangale');
    fireEvent.submit(within(cash).getByRole('textbox', { name: 'Summa' }).closest('form') as HTMLFormElement);
    await within(cash).findByText('See on rohkem, kui kassas on.');
    expect(output(x, 'Oodatav kassas')).toBe('60,00');
  });
});
