// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderSettings, resetDom } from './harness';

afterEach(resetDom);

describe('the accounting ledger on the settings screen', () => {
  it('says no ledger is set, takes a connection, refuses a ledger off this machine beside its field, and Sync now asks the uploader', async () => {
    const core = await renderSettings();
    const section = screen.getByRole('group', { name: 'Accounting ledger' });
    await waitFor(() => expect(within(section).getByText('None set: nothing is posted.')).toBeTruthy());
    const field = within(section).getByRole('textbox', { name: /^The accounting ledger/ }) as HTMLInputElement;
    fireEvent.change(field, { target: { value: 'hledger-web:http://192.0.2.7:5077' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect((await core.ok('settings.get', {})).ledgerConnection).toBe('');

    fireEvent.click(within(section).getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(core.callsOf('ledger.syncNow')).toEqual([{ retry: [] }]));
    expect(within(section).getByText(/0 document\(s\), 0 sent without an answer/)).toBeTruthy();
  });
});
