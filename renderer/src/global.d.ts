import type { PosBridge } from '../../electron/contract/bridge';

declare global {
  interface Window {
    /** Provided by the Electron preload, or by the browser-mode bridge (lib/browser-bridge.ts). */
    pos?: PosBridge;
  }
}

export {};
