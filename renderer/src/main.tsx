import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { createI18n } from './i18n';
import { asBrowserBridge, installBrowserBridge } from './lib/browser-bridge';
import { AccessGate } from './components/AccessGate';
import './styles.css';

// Electron's preload provides window.pos; in a plain browser the HTTP bridge stands in.
const bridge = asBrowserBridge(installBrowserBridge());
const i18n = createI18n();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <AccessGate bridge={bridge}>
        <App />
      </AccessGate>
    </I18nextProvider>
  </StrictMode>,
);
