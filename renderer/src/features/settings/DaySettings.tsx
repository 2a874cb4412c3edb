import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CashDirection, SettingsView } from '../../../../electron/contract/api';
import { parseMoneyInput } from '../../../../electron/contract/codecs';
import { formatMoneyInput, type Language } from '../../i18n';
import { ParsedSetting } from './ParsedSetting';
import type { ShownError } from './SettingError';
import type { SettingsStore } from './store';

const DIRECTIONS: readonly CashDirection[] = ['bank', 'collection', 'safe'];

/** An amount of money typed as text, not negative. */
const parseAmount = (text: string) => {
  const minor = parseMoneyInput(text);
  return minor !== null && minor >= 0 ? minor : null;
};

/** Article codes separated by commas (or spaces); at most 200. */
export const parseCodes = (text: string): string[] | null => {
  const codes = text
    .split(/[,;\s]+/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  return codes.length <= 200 && codes.every((c) => c.length <= 32) ? [...new Set(codes)] : null;
};

/**
 * How the till opens and closes its day: each part of the close can be switched off (the count
 * note by note, the cash out per direction, the expected amount and difference, the stock count).
 */
export function DaySettings({
  id,
  settings,
  store,
  lang,
  errorOf,
  checkbox,
}: {
  id: string;
  settings: SettingsView;
  store: SettingsStore;
  lang: Language;
  errorOf(field: keyof SettingsView): ShownError | null;
  checkbox(field: 'dayAutoOpen' | 'closeByDenominations' | 'closeBlind'): ReactNode;
}) {
  const { t } = useTranslation();
  const money = (field: 'closeRemainsMinor' | 'closeToleranceMinor') => (
    <ParsedSetting
      id={`${id}-${field}`}
      label={t(`settings.fields.${field}`)}
      value={settings[field]}
      format={(minor) => formatMoneyInput(minor, lang)}
      parse={parseAmount}
      onSave={(value) => store.getState().update({ [field]: value })}
      onInvalid={(text) => store.getState().invalid(field, text)}
      onValid={() => store.getState().clearError(field)}
      error={errorOf(field)}
    />
  );
  // The directions keep one order (bank, collection, safe): the first one on takes what is above the preset remains.
  // The list as saved by now (not as rendered): two quick clicks both count.
  const toggle = (direction: CashDirection, on: boolean) => {
    const saved = store.getState().settings?.closeCashOut ?? settings.closeCashOut;
    void store.getState().update({ closeCashOut: DIRECTIONS.filter((d) => (d === direction ? on : saved.includes(d))) });
  };
  return (
    <fieldset>
      <legend>{t('settings.sections.day')}</legend>
      {checkbox('dayAutoOpen')}
      {checkbox('closeByDenominations')}
      <fieldset className="setting-group">
        <legend>{t('settings.fields.closeCashOut')}</legend>
        {DIRECTIONS.map((direction) => (
          <div className="setting setting-check" key={direction}>
            <input
              id={`${id}-closeCashOut-${direction}`}
              type="checkbox"
              checked={settings.closeCashOut.includes(direction)}
              onChange={(event) => toggle(direction, event.currentTarget.checked)}
            />
            <label htmlFor={`${id}-closeCashOut-${direction}`}>{t(`day.close.${direction}`)}</label>
          </div>
        ))}
      </fieldset>
      {money('closeRemainsMinor')}
      {checkbox('closeBlind')}
      {money('closeToleranceMinor')}
      <ParsedSetting
        id={`${id}-closeCountArticles`}
        label={t('settings.fields.closeCountArticles')}
        value={settings.closeCountArticles}
        format={(codes) => codes.join(', ')}
        parse={parseCodes}
        onSave={(closeCountArticles) => store.getState().update({ closeCountArticles })}
        onInvalid={(text) => store.getState().invalid('closeCountArticles', text)}
        onValid={() => store.getState().clearError('closeCountArticles')}
        error={errorOf('closeCountArticles')}
      />
    </fieldset>
  );
}
