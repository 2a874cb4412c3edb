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
    // Nothing to check while no ledger is set.
    expect(within(section).getByRole('button', { name: 'Check the connection' }).hasAttribute('disabled')).toBe(true);
  });

  it('takes the B1.lt API key in a password field, never shows it again, and documents wait while none is set', async () => {
    const core = await renderSettings();
    const section = screen.getByRole('group', { name: 'Accounting ledger' });
    const field = within(section).getByRole('textbox', { name: /^The accounting ledger/ }) as HTMLInputElement;
    fireEvent.change(field, { target: { value: 'b1:http://127.0.0.1:9' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await waitFor(() => expect(within(section).getByText('No key is set: documents wait until one is.')).toBeTruthy());
    // A password field: no textbox role, and nothing typed shows.
    const key = within(section).getByLabelText('API key or token') as HTMLInputElement;
    expect(key.type).toBe('password');
    fireEvent.change(key, { target: { value: 'k3y-f0r-b1' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Save the key' }));
    await waitFor(() => expect(within(section).getByText('The key is saved.')).toBeTruthy());
    expect(key.value).toBe('');
    // The key reaches the core once and never comes back in an answer.
    expect(core.callsOf('ledger.setSecret')).toEqual([{ secret: 'k3y-f0r-b1' }]);
    const answers = JSON.stringify([await core.ok('settings.get', {}), await core.ok('ledger.status', {}), await core.ok('devices.status', {})]);
    expect(answers).not.toContain('k3y-f0r-b1');
    expect(await core.ok('ledger.status', {})).toMatchObject({ needsSecret: true, secretSet: true });
    // Nothing listens there: the check says so at once, and the documents wait.
    const check = within(section).getByRole('button', { name: 'Check the connection' });
    await waitFor(() => expect(check.hasAttribute('disabled')).toBe(false));
    fireEvent.click(check);
    await waitFor(() => expect(within(section).getByText(/^The ledger cannot be reached or refused: /)).toBeTruthy());
    expect(within(section).getByText(/^The ledger cannot be reached/).textContent).not.toContain('k3y-f0r-b1');
  });
});
