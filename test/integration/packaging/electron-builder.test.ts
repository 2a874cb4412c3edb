import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { APP_ROOT, tempDir } from '../../support/core.js';

/** A package's CLI script, by path: some packages do not export their bin files. */
const bin = (pkg: string, file: string) => join(APP_ROOT, 'node_modules', pkg, file);

function run(args: string[]): void {
  const r = spawnSync(process.execPath, args, { cwd: APP_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * The real electron-builder run on electron-builder.yml, with a stand-in Electron (the binary
 * cannot be downloaded here): proves what a shop's installer would contain. The result does not run.
 */
describe('packaging (electron-builder --dir with a stand-in Electron)', () => {
  it('packs the shell, the renderer, migrations and locales, the Node-free natives — and no dev tools', () => {
    const out = tempDir('till-pack-');
    const fake = join(out.path, 'electron-dist');
    mkdirSync(join(fake, 'resources'), { recursive: true });
    writeFileSync(join(fake, 'electron'), '#!/bin/sh\n');
    chmodSync(join(fake, 'electron'), 0o755);
    writeFileSync(join(fake, 'version'), '45.4.1');
    try {
      run([bin('vite', 'bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
      run([bin('typescript', 'bin/tsc'), '-p', 'electron/tsconfig.shell.json']);
      run([
        bin('electron-builder', 'cli.js'),
        '--config', 'electron-builder.yml', '--linux', '--dir',
        `-c.electronDist=${fake}`, '-c.electronVersion=45.4.1', `-c.directories.output=${join(out.path, 'dist')}`,
      ]);
      const resources = join(out.path, 'dist', 'linux-unpacked', 'resources');
      const files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
      const main = (JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as { main: string }).main;

      expect(files).toContain(`/${main}`);
      expect(files).toContain('/dist-electron/electron/preload/preload.cjs');
      expect(files).toContain('/renderer/dist/index.html');
      for (const runtime of ['better-sqlite3', 'serialport', 'zod', 'decimal.js', 'iconv-lite']) {
        expect(files, runtime).toContain(`/node_modules/${runtime}/package.json`);
      }
      for (const devTool of ['tsx', 'esbuild', 'typescript', 'vite', 'electron', 'react', 'vitest', '@playwright/test']) {
        expect(files.some((f) => f.startsWith(`/node_modules/${devTool}/`)), devTool).toBe(false);
      }
      expect(files.some((f) => f.startsWith('/node_modules/better-sqlite3/deps/'))).toBe(false);
      expect(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
      expect(existsSync(join(resources, 'migrations', '0001_init.sql'))).toBe(true);
      expect(existsSync(join(resources, 'assets', 'locales', 'et.json'))).toBe(true);
      expect(existsSync(join(resources, 'assets', 'demo-catalogue.json'))).toBe(true);
    } finally {
      out.remove();
    }
  }, 120_000);
});
