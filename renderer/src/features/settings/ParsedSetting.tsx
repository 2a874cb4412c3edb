import { useState, type KeyboardEvent } from 'react';

/**
 * A setting edited as text but stored as a structure (scale label layouts, PTU letters) or a
 * number: saved on Enter or when left; text that does not parse is reported and not sent.
 */
export function ParsedSetting<T>({
  id,
  label,
  value,
  format,
  parse,
  onSave,
  onInvalid,
  inputMode,
}: {
  id: string;
  label: string;
  value: T;
  format(value: T): string;
  parse(text: string): T | null;
  onSave(value: T): void;
  onInvalid(): void;
  inputMode?: 'numeric' | 'text';
}) {
  const shown = format(value);
  const [draft, setDraft] = useState<string | null>(null);

  const commit = () => {
    if (draft === null) return;
    const parsed = parse(draft);
    if (parsed === null) {
      onInvalid();
      return;
    }
    setDraft(null);
    if (format(parsed) !== shown) onSave(parsed);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    commit();
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
        onChange={(event) => setDraft(event.currentTarget.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
