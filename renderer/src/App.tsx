import { ReceiptScreen } from './features/receipt/ReceiptScreen';

export function App() {
  return <ReceiptScreen />;
}
