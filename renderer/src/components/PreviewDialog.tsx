import { useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

export interface PreviewDialogProps {
  title: string;
  /** The printout as the printer gets it, one string per line. */
  lines: string[];
  onPrint(): void;
  onClose(): void;
}

/** Keyboard presses act on keydown; a click counts only from the mouse (see ChoiceDialog). */
function pressable(action: () => void) {
  return {
    onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      if (!event.repeat) action();
    },
    onKeyUp(event: KeyboardEvent<HTMLButtonElement>) {
      if (event.key === ' ') event.preventDefault();
    },
    onClick(event: MouseEvent<HTMLButtonElement>) {
      if (event.detail > 0) action();
    },
  };
}

/** F8: the printout on screen, exactly as it will print. Enter prints, Escape closes. */
export function PreviewDialog({ title, lines, onPrint, onClose }: PreviewDialogProps) {
  const { t } = useTranslation();
  const printRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog title={title} onClose={onClose} className="preview-dialog" initialFocus={printRef}>
      {/* Focusable, so the arrow keys scroll a long printout. */}
      <pre role="document" aria-label={t('dialog.preview')} tabIndex={0} className="preview-paper">
        {lines.join('\n')}
      </pre>
      <div className="dialog-actions">
        <button ref={printRef} type="button" className="dialog-button dialog-button-primary" {...pressable(onPrint)}>
          {t('dialog.print')}
        </button>
        <button type="button" className="dialog-button" {...pressable(onClose)}>
          {t('dialog.close')}
        </button>
      </div>
    </Dialog>
  );
}
