import type { Language } from '../../i18n';

/** A time from the core (ISO-8601) for the screen; day-month order in both languages (en-GB, et-EE). */
export function formatTime(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'et-EE', { dateStyle: 'short', timeStyle: 'short' }).format(date);
}
