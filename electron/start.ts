/**
 * `npm start`: Electron where its binary is installed, otherwise the same till in browser mode
 * on 127.0.0.1. Runs under plain Node and never imports 'electron'.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStartOptions, UsageError, type StartOptions } from './app/options.js';
import { startCore } from './app/core.js';
import { startHttpHost, type HttpHost, type HttpHostOptions } from './host/http-host.js';
import { acquireInstanceLock, TillAlreadyRunningError } from './host/instance-lock.js';
import { loadBrowserAccess, saveBrowserAccess } from './host/browser-access.js';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron binary, if its (skipped) install script was ever completed on this machine. */
function electronBinary(): string | null {
  try {
    const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/**
 * Listens on the port asked for; with none asked for, on the last start's port so the shop's
 * link still opens the till — or, if another program has taken that one meanwhile, on any free one.
 */
async function listen(options: Omit<HttpHostOptions, 'port'>, asked: number | null, last: number | null): Promise<HttpHost> {
  if (asked !== null || last === null) return startHttpHost({ ...options, port: asked ?? 0 });
  try {
    return await startHttpHost({ ...options, port: last });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${last} of the last start is taken by another program; the till gets a new address.`);
    return startHttpHost({ ...options, port: 0 });
  }
}

async function browserMode(options: StartOptions): Promise<void> {
  // First of all: a second till on this data directory stops here, before it touches the database.
  const lock = acquireInstanceLock({ dataDir: options.dataDir, mode: 'browser', log: (m) => console.log(m) });
  const access = loadBrowserAccess(options.dataDir, { newToken: options.newToken, log: (m) => console.log(m) });
  const databaseFile = join(options.dataDir, 'till.sqlite');
  const core = await startCore({
    databaseFile,
    appRoot,
    version: (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version,
    printer: options.printer,
    terminal: options.terminal,
    ledger: options.ledger,
    ledgerSecret: options.ledgerSecret,
    hidScanners: options.scanner === 'hid',
    uiLocale: options.uiLocale,
    shop: options.shop,
    demoCatalogue: options.demoCatalogue,
    log: (m) => console.log(m),
    onSimulatedDocument: (doc) => console.log(`\n── simulated printer ──\n${doc.text}\n── cut ──`),
  });
  const host = await listen(
    { dispatch: core.dispatch, events: core.events, staticDir: join(appRoot, 'renderer', 'dist'), token: access.token },
    options.port,
    access.port,
  );
  lock.setPort(host.port);
  if (host.port !== access.port) saveBrowserAccess(options.dataDir, { ...access, port: host.port });
  console.log(`data: ${databaseFile}`);
  console.log(`printer: ${core.printer.port?.name ?? 'none'}`);
  console.log(`The till is ready in browser mode. Open: ${host.url}`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    await core.close();
    lock.release();
    process.exit(0);
  };
  // SIGHUP: the terminal the till was started from was closed.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown());
}

async function main(): Promise<void> {
  const options = parseStartOptions(process.argv.slice(2));
  const electron = options.forceBrowser ? null : electronBinary();
  if (electron) {
    // The shell is compiled TypeScript (Electron runs JavaScript); the renderer is already built.
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const build = spawnSync(process.execPath, [tsc, '-p', join(appRoot, 'electron', 'tsconfig.shell.json')], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the Electron shell failed');
    const child = spawn(electron, [appRoot, ...process.argv.slice(2)], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  if (!options.forceBrowser) console.log('Electron is not installed on this machine; serving the till in browser mode instead.');
  await browserMode(options);
}

main().catch((error: unknown) => {
  // The lock (if taken) is released on exit; a second till's lock error is its whole message.
  console.error(error instanceof UsageError ? `usage: ${error.message}` : error instanceof Error ? error.message : String(error));
  process.exit(error instanceof UsageError ? 2 : error instanceof TillAlreadyRunningError ? 3 : 1);
});
