// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { App } from '../../../renderer/src/App';
import { SettingsScreen } from '../../../renderer/src/features/settings/SettingsScreen';
import { createI18n, type Language } from '../../../renderer/src/i18n';
import type { SettingsView } from '../../../electron/contract/api';
import { OFFICE_SHOP, resetDom, startNetworkPrinter, startTill, type RendererCore } from './harness';

const press = (key: string, init: Partial<KeyboardEventInit> = {}, target?: Element | null) =>
  fireEvent.keyDown(target ?? document.activeElement ?? document.body, { key, ...init });

const combo = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const check = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const field = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;

// App is tested on its own: the real receipt screen has its own tests (and another owner).
const receiptProps = vi.hoisted(() => [] as { store?: unknown; onOpenSettings?: () => void }[]);
vi.mock('../../../renderer/src/features/receipt/ReceiptScreen', () => ({
  ReceiptScreen: (props: { store?: unknown; onOpenSettings?: () => void }) => {
    receiptProps.push(props);
    return (
      <div>
        <h1>Receipt (stub)</h1>
        <button type="button" onClick={() => props.onOpenSettings?.()}>
          Settings
        </button>
      </div>
    );
  },
}));

let core: RendererCore;
/** The settings as the core had them when the test began. */
let before: SettingsView;

async function renderSettings(lang: Language = 'en', onClose: () => void = () => {}) {
  const i18n = createI18n(lang);
  render(
    <I18nextProvider i18n={i18n}>
      <SettingsScreen onClose={onClose} />
    </I18nextProvider>,
  );
  await screen.findByRole('combobox', { name: lang === 'en' ? 'Zero-price policy' : 'Nullhinna kontroll' });
}

beforeEach(async () => {
  await resetDom();
  core = await startTill({ shop: OFFICE_SHOP });
  before = await core.ok('settings.get', {});
  window.pos = core.bridge;
});
afterEach(() => resetDom());

describe('settings screen: devices', () => {
  it('the printer connection is saved on Enter, then Test print queues a test page', async () => {
    // A network printer on this machine (simulated), so the test page really goes where the field says.
    const network = await startNetworkPrinter();
    try {
      await renderSettings();
      const printer = field('Receipt printer');
      fireEvent.change(printer, { target: { value: network.connection } });
      press('Enter', {}, printer);
      await waitFor(() => expect(core.callsOf('settings.update')).toContainEqual({ printerConnection: network.connection }));
      fireEvent.click(screen.getByRole('button', { name: 'Test print' }));
      await waitFor(() => expect(core.callsOf('printer.test')).toHaveLength(1));
      expect(await screen.findByText('A test page is on its way to the printer.')).toBeTruthy();
      await waitFor(() => expect(network.printed()).toHaveLength(1));
      // Empty is allowed here: back to the printer the till was started with.
      fireEvent.change(printer, { target: { value: '' } });
      press('Enter', {}, printer);
      await waitFor(() => expect(core.callsOf('settings.update')).toContainEqual({ printerConnection: '' }));
      expect((await core.ok('settings.get', {})).printerConnection).toBe('');
      // The core switches back to the printer it was started with (simulated in memory).
      await waitFor(() => expect(core.core.printer.port?.name).toMatch(/in memory/));
    } finally {
      await resetDom().finally(() => network.close());
    }
  });

  it('scale labels are typed as one line; a malformed one is explained and not sent', async () => {
    await renderSettings();
    const labels = field('Scale labels (prefix:item digits:weight|price[:v])');
    fireEvent.change(labels, { target: { value: '23:5:weight, 28:4:price:v' } });
    press('Enter', {}, labels);
    await waitFor(() =>
      expect(core.callsOf('settings.update')).toContainEqual({
        weightBarcodes: [
          { prefix: '23', itemDigits: 5, kind: 'weight', verifier: false },
          { prefix: '28', itemDigits: 4, kind: 'price', verifier: true },
        ],
      }),
    );
    const sent = core.callsOf('settings.update').length;
    fireEvent.change(labels, { target: { value: '19:5:weight' } });
    press('Enter', {}, labels);
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', expect.stringContaining('23:5:weight'));
    expect(core.callsOf('settings.update')).toHaveLength(sent);
  });

  it('shows the device log: a drawer opened without a sale, with its reason', async () => {
    await core.ok('drawer.open', { reason: 'change for the bakery' });
    await renderSettings();
    const log = await screen.findByRole('region', { name: 'Device log' });
    await waitFor(() => expect(log.textContent).toContain('change for the bakery'));
    const row = screen.getByRole('cell', { name: 'change for the bakery' }).closest('tr');
    expect(row?.textContent).toContain('drawer');
    expect(row?.textContent).toContain('open.requested');
  });

  it('drawer and receipt options are checkboxes saved at once', async () => {
    await renderSettings();
    fireEvent.click(check('Allow opening the drawer without a sale'));
    await waitFor(() => expect(core.callsOf('settings.update')).toContainEqual({ drawerOpenAllowed: false }));
    fireEvent.click(check('Print the shop logo'));
    await waitFor(() => expect(core.callsOf('settings.update')).toContainEqual({ receiptLogo: true }));
  });
});

describe('settings screen', () => {
  it('loads the settings and the lists into a labelled control for every setting', async () => {
    await renderSettings();
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(core.callsOf('settings.get')).toHaveLength(1);
    expect(core.callsOf('reference.lists')).toHaveLength(1);

    const zero = combo('Zero-price policy');
    expect(zero.value).toBe('warn');
    expect([...zero.options].map((o) => o.text)).toEqual(['No warning', 'Warn on save', 'Forbid']);
    expect(document.activeElement).toBe(zero);

    expect(check('Lock receipt after printing').checked).toBe(false);
    expect(check('Allow deleting unconfirmed receipts').checked).toBe(true);
    expect(check('Salesperson per row').checked).toBe(false);
    expect(check('Show article image').checked).toBe(true);
    expect(check('Find customers by phone').checked).toBe(false);
    expect(check('Transfer payments').checked).toBe(false);
    expect(check('Prepayment payments').checked).toBe(false);

    const rounding = combo('Cash rounding');
    expect(rounding.value).toBe('0.05');
    expect([...rounding.options].map((o) => o.text)).toEqual(['None', '0.05']);
    expect(field('Rounding account').value).toBe('7790');

    const series = combo('Default number series');
    expect(series.value).toBe('KA');
    expect([...series.options].map((o) => o.text)).toEqual(['KA – Cash receipts', 'KB – Second till', 'KR – Credit notes']);
    // Credit notes take their numbers from their own series.
    expect(combo('Credit note number series').value).toBe('KR');
    const warehouse = combo('Default warehouse');
    expect(warehouse.value).toBe('MAIN');
    expect([...warehouse.options].map((o) => o.value)).toEqual(['BACK', 'MAIN']); // the core lists them by code
    expect(field('Cashier name').value).toBe('Anu');
    expect(screen.getByRole('button', { name: 'Back to the receipt' })).toBeTruthy();
  });

  it('saves a changed zero-price policy at once and says so', async () => {
    await renderSettings();
    fireEvent.change(combo('Zero-price policy'), { target: { value: 'forbid' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'));
    expect(core.callsOf('settings.update')).toEqual([{ zeroPricePolicy: 'forbid' }]);
    expect(combo('Zero-price policy').value).toBe('forbid');
    expect((await core.ok('settings.get', {})).zeroPricePolicy).toBe('forbid');
  });

  it('saves checkboxes and selects, one change per call, in order', async () => {
    await renderSettings();
    fireEvent.click(check('Lock receipt after printing'));
    expect(check('Lock receipt after printing').checked).toBe(true); // shown at once
    fireEvent.click(check('Transfer payments'));
    fireEvent.change(combo('Cash rounding'), { target: { value: 'none' } });
    fireEvent.change(combo('Default warehouse'), { target: { value: 'BACK' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'));
    expect(core.callsOf('settings.update')).toEqual([
      { lockAfterPrint: true },
      { transferEnabled: true },
      { cashRounding: 'none' },
      { defaultWarehouse: 'BACK' },
    ]);
    expect(await core.ok('settings.get', {})).toEqual({
      ...before,
      lockAfterPrint: true,
      transferEnabled: true,
      cashRounding: 'none',
      defaultWarehouse: 'BACK',
    });
    expect(check('Transfer payments').checked).toBe(true);
  });

  it('saves a text field on Enter or when it is left, and not when it is empty', async () => {
    await renderSettings();
    const name = field('Cashier name');
    name.focus();
    fireEvent.change(name, { target: { value: '  Mari ' } });
    expect(core.callsOf('settings.update')).toEqual([]);
    press('Enter');
    await waitFor(() => expect(core.callsOf('settings.update')).toEqual([{ cashierName: 'Mari' }]));
    await waitFor(() => expect(field('Cashier name').value).toBe('Mari'));

    const account = field('Rounding account');
    fireEvent.change(account, { target: { value: '7791' } });
    fireEvent.blur(account);
    await waitFor(() => expect(core.callsOf('settings.update')).toEqual([{ cashierName: 'Mari' }, { roundingAccount: '7791' }]));

    fireEvent.change(name, { target: { value: '   ' } });
    press('Enter', {}, name);
    expect((await screen.findByRole('alert')).textContent).toBe("Enter the cashier's name.");
    expect(core.callsOf('settings.update')).toHaveLength(2);
  });

  it('shows a refused change translated and puts the saved value back', async () => {
    await renderSettings();
    core.failNext('settings.update', 'internal');
    fireEvent.click(check('Show article image'));
    expect((await screen.findByRole('alert')).textContent).toBe('Something went wrong in the till. The sale is kept; try again.');
    expect(check('Show article image').checked).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('goes back on Escape and on the Back button, saving a pending text first', async () => {
    const onClose = vi.fn();
    await renderSettings('en', onClose);
    fireEvent.click(screen.getByRole('button', { name: 'Back to the receipt' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));

    const name = field('Cashier name');
    name.focus();
    fireEvent.change(name, { target: { value: 'Kati' } });
    press('Escape');
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(2));
    expect(core.callsOf('settings.update')).toEqual([{ cashierName: 'Kati' }]);

    // An empty required field keeps the screen open and says why.
    fireEvent.change(name, { target: { value: '' } });
    press('Escape');
    expect((await screen.findByRole('alert')).textContent).toBe("Enter the cashier's name.");
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('speaks Estonian', async () => {
    await renderSettings('et');
    expect(screen.getByRole('heading', { level: 1, name: 'Seaded' })).toBeTruthy();
    expect([...combo('Nullhinna kontroll').options].map((o) => o.text)).toEqual(['Ei hoiata', 'Hoiata salvestamisel', 'Keela']);
    expect(check('Lukusta arve pärast printimist')).toBeTruthy();
    expect(check('Otsi kliente telefoninumbri järgi')).toBeTruthy();
    expect([...combo('Sularaha ümardamine').options].map((o) => o.text)).toEqual(['Puudub', '0,05']);
    expect(field('Kassiiri nimi').value).toBe('Anu');
    expect(combo('Vaikimisi ladu')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Tagasi kassaarvele' })).toBeTruthy();

    fireEvent.change(combo('Nullhinna kontroll'), { target: { value: 'forbid' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Salvestatud'));
  });
});

describe('App', () => {
  it('opens the settings with Ctrl+, or from the receipt screen, and comes back to the same sale', async () => {
    const i18n = createI18n('en');
    render(
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>,
    );
    expect(screen.getByRole('heading', { name: 'Receipt (stub)' })).toBeTruthy();

    press(',', { ctrlKey: true }, document.body);
    await screen.findByRole('combobox', { name: 'Zero-price policy' });
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Receipt (stub)' })).toBeNull();

    press('Escape');
    await screen.findByRole('heading', { name: 'Receipt (stub)' });
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();

    // The receipt screen's own Settings button.
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('heading', { level: 1, name: 'Settings' });
    fireEvent.click(screen.getByRole('button', { name: 'Back to the receipt' }));
    await screen.findByRole('heading', { name: 'Receipt (stub)' });

    // One store for the whole session: the sale on screen survives the visit.
    const stores = new Set(receiptProps.map((props) => props.store));
    expect(stores.size).toBe(1);
    expect([...stores][0]).toBeTruthy();
  });
});
