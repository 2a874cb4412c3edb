import { useTranslation } from 'react-i18next';

const KEYS: { key: string; label: string; later?: boolean }[] = [
  { key: 'F2', label: 'keys.F2' },
  { key: 'Enter', label: 'keys.enter' },
  { key: '↑ ↓', label: 'keys.arrows' },
  { key: 'F4', label: 'keys.F4' },
  { key: 'F6', label: 'keys.F6', later: true },
  { key: 'F8', label: 'keys.F8', later: true },
  { key: 'F9', label: 'keys.F9', later: true },
  { key: 'F10', label: 'keys.F10', later: true },
  { key: 'F12', label: 'keys.F12' },
  { key: 'Esc', label: 'keys.Esc' },
];

/** The keys of this screen, Directo style. Keys not wired yet are shown dimmed. */
export function HelpBar() {
  const { t } = useTranslation();
  return (
    <nav className="helpbar" aria-label={t('keys.label')}>
      <ul>
        {KEYS.map(({ key, label, later }) => (
          <li key={key} className={later ? 'later' : undefined}>
            <kbd>{key}</kbd> {t(label)}
          </li>
        ))}
      </ul>
    </nav>
  );
}
