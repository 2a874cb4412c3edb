import { useEffect, useRef, type InputHTMLAttributes, type KeyboardEvent } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onBlur'> & {
  /** The core's value, formatted: shown until the cashier types, and again after a refused or empty change. */
  value: string;
  /**
   * Saves the typed text. Resolves false when there was nothing to save or the change was refused:
   * the field then shows `value` again. Never called with the text already shown.
   */
  onCommit(text: string): Promise<boolean> | boolean;
  /** After Enter saved the field: by default the focus stays; rows go back to the Article field. */
  onEnter?(input: HTMLInputElement): void;
  /** Escape, after the field got its value back. */
  onEscape?(input: HTMLInputElement): void;
  /**
   * A refused change stays in the field (beside its error) for the cashier to correct, instead of
   * the field showing `value` again; Escape still brings `value` back.
   */
  keepRefused?: boolean;
};

/**
 * A field that saves on blur and on Enter. Uncontrolled, so a scanner or a fast typist never
 * fights a re-render; a new value from the core (or a language switch) replaces the text.
 * `data-commit` lets the F-keys blur it first, so its change is queued before the key acts.
 */
export function CommitInput({ value, onCommit, onEnter, onEscape, onKeyDown, readOnly, keepRefused, ...rest }: Props) {
  const ref = useRef<HTMLInputElement>(null);
  const shown = useRef(value);
  // The text being saved right now: Enter and the blur after it must not save it twice.
  const saving = useRef<string | null>(null);

  useEffect(() => {
    shown.current = value;
    if (ref.current) ref.current.value = value;
  }, [value]);

  const commit = async (input: HTMLInputElement) => {
    const text = input.value;
    if (readOnly || text === shown.current || text === saving.current) return;
    saving.current = text;
    let saved = false;
    try {
      saved = await onCommit(text);
    } finally {
      saving.current = null;
    }
    if (!saved && !keepRefused && input.isConnected && input.value === text) input.value = shown.current;
  };

  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(event);
    if (event.defaultPrevented) return;
    const input = event.currentTarget;
    if (event.key === 'Enter' && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      // Saved here, not by the blur onEnter may cause: the field need not have had the focus.
      void commit(input);
      onEnter?.(input);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      input.value = shown.current;
      onEscape?.(input);
    }
  };

  return (
    <input
      ref={ref}
      type="text"
      autoComplete="off"
      data-commit=""
      {...rest}
      defaultValue={value}
      readOnly={readOnly}
      onBlur={(event) => void commit(event.currentTarget)}
      onKeyDown={keyDown}
    />
  );
}
