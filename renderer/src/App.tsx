import { useEffect, useState } from 'react';
import { DayScreen } from './features/day/DayScreen';
import { createDayStore, type DayStore } from './features/day/store';
import { ReceiptScreen } from './features/receipt/ReceiptScreen';
import { createReceiptStore, type ReceiptStore } from './features/receipt/store';
import { SettingsScreen } from './features/settings/SettingsScreen';

export type Screen = 'receipt' | 'settings' | 'day';

type Shortcut = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey'>;

/** Ctrl+, — the settings shortcut, from anywhere (a dialog keeps its keys to itself). */
const isSettingsShortcut = (event: Shortcut): boolean => event.key === ',' && event.ctrlKey && !event.altKey && !event.metaKey;

/** Ctrl+D — the day (X report, cash in/out, close), from the receipt screen. */
const isDayShortcut = (event: Shortcut): boolean =>
  (event.key === 'd' || event.key === 'D') && event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey;

/**
 * The till's screens. The receipt store lives here, created once, so a visit to the settings
 * or the day leaves the sale on screen when the cashier comes back; the day's store too, so a
 * count half typed survives a look at the receipt.
 */
export function App() {
  const [store] = useState<ReceiptStore>(createReceiptStore);
  const [dayStore] = useState<DayStore>(createDayStore);
  const [screen, setScreen] = useState<Screen>('receipt');

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isSettingsShortcut(event)) {
        event.preventDefault();
        setScreen('settings');
      } else if (isDayShortcut(event)) {
        // Also keeps the browser's own Ctrl+D (bookmark) away, wherever the cashier is.
        event.preventDefault();
        if (!event.repeat) setScreen((current) => (current === 'receipt' ? 'day' : current));
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (screen === 'settings') return <SettingsScreen onClose={() => setScreen('receipt')} />;
  if (screen === 'day') return <DayScreen store={dayStore} onClose={() => setScreen('receipt')} />;
  return <ReceiptScreen store={store} onOpenSettings={() => setScreen('settings')} onOpenDay={() => setScreen('day')} />;
}
