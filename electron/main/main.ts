/**
 * The Electron shell: a secure window, the IPC binding to the core, nothing else. All behaviour
 * lives in the core (electron/app/core.ts), which runs the same under plain Node.
 */
import { app, BrowserWindow, ipcMain, Menu, session, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCore, type Core } from '../app/core.js';
import { parseStartOptions } from '../app/options.js';
import { acquireInstanceLock, TillAlreadyRunningError, type InstanceLock } from '../host/instance-lock.js';
import { INVOKE_CHANNEL, EVENT_CHANNEL } from '../preload/channels.js';
import { isAllowedNavigation, isOwnDocumentWindow } from './navigation-policy.js';

// Packaged: code and the renderer are in app.asar, migrations/assets/native binaries beside it.
const appDir = app.getAppPath();
const resourcesRoot = app.isPackaged ? process.resourcesPath : appDir;
const trustedSenders = new Set<number>();
let core: Core | null = null;
let instanceLock: InstanceLock | null = null;
let mainWindow: BrowserWindow | null = null;

// One Electron till per user: a second launch (a second click on the icon) brings the running
// till's window to the front and ends. The data directory's lock (below) still applies, for a
// browser-mode till on the same data.
const firstInstance = app.requestSingleInstanceLock();
app.on('second-instance', () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
});

/** better-sqlite3 built for Electron's ABI (see README); absent in a Node-only checkout. */
function electronSqliteBinding(): string | undefined {
  const file = join(resourcesRoot, 'native', 'electron-abi', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

const rendererIndex = join(appDir, 'renderer', 'dist', 'index.html');
const rendererIndexUrl = pathToFileURL(rendererIndex).href;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '..', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  trustedSenders.add(win.webContents.id);
  win.on('closed', () => trustedSenders.delete(win.webContents.id));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, rendererIndexUrl)) event.preventDefault();
  });
  // The till opens no web pages: a compromised page gets nowhere. The one window it opens is a
  // document it made itself (a Z report's PDF), in Chromium's PDF viewer without any Node access.
  win.webContents.setWindowOpenHandler(({ url }) =>
    isOwnDocumentWindow(url, rendererIndexUrl)
      ? { action: 'allow', overrideBrowserWindowOptions: { webPreferences: { plugins: true, nodeIntegration: false, contextIsolation: true, sandbox: true } } }
      : { action: 'deny' },
  );
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex);
  return win;
}

function isTrusted(sender: WebContents): boolean {
  return trustedSenders.has(sender.id) && isAllowedNavigation(sender.getURL(), rendererIndexUrl);
}

async function main(): Promise<void> {
  if (!firstInstance) {
    console.error('The till is already open on this computer: its window was brought to the front.');
    app.exit(3);
    return;
  }
  const options = parseStartOptions(process.argv.slice(2).filter((a) => a.startsWith('--')));
  instanceLock = acquireInstanceLock({ dataDir: options.dataDir, mode: 'electron', log: (m) => console.log(m) });
  await app.whenReady();
  // No default menu: its accelerators (F11, Ctrl+R, DevTools) would steal the cashier's keys.
  Menu.setApplicationMenu(null);
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  core = await startCore({
    databaseFile: join(options.dataDir, 'till.sqlite'),
    appRoot: resourcesRoot,
    version: app.getVersion(),
    printer: options.printer,
    terminal: options.terminal,
    ledger: options.ledger,
    ledgerSecret: options.ledgerSecret,
    hidScanners: options.scanner === 'hid',
    uiLocale: options.uiLocale,
    shop: options.shop,
    demoCatalogue: options.demoCatalogue,
    ...(electronSqliteBinding() ? { nativeBinding: electronSqliteBinding() } : {}),
    log: (m) => console.log(m),
  });
  const dispatch = core.dispatch;
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, input: unknown) => {
    if (!isTrusted(event.sender)) return { ok: false, error: { code: 'internal', message: 'untrusted sender' } };
    return dispatch(String(channel), input);
  });
  core.events.subscribe((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_CHANNEL, name, payload);
  });
  mainWindow = createWindow();
  mainWindow.on('closed', () => (mainWindow = null));
}

app.on('window-all-closed', () => {
  void (core?.close() ?? Promise.resolve()).then(() => {
    instanceLock?.release();
    app.quit();
  });
});

main().catch((error: unknown) => {
  // A second till on the same data directory: its message says where the first one runs.
  console.error(error instanceof TillAlreadyRunningError ? error.message : error);
  instanceLock?.release();
  app.exit(error instanceof TillAlreadyRunningError ? 3 : 1);
});
