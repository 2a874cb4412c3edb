import { useEffect, useId, useRef, useState, type ChangeEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { currentLanguage } from '../../i18n';
import { SearchFooter } from './SearchFooter';
import { useSearch } from './useSearch';
import './search.css';

export interface Column<T> {
  key: string;
  header: string;
  cell(hit: T): ReactNode;
  /** 'num' right-aligns the column (money, stock). */
  align?: 'num';
}

export interface SearchDialogProps<T> {
  title: string;
  /** The accessible name of the search field ("Search articles"). */
  queryLabel: string;
  /** The accessible name of the results grid ("Articles"). */
  resultsLabel: string;
  noneText: string;
  countText(count: number): string;
  initialQuery: string;
  /** Hits to show first, without asking the core (e.g. several customers with one phone number). */
  initialHits?: T[];
  maxLength: number;
  search(query: string): Promise<T[]>;
  columns: Column<T>[];
  hitKey(hit: T): string;
  onPick(hit: T): void;
  onClose(): void;
  className?: string;
}

const PAGE = 10;

/**
 * A search dialog: the field keeps the focus while ↑ ↓ move the highlighted hit
 * (aria-activedescendant), Enter picks it (the first by default), a double-click picks, Escape
 * closes without picking.
 */
export function SearchDialog<T>({
  title,
  queryLabel,
  resultsLabel,
  noneText,
  countText,
  initialQuery,
  initialHits,
  maxLength,
  search,
  columns,
  hitKey,
  onPick,
  onClose,
  className,
}: SearchDialogProps<T>) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const gridId = useId();
  const hintId = useId();

  const [query, setQuery] = useState(initialQuery);
  const [initial] = useState(() => (initialHits ? { query: initialQuery, hits: initialHits } : undefined));
  const { result, fresh, searchNow } = useSearch(query, search, { initial });
  const hits = result.hits;

  // The highlight belongs to one answer: a new answer starts again at its first hit.
  const [highlight, setHighlight] = useState({ result, index: 0 });
  const index = highlight.result === result ? Math.min(highlight.index, Math.max(hits.length - 1, 0)) : 0;
  const rowId = (i: number) => `${gridId}-row-${i}`;
  const activeId = hits.length > 0 ? rowId(index) : undefined;

  useEffect(() => {
    // The caret after the pre-filled text: typing goes on where the cashier left off.
    const input = inputRef.current;
    if (input) input.setSelectionRange(input.value.length, input.value.length);
  }, []);

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  const move = (to: number) => {
    if (hits.length === 0) return;
    setHighlight({ result, index: Math.max(0, Math.min(hits.length - 1, to)) });
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => setQuery(event.currentTarget.value);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.altKey || event.metaKey) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(index - 1);
        break;
      case 'PageDown':
        event.preventDefault();
        move(index + PAGE);
        break;
      case 'PageUp':
        event.preventDefault();
        move(index - PAGE);
        break;
      case 'Enter': {
        event.preventDefault();
        if (event.repeat) break;
        if (fresh) {
          const hit = hits[index];
          if (hit !== undefined) onPick(hit);
          break;
        }
        // Typed faster than the search: search now and take the first hit of that answer.
        void searchNow(query).then((now) => {
          const first = now?.[0];
          if (first !== undefined) onPick(first);
        });
        break;
      }
    }
  };

  let status: string;
  if (!fresh) status = t('search.searching');
  else if (result.error) status = '';
  else if (hits.length === 0) status = noneText;
  else status = countText(hits.length);

  return (
    <Dialog title={title} onClose={onClose} className={`search-dialog ${className ?? ''}`} initialFocus={inputRef}>
      <div className="search-field">
        <label htmlFor={inputId}>{queryLabel}</label>
        <input
          id={inputId}
          ref={inputRef}
          type="text"
          value={query}
          maxLength={maxLength}
          autoComplete="off"
          spellCheck={false}
          aria-controls={gridId}
          aria-activedescendant={activeId}
          aria-describedby={hintId}
          onChange={onChange}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="search-results">
        <table id={gridId} role="grid" aria-label={resultsLabel} aria-readonly="true" aria-busy={!fresh}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.key} scope="col" className={column.align}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {hits.map((hit, i) => (
              <tr
                key={hitKey(hit)}
                id={rowId(i)}
                aria-selected={i === index}
                className={i === index ? 'active' : undefined}
                // The mouse never takes the focus from the field.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => move(i)}
                onDoubleClick={() => onPick(hit)}
              >
                {columns.map((column) => (
                  <td key={column.key} className={column.align}>
                    {column.cell(hit)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SearchFooter status={status} error={result.error && fresh ? result.error : null} hintId={hintId} hint={t('search.hint')} lang={lang} onClose={onClose} />
    </Dialog>
  );
}
