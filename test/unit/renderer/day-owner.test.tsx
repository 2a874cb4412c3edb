// @vitest-environment jsdom
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { App } from '../../../renderer/src/App';
import { createI18n, type Language } from '../../../renderer/src/i18n';
import { press, resetDom, startTill, VASE, type RendererCore } from './harness';
import { placeReportFile } from '../../support/reports-folder';
import { confirmedSale } from './returns-support';

/**
 * The owner's view on the day screen over the real core: the day's sales by hour of the shop's
 * clock and by payment method as tables (jsdom draws no canvas, so the tables are what shows), the
 * closed day's figures after the close, and its Z report opened as a PDF — in a new window, or as
 * a download where no window may open.
 */

afterEach(async () => {
  vi.restoreAllMocks();
  await resetDom();
});

async function renderApp(lang: Language = 'en'): Promise<RendererCore> {
  const core = await startTill({ settings: { timeZone: 'Europe/Tallinn' } });
  window.pos = core.bridge;
  localStorage.setItem('pos.language', lang);
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <App />
    </I18nextProvider>,
  );
  await screen.findByText(/Corner Shop/);
  return core;
}

/** The rows of a table as text, header row first. */
const rowsOf = (table: HTMLElement) => within(table).getAllByRole('row').map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

/** A Blob's text (jsdom's Blob has no text(): its FileReader reads it). */
function textOf(blob: Blob | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!blob) return reject(new Error('no blob'));
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable blob'));
    reader.readAsText(blob);
  });
}

/** What the PDF opened from the screen was: its Blob URL's bytes and type, and how it was shown. */
function catchPdf(windowOpens: boolean) {
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return `blob:test/${blobs.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  const open = vi.spyOn(window, 'open').mockImplementation(() => (windowOpens ? ({ opener: window } as unknown as Window) : null));
  const downloads: { href: string; download: string }[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ href: this.getAttribute('href') ?? '', download: this.download });
  });
  return { blobs, open, downloads };
}

describe("the day screen's owner view", () => {
  it('shows the sales by hour and by method, after the close the closed day, and opens the Z report as a PDF', async () => {
    const core = await renderApp();
    await confirmedSale(core, [VASE.code]); // 12:00 in Tallinn, cash 15.00
    core.clock.advance(90 * 60_000);
    await confirmedSale(core, [VASE.code, VASE.code], { method: 'card' }); // 13:30, card 30.00

    fireEvent.keyDown(document.body, { key: 'd', ctrlKey: true });
    const charts = await screen.findByRole('region', { name: 'Sales charts' });
    expect((within(charts).getByRole('combobox', { name: 'Day shown' }) as HTMLSelectElement).value).toBe('open');
    const byHour = await within(charts).findByRole('table', { name: 'Sales by hour' });
    expect(rowsOf(byHour)).toEqual([
      ['Hour', 'Sales', 'Returns', 'Net'],
      ['12:00', '15.00', '0.00', '15.00'],
      ['13:00', '30.00', '0.00', '30.00'],
    ]);
    expect(rowsOf(within(charts).getByRole('table', { name: 'Sales by payment method' }))).toEqual([
      ['Payment method', 'Taken', 'Paid back', 'Net'],
      ['Cash', '15.00', '0.00', '15.00'],
      ['Card', '30.00', '0.00', '30.00'],
    ]);

    // The close (15.00 counted), then its Z report offers its PDF.
    fireEvent.change(screen.getByRole('textbox', { name: 'Count of 10.00' }), { target: { value: '1' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Count of 5.00' }), { target: { value: '1' } });
    fireEvent.click(within(screen.getByRole('region', { name: 'Close the day' })).getByRole('button', { name: 'Close the day' }));
    press('Enter', within(await screen.findByRole('dialog', { name: 'Close the day?' })).getByRole('button', { name: 'Close the day' }));
    const z = await screen.findByRole('region', { name: 'Z report 1' });

    // The charts now show the closed day: the same figures, picked as Z report 1.
    await waitFor(() => expect((within(charts).getByRole('combobox', { name: 'Day shown' }) as HTMLSelectElement).value).toBe('1'));
    expect(rowsOf(await within(charts).findByRole('table', { name: 'Sales by hour' }))).toEqual(rowsOf(byHour));

    // Z report 1's PDF as the files lane saves it (under jsdom the lane cannot: see placeReportFile).
    const saved = placeReportFile('Z-000001', '%PDF-1.4\n% Z report 1\n%%EOF\n');
    onTestFinished(() => saved.remove());
    const caught = catchPdf(true);
    fireEvent.click(within(z).getByRole('button', { name: 'Open Z 1 as PDF' }));
    expect(await screen.findByText('Z report 1 opened as a PDF in a new window.')).toBeTruthy();
    expect(core.callsOf('day.zPdf')).toEqual([{ zNumber: 1 }]);
    expect(caught.open).toHaveBeenCalledWith('blob:test/1', '_blank');
    const blob = caught.blobs[0];
    expect(blob?.type).toBe('application/pdf');
    expect((await textOf(blob)).slice(0, 5)).toBe('%PDF-');

    // No window may open (a popup blocker, the Electron shell): the file is downloaded instead.
    caught.open.mockImplementation(() => null);
    const list = screen.getByRole('region', { name: 'Z reports' });
    fireEvent.click(within(list).getByRole('button', { name: 'Open Z 1 as PDF' }));
    expect(await screen.findByText('Z report 1 was downloaded as Z-000001.pdf.')).toBeTruthy();
    expect(caught.downloads).toEqual([{ href: 'blob:test/2', download: 'Z-000001.pdf' }]);
  });

  it('says so when there were no sales, and speaks Estonian', async () => {
    const core = await renderApp('et');
    await core.ok('day.open', { floatMinor: 0 });
    fireEvent.keyDown(document.body, { key: 'd', ctrlKey: true });
    const charts = await screen.findByRole('region', { name: 'Müügigraafikud' });
    expect(await within(charts).findByText('Sel päeval müüke ei olnud.')).toBeTruthy();
    expect(within(charts).getByRole('combobox', { name: 'Näidatav päev' })).toBeTruthy();
    expect(within(charts).getByRole('option', { name: 'Avatud päev' })).toBeTruthy();
  });

  it('a PDF that cannot be had is said on the screen', async () => {
    const core = await renderApp();
    await confirmedSale(core, [VASE.code]);
    await core.ok('day.close', { countedMinor: 1500 });
    fireEvent.keyDown(document.body, { key: 'd', ctrlKey: true });
    const list = await screen.findByRole('region', { name: 'Z reports' });
    const caught = catchPdf(true);
    core.failNext('day.zPdf', 'day.not_found', { zNumber: 1 });
    fireEvent.click(await within(list).findByRole('button', { name: 'Open Z 1 as PDF' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('There is no such Z report.'));
    expect(caught.open).not.toHaveBeenCalled();
  });
});
