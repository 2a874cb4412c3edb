import type { KeyboardEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, type Language } from '../../i18n';
import { DayError, invalidProps } from './DayError';
import { readCount } from './count';
import type { DayMessage } from './store';

/**
 * Notes and coins counted one by one: each row count × face value, its sum live. Enter goes on
 * to the next count and, after the last, to `afterId`: counting is a column of numbers.
 */
export function CountTable({
  caption,
  denominations,
  texts,
  errors,
  idOf,
  afterId,
  firstRef,
  lang,
  onChange,
}: {
  caption: string;
  denominations: readonly number[];
  texts: Readonly<Record<number, string>>;
  errors: (valueMinor: number) => DayMessage | undefined;
  idOf: (valueMinor: number) => string;
  /** Where Enter in the last count goes. */
  afterId: string;
  firstRef?: Ref<HTMLInputElement> | undefined;
  lang: Language;
  onChange(valueMinor: number, text: string): void;
}) {
  const { t } = useTranslation();
  const money = (minor: number) => formatMoney(minor, lang);

  const onKey = (index: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const next = denominations[index + 1];
    document.getElementById(next === undefined ? afterId : idOf(next))?.focus();
  };

  return (
    <table className="day-table day-count">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('day.close.value')}</th>
          <th scope="col">{t('day.close.countCol')}</th>
          <th scope="col">{t('day.close.sumCol')}</th>
        </tr>
      </thead>
      <tbody>
        {denominations.map((value, index) => {
          const text = texts[value] ?? '';
          const read = readCount(text);
          const error = errors(value);
          const id = idOf(value);
          return (
            <tr key={value}>
              <th scope="row" className="amount">
                {money(value)}
              </th>
              <td>
                <input
                  id={id}
                  ref={index === 0 ? firstRef : undefined}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  className="day-count-input"
                  aria-label={t('day.close.countOf', { value: money(value) })}
                  value={text}
                  {...invalidProps(id, error)}
                  onChange={(event) => onChange(value, event.currentTarget.value)}
                  onKeyDown={onKey(index)}
                />
                <DayError controlId={id} message={error} lang={lang} />
              </td>
              <td className="amount">{'count' in read && text.trim() !== '' ? money(read.count * value) : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
