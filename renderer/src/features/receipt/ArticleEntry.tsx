import type { KeyboardEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { canAddArticles, type ReceiptStore } from './store';

/**
 * The Article field: a scan (or typed code) + Enter adds a row; Ctrl+Enter or a double-click
 * opens the article index with what was typed.
 */
export function ArticleEntry({
  store,
  inputRef,
  accepting,
  onUp,
}: {
  store: ReceiptStore;
  inputRef: RefObject<HTMLInputElement | null>;
  accepting: boolean;
  /** ArrowUp: to the last row. */
  onUp: () => void;
}) {
  const { t } = useTranslation();

  const add = async (input: HTMLInputElement) => {
    const actions = store.getState();
    if (!canAddArticles(actions)) {
      // A code that can go on no receipt is a scan that went nowhere: banner and tone.
      const { receipt } = actions;
      if (!receipt) actions.alarm('warning', 'messages.pressF2');
      else if (receipt.status === 'confirmed') actions.alarm('warning', 'messages.confirmedPressF2');
      else actions.alarm('error', 'errors.receipt.locked');
      input.select();
      return;
    }
    const code = input.value.trim();
    if (code === '') return;
    // Clear at once: the scanner may already be typing the next code into this field.
    input.value = '';
    const added = await actions.addArticle(code);
    if (added) {
      input.scrollIntoView?.({ block: 'nearest' });
      return;
    }
    // Not added: give the code back, selected, so the next scan replaces it — unless a question
    // took the code over (its weight, "Are you sure?"): its answer adds the row or nothing.
    if (input.value === '' && store.getState().dialog === null) {
      input.value = code;
      if (document.activeElement === input) input.select();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    if (event.key === 'ArrowUp') {
      event.preventDefault();
      onUp();
    } else if (event.key === 'Escape') {
      input.value = '';
    } else if (event.key === 'Enter' && event.ctrlKey) {
      event.preventDefault();
      void store.getState().searchArticle(input.value);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void add(input);
    }
  };

  return (
    <input
      ref={inputRef}
      id="article-input"
      aria-label={t('row.article')}
      aria-describedby="article-hint"
      className="article-input"
      type="text"
      autoComplete="off"
      spellCheck={false}
      readOnly={!accepting}
      onKeyDown={onKeyDown}
      onDoubleClick={(event) => void store.getState().searchArticle(event.currentTarget.value)}
    />
  );
}
