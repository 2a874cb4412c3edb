import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { currentLanguage, languageFromLocale, storedLanguage } from '../../i18n';
import { LanguageSelect } from '../../components/LanguageSelect';
import { DeviceBar } from '../../components/DeviceBar';
import { HeaderFields } from './HeaderFields';
import { ImagePanel } from './ImagePanel';
import { AlertBanner, MessageBar } from './MessageBar';
import { ReceiptDialogs } from './ReceiptDialogs';
import { RowsTable } from './RowsTable';
import { canAddArticles, createReceiptStore, isEditable, type ReceiptStore } from './store';
import { formatTime } from './format';
import { lastEnteredRow } from './store-rows';
import { isCreditNote } from './store-returns';
import { Toolbar } from './Toolbar';
import { TotalsPanel } from './TotalsPanel';
import { useFunctionKeys } from './useFunctionKeys';
import { useScanner } from './useScanner';
import './receipt.css';
import './rows.css';
import './totals.css';
import './returns.css';

/**
 * The Directo-style cash receipt: F2 new, scan articles into rows, pick the customer, F4 cash /
 * F6 card, F9 save, F12 confirm; F7 finds a sale and F5 credits it (a return). Keyboard first; every amount on screen is the core's
 * ReceiptView, formatted for the language.
 */
export function ReceiptScreen({
  store: given,
  onOpenSettings,
  onOpenDay,
}: {
  store?: ReceiptStore;
  onOpenSettings?: () => void;
  /** The day screen (X report, cash in/out, close): the toolbar's Day button; Ctrl+D is the App's. */
  onOpenDay?: () => void;
}) {
  const [store] = useState<ReceiptStore>(() => given ?? createReceiptStore());
  const state = useStore(store);
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);

  // Owned here: loading, the F-keys, the dialogs and the amount fields all send the focus back
  // to the Article field, which the rows table renders.
  const articleRef = useRef<HTMLInputElement>(null);

  const { receipt, info, printer, message, loaded, settings, lists, dialog } = state;
  // The banner shows the latest message only: the next one (a row added) takes it away.
  const banner = state.banner !== null && state.banner.id === message?.id ? state.banner : null;
  const accepting = canAddArticles(state);
  const editable = isEditable(receipt);
  const locked = receipt !== null && receipt.locked && receipt.status !== 'confirmed';
  const credit = isCreditNote(receipt) ? receipt : null;
  const creditOf = credit?.credit
    ? t('credit.returns', { number: credit.credit.originalNumber, date: formatTime(credit.credit.originalConfirmedAt, lang, info?.timeZone) })
    : '';

  // Load the sale in progress, the shop, the settings and the printer; follow the core's pushes.
  useEffect(() => {
    const actions = store.getState();
    const off = actions.subscribeEvents();
    let live = true;
    void actions.load().then(() => {
      if (live && canAddArticles(store.getState()) && store.getState().dialog === null) articleRef.current?.focus();
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

  useFunctionKeys({ store, articleRef });
  useScanner({ store, articleRef });

  // The cashier has seen the banner once they press a key or click: it goes (the status line keeps
  // the message). Capture phase, and added after the key that caused it, so that key is not it.
  const bannerUp = banner !== null;
  useEffect(() => {
    if (!bannerUp) return;
    const dismiss = () => store.getState().dismissBanner();
    window.addEventListener('keydown', dismiss, true);
    window.addEventListener('pointerdown', dismiss, true);
    return () => {
      window.removeEventListener('keydown', dismiss, true);
      window.removeEventListener('pointerdown', dismiss, true);
    };
  }, [bannerUp, store]);

  const focusArticle = () => articleRef.current?.focus();
  const hint = !loaded
    ? ''
    : receipt?.status === 'confirmed'
      ? t('messages.confirmedPressF2')
      : locked
        ? t('receipt.locked')
        : credit
          ? t('credit.hint')
          : t('receipt.emptyHint');

  return (
    <div className="till">
      <header className="topbar">
        <h1>{t(credit ? 'credit.title' : 'receipt.title')}</h1>
        {credit?.credit ? (
          <p className="credit-badge" title={creditOf}>
            {creditOf}
          </p>
        ) : null}
        <p className="shop">{info ? t('app.shopTill', { shop: info.shopName, till: info.tillName }) : '\u00a0'}</p>
        <DeviceBar printer={printer} />
        <LanguageSelect />
        {onOpenSettings ? (
          <button type="button" className="topbar-button" onClick={onOpenSettings}>
            {t('toolbar.settings')}
          </button>
        ) : null}
      </header>

      {/* The banner lies over the toolbar and the header: nothing below it moves. */}
      <div className="head">
        <Toolbar
          store={store}
          receipt={receipt}
          allowDelete={settings.allowDelete}
          onDone={focusArticle}
          {...(onOpenDay ? { onOpenDay } : {})}
        />
        <HeaderFields store={store} receipt={receipt} lists={lists} lang={lang} />
        {locked ? (
          <p className="locked-note" role="note">
            {t('receipt.locked')}
          </p>
        ) : null}
        <AlertBanner message={banner} lang={lang} />
      </div>

      <main className="workarea">
        <RowsTable
          store={store}
          articleRef={articleRef}
          rows={receipt?.rows ?? []}
          lang={lang}
          editable={editable}
          accepting={accepting}
          salespeople={settings.salespersonPerRow ? lists.salespeople : null}
          hint={hint}
          empty={loaded && !receipt && !state.creating}
          credit={credit !== null}
        />
        {/* Totals first: Sum, Due and Change must be in view on a small till screen; the picture fits below. */}
        <div className="side">
          <TotalsPanel
            store={store}
            receipt={receipt}
            payment={state.payment}
            cardPending={state.cardPending}
            terminalPrompt={state.terminalPrompt}
            settings={settings}
            lang={lang}
            onDone={focusArticle}
          />
          {settings.showArticleImage ? <ImagePanel row={lastEnteredRow(receipt, state.lastRowId)} /> : null}
        </div>
      </main>

      <MessageBar message={message} banner={banner} loaded={loaded} lang={lang} />
      <ReceiptDialogs store={store} dialog={dialog} lists={lists} currentId={receipt?.id ?? null} lang={lang} articleRef={articleRef} />
    </div>
  );
}
