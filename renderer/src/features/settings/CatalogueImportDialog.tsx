import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { ImportDiff, ImportRowView } from '../../../../electron/contract/api';
import { Dialog } from '../../components/Dialog';
import { currentLanguage, formatDetails, formatMoney, formatRate, type Language } from '../../i18n';
import { createCatalogueImportStore, type CatalogueImportStore } from './catalogue-import-store';
import './catalogue-import.css';

type T = ReturnType<typeof useTranslation>['t'];

/** A field's value as the screen shows it: money and rates in the screen's language, units translated. */
function shown(field: ImportDiff['field'], value: string | number, t: T, lang: Language): string {
  if (field === 'priceMinor' && typeof value === 'number') return formatMoney(value, lang);
  if (field === 'vatRateBp' && typeof value === 'number') return formatRate(value, lang);
  if (field === 'unit') return t(`unit.${value}`);
  return String(value);
}

function RowLine({ row, t, lang }: { row: ImportRowView; t: T; lang: Language }) {
  return (
    <tr className={`import-row import-${row.status}`}>
      <td>{row.line}</td>
      {/* The colour is never alone: the status is also written out. */}
      <td className="import-status">{t(`catalogueImport.status.${row.status}`)}</td>
      <td>{row.barcode}</td>
      <td className="import-name">{row.name}</td>
      <td className="import-number">{formatMoney(row.priceMinor, lang)}</td>
      <td className="import-number">{formatRate(row.vatRateBp, lang)}</td>
      <td>{t(`unit.${row.unit}`)}</td>
      <td>
        {row.diffs
          .map((d) => t('catalogueImport.change', { field: t(`catalogueImport.fields.${d.field}`), old: shown(d.field, d.old, t, lang), new: shown(d.field, d.new, t, lang) }))
          .join('; ')}
      </td>
    </tr>
  );
}

/**
 * Product cards from the accounting program's CSV export: choose the file, see every row as
 * unchanged (green), changed (yellow), new (red) or rejected, then apply them all at once or cancel.
 */
export function CatalogueImportDialog({ onClose }: { onClose(): void }) {
  const [store] = useState<CatalogueImportStore>(createCatalogueImportStore);
  const { phase, percent, preview, applied, error } = useStore(store);
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const id = useId();

  const close = () => {
    void store.getState().cancel();
    onClose();
  };
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (file) void store.getState().choose(file);
  };
  const busy = phase === 'uploading' || phase === 'reading' || phase === 'fetching' || phase === 'applying';

  return (
    <Dialog title={t('catalogueImport.title')} onClose={close} className="catalogue-import">
      <div className="import-file">
        <label htmlFor={`${id}-file`}>{t('catalogueImport.file')}</label>
        <input id={`${id}-file`} type="file" accept=".csv,text/csv" disabled={busy} onChange={onFile} aria-describedby={`${id}-hint`} />
        <p id={`${id}-hint`} className="settings-hint">
          {t('catalogueImport.hint')}
        </p>
        <button type="button" disabled={busy} onClick={() => void store.getState().fromLedger()}>
          {t('catalogueImport.fromLedger')}
        </button>
      </div>

      {busy ? (
        <div className="import-progress">
          {/* Sending has a measure; reading and applying happen in one call each, so they have none. */}
          <progress
            aria-label={t(`catalogueImport.phase.${phase}`)}
            max={100}
            {...(phase === 'uploading' ? { value: percent } : {})}
          />
        </div>
      ) : null}
      <p role="status" className="import-status-line">
        {busy ? t(`catalogueImport.phase.${phase}`) : null}
        {applied ? t('catalogueImport.applied', applied) : null}
      </p>
      {error ? (
        <p role="alert" className="screen-alert">
          {t(error.key, formatDetails(error.details, lang))}
        </p>
      ) : null}

      {preview && phase !== 'applied' ? (
        <>
          <p className="settings-hint">
            {preview.source === 'ledger'
              ? t('catalogueImport.readFromLedger', { ledger: preview.fileName })
              : t('catalogueImport.readAs', { fileName: preview.fileName, encoding: preview.encoding, delimiter: preview.delimiter })}
          </p>
          <dl className="import-counts" aria-label={t('catalogueImport.counts')}>
            {(['red', 'yellow', 'green', 'rejected'] as const).map((k) => (
              <div key={k} className={`import-${k}`}>
                <dt>{t(`catalogueImport.count.${k}`)}</dt>
                <dd>{preview.counts[k]}</dd>
              </div>
            ))}
          </dl>
          <div className="import-table">
            <table aria-label={t('catalogueImport.rows')}>
              <thead>
                <tr>
                  {(['line', 'status', 'barcode', 'name', 'price', 'vat', 'unit', 'changes'] as const).map((c) => (
                    <th key={c} scope="col">
                      {t(`catalogueImport.columns.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <RowLine key={row.line} row={row} t={t} lang={lang} />
                ))}
              </tbody>
            </table>
          </div>
          {preview.rejected.length > 0 ? (
            <div className="import-table">
              <table aria-label={t('catalogueImport.rejectedRows')}>
                <thead>
                  <tr>
                    <th scope="col">{t('catalogueImport.columns.line')}</th>
                    <th scope="col">{t('catalogueImport.columns.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rejected.map((r, i) => (
                    <tr key={`${r.line}-${i}`} className="import-rejected">
                      <td>{r.line}</td>
                      <td>{t(`catalogueImport.reasons.${r.code}`, formatDetails(r.details, lang))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}

      <div className="dialog-actions">
        {phase === 'applied' ? (
          <button type="button" onClick={onClose}>
            {t('dialog.close')}
          </button>
        ) : (
          <>
            <button type="button" disabled={phase !== 'preview'} onClick={() => void store.getState().apply()}>
              {t('catalogueImport.apply')}
            </button>
            <button type="button" onClick={close}>
              {t('catalogueImport.cancel')}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}
