import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { currentLanguage, languageFromLocale, storedLanguage } from '../../i18n';
import { LanguageSelect } from '../../components/LanguageSelect';
import { PrinterIndicator } from '../../components/PrinterIndicator';
import { HeaderFields } from './HeaderFields';
import { MessageBar } from './MessageBar';
import { RowsTable } from './RowsTable';
import { canAddArticles, createReceiptStore, type ReceiptStore } from './store';
import { TotalsPanel } from './TotalsPanel';
import { useFunctionKeys } from './useFunctionKeys';

/**
 * The Directo-style cash receipt: F2 new, scan articles into rows, F4 cash, F12 confirm.
 * Keyboard first; every total on screen is the core's ReceiptView, formatted for the language.
 */
export function ReceiptScreen({ store: given }: { store?: ReceiptStore }) {
  const [store] = useState<ReceiptStore>(() => given ?? createReceiptStore());
  const state = useStore(store);
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);

  // Owned here, not by the parts that render them: loading, the F-keys and the cash field all
  // move the focus or clear a field in another part of the screen.
  const articleRef = useRef<HTMLInputElement>(null);
  const cashRef = useRef<HTMLInputElement>(null);

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

  useFunctionKeys({ store, i18n, articleRef, cashRef });

  const focusArticle = () => articleRef.current?.focus();

  return (
    <div className="till">
      <header className="topbar">
        <h1>{t('receipt.title')}</h1>
        <p className="shop">{info ? t('app.shopTill', { shop: info.shopName, till: info.tillName }) : '\u00a0'}</p>
        <PrinterIndicator printer={printer} />
        <LanguageSelect />
      </header>

      <HeaderFields receipt={receipt} lang={lang} />

      <main className="workarea">
        <RowsTable
          store={store}
          articleRef={articleRef}
          rows={receipt?.rows ?? []}
          lang={lang}
          editable={editable}
          confirmed={confirmed}
          loaded={loaded}
          empty={loaded && !receipt && !state.creating}
        />
        <TotalsPanel store={store} cashRef={cashRef} receipt={receipt} mode={mode} lang={lang} onDone={focusArticle} />
      </main>

      <MessageBar message={message} loaded={loaded} lang={lang} />
    </div>
  );
}
