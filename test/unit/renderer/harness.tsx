import { expect } from 'vitest';
import { act, cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { ReceiptScreen } from '../../../renderer/src/features/receipt/ReceiptScreen';
import { SettingsScreen } from '../../../renderer/src/features/settings/SettingsScreen';
import type { ReceiptStore } from '../../../renderer/src/features/receipt/store';
import { createI18n, type Language } from '../../../renderer/src/i18n';
import { startRendererCore, type RendererCore, type RendererCoreOptions } from '../../support/renderer-core';
import { OFFICE_SHOP as OFFICE_SHOP_FIXTURE } from '../../support/renderer-shop';

// The real core answers through a real dispatcher: on a machine busy with other work (two cores
// running the whole suite) an answer may take longer than the library's 1 s default. A behaviour
// that never comes still fails, only later.
configure({ asyncUtilTimeout: 5000 });

// The shops in the real core's database, and the core's test support.
export { ANNA, APPLES, BREAD, FIRM, GIFT_BAG, MILK, OFFICE_SHOP, PEETER, VASE } from '../../support/renderer-shop';
export { startNetworkPrinter, type RendererCore } from '../../support/renderer-core';

export interface Till {
  core: RendererCore;
  i18n: ReturnType<typeof createI18n>;
}

const running: RendererCore[] = [];

/** Starts the real core with a seeded shop; `resetDom` closes it. */
export async function startTill(options: RendererCoreOptions = {}): Promise<RendererCore> {
  const core = await startRendererCore(options);
  running.push(core);
  return core;
}

/** Renders the settings screen over a real core with the office's shop and waits until it has loaded. */
export async function renderSettings(): Promise<RendererCore> {
  const core = await startTill({ shop: OFFICE_SHOP_FIXTURE });
  window.pos = core.bridge;
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <SettingsScreen onClose={() => {}} />
    </I18nextProvider>,
  );
  await screen.findByRole('combobox', { name: 'Zero-price policy' });
  return core;
}

/** Renders the receipt screen over the real core (a fresh one unless given) and waits until it has loaded. */
export async function renderTill(options: RendererCoreOptions & { lang?: Language; core?: RendererCore; store?: ReceiptStore } = {}): Promise<Till> {
  const core = options.core ?? (await startTill(options));
  window.pos = core.bridge;
  const i18n = createI18n(options.lang);
  render(
    <I18nextProvider i18n={i18n}>
      <ReceiptScreen {...(options.store ? { store: options.store } : {})} />
    </I18nextProvider>,
  );
  // Loaded = the shop name arrived from app.info.
  await screen.findByText(/Corner Shop/);
  return { core, i18n };
}

/** Unmounts the screen, forgets the browser's storage and closes the cores the test started. */
export async function resetDom(): Promise<void> {
  cleanup();
  delete window.pos;
  localStorage.clear();
  sessionStorage.clear();
  await Promise.all(running.splice(0).map((core) => core.close()));
}

/** Presses a key where the focus is (as a keyboard would); returns false if the page prevented the default. */
export function press(key: string, target?: Element | null): boolean {
  return fireEvent.keyDown(target ?? document.activeElement ?? document.body, { key });
}

export const articleField = () => screen.getByRole('textbox', { name: 'Article' }) as HTMLInputElement;
export const cashField = () => screen.getByRole('textbox', { name: 'Cash' }) as HTMLInputElement;
export const cardField = () => screen.getByRole('textbox', { name: 'Card' }) as HTMLInputElement;
export const textbox = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
export const focused = () => document.activeElement;
/** The text of a labelled output (Sum, Due, Status…). */
export const text = (label: string) => screen.getByLabelText(label).textContent;

/** What a barcode scanner does: types the code into the focused field, then Enter. */
export function scan(code: string, field: HTMLInputElement = document.activeElement as HTMLInputElement): void {
  fireEvent.input(field, { target: { value: code } });
  press('Enter', field);
}

/** F2, then the codes scanned one by one into the Article field, each waited for as a new row. */
export async function receiptWith(...codes: string[]): Promise<void> {
  await startReceipt();
  for (const [i, code] of codes.entries()) {
    scan(code, articleField());
    await waitFor(() => expect(rowContents()).toHaveLength(i + 1));
  }
}

/** F2, then wait until the new receipt is on screen. */
export async function startReceipt(): Promise<void> {
  press('F2');
  await waitFor(() => expect(screen.getByLabelText('Status').textContent).toBe('New'));
}

/** The Content of every row of the receipt (the entry row has none). */
export const rowContents = () => screen.queryAllByRole('textbox', { name: 'Content' }).map((el) => (el as HTMLInputElement).value);

/** Types into a field and leaves it (blur saves it), as a cashier tabbing on would. */
export function typeAndLeave(field: HTMLInputElement, value: string): void {
  fireEvent.input(field, { target: { value } });
  fireEvent.blur(field);
}

/** Chooses an answer of the open dialog from the keyboard (ChoiceDialog acts on keydown). */
export async function choose(dialogName: string | RegExp, answer: string): Promise<void> {
  const dialog = await screen.findByRole('dialog', { name: dialogName });
  press('Enter', within(dialog).getByRole('button', { name: answer }));
}

/**
 * Enter in a form's text field: the field's own handlers first, then — unless one of them
 * prevented it — the form submits, as a browser submits it on Enter (jsdom does not).
 */
export function enterIn(field: HTMLInputElement): void {
  if (press('Enter', field) && field.form) fireEvent.submit(field.form);
}

/** A kg article entered by its code asks for its weight: types it into "Weight (kg)" and presses Enter. */
export async function weigh(name: string, kg: string): Promise<void> {
  const dialog = await screen.findByRole('dialog', { name: `Weight of ${name}` });
  const field = within(dialog).getByRole('textbox', { name: 'Weight (kg)' }) as HTMLInputElement;
  await waitFor(() => expect(document.activeElement).toBe(field));
  fireEvent.input(field, { target: { value: kg } });
  enterIn(field);
}

export async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** An F-key that opens a field (F4 cash, F7 find…): waits for the focus there, types the text (or a scan) and presses Enter. */
export async function keyAndEnter(key: string, field: () => HTMLInputElement, typed: string): Promise<void> {
  press(key);
  await waitFor(() => expect(focused()).toBe(field()));
  fireEvent.input(field(), { target: { value: typed } });
  press('Enter', field());
}
