import {
  useEffectEvent,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { createPortal } from 'react-dom';
import './dialogs.css';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]',
].join(', ');

const F_KEY = /^F([1-9]|1[0-9]|2[0-4])$/;

/** The focusable elements of a dialog, in tab order (positive tabindex is not used in this app). */
function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && !el.closest('[hidden], [inert], [aria-hidden="true"]'),
  );
}

/** Tab / Shift+Tab inside the dialog: past the last element comes the first, and back. */
function moveFocus(node: HTMLElement, backwards: boolean): void {
  const items = focusables(node);
  if (items.length === 0) {
    node.focus();
    return;
  }
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = backwards ? (at <= 0 ? items.length - 1 : at - 1) : at === -1 || at === items.length - 1 ? 0 : at + 1;
  items[next]?.focus();
}

/** Open dialogs, the topmost last: only the topmost one acts on keys. */
const openDialogs: HTMLElement[] = [];
const isTopmost = (node: HTMLElement) => openDialogs[openDialogs.length - 1] === node;

export interface DialogProps {
  title: string;
  onClose(): void;
  children?: ReactNode;
  className?: string;
  /** What gets the focus on open; by default the first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>;
}

/**
 * A modal dialog, rendered into document.body. The focus moves in on open, Tab and Shift+Tab
 * cycle inside, Escape closes, and on close the focus returns to where it was. Keys pressed in
 * the dialog never reach the screen behind it: not its React handlers (the portal would bubble
 * them up the React tree) and not its window-level F-key listeners.
 */
export function Dialog({ title, onClose, children, className, initialFocus }: DialogProps) {
  const titleId = useId();
  const nodeRef = useRef<HTMLDivElement>(null);
  // Read while rendering, before any child (autoFocus included) can take the focus.
  const [opener] = useState<Element | null>(() => (typeof document === 'undefined' ? null : document.activeElement));

  const close = useEffectEvent(() => onClose());

  useLayoutEffect(() => {
    const node = nodeRef.current;
    if (!node) return;
    openDialogs.push(node);
    (initialFocus?.current ?? focusables(node)[0] ?? node).focus();

    // The focus can still end up outside (a focused element disappeared, a click on the
    // backdrop): keys then arrive at the page, and the dialog takes them there.
    const onWindowKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!isTopmost(node)) return;
      if (event.target instanceof Node && node.contains(event.target)) return;
      event.stopPropagation();
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
      } else if (event.key === 'Tab') {
        event.preventDefault();
        moveFocus(node, event.shiftKey);
      } else if (F_KEY.test(event.key) && !event.altKey) {
        // Alt+F4 stays the system's, dialog or not.
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', onWindowKeyDown, true);

    return () => {
      window.removeEventListener('keydown', onWindowKeyDown, true);
      const index = openDialogs.lastIndexOf(node);
      if (index !== -1) openDialogs.splice(index, 1);
      // Back to the opener, unless whoever closed the dialog already put the focus elsewhere.
      const active = document.activeElement;
      const focusLeft = active === null || active === document.body || node.contains(active);
      if (focusLeft && opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [initialFocus, opener]);

  // Capture phase: the dialog's own keys are handled before anything inside sees them.
  const onKeyDownCapture = (event: KeyboardEvent<HTMLDivElement>) => {
    const node = nodeRef.current;
    if (!node || !isTopmost(node)) return; // a dialog opened from this one handles its own keys
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (!event.repeat) onClose();
    } else if (event.key === 'Tab' && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      event.stopPropagation();
      moveFocus(node, event.shiftKey);
    } else if (F_KEY.test(event.key) && !event.altKey) {
      // The screen behind must not act (F2 new receipt, F12 confirm…) while the dialog is open.
      event.preventDefault();
      event.stopPropagation();
    }
  };

  // Bubble phase: whatever the content did not stop goes no further than the dialog.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => event.stopPropagation();

  // A click on the backdrop keeps the focus where it is.
  const onBackdropMouseDown = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target === event.currentTarget) event.preventDefault();
  };

  if (typeof document === 'undefined') return null;
  return createPortal(
    <div className="dialog-backdrop" onMouseDown={onBackdropMouseDown}>
      <div
        ref={nodeRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={className ? `dialog ${className}` : 'dialog'}
        onKeyDownCapture={onKeyDownCapture}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}
