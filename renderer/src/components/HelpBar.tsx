import { useTranslation } from 'react-i18next';

/**
 * Secondary keys (Enter, the arrows, Esc, Ctrl+, which also has its button) give way on a narrow
 * screen, so the line of keys never wraps.
 */
const KEYS: { key: string; label: string; secondary?: true }[] = [
  { key: 'F2', label: 'keys.F2' },
  { key: 'F3', label: 'keys.F3' },
  { key: 'F4', label: 'keys.F4' },
  { key: 'F5', label: 'keys.F5' },
  { key: 'F6', label: 'keys.F6' },
  { key: 'F7', label: 'keys.F7' },
  { key: 'F8', label: 'keys.F8' },
  { key: 'F9', label: 'keys.F9' },
  { key: 'F10', label: 'keys.F10' },
  { key: 'F12', label: 'keys.F12' },
  { key: 'Enter', label: 'keys.enter', secondary: true },
  { key: 'Ctrl+Enter', label: 'keys.ctrlEnter' },
  { key: 'Alt+C', label: 'keys.altC' },
  { key: '↑ ↓', label: 'keys.arrows', secondary: true },
  { key: 'Esc', label: 'keys.Esc', secondary: true },
  { key: 'Ctrl+,', label: 'keys.settings', secondary: true },
];

/** The keys of this screen, Directo style, always in view: cashiers work from the keyboard. */
export function HelpBar() {
  const { t } = useTranslation();
  return (
    <nav className="helpbar" aria-label={t('keys.label')}>
      <ul>
        {KEYS.map(({ key, label, secondary }) => (
          <li key={key} className={secondary ? 'secondary' : undefined}>
            <kbd>{key}</kbd> {t(label)}
          </li>
        ))}
      </ul>
    </nav>
  );
}
