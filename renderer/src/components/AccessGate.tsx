import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessState, BrowserBridge } from '../lib/browser-bridge';
import { LanguageSelect } from './LanguageSelect';
import './access.css';

type Refusal = 'outdated' | 'missing';

/** The whole screen when the till will not answer this page: why, and which address to open. */
function AccessRefused({ reason }: { reason: Refusal }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <main className="access-refused" role="alert" aria-labelledby={titleId}>
      <div className="access-card">
        <h1 id={titleId}>{t(`access.${reason}.title`)}</h1>
        <p>{t(`access.${reason}.text`)}</p>
        <p className="access-hint">{t('access.hint')}</p>
        <LanguageSelect />
      </div>
    </main>
  );
}

/**
 * Browser mode: asks the till once on load whether this page's token is still its own, so a
 * bookmark from before `--new-token` says so at once instead of failing at the first sale — and
 * says the same if the till refuses the token later. In Electron (no HTTP bridge) it shows the
 * screen as it is.
 */
export function AccessGate({ bridge, children }: { bridge: BrowserBridge | null; children: ReactNode }) {
  const [state, setState] = useState<AccessState | 'checking'>(bridge ? 'checking' : 'ok');

  useEffect(() => {
    if (!bridge) return;
    let live = true;
    const off = bridge.onAccessRefused(() => {
      if (live) setState('outdated');
    });
    void bridge.checkAccess().then((answer) => {
      if (live) setState((before) => (before === 'outdated' ? before : answer));
    });
    return () => {
      live = false;
      off();
    };
  }, [bridge]);

  // A moment on loopback: nothing rather than a screen that would fail at once.
  if (state === 'checking') return null;
  if (state === 'outdated' || state === 'missing') return <AccessRefused reason={state} />;
  return <>{children}</>;
}
