import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { ApiError, call } from '../../lib/pos-client';
import { errorKey } from '../../i18n';
import type { ReceiptStore } from './store';

/**
 * "Open drawer" without a sale: only with a reason (change for a customer, a cash count…),
 * which the core logs with the kick. The setting decides whether it is allowed at all.
 */
export function DrawerButton({ store, onDone }: { store: ReceiptStore; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);
  const id = useId();

  const close = () => {
    setOpen(false);
    onDone();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const reason = reasonRef.current?.value.trim() ?? '';
    if (reason.length < 3) {
      reasonRef.current?.focus();
      return;
    }
    try {
      await call('drawer.open', { reason });
      store.getState().notify('success', 'devices.drawer.queued', { reason });
    } catch (error) {
      const api = error instanceof ApiError ? error : new ApiError('internal', String(error));
      store.getState().notify('error', errorKey(api.code, api.details), api.details);
    }
    close();
  };

  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {t('devices.drawer.button')}
      </button>
      {open ? (
        <Dialog title={t('devices.drawer.title')} onClose={close} initialFocus={reasonRef}>
          <form onSubmit={(event) => void submit(event)}>
            <p id={`${id}-hint`} className="dialog-message">{t('devices.drawer.hint')}</p>
            <label htmlFor={`${id}-reason`}>{t('devices.drawer.reason')}</label>{' '}
            <input id={`${id}-reason`} ref={reasonRef} type="text" minLength={3} maxLength={120} aria-describedby={`${id}-hint`} autoComplete="off" />
            <div className="dialog-actions">
              <button type="submit" className="dialog-button">{t('devices.drawer.open')}</button>
              <button type="button" className="dialog-button" onClick={close}>
                {t('devices.drawer.cancel')}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </>
  );
}
