import type { TFunction } from 'i18next';
import { formatDetails, type Language } from '../../i18n';
import type { Message } from './store-types';

/** A store message in the cashier's language: the status line, the banner and the field errors say it alike. */
export function messageText(t: TFunction, lang: Language, message: Message): string {
  const details = formatDetails(message.details, lang);
  // A terminal's decline in the screen's language when its result key is known (else its own words).
  const resultKey = message.details.key;
  if (typeof resultKey === 'string' && typeof details.reason === 'string') {
    details.reason = t(`payment.result.${resultKey}`, { defaultValue: details.reason });
  }
  // A code this build has no text for still gets a message (the generic one), never a raw key.
  return t(message.key, { ...details, defaultValue: t('errors.internal') });
}

/** The ids an input is described by (its notes and its error), or undefined when there are none. */
export const describedBy = (...ids: (string | false | null | undefined)[]): string | undefined =>
  ids.filter((id): id is string => typeof id === 'string' && id !== '').join(' ') || undefined;
