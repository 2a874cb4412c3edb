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
import { currentLanguage, formatDetails, formatMoney } from '../../i18n';
import { createSettingsStore, type SettingsStore, type TextSetting } from './store';
import { ParsedSetting } from './ParsedSetting';
import { DeviceLog } from './DeviceLog';
import { formatPtuMap, formatWeightLayouts, parsePtuMap, parseWeightLayouts } from './formats';
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
  const { loaded, settings, lists, drafts, saving, saved, error, notice } = state;

  useEffect(() => {
    void store.getState().load();
  }, [store]);

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
          onChange={(event) => update({ [field]: event.currentTarget.checked })}
        />
        <label htmlFor={`${id}-${field}`}>{t(`settings.fields.${field}`)}</label>
      </div>
    ) : null;

  const select = (
    field: 'zeroPricePolicy' | 'cashRounding' | 'defaultSeries' | 'defaultWarehouse' | 'terminalSlips',
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
          onChange={(event: ChangeEvent<HTMLSelectElement>) => update({ [field]: event.currentTarget.value })}
        >
          {all.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
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
          onChange={(event) => store.getState().setDraft(field, event.currentTarget.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
      </div>
    );
  };

  const number = (field: 'scannerMaxGapMs' | 'scannerMinLength', min: number, max: number) =>
    settings ? (
      <ParsedSetting
        key={field}
        id={`${id}-${field}`}
        label={t(`settings.fields.${field}`)}
        value={settings[field]}
        inputMode="numeric"
        format={String}
        parse={(text) => {
          const n = /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : NaN;
          return n >= min && n <= max ? n : null;
        }}
        onSave={(value) => update({ [field]: value })}
        onInvalid={() => store.getState().invalid(field)}
      />
    ) : null;

  const named = (items: { code: string; name: string }[]) =>
    items.map((item) => ({ value: item.code, label: item.name ? `${item.code} – ${item.name}` : item.code }));

  let status: ReactNode = null;
  if (!loaded) status = t('settings.loading');
  else if (saving > 0) status = t('settings.saving');
  else if (saved) status = t('settings.saved');
  else if (notice) status = t(notice.key, formatDetails(notice.details, lang));

  return (
    <div className="settings-screen">
      <header className="settings-top">
        <h1>{t('settings.title')}</h1>
        <LanguageSelect />
        <button ref={backRef} type="button" className="settings-back" aria-keyshortcuts="Escape" onClick={() => void leave()}>
          {t('settings.back')} <kbd aria-hidden="true">Esc</kbd>
        </button>
      </header>

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
                  onSave={(weightBarcodes) => update({ weightBarcodes })}
                  onInvalid={() => store.getState().invalid('weightBarcodes')}
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
                  onSave={(ptuMap) => update({ ptuMap })}
                  onInvalid={() => store.getState().invalid('ptuMap')}
                />
              ) : null}
              <p className="settings-hint">{t('settings.devicesHint')}</p>
            </fieldset>

            <fieldset>
              <legend>{t('settings.sections.till')}</legend>
              {select('defaultSeries', named(lists?.series ?? []))}
              {select('defaultWarehouse', named(lists?.warehouses ?? []))}
              {text('cashierName', 40)}
            </fieldset>
          </div>
        ) : null}

        {settings ? <DeviceLog /> : null}

        <p role="status" className="settings-status">
          {status}
        </p>
        {error ? (
          <p role="alert" className="settings-error">
            {t(error.key, formatDetails(error.details, lang))}
          </p>
        ) : null}
        <p className="settings-hint">{t('settings.hint')}</p>
      </main>
    </div>
  );
}
