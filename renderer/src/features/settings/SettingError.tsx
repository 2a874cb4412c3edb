/** What is wrong with a setting, as the screen words it; a new id is a new message. */
export interface ShownError {
  id: number;
  text: string;
}

/** The id of a setting's error, for its control's aria-describedby. */
export const errorIdOf = (controlId: string) => `${controlId}-error`;

/** Attributes of a control whose setting has an error: marked invalid and described by it. */
export const invalidProps = (controlId: string, error: ShownError | null) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': errorIdOf(controlId) } : {};

/**
 * A setting's error, beside it (the grid's second column, under the control). A fresh alert per
 * message (keyed by id), so the same refusal twice is announced twice.
 */
export function SettingError({ controlId, error }: { controlId: string; error: ShownError | null }) {
  if (!error) return null;
  return (
    <span key={error.id} id={errorIdOf(controlId)} role="alert" className="setting-error">
      {error.text}
    </span>
  );
}
