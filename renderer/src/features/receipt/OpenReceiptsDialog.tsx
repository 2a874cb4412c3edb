import { useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptSummary } from '../../../../electron/contract/api';
import { Dialog } from '../../components/Dialog';
import { formatMoney, type Language } from '../../i18n';
import { formatTime } from './format';

/**
 * F3 / Open: the receipts not confirmed yet, newest first. ↑ ↓ move, Enter opens, Escape closes.
 * Each receipt is a button, so a mouse works too.
 */
export function OpenReceiptsDialog({
  receipts,
  currentId,
  lang,
  timeZone,
  onOpen,
  onClose,
}: {
  receipts: ReceiptSummary[];
  currentId: string | null;
  lang: Language;
  /** The shop's time zone (the screen shows times in it). */
  timeZone?: string | undefined;
  onOpen: (receiptId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const firstRef = useRef<HTMLButtonElement>(null);

  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };

  // Keyboard opens on keydown, the mouse by click (a click synthesised from Enter has detail 0).
  const onKeyDown = (id: string) => (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    if (!event.repeat) onOpen(id);
  };
  const onClick = (id: string) => (event: MouseEvent<HTMLButtonElement>) => {
    if (event.detail > 0) onOpen(id);
  };

  return (
    <Dialog title={t('receipt.openList.title')} onClose={onClose} className="open-receipts" initialFocus={receipts.length > 0 ? firstRef : undefined}>
      {receipts.length === 0 ? (
        <p className="dialog-message">{t('receipt.openList.none')}</p>
      ) : (
        <ul className="open-list" aria-label={t('receipt.openList.title')} onKeyDown={onListKeyDown}>
          {receipts.map((r, i) => (
            <li key={r.id}>
              <button
                ref={i === 0 ? firstRef : undefined}
                type="button"
                className="open-item"
                aria-current={r.id === currentId ? 'true' : undefined}
                onKeyDown={onKeyDown(r.id)}
                onClick={onClick(r.id)}
              >
                <span className="open-number">{r.number ?? t('receipt.openList.noNumber')}</span>
                <span className={`open-status status-${r.status}`}>{t(`receipt.statusValue.${r.status}`)}</span>
                <span className="open-customer">{r.customerName || t('customer.privatePerson')}</span>
                <span className="open-total amount">{formatMoney(r.totalMinor, lang)}</span>
                <span className="open-time">{formatTime(r.createdAt, lang, timeZone)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
