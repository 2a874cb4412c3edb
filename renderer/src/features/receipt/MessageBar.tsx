import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n';
import { HelpBar } from '../../components/HelpBar';
import { messageText } from './message-text';
import type { Message } from './store';

/**
 * The bottom bar: the store's latest message, then the help line of keys. A loud message is the
 * banner's while the banner shows it; after that the status line keeps it, quietly (it was
 * announced once already).
 */
export function MessageBar({ message, banner, loaded, lang }: { message: Message | null; banner: Message | null; loaded: boolean; lang: Language }) {
  const { t } = useTranslation();
  const inBanner = message !== null && message.loud === true && banner?.id === message.id;
  const shown = inBanner ? null : message;
  return (
    <footer className="bottombar">
      <div className="messages">
        {/* An error is a fresh alert element per message (keyed by id), so a repeated error is announced again. */}
        {shown?.tone === 'error' && !shown.loud ? (
          <p key={shown.id} role="alert" className="message message-error">
            {messageText(t, lang, shown)}
          </p>
        ) : null}
        {shown?.loud ? <p className={`message message-${shown.tone}`}>{messageText(t, lang, shown)}</p> : null}
        <p className={`message message-${shown?.tone ?? 'info'}`} aria-live="polite">
          {shown && shown.tone !== 'error' && !shown.loud ? messageText(t, lang, shown) : loaded ? '' : t('app.loading')}
        </p>
      </div>
      <HelpBar />
    </footer>
  );
}

/**
 * The banner over the top of the screen for a scan that went on no row or a refused F12: large,
 * red, where a glance back from the customer finds it. The next key or click puts it away.
 */
export function AlertBanner({ message, lang }: { message: Message | null; lang: Language }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <div className={`alert-banner alert-banner-${message.tone}`}>
      <p key={message.id} role="alert">
        {messageText(t, lang, message)}
      </p>
    </div>
  );
}
