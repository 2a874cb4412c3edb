import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n';
import { messageText } from './message-text';
import type { Message } from './store-types';

/**
 * What is wrong with one field, right beside it: the field names it in aria-describedby (and is
 * aria-invalid while it holds the refused text). A fresh alert per message (keyed by id), so the
 * same mistake made twice is announced twice.
 */
export function FieldError({ id, message, lang }: { id: string; message: Message | undefined; lang: Language }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <span key={message.id} id={id} role="alert" className="field-error">
      {messageText(t, lang, message)}
    </span>
  );
}
