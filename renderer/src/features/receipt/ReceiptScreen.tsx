import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useStore } from 'zustand';
import type { ReceiptRowView, ReceiptView } from '../../../../electron/contract/api';
import { parseMoneyInput, parseQuantityInput } from '../../../../electron/contract/codecs';
import {
  currentLanguage,
  formatDetails,
  formatMoney,
  formatMoneyInput,
  formatQuantity,
  formatRate,
  languageFromLocale,
  storedLanguage,
  type Language,
} from '../../i18n';
import { HelpBar } from '../../components/HelpBar';
import { LanguageSelect } from '../../components/LanguageSelect';
import { PrinterIndicator } from '../../components/PrinterIndicator';
import { canAddArticles, createReceiptStore, type Message, type PendingKey, type ReceiptStore } from './store';

const F_KEY = /^F([1-9]|1[0-2])$/;
const PENDING_KEYS: readonly string[] = ['F6', 'F8', 'F9', 'F10'] satisfies PendingKey[];

function messageText(t: TFunction, lang: Language, message: Message): string {
  const values: Record<string, string> = formatDetails(message.details, lang);
  if (message.key === 'messages.notAvailable') values.action = t(`keys.${String(message.details.shortcut)}`);
  // A code this build has no text for still gets a message (the generic one), never a raw key.
  return t(message.key, { ...values, defaultValue: t('errors.internal') });
}

function formatTime(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  // Day-month order in both languages (en-GB, et-EE): the till serves European shops.
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'et-EE', { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

const selectAll = (input: HTMLInputElement | null) => {
  if (!input) return;
  input.focus();
  input.select();
};

/**
 * The Directo-style cash receipt: F2 new, scan articles into rows, F4 cash, F12 confirm.
 * Keyboard first; every total on screen is the core's ReceiptView, formatted for the language.
 */
export function ReceiptScreen({ store: given }: { store?: ReceiptStore }) {
  const [store] = useState<ReceiptStore>(() => given ?? createReceiptStore());
  const state = useStore(store);
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);

  const articleRef = useRef<HTMLInputElement>(null);
  const cashRef = useRef<HTMLInputElement>(null);
  const rowsRef = useRef<HTMLTableSectionElement>(null);

  const { receipt, info, printer, mode, message, loaded } = state;
  const editable = canAddArticles(state);
  const confirmed = receipt?.status === 'confirmed';

  // Load the sale in progress, the shop and the printer; follow the core's pushes.
  useEffect(() => {
    const actions = store.getState();
    const off = actions.subscribeEvents();
    let live = true;
    void actions.load().then(() => {
      if (live && canAddArticles(store.getState())) articleRef.current?.focus();
    });
    return () => {
      live = false;
      off();
    };
  }, [store]);

  // The till's locale decides the language until the cashier picks one.
  useEffect(() => {
    if (!info || storedLanguage()) return;
    const fromInfo = languageFromLocale(info.locale);
    if (fromInfo && fromInfo !== currentLanguage(i18n)) void i18n.changeLanguage(fromInfo);
  }, [info, i18n]);

  // The F-keys work wherever the focus is; the browser never gets them.
  useEffect(() => {
    const focusArticle = () => articleRef.current?.focus();

    const startNew = async () => {
      const actions = store.getState();
      if (actions.mode === 'cash') {
        actions.cancelCash();
        if (cashRef.current) cashRef.current.value = '';
      }
      const started = actions.newReceipt();
      // Focus at once: a scan right after F2 must not lose its first characters.
      focusArticle();
      if (await started) {
        const input = articleRef.current;
        if (input && document.activeElement !== input) input.focus();
      }
    };

    const openCash = async () => {
      // Pending scans or quantity changes first: the amount due must be the core's latest.
      const idle = store.getState().whenIdle();
      if (idle) await idle;
      const due = store.getState().startCash();
      const input = cashRef.current;
      if (due === null || !input) return;
      input.value = formatMoneyInput(due, currentLanguage(i18n));
      selectAll(input);
    };

    const confirmReceipt = async () => {
      const actions = store.getState();
      if (actions.mode === 'cash') {
        actions.cancelCash();
        if (cashRef.current) cashRef.current.value = '';
      }
      // A confirmed receipt takes no more codes: a leftover (e.g. an unknown code) would only confuse.
      if ((await actions.confirm()) && articleRef.current) articleRef.current.value = '';
      if (store.getState().mode === 'article') focusArticle();
    };

    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return; // Alt+F4 stays the system's
      if (event.key === 'Escape') {
        const active = document.activeElement;
        if (!(active instanceof HTMLInputElement)) focusArticle();
        return;
      }
      if (!F_KEY.test(event.key)) return;
      event.preventDefault();
      if (event.repeat) return;
      // A quantity being edited is saved before the key acts (its blur queues the change).
      const active = document.activeElement;
      if (active instanceof HTMLInputElement && active.dataset.rowQuantity !== undefined) active.blur();
      if (event.key === 'F2') void startNew();
      else if (event.key === 'F4') void openCash();
      else if (event.key === 'F12') void confirmReceipt();
      else if (PENDING_KEYS.includes(event.key)) store.getState().notAvailable(event.key as PendingKey);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, i18n]);

  const quantityInputs = () => Array.from(rowsRef.current?.querySelectorAll<HTMLInputElement>('input[data-row-quantity]') ?? []);

  const onArticleKeyDown = async (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    if (event.key === 'ArrowUp') {
      const last = quantityInputs().at(-1);
      if (last) {
        event.preventDefault();
        selectAll(last);
      }
      return;
    }
    if (event.key === 'Escape') {
      input.value = '';
      return;
    }
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const actions = store.getState();
    if (!canAddArticles(actions)) {
      actions.notify('info', actions.receipt ? 'messages.confirmedPressF2' : 'messages.pressF2');
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
    // Not added: give the code back, selected, so the next scan replaces it.
    if (input.value === '') {
      input.value = code;
      if (document.activeElement === input) input.select();
    }
  };

  const onCashKeyDown = async (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    if (event.key === 'Escape') {
      event.preventDefault();
      store.getState().cancelCash();
      input.value = '';
      articleRef.current?.focus();
      return;
    }
    if (event.key !== 'Enter' || store.getState().mode !== 'cash') return;
    event.preventDefault();
    const tendered = parseMoneyInput(input.value);
    if (tendered === null || tendered < 0) {
      store.getState().notify('error', 'errors.payment.invalid_amount');
      input.select();
      return;
    }
    const paid = await store.getState().payCash(tendered);
    if (paid) {
      input.value = '';
      articleRef.current?.focus();
    } else if (document.activeElement === input) {
      input.select();
    }
  };

  const moveFromQuantity = (input: HTMLInputElement, step: -1 | 1) => {
    const all = quantityInputs();
    const next = all[all.indexOf(input) + step];
    if (next) selectAll(next);
    else if (step === 1) articleRef.current?.focus();
  };

  const money = (minor: number) => formatMoney(minor, lang);
  const rows = receipt?.rows ?? [];

  return (
    <div className="till">
      <header className="topbar">
        <h1>{t('receipt.title')}</h1>
        <p className="shop">{info ? t('app.shopTill', { shop: info.shopName, till: info.tillName }) : '\u00a0'}</p>
        <PrinterIndicator printer={printer} />
        <LanguageSelect />
      </header>

      <section className="receipt-head" aria-label={t('receipt.title')}>
        <div className="field">
          <label htmlFor="receipt-number">{t('receipt.number')}</label>
          <output id="receipt-number" aria-live="off" className="value">
            {receipt?.number ?? ''}
          </output>
        </div>
        <div className="field">
          <label htmlFor="receipt-status">{t('receipt.status')}</label>
          <output id="receipt-status" aria-live="off" className={`value status status-${receipt?.status ?? 'none'}`}>
            {receipt ? t(`receipt.statusValue.${receipt.status}`) : ''}
          </output>
        </div>
        <div className="field">
          <label htmlFor="receipt-time">{t('receipt.time')}</label>
          <output id="receipt-time" aria-live="off" className="value">
            {formatTime(receipt?.confirmedAt ?? receipt?.createdAt, lang)}
          </output>
        </div>
      </section>

      <main className="workarea">
        <div className="rows">
          <table aria-label={t('row.table')}>
            <thead>
              <tr>
                <th scope="col" className="col-no">{t('row.lineNo')}</th>
                <th scope="col" className="col-article">{t('row.article')}</th>
                <th scope="col" className="col-content">{t('row.content')}</th>
                <th scope="col" className="col-qty num">{t('row.quantity')}</th>
                <th scope="col" className="col-unit">{t('row.unit')}</th>
                <th scope="col" className="col-price num">{t('row.unitPrice')}</th>
                <th scope="col" className="col-sum num">{t('row.sum')}</th>
                <th scope="col" className="col-del">
                  <span className="sr-only">{t('row.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody ref={rowsRef}>
              {rows.map((row) => (
                <Row
                  key={row.id}
                  row={row}
                  lang={lang}
                  readOnly={confirmed}
                  store={store}
                  onDone={() => articleRef.current?.focus()}
                  onMove={moveFromQuantity}
                />
              ))}
              <tr className={`entry${editable ? '' : ' entry-locked'}`}>
                <td className="col-no">{editable ? rows.length + 1 : ''}</td>
                <td className="col-article">
                  <input
                    ref={articleRef}
                    id="article-input"
                    aria-label={t('row.article')}
                    aria-describedby="article-hint"
                    className="article-input"
                    type="text"
                    autoComplete="off"
                    spellCheck={false}
                    readOnly={!editable}
                    onKeyDown={(event) => void onArticleKeyDown(event)}
                  />
                </td>
                <td colSpan={6} id="article-hint" className="hint">
                  {editable ? t('receipt.scanHint') : loaded ? (confirmed ? t('messages.confirmedPressF2') : t('receipt.emptyHint')) : ''}
                </td>
              </tr>
            </tbody>
          </table>
          {loaded && !receipt && !state.creating ? (
            <div className="empty-state">
              <p className="empty-title">{t('receipt.empty')}</p>
              <p>
                <kbd>F2</kbd> {t('receipt.newReceipt')}
              </p>
            </div>
          ) : null}
        </div>

        <aside className="totals" aria-label={t('receipt.totals')}>
          <AmountOutput id="receipt-sum" className="field total" label={t('receipt.sum')} value={receipt ? money(receipt.totalMinor) : ''} />
          <AmountOutput id="receipt-due" className="field due" label={t('receipt.due')} value={receipt ? money(receipt.dueMinor) : ''} />
          <div className={`field cash${mode === 'cash' ? ' active' : ''}`}>
            <div className="label-row">
              <label htmlFor="receipt-cash">{t('receipt.cash')}</label>
              <kbd aria-hidden="true">F4</kbd>
            </div>
            <input
              ref={cashRef}
              id="receipt-cash"
              className="value amount"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              readOnly={mode !== 'cash'}
              tabIndex={mode === 'cash' ? 0 : -1}
              onKeyDown={(event) => void onCashKeyDown(event)}
            />
          </div>
          <AmountOutput id="receipt-money" className="field" label={t('receipt.money')} value={receipt ? money(receipt.moneyMinor) : ''} />
          <AmountOutput id="receipt-change" className="field change" label={t('receipt.change')} value={receipt ? money(receipt.changeMinor) : ''} />
          <VatLines receipt={receipt} lang={lang} />
        </aside>
      </main>

      <footer className="bottombar">
        <div className="messages">
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
    </div>
  );
}

function Row({
  row,
  lang,
  readOnly,
  store,
  onDone,
  onMove,
}: {
  row: ReceiptRowView;
  lang: Language;
  readOnly: boolean;
  store: ReceiptStore;
  onDone: () => void;
  onMove: (input: HTMLInputElement, step: -1 | 1) => void;
}) {
  const { t } = useTranslation();
  const shown = formatQuantity(row.quantityMilli, lang);

  // Enter moves to the Article field; leaving the field saves the quantity.
  const commit = async (event: FocusEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    if (readOnly) return;
    const quantity = parseQuantityInput(input.value);
    if (quantity === row.quantityMilli) {
      input.value = shown;
      return;
    }
    if (quantity === null || quantity === 0) {
      store.getState().notify('error', 'errors.quantity.invalid');
      input.value = shown;
      return;
    }
    const saved = await store.getState().setQuantity(row.id, quantity);
    if (!saved && input.isConnected) input.value = shown;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    switch (event.key) {
      case 'Enter':
        event.preventDefault();
        onDone();
        break;
      case 'Escape':
        event.preventDefault();
        input.value = shown;
        onDone();
        break;
      case 'ArrowUp':
        event.preventDefault();
        onMove(input, -1);
        break;
      case 'ArrowDown':
        event.preventDefault();
        onMove(input, 1);
        break;
      default:
    }
  };

  const remove = async () => {
    await store.getState().removeRow(row.id);
    onDone();
  };

  return (
    <tr>
      <td className="col-no">{row.lineNo}</td>
      <td className="col-article code">{row.code}</td>
      <td className="col-content">
        <output aria-label={t('row.content')} aria-live="off">
          {row.name}
        </output>
      </td>
      <td className="col-qty num">
        <input
          key={`${row.quantityMilli}:${lang}`}
          data-row-quantity={row.id}
          aria-label={t('row.quantity')}
          className="qty-input"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={shown}
          readOnly={readOnly}
          onBlur={(event) => void commit(event)}
          onKeyDown={onKeyDown}
        />
      </td>
      <td className="col-unit">{t(`unit.${row.unit}`)}</td>
      <td className="col-price num">
        <output aria-label={t('row.unitPrice')} aria-live="off">
          {formatMoney(row.unitPriceMinor, lang)}
        </output>
      </td>
      <td className="col-sum num">
        <output aria-label={t('row.sum')} aria-live="off">
          {formatMoney(row.sumMinor, lang)}
        </output>
      </td>
      <td className="col-del">
        {readOnly ? null : (
          <button type="button" className="delete" aria-label={t('row.delete', { n: row.lineNo })} onClick={() => void remove()}>
            ✕
          </button>
        )}
      </td>
    </tr>
  );
}

function VatLines({ receipt, lang }: { receipt: ReceiptView | null; lang: Language }) {
  const { t } = useTranslation();
  const lines = receipt?.vat ?? [];
  return (
    <section className="vat" aria-label={t('receipt.vat')}>
      <h2>{t('receipt.vat')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('receipt.noVat')}</p>
      ) : (
        <ul>
          {lines.map((line) => (
            <li key={line.rateBp}>
              <span className="vat-rate">{t('receipt.vatRate', { rate: formatRate(line.rateBp, lang) })}</span>
              <span className="vat-amounts">
                {t('receipt.vatLine', { net: formatMoney(line.netMinor, lang), vat: formatMoney(line.vatMinor, lang) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A read-only amount with its label: Sum, Due, Money, Change. */
function AmountOutput({ id, className, label, value }: { id: string; className: string; label: string; value: string }) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <output id={id} aria-live="off" className="value amount">
        {value}
      </output>
    </div>
  );
}
