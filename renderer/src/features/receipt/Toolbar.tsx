import { useTranslation } from 'react-i18next';
import type { ReceiptView } from '../../../../electron/contract/api';
import type { ReceiptStore } from './store';
import { DrawerButton } from './DrawerButton';
import { creditBlocked } from './store-returns';

/**
 * Directo's document buttons. Plain buttons in the Tab order; the ones with a key show it
 * (aria-hidden, so the accessible name is just the word). Delete and Credit are disabled, with
 * the reason as their tooltip and description, when the setting or the status forbids them.
 */
export function Toolbar({
  store,
  receipt,
  allowDelete,
  onDone,
  onOpenDay,
}: {
  store: ReceiptStore;
  receipt: ReceiptView | null;
  allowDelete: boolean;
  /** Back to the Article field after an action that does not open a dialog. */
  onDone: () => void;
  /** Opens the day screen; without it there is no Day button. */
  onOpenDay?: () => void;
}) {
  const { t } = useTranslation();
  const actions = () => store.getState();
  const deleteBlocked = !receipt
    ? t('toolbar.deleteNothing')
    : !allowDelete
      ? t('toolbar.deleteForbidden')
      : receipt.status === 'confirmed'
        ? t('toolbar.deleteConfirmed')
        : null;

  const creditKey = creditBlocked(receipt);
  const creditReason = creditKey === null ? null : t(creditKey);

  const after = (done: Promise<unknown>) => void done.then(onDone);

  return (
    <nav className="toolbar" aria-label={t('toolbar.label')}>
      <button type="button" onClick={() => void actions().showOpenList()}>
        {t('toolbar.open')} <kbd aria-hidden="true">F3</kbd>
      </button>
      <button type="button" onClick={() => actions().showFind()}>
        {t('toolbar.find')} <kbd aria-hidden="true">F7</kbd>
      </button>
      <button
        type="button"
        disabled={creditReason !== null}
        title={creditReason ?? undefined}
        onClick={() => after(actions().credit())}
      >
        {t('toolbar.credit')} <kbd aria-hidden="true">F5</kbd>
      </button>
      <button type="button" onClick={() => after(actions().copy())}>
        {t('toolbar.copy')}
      </button>
      <button type="button" onClick={() => void actions().preview()}>
        {t('toolbar.print')} <kbd aria-hidden="true">F8</kbd>
      </button>
      <button type="button" onClick={() => after(actions().leave())}>
        {t('toolbar.leave')}
      </button>
      <button type="button" onClick={() => after(actions().close())}>
        {t('toolbar.close')}
      </button>
      <button
        type="button"
        className="danger"
        disabled={deleteBlocked !== null}
        title={deleteBlocked ?? undefined}
        onClick={() => actions().requestDelete()}
      >
        {t('toolbar.delete')}
      </button>
      <DrawerButton store={store} onDone={onDone} />
      {onOpenDay ? (
        <button type="button" aria-keyshortcuts="Control+D" onClick={onOpenDay}>
          {t('day.toolbar')} <kbd aria-hidden="true">Ctrl+D</kbd>
        </button>
      ) : null}
    </nav>
  );
}
