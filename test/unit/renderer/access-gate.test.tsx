// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { AccessGate } from '../../../renderer/src/components/AccessGate';
import { createI18n, type Language } from '../../../renderer/src/i18n';
import { createBrowserBridge, type BrowserBridge } from '../../../renderer/src/lib/browser-bridge';

afterEach(() => cleanup());

/** A bridge to a till that answers /api/session with `session` and every call with `call`. */
function bridgeTo(session: number, call = 200, token: string | null = 'tok'): BrowserBridge {
  return createBrowserBridge({
    token,
    fetch: async (url) =>
      String(url) === '/api/session'
        ? new Response(null, { status: session })
        : new Response(JSON.stringify({ ok: true, value: {} }), { status: call, headers: { 'content-type': 'application/json' } }),
  });
}

function show(bridge: BrowserBridge | null, lang: Language = 'en') {
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <AccessGate bridge={bridge}>
        <p>the receipt screen</p>
      </AccessGate>
    </I18nextProvider>,
  );
}

describe('an out-of-date till link says so at once', () => {
  it('shows the till when its token is still good, and in Electron (no HTTP bridge) at once', async () => {
    show(bridgeTo(204));
    expect(await screen.findByText('the receipt screen')).toBeTruthy();
    cleanup();
    show(null);
    expect(screen.getByText('the receipt screen')).toBeTruthy();
  });

  it('a page with an old token gets a full-screen message instead of the receipt screen', async () => {
    show(bridgeTo(401));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This link to the till is out of date');
    expect(alert.textContent).toContain('Open the address the till printed when it started');
    expect(screen.queryByText('the receipt screen')).toBeNull();
  });

  it('says it in Estonian too', async () => {
    show(bridgeTo(401), 'et');
    expect((await screen.findByRole('alert')).textContent).toContain('See kassa link on aegunud');
  });

  it('a page opened without a token is told to open the till’s link', async () => {
    show(bridgeTo(204, 200, null));
    expect((await screen.findByRole('alert')).textContent).toContain('This page has no access key');
  });

  it('a till that does not answer leaves the screen to its own connection messages', async () => {
    const down = createBrowserBridge({ token: 'tok', fetch: async () => Promise.reject(new TypeError('down')) });
    show(down);
    expect(await screen.findByText('the receipt screen')).toBeTruthy();
  });

  it('a till restarted with a new token while the page is open: the next refused call shows the message', async () => {
    const bridge = bridgeTo(204, 401);
    show(bridge);
    await screen.findByText('the receipt screen');
    await act(async () => {
      await bridge.invoke('receipt.current', {});
    });
    expect(screen.getByRole('alert').textContent).toContain('This link to the till is out of date');
  });
});
