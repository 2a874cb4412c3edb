import { expect } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { ReceiptScreen } from '../../../renderer/src/features/receipt/ReceiptScreen';
import { createI18n, type Language } from '../../../renderer/src/i18n';
import { startRendererCore, type RendererCore, type RendererCoreOptions } from '../../support/renderer-core';

// The shops in the real core's database, and the core's test support.
export { ANNA, APPLES, FIRM, GIFT_BAG, MILK, OFFICE_SHOP, PEETER, VASE } from '../../support/renderer-shop';
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

/** Renders the receipt screen over the real core (a fresh one unless given) and waits until it has loaded. */
export async function renderTill(options: RendererCoreOptions & { lang?: Language; core?: RendererCore } = {}): Promise<Till> {
  const core = options.core ?? (await startTill(options));
  window.pos = core.bridge;
  const i18n = createI18n(options.lang);
  render(
    <I18nextProvider i18n={i18n}>
      <ReceiptScreen />
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

export async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
