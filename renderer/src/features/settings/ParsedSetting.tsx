import { useState, type KeyboardEvent } from 'react';
import { invalidProps, SettingError, type ShownError } from './SettingError';

/**
 * A setting edited as text but stored as a structure (scale label layouts, PTU letters) or a
 * number: saved on Enter or when left. Text that does not parse is reported beside the field and
 * not sent; it stays in the field to be corrected, as does a value the core refuses.
 */
export function ParsedSetting<T>({
  id,
  label,
  value,
  format,
  parse,
  onSave,
  onInvalid,
  onValid,
  error,
  inputMode,
}: {
  id: string;
  label: string;
  value: T;
  format(value: T): string;
  parse(text: string): T | null;
  /** Resolves false when the core refused it. */
  onSave(value: T): Promise<boolean>;
  onInvalid(text: string): void;
  /** The text parses (its earlier error, if any, is gone). */
  onValid(): void;
  error: ShownError | null;
  inputMode?: 'numeric' | 'text';
}) {
  const shown = format(value);
  const [draft, setDraft] = useState<string | null>(null);

  const commit = async () => {
    if (draft === null) return;
    const parsed = parse(draft);
    if (parsed === null) {
      onInvalid(draft);
      return;
    }
    if (format(parsed) === shown) {
      onValid();
      setDraft(null);
      return;
    }
    if (await onSave(parsed)) setDraft((current) => (current === draft ? null : current));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void commit();
  };

  return (
    <div className="setting">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode ?? 'text'}
        value={draft ?? shown}
        autoComplete="off"
        spellCheck={false}
        {...invalidProps(id, error)}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onBlur={() => void commit()}
        onKeyDown={onKeyDown}
      />
      <SettingError controlId={id} error={error} />
    </div>
  );
}
