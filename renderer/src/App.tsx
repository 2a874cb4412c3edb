import { useEffect, useState } from 'react';
import { ReceiptScreen } from './features/receipt/ReceiptScreen';
import { createReceiptStore, type ReceiptStore } from './features/receipt/store';
import { SettingsScreen } from './features/settings/SettingsScreen';

export type Screen = 'receipt' | 'settings';

/** Ctrl+, — the settings shortcut, from anywhere (a dialog keeps its keys to itself). */
const isSettingsShortcut = (event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): boolean =>
  event.key === ',' && event.ctrlKey && !event.altKey && !event.metaKey;

/**
 * The till's screens. The receipt store lives here, created once, so a visit to the settings
 * leaves the sale on screen when the cashier comes back.
 */
export function App() {
  const [store] = useState<ReceiptStore>(createReceiptStore);
  const [screen, setScreen] = useState<Screen>('receipt');

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSettingsShortcut(event)) return;
      event.preventDefault();
      setScreen('settings');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (screen === 'settings') return <SettingsScreen onClose={() => setScreen('receipt')} />;
  return <ReceiptScreen store={store} onOpenSettings={() => setScreen('settings')} />;
}
