import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ROOT } from '../support/core.js';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const shell = (file: string) => /^electron\/(main|preload)\//.test(relative(APP_ROOT, file));
const ELECTRON_IMPORT = /from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/;

describe('architecture boundaries', () => {
  const core = [...tsFiles(join(APP_ROOT, 'electron')), ...tsFiles(join(APP_ROOT, 'native'))].filter(
    (f) => !shell(f) && !f.endsWith('start.ts') && !f.endsWith('simulator-cli.ts'),
  );

  it('every core and device module loads under plain Node (none pulls in Electron)', async () => {
    expect(core.length).toBeGreaterThan(30);
    for (const file of core) {
      await expect(import(pathToFileURL(file).href), relative(APP_ROOT, file)).resolves.toBeDefined();
    }
  });

  it("only electron/main and electron/preload mention 'electron' as a module", () => {
    const all = [...tsFiles(join(APP_ROOT, 'electron')), ...tsFiles(join(APP_ROOT, 'native')), ...tsFiles(join(APP_ROOT, 'renderer'))];
    const offenders = all.filter((f) => !shell(f) && ELECTRON_IMPORT.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(APP_ROOT, f))).toEqual([]);
  });

  it('the renderer reaches the core only through electron/contract', () => {
    const offenders = tsFiles(join(APP_ROOT, 'renderer')).filter((f) => {
      const text = readFileSync(f, 'utf8');
      const imports = [...text.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
      return imports.some(
        (spec) =>
          /^(node:|better-sqlite3|serialport|node-hid)/.test(spec) ||
          /(^|\/)(native|migrations)\//.test(spec) ||
          (/\/electron\//.test(spec) && !/\/electron\/contract\//.test(spec)),
      );
    });
    expect(offenders.map((f) => relative(APP_ROOT, f))).toEqual([]);
  });

  it('the sandboxed preload uses the same channel names as the main process', async () => {
    const { INVOKE_CHANNEL, EVENT_CHANNEL } = await import('../../electron/preload/channels.js');
    const preload = readFileSync(join(APP_ROOT, 'electron', 'preload', 'preload.cts'), 'utf8');
    expect(preload).toContain(`const INVOKE_CHANNEL = '${INVOKE_CHANNEL}'`);
    expect(preload).toContain(`const EVENT_CHANNEL = '${EVENT_CHANNEL}'`);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
  });
});
