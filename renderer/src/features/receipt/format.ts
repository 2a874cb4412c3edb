import type { Language } from '../../i18n';

/**
 * A time from the core (ISO-8601) for the screen, in the shop's time zone (the paper uses the same
 * one, so screen and receipt agree whatever the machine's zone); day-month order in both languages.
 */
export function formatTime(iso: string | null | undefined, lang: Language, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'et-EE', { dateStyle: 'short', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(date);
}
