// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { App } from '../../../renderer/src/App';
import { SettingsScreen } from '../../../renderer/src/features/settings/SettingsScreen';
import { createI18n } from '../../../renderer/src/i18n';
import { flush, MILK, press, resetDom, startTill, VASE, type RendererCore } from './harness';
import { confirmedSale } from './returns-support';

/**
 * The close as the till's settings shape it, over the real core: the parts switched on the
 * settings screen, a preset of what stays in the register (the bank takes the rest, no arithmetic
 * by hand), a blind close, a total typed instead of a count, and a stock count with its warning.
 */

afterEach(resetDom);

const region = (name: string) => screen.getByRole('region', { name });
const output = (scope: HTMLElement, label: string) => within(scope).queryByLabelText(label, { exact: true })?.textContent ?? null;
const textbox = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const type = (field: HTMLElement, value: string) => fireEvent.change(field, { target: { value } });

async function renderDay(core: RendererCore): Promise<void> {
  window.pos = core.bridge;
  localStorage.setItem('pos.language', 'en');
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <App />
    </I18nextProvider>,
  );
  await screen.findByText(/Corner Shop/);
  fireEvent.keyDown(document.body, { key: 'd', ctrlKey: true });
  await screen.findByRole('region', { name: 'X report' });
}

describe('the close as the settings have it', () => {
  it('the settings screen switches the parts of the close, and the count list takes article codes', async () => {
    const core = await startTill();
    window.pos = core.bridge;
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <SettingsScreen onClose={() => {}} />
      </I18nextProvider>,
    );
    const blind = (await screen.findByRole('checkbox', { name: 'Blind close: do not show what is expected nor the difference' })) as HTMLInputElement;
    fireEvent.click(blind);
    fireEvent.click(screen.getByRole('checkbox', { name: 'To cash collection' }));
    const remains = textbox('Remains in register after the close (0: no preset)');
    type(remains, '100');
    fireEvent.blur(remains);
    const codes = textbox('Articles counted at every close (codes, separated by commas)');
    type(codes, `1205, ${'9'.repeat(40)}`);
    fireEvent.blur(codes);
    await waitFor(() => expect(codes.getAttribute('aria-invalid')).toBe('true'));
    type(codes, '1205, 1601 1205');
    fireEvent.blur(codes);
    await waitFor(async () =>
      expect(await core.ok('settings.get', {})).toMatchObject({
        closeBlind: true,
        closeCashOut: ['bank', 'safe'],
        closeRemainsMinor: 10_000,
        closeCountArticles: ['1205', '1601'],
      }),
    );
  });

  it('with 20.00 to stay, the bank takes the rest of the count (after what goes to the safe) until an amount is typed there', async () => {
    const core = await startTill();
    await core.ok('settings.update', { closeRemainsMinor: 2000 });
    await confirmedSale(core, [VASE.code]);
    await renderDay(core);
    type(textbox('Count of 10.00'), '3');
    const bank = textbox('To the bank');
    expect(bank.value).toBe('10.00');
    expect(output(region('Close the day'), 'Remains in register')).toBe('20.00');
    type(textbox('To the safe'), '4');
    expect(bank.value).toBe('6.00');
    expect(output(region('Close the day'), 'Remains in register')).toBe('20.00');
    type(bank, '5');
    expect(output(region('Close the day'), 'Remains in register')).toBe('21.00');
    // Emptied again: the bank takes the rest again.
    type(bank, '');
    expect(bank.value).toBe('6.00');
    type(bank, '5');
    type(textbox('Reason'), 'Counted twice');
    fireEvent.click(within(region('Close the day')).getByRole('button', { name: 'Close the day' }));
    await confirmClose();
    await screen.findByRole('region', { name: 'Z report 1' });
    expect(core.callsOf('day.close')[0]).toMatchObject({
      cashOut: [
        { direction: 'bank', amountMinor: 500 },
        { direction: 'safe', amountMinor: 400 },
      ],
    });
  });

  it('a blind close shows neither expected, difference nor any figure they could be worked out from, and asks no reason; a typed total where notes are not counted', async () => {
    const core = await startTill();
    await core.ok('settings.update', { closeBlind: true, closeByDenominations: false });
    await confirmedSale(core, [VASE.code]);
    await renderDay(core);
    const close = region('Close the day');
    expect(output(region('X report'), 'Expected in the register')).toBeNull();
    expect(output(close, 'Expected')).toBeNull();
    expect(output(close, 'Difference')).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Count of 10.00' })).toBeNull();
    // No X report figures, summary, charts or X paper: the day's figures are for the manager.
    expect(within(region('X report')).getByText('This till closes blind: the day’s figures are for the manager.')).toBeTruthy();
    expect(output(region('X report'), 'Net')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Summary' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Print X report' })).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();

    const total = textbox('Total counted');
    fireEvent.click(within(close).getByRole('button', { name: 'Close the day' }));
    await waitFor(() => expect(total.getAttribute('aria-invalid')).toBe('true'));
    expect(core.callsOf('day.close')).toEqual([]);
    type(total, '12');
    fireEvent.click(within(close).getByRole('button', { name: 'Close the day' }));
    await confirmClose();
    const z = await screen.findByRole('region', { name: 'Z report 1' });
    expect(core.callsOf('day.close')).toEqual([{ countedMinor: 1200, cashOut: [], reason: '', inventory: [] }]);
    expect(output(z, 'Counted')).toBe('12.00');
    expect(output(z, 'Difference')).toBeNull();
    expect(output(z, 'Net')).toBeNull();
    expect(within(z).queryByRole('button', { name: /PDF/ })).toBeNull();
    expect(core.callsOf('day.sales')).toEqual([]);
  });

  it('the stock count: a bad count stays beside its article; an empty one is warned about, then set to zero', async () => {
    const core = await startTill();
    await core.ok('settings.update', { closeCountArticles: [VASE.code, MILK.code] });
    const sold = await confirmedSale(core, [VASE.code]);
    await renderDay(core);
    const vase = screen.getByRole('textbox', { name: new RegExp(`^Counted: ${VASE.code} `) });
    type(textbox('Count of 10.00'), '1');
    type(textbox('Count of 5.00'), '1');
    type(vase, '1.5');
    fireEvent.click(within(region('Close the day')).getByRole('button', { name: 'Close the day' }));
    await waitFor(() => expect(vase.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(vase.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Count whole pieces.');
    await flush();
    expect(screen.queryByRole('dialog')).toBeNull();

    type(vase, '4');
    fireEvent.click(within(region('Close the day')).getByRole('button', { name: 'Close the day' }));
    const ask = await screen.findByRole('dialog', { name: 'Close the day?' });
    expect(ask.textContent).toContain('1 article(s) not counted will be set to zero stock.');
    press('Enter', within(ask).getByRole('button', { name: 'Close the day' }));
    const z = await screen.findByRole('region', { name: 'Z report 1' });
    expect(core.callsOf('day.close')[0]).toMatchObject({ inventory: [{ articleId: sold.rows[0]?.articleId, countedMilli: 4000 }] });
    expect(within(z).getByRole('row', { name: new RegExp(`^${MILK.code} `) }).textContent).toContain('not counted: 0');
  });

  it('the summary shows everyone’s day or only this cashier’s', async () => {
    const core = await startTill();
    await core.ok('settings.update', { cashierName: 'Mari' });
    await confirmedSale(core, [VASE.code]);
    await core.ok('settings.update', { cashierName: 'Jüri' });
    await confirmedSale(core, [MILK.code]);
    await renderDay(core);
    const summary = region('Summary');
    await waitFor(() => expect(within(summary).getByRole('rowheader', { name: 'Receipts (2)' })).toBeTruthy());
    fireEvent.change(within(summary).getByRole('combobox', { name: 'Whose' }), { target: { value: 'cashier' } });
    await waitFor(() => expect(within(summary).getByRole('rowheader', { name: 'Receipts (1)' })).toBeTruthy());
    expect(core.callsOf('day.summary').at(-1)).toEqual({ cashierOnly: true });
  });
});

/** "Close the day?": Enter on its first answer. */
async function confirmClose(): Promise<void> {
  const ask = await screen.findByRole('dialog', { name: 'Close the day?' });
  press('Enter', within(ask).getByRole('button', { name: 'Close the day' }));
}
