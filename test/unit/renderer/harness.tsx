import { expect } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { ReceiptScreen } from '../../../renderer/src/features/receipt/ReceiptScreen';
import { createI18n, type Language } from '../../../renderer/src/i18n';
import { createFakeCore, type FakeCore, type FakeCoreOptions } from './fake-core';

export interface Till {
  core: FakeCore;
  i18n: ReturnType<typeof createI18n>;
}

/** Renders the receipt screen over a fresh fake core and waits until it has loaded. */
export async function renderTill(options: FakeCoreOptions & { lang?: Language; core?: FakeCore } = {}): Promise<Till> {
  const core = options.core ?? createFakeCore(options);
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

export function resetDom(): void {
  cleanup();
  delete window.pos;
  localStorage.clear();
  sessionStorage.clear();
}

/** Presses a key where the focus is (as a keyboard would); returns false if the page prevented the default. */
export function press(key: string, target?: Element | null): boolean {
  return fireEvent.keyDown(target ?? document.activeElement ?? document.body, { key });
}

export const articleField = () => screen.getByRole('textbox', { name: 'Article' }) as HTMLInputElement;
export const cashField = () => screen.getByRole('textbox', { name: 'Cash' }) as HTMLInputElement;
export const focused = () => document.activeElement;

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

/** The row elements of the receipt (the entry row excluded). */
export const rowContents = () => screen.queryAllByLabelText('Content').map((el) => el.textContent);

export async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
