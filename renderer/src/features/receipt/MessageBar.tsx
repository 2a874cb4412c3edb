import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatDetails, type Language } from '../../i18n';
import { HelpBar } from '../../components/HelpBar';
import type { Message } from './store';

function messageText(t: TFunction, lang: Language, message: Message): string {
  const details = formatDetails(message.details, lang);
  // A terminal's decline in the screen's language when its result key is known (else its own words).
  const resultKey = message.details.key;
  if (typeof resultKey === 'string' && typeof details.reason === 'string') {
    details.reason = t(`payment.result.${resultKey}`, { defaultValue: details.reason });
  }
  // A code this build has no text for still gets a message (the generic one), never a raw key.
  return t(message.key, { ...details, defaultValue: t('errors.internal') });
}

/** The bottom bar: the store's latest message, then the help line of keys. */
export function MessageBar({ message, loaded, lang }: { message: Message | null; loaded: boolean; lang: Language }) {
  const { t } = useTranslation();
  return (
    <footer className="bottombar">
      <div className="messages">
        {/* An error is a fresh alert element per message (keyed by id), so a repeated error is announced again. */}
        {message?.tone === 'error' ? (
          <p key={message.id} role="alert" className="message message-error">
            {messageText(t, lang, message)}
          </p>
        ) : null}
        <p className={`message message-${message?.tone ?? 'info'}`} aria-live="polite">
          {message && message.tone !== 'error' ? messageText(t, lang, message) : loaded ? '' : t('app.loading')}
        </p>
      </div>
      <HelpBar />
    </footer>
  );
}
