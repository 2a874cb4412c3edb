// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { flush, resetDom, renderSettings, type RendererCore } from './harness';

const field = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const check = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const press = (key: string, target: Element) => fireEvent.keyDown(target, { key });

/** What a control's aria-describedby points at. */
const description = (control: HTMLElement) =>
  (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

let core: RendererCore;

beforeEach(async () => {
  await resetDom();
  core = await renderSettings();
});
afterEach(() => resetDom());

describe('settings: an error beside its field, with the cursor on it', () => {
  it('a printer connection the till cannot use: the error is beside the field, the cursor goes back there, the text stays', async () => {
    const printer = field('Receipt printer');
    printer.focus();
    fireEvent.change(printer, { target: { value: 'foo:bar' } });
    // The cashier tabs on to the next setting; leaving the field saves it.
    const next = check('Open the cash drawer when cash is taken');
    next.focus();
    fireEvent.blur(printer);

    await waitFor(() => expect(printer.getAttribute('aria-invalid')).toBe('true'));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/^"foo:bar" is not a printer connection the till understands/);
    expect(description(printer)).toBe(alert.textContent);
    expect(alert.closest('.setting')).toBe(printer.closest('.setting'));
    expect(document.activeElement).toBe(printer);
    expect(printer.value).toBe('foo:bar');
    expect((await core.ok('settings.get', {})).printerConnection).toBe('');
    const sent = core.callsOf('settings.update').length;

    // Leaving it again with the same text sends nothing more and lets the cursor go.
    next.focus();
    fireEvent.blur(printer);
    await flush();
    expect(core.callsOf('settings.update')).toHaveLength(sent);
    expect(document.activeElement).toBe(next);

    // Corrected: saved, the error gone.
    fireEvent.change(printer, { target: { value: 'none' } });
    press('Enter', printer);
    await waitFor(() => expect(core.callsOf('settings.update')).toContainEqual({ printerConnection: 'none' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(printer.getAttribute('aria-invalid')).toBeNull();
    expect(printer.value).toBe('none');
  });

  it('a number that does not parse is explained beside it and keeps the cursor; the status line stays for the rest', async () => {
    const gap = field('Scanner: longest gap between keys (ms)');
    gap.focus();
    fireEvent.change(gap, { target: { value: '999' } });
    press('Enter', gap);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Enter a number of milliseconds from 5 to 200.');
    expect(description(gap)).toBe(alert.textContent);
    expect(gap.value).toBe('999');
    expect(document.activeElement).toBe(gap);
    expect(screen.getByRole('status').textContent).toBe('');

    // A failure of the till itself is about no one setting: the status line at the top says it.
    core.failNext('settings.update', 'internal');
    fireEvent.click(check('Show article image'));
    await waitFor(() => expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain('Something went wrong in the till. The sale is kept; try again.'));
    expect(document.querySelector('.settings-messages')?.textContent).toContain('Something went wrong');
  });

  it('the error tone is a setting of its own, saved at once', async () => {
    const tone = check('Error tone when a scan adds no row or F12 is refused');
    expect(tone.checked).toBe(true);
    fireEvent.click(tone);
    await waitFor(() => expect(core.callsOf('settings.update')).toContainEqual({ errorTone: false }));
    expect((await core.ok('settings.get', {})).errorTone).toBe(false);
  });
});
