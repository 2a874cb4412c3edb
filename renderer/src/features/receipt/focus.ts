/** Focus a field with its text selected, so the next key or scan replaces what is there. */
export const selectAll = (input: HTMLInputElement | null) => {
  if (!input) return;
  input.focus();
  input.select();
};
