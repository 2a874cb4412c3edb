import {
  useEffect,
  useEffectEvent,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { CashRounding, ZeroPricePolicy, type SettingsView } from '../../../../electron/contract/api';
import { LanguageSelect } from '../../components/LanguageSelect';
import { ScreenMessages } from '../../components/ScreenMessages';
import { parseMoneyInput, parseQuantityInput } from '../../../../electron/contract/codecs';
import { currentLanguage, formatDetails, formatMoney, formatMoneyInput, formatQuantity } from '../../i18n';
import { createSettingsStore, type SettingsStore, type TextSetting } from './store';
import { ParsedSetting } from './ParsedSetting';
import { invalidProps, SettingError, type ShownError } from './SettingError';
import { DaySettings } from './DaySettings';
import { LedgerSync } from './LedgerSync';
import { DeviceLog } from './DeviceLog';
import { CatalogueImportDialog } from './CatalogueImportDialog';
import { formatPtuMap, formatWeightLayouts, parsePtuMap, parseWeightLayouts } from './formats';
import '../../components/screen.css';
import './settings.css';

type BooleanSetting = {
  [K in keyof SettingsView]: SettingsView[K] extends boolean ? K : never;
}[keyof SettingsView];

const RECEIPT_CHECKBOXES: BooleanSetting[] = [
  'lockAfterPrint',
  'allowDelete',
  'salespersonPerRow',
  'showArticleImage',
  'phoneLookup',
  'errorTone',
  'mergeScans',
];
const PAYMENT_CHECKBOXES: BooleanSetting[] = ['transferEnabled', 'prepaymentEnabled'];
const DEVICE_CHECKBOXES: BooleanSetting[] = ['drawerOnCash', 'drawerOpenAllowed', 'receiptQr', 'receiptLogo'];

/** The shop's settings. Every change is saved at once; Escape goes back to the receipt. */
export function SettingsScreen({ onClose }: { onClose(): void }) {
  const [store] = useState<SettingsStore>(createSettingsStore);
  const state = useStore(store);
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const id = useId();
  const firstRef = useRef<HTMLSelectElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  const [importing, setImporting] = useState(false);
  const { loaded, settings, lists, drafts, saving, saved, error, notice, fieldErrors, focus } = state;

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  // A setting with a new error gets the cursor: its message is beside it, wherever it is on the
  // screen (focusing scrolls it into view).
  useEffect(() => {
    if (focus) document.getElementById(`${id}-${focus.field}`)?.focus();
  }, [focus, id]);

  /** A setting's error in the screen's language, or null. */
  const errorOf = (field: keyof SettingsView): ShownError | null => {
    const message = fieldErrors[field];
    return message ? { id: message.id, text: t(message.key, formatDetails(message.details, lang)) } : null;
  };

  // Loaded: the cursor goes to the first setting (or to Back, when nothing could be loaded).
  useEffect(() => {
    if (!loaded) return;
    (firstRef.current ?? backRef.current)?.focus();
  }, [loaded]);

  // Drafts are saved before leaving; a failed save keeps the screen open with its message.
  const leave = async () => {
    if (await store.getState().flush()) onClose();
  };

  const onWindowKey = useEffectEvent((event: globalThis.KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.repeat) return;
    event.preventDefault();
    void leave();
  });
  useEffect(() => {
    const listener = (event: globalThis.KeyboardEvent) => onWindowKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const update = (patch: Partial<SettingsView>) => void store.getState().update(patch);

  const checkbox = (field: BooleanSetting) =>
    settings ? (
      <div className="setting setting-check" key={field}>
        <input
          id={`${id}-${field}`}
          type="checkbox"
          checked={settings[field]}
          {...invalidProps(`${id}-${field}`, errorOf(field))}
          onChange={(event) => update({ [field]: event.currentTarget.checked })}
        />
        <label htmlFor={`${id}-${field}`}>{t(`settings.fields.${field}`)}</label>
        <SettingError controlId={`${id}-${field}`} error={errorOf(field)} />
      </div>
    ) : null;

  const select = (
    field: 'zeroPricePolicy' | 'cashRounding' | 'defaultSeries' | 'creditSeries' | 'defaultWarehouse' | 'terminalSlips' | 'ledgerSalesShape' | 'ledgerWriteOffShape',
    options: { value: string; label: string }[],
    ref?: Ref<HTMLSelectElement>,
  ) => {
    if (!settings) return null;
    const value = settings[field];
    // A code missing from the lists still shows as what it is.
    const all = options.some((o) => o.value === value) ? options : [{ value, label: value }, ...options];
    return (
      <div className="setting" key={field}>
        <label htmlFor={`${id}-${field}`}>{t(`settings.fields.${field}`)}</label>
        <select
          id={`${id}-${field}`}
          ref={ref}
          value={value}
          {...invalidProps(`${id}-${field}`, errorOf(field))}
          onChange={(event: ChangeEvent<HTMLSelectElement>) => update({ [field]: event.currentTarget.value })}
        >
          {all.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <SettingError controlId={`${id}-${field}`} error={errorOf(field)} />
      </div>
    );
  };

  const text = (field: TextSetting, maxLength: number) => {
    if (!settings) return null;
    const commit = () => void store.getState().commit(field);
    const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      commit();
    };
    return (
      <div className="setting" key={field}>
        <label htmlFor={`${id}-${field}`}>{t(`settings.fields.${field}`)}</label>
        <input
          id={`${id}-${field}`}
          type="text"
          value={drafts[field] ?? settings[field]}
          maxLength={maxLength}
          autoComplete="off"
          spellCheck={false}
          {...invalidProps(`${id}-${field}`, errorOf(field))}
          onChange={(event) => store.getState().setDraft(field, event.currentTarget.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
        <SettingError controlId={`${id}-${field}`} error={errorOf(field)} />
      </div>
    );
  };

  /** A setting typed as text and stored as a number or a list: saved when it parses, else refused beside it. */
  const parsed = <
    F extends 'scannerMaxGapMs' | 'scannerMinLength' | 'maxQuantityPcs' | 'maxQuantityKgMilli' | 'largestBanknoteMinor' | 'receiptHeader' | 'receiptFooter',
  >(
    field: F,
    format: (value: SettingsView[F]) => string,
    parse: (text: string) => SettingsView[F] | null,
    inputMode?: 'numeric',
  ) =>
    settings ? (
      <ParsedSetting
        key={field}
        id={`${id}-${field}`}
        label={t(`settings.fields.${field}`)}
        value={settings[field]}
        format={format}
        parse={parse}
        {...(inputMode ? { inputMode } : {})}
        onSave={(value) => store.getState().update({ [field]: value })}
        onInvalid={(raw) => store.getState().invalid(field, raw)}
        onValid={() => store.getState().clearError(field)}
        error={errorOf(field)}
      />
    ) : null;

  /** A whole number of at most 3 digits, from min to max. */
  const number = (field: 'scannerMaxGapMs' | 'scannerMinLength', min: number, max: number) =>
    parsed(
      field,
      String,
      (text) => {
        const n = /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : NaN;
        return n >= min && n <= max ? n : null;
      },
      'numeric',
    );

  /** Lines printed on every receipt, typed on one line separated by "|". */
  const lines = (field: 'receiptHeader' | 'receiptFooter') =>
    parsed(
      field,
      (value) => value.join(' | '),
      (text) => {
        const parts = text.split('|').map((l) => l.trim()).filter((l) => l !== '');
        return parts.length <= 6 && parts.every((l) => l.length <= 64) ? parts : null;
      },
    );

  const named = (items: { code: string; name: string }[]) =>
    items.map((item) => ({ value: item.code, label: item.name ? `${item.code} – ${item.name}` : item.code }));

  let status: ReactNode = null;
  if (!loaded) status = t('settings.loading');
  else if (saving > 0) status = t('settings.saving');
  else if (saved) status = t('settings.saved');
  else if (notice) status = t(notice.key, formatDetails(notice.details, lang));

  return (
    <div className="screen settings-screen">
      <header className="screen-top settings-top">
        <h1>{t('settings.title')}</h1>
        <LanguageSelect />
        <button ref={backRef} type="button" className="screen-back" aria-keyshortcuts="Escape" onClick={() => void leave()}>
          {t('settings.back')} <kbd aria-hidden="true">Esc</kbd>
        </button>
      </header>

      {/* Saving, saved, and errors about no one setting: in view however far down the cursor is. */}
      <ScreenMessages status={status} error={error} lang={lang} className="settings-messages" />

      <main className="settings-body">
        {settings ? (
          <div className="settings-form">
            <fieldset>
              <legend>{t('settings.sections.receipt')}</legend>
              {select(
                'zeroPricePolicy',
                ZeroPricePolicy.options.map((value) => ({ value, label: t(`settings.zeroPrice.${value}`) })),
                firstRef,
              )}
              {RECEIPT_CHECKBOXES.map(checkbox)}
            </fieldset>

            <fieldset>
              <legend>{t('settings.sections.payments')}</legend>
              {PAYMENT_CHECKBOXES.map(checkbox)}
              {select(
                'cashRounding',
                CashRounding.options.map((value) => ({
                  value,
                  // "0.05" -> 5 minor units, shown as "0.05" / "0,05": no float on the way.
                  label: value === 'none' ? t('settings.cashRounding.none') : formatMoney(Number.parseInt(value.replace('.', ''), 10), lang),
                })),
              )}
              {text('roundingAccount', 64)}
            </fieldset>

            <fieldset>
              <legend>{t('settings.sections.devices')}</legend>
              {text('printerConnection', 200)}
              <div className="setting">
                <span />
                <button type="button" onClick={() => void store.getState().testPrint()}>
                  {t('settings.testPrint')}
                </button>
              </div>
              {DEVICE_CHECKBOXES.map(checkbox)}
              {text('scannerPrefix', 8)}
              {number('scannerMaxGapMs', 5, 200)}
              {number('scannerMinLength', 3, 32)}
              {settings ? (
                <ParsedSetting
                  id={`${id}-weightBarcodes`}
                  label={t('settings.fields.weightBarcodes')}
                  value={settings.weightBarcodes}
                  format={formatWeightLayouts}
                  parse={parseWeightLayouts}
                  onSave={(weightBarcodes) => store.getState().update({ weightBarcodes })}
                  onInvalid={(text) => store.getState().invalid('weightBarcodes', text)}
                  onValid={() => store.getState().clearError('weightBarcodes')}
                  error={errorOf('weightBarcodes')}
                />
              ) : null}
              {text('terminalConnection', 200)}
              {text('terminalPassword', 6)}
              {select(
                'terminalSlips',
                (['none', 'customer', 'both'] as const).map((value) => ({ value, label: t(`settings.terminalSlips.${value}`) })),
              )}
              {text('fiscalConnection', 200)}
              {settings ? (
                <ParsedSetting
                  id={`${id}-ptuMap`}
                  label={t('settings.fields.ptuMap')}
                  value={settings.ptuMap}
                  format={formatPtuMap}
                  parse={parsePtuMap}
                  onSave={(ptuMap) => store.getState().update({ ptuMap })}
                  onInvalid={(text) => store.getState().invalid('ptuMap', text)}
                  onValid={() => store.getState().clearError('ptuMap')}
                  error={errorOf('ptuMap')}
                />
              ) : null}
              <p className="settings-hint">{t('settings.devicesHint')}</p>
            </fieldset>

            <fieldset>
              <legend>{t('settings.sections.shop')}</legend>
              {text('shopName', 80)}
              {text('shopAddress', 200)}
              {text('shopRegNo', 32)}
              {text('shopVatNo', 32)}
              {lines('receiptHeader')}
              {lines('receiptFooter')}
              {text('timeZone', 64)}
              <p className="settings-hint">{t('settings.shopHint')}</p>
            </fieldset>

            <fieldset>
              <legend>{t('settings.sections.limits')}</legend>
              {parsed(
                'maxQuantityPcs',
                String,
                (text) => (/^\d{1,7}$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 1_000_000 ? Number(text) : null),
                'numeric',
              )}
              {parsed(
                'maxQuantityKgMilli',
                (milli) => formatQuantity(milli, lang),
                (text) => {
                  const milli = parseQuantityInput(text);
                  return milli !== null && milli >= 1 ? milli : null;
                },
              )}
              {parsed(
                'largestBanknoteMinor',
                (minor) => formatMoneyInput(minor, lang),
                (text) => {
                  const minor = parseMoneyInput(text);
                  return minor !== null && minor >= 0 ? minor : null;
                },
              )}
            </fieldset>

            <fieldset>
              <legend>{t('settings.sections.till')}</legend>
              {text('tillName', 40)}
              {select('defaultSeries', named(lists?.series ?? []))}
              {select('creditSeries', named(lists?.series ?? []))}
              {select('defaultWarehouse', named(lists?.warehouses ?? []))}
              {text('cashierName', 40)}
            </fieldset>

            <DaySettings id={id} settings={settings} store={store} lang={lang} errorOf={errorOf} checkbox={checkbox} />

            <LedgerSync>
              {text('ledgerConnection', 300)}
              {select('ledgerSalesShape', (['receipt', 'daily'] as const).map((value) => ({ value, label: t(`settings.ledgerSalesShape.${value}`) })))}
              {select('ledgerWriteOffShape', (['document', 'daily'] as const).map((value) => ({ value, label: t(`settings.ledgerWriteOffShape.${value}`) })))}
            </LedgerSync>

            <fieldset>
              <legend>{t('catalogueImport.title')}</legend>
              <div className="setting">
                <span />
                <button type="button" onClick={() => setImporting(true)}>
                  {t('catalogueImport.open')}
                </button>
              </div>
            </fieldset>
          </div>
        ) : null}

        {settings ? <DeviceLog /> : null}
        {importing ? <CatalogueImportDialog onClose={() => setImporting(false)} /> : null}

        <p className="settings-hint">{t('settings.hint')}</p>
      </main>
    </div>
  );
}
