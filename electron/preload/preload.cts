/**
 * Exposes exactly `window.pos` (the PosBridge) to the sandboxed renderer: no ipcRenderer, no
 * event objects. Sandboxed preloads must be CommonJS and self-contained, hence the inlined names.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const INVOKE_CHANNEL = 'pos:invoke';
const EVENT_CHANNEL = 'pos:event';

contextBridge.exposeInMainWorld('pos', {
  invoke: (channel: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, channel, input),
  on: (event: string, listener: (payload: unknown) => void): (() => void) => {
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
});
