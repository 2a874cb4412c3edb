import { useId, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { Dialog } from './Dialog';

export interface Choice {
  id: string;
  label: string;
  /** A short extra line under the label (e.g. a series prefix, "F9"). */
  hint?: string;
}

export interface ChoiceDialogProps {
  title: string;
  message?: string;
  choices: Choice[];
  onChoose(id: string): void;
  onCancel(): void;
}

/**
 * A question with a row of answers: "Save changes? Save / Discard / Cancel", "Delete this
 * receipt?", a number series. The first answer has the focus; ← → move, Enter or Space
 * chooses, Escape cancels.
 */
export function ChoiceDialog({ title, message, choices, onChoose, onCancel }: ChoiceDialogProps) {
  const baseId = useId();
  const messageId = `${baseId}-message`;
  const describedBy = (index: number, choice: Choice) =>
    [choice.hint ? `${baseId}-${index}-hint` : '', message ? messageId : ''].filter(Boolean).join(' ');
  const firstRef = useRef<HTMLButtonElement>(null);

  const onRowKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
    if (buttons.length === 0) return;
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    let next: number;
    if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    else if (event.key === 'ArrowRight') next = at === -1 ? 0 : (at + 1) % buttons.length;
    else next = at <= 0 ? buttons.length - 1 : at - 1;
    buttons[next]?.focus();
  };

  // The keyboard chooses on keydown (so an Enter that opened the dialog cannot also click
  // the first button on its keypress); the mouse chooses by click.
  const onButtonKeyDown = (id: string) => (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    if (!event.repeat) onChoose(id);
  };
  const onButtonKeyUp = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === ' ') event.preventDefault();
  };
  const onButtonClick = (id: string) => (event: MouseEvent<HTMLButtonElement>) => {
    if (event.detail > 0) onChoose(id); // detail 0: a click the keyboard synthesised
  };

  return (
    <Dialog title={title} onClose={onCancel} className="choice-dialog" initialFocus={firstRef}>
      {message ? (
        <p id={messageId} className="dialog-message">
          {message}
        </p>
      ) : null}
      <div className="dialog-actions" onKeyDown={onRowKeyDown}>
        {choices.map((choice, index) => (
          <button
            key={choice.id}
            ref={index === 0 ? firstRef : undefined}
            type="button"
            className="dialog-button"
            // The name is the label alone; the hint and the question describe it.
            aria-labelledby={`${baseId}-${index}`}
            aria-describedby={describedBy(index, choice) || undefined}
            onKeyDown={onButtonKeyDown(choice.id)}
            onKeyUp={onButtonKeyUp}
            onClick={onButtonClick(choice.id)}
          >
            <span id={`${baseId}-${index}`} className="dialog-button-label">
              {choice.label}
            </span>
            {choice.hint ? (
              <span id={`${baseId}-${index}-hint`} className="dialog-button-hint">
                {choice.hint}
              </span>
            ) : null}
          </button>
        ))}
      </div>
    </Dialog>
  );
}
