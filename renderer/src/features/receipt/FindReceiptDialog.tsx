import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FoundReceipt } from '../../../../electron/contract/api';
import { Dialog } from '../../components/Dialog';
import { formatMoney, type Language } from '../../i18n';
import { SearchFooter } from '../search/SearchFooter';
import { ApiError, call } from '../../lib/pos-client';
import { formatTime } from './format';
import '../search/search.css';

const PAGE = 10;

const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error));

/**
 * F7: one field for a receipt's number as printed (K000033), typed short (k33, 33) or scanned
 * from the paper, or anything to search by (a date, an amount, a customer, an article). Enter
 * opens the receipt with that number; when there is none it searches, and the pick list takes
 * ↑ ↓ and Enter (the field keeps the focus, as in the article index).
 */
export function FindReceiptDialog({
  lang,
  timeZone,
  onFind,
  onOpen,
  onClose,
}: {
  lang: Language;
  timeZone?: string | undefined;
  /** Opens the receipt with this number; resolves the error when it cannot. */
  onFind(text: string): Promise<ApiError | null>;
  onOpen(receiptId: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const gridId = useId();
  const hintId = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  /** The pick list and the text it answers. */
  const [found, setFound] = useState<{ query: string; hits: FoundReceipt[] } | null>(null);
  const [index, setIndex] = useState(0);
  const hits = found?.hits ?? [];
  const rowId = (i: number) => `${gridId}-row-${i}`;
  const activeId = hits.length > 0 ? rowId(index) : undefined;

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  const search = async (query: string) => {
    const result = await call('receipt.search', { query, limit: 50 });
    setFound({ query, hits: result });
    setIndex(0);
  };

  const submit = async (query: string) => {
    setBusy(true);
    setError(null);
    try {
      // A number (typed or scanned) opens its receipt at once; anything else is a search.
      const failed = query === '' ? new ApiError('receipt.not_found', 'nothing typed') : await onFind(query);
      if (failed === null) return;
      if (failed.code === 'receipt.not_found') await search(query);
      else setError(failed);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const move = (to: number) => {
    if (hits.length > 0) setIndex(Math.max(0, Math.min(hits.length - 1, to)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.altKey || event.metaKey || event.ctrlKey) return;
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE, PageUp: -PAGE };
    const step = steps[event.key];
    if (step !== undefined) {
      event.preventDefault();
      move(index + step);
      return;
    }
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (event.repeat || busy) return;
    const query = event.currentTarget.value.trim();
    const picked = found?.query === query ? hits[index] : undefined;
    if (picked) onOpen(picked.id);
    else void submit(query);
  };

  let status = '';
  if (busy) status = t('search.searching');
  else if (found && !error) status = hits.length === 0 ? t('find.none') : t('find.count', { count: hits.length });

  return (
    <Dialog title={t('find.title')} onClose={onClose} className="search-dialog find-dialog" initialFocus={inputRef}>
      <div className="search-field">
        <label htmlFor={inputId}>{t('find.query')}</label>
        <input
          id={inputId}
          ref={inputRef}
          type="text"
          value={text}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          // A scanner reading the paper's code types into this field: it is not an article scan.
          data-scan-target=""
          aria-controls={gridId}
          aria-activedescendant={activeId}
          aria-describedby={hintId}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="search-results">
        <table id={gridId} role="grid" aria-label={t('find.results')} aria-readonly="true" aria-busy={busy}>
          <thead>
            <tr>
              <th scope="col">{t('find.number')}</th>
              <th scope="col">{t('find.time')}</th>
              <th scope="col">{t('find.customer')}</th>
              <th scope="col" className="num">
                {t('find.total')}
              </th>
              <th scope="col">{t('find.match')}</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((hit, i) => (
              <tr
                key={hit.id}
                id={rowId(i)}
                aria-selected={i === index}
                className={i === index ? 'active' : undefined}
                // The mouse never takes the focus from the field.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => move(i)}
                onDoubleClick={() => onOpen(hit.id)}
              >
                <td>
                  {hit.number}
                  {hit.documentType === 'credit_note' ? <span className="find-credit"> · {t('credit.title')}</span> : null}
                </td>
                <td>{formatTime(hit.confirmedAt, lang, timeZone)}</td>
                <td>{hit.customerName || t('customer.privatePerson')}</td>
                <td className="num">{formatMoney(hit.totalMinor, lang)}</td>
                <td>{hit.match}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SearchFooter status={status} error={error} hintId={hintId} hint={t('find.hint')} lang={lang} onClose={onClose} />
    </Dialog>
  );
}
