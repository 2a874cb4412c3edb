import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

// The rules of `npm run deps` (.dependency-cruiser.cjs), run through dependency-cruiser's API over
// test/fixtures/boundaries/: a miniature of the repository with one or more deliberate breaks of
// every rule (the files named leak*.ts and cycle-*.ts) among allowed imports.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const TSCONFIG = join(ROOT, 'tsconfig.json');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'boundaries');

async function cruiseWithRules(paths: string[], baseDir: string): Promise<ICruiseResult> {
  const options: ICruiseOptions = await extractDepcruiseOptions(CONFIG);
  const { output } = await cruise(
    paths,
    { ...options, baseDir, tsConfig: { fileName: TSCONFIG } },
    undefined,
    { tsConfig: extractTSConfig(TSCONFIG) },
  );
  if (typeof output === 'string') throw new Error('dependency-cruiser returned a report instead of a result');
  return output;
}

/** npm packages by name (they resolve to some file under ../../../node_modules/NAME/). */
const short = (path: string) => path.replace(/^(\.\.\/)*node_modules\/(@types\/)?((@[^/]+\/)?[^/]+)\/.*$/, 'npm:$3');
const edge = (v: Pick<IViolation, 'from' | 'to'>) => `${short(v.from)} → ${short(v.to)}`;

/** Every rule with exactly the violations the fixture tree holds for it. */
const EXPECTED: Record<string, string[]> = {
  'no-circular': ['native/link/cycle-a.ts → native/link/cycle-b.ts'],
  'not-to-unresolvable': ['electron/app/leak-unresolvable.ts → ./gone.js'],
  'domain-is-pure': [
    'electron/domain/leak.ts → electron/contract/wire.ts',
    'electron/domain/leak.ts → npm:zod',
    'electron/domain/leak.ts → os',
  ],
  'usecases-no-adapters': [
    'electron/usecases/leak.ts → electron/devices/printer.ts',
    'electron/usecases/leak.ts → native/printer/escpos.ts',
  ],
  'native-standalone': ['native/printer/leak.ts → electron/domain/types.ts'],
  'renderer-only-contract': [
    'renderer/src/leak.ts → electron/domain/types.ts',
    'renderer/src/leak.ts → native/printer/escpos.ts',
  ],
  'renderer-no-node-builtins': ['renderer/src/leak.ts → path'],
  'renderer-no-native-packages': ['renderer/src/leak.ts → npm:better-sqlite3'],
  'contract-is-pure': ['electron/contract/leak.ts → electron/domain/totals.ts'],
  'dispatch-only-contract-usecases': ['electron/dispatch/leak.ts → electron/db/repo.ts'],
  'db-no-upper-layers': ['electron/db/leak.ts → electron/usecases/ports.ts'],
  'adapters-no-composition': [
    'electron/devices/leak.ts → electron/app/bus.ts',
    'electron/effects/leak.ts → electron/host/server.ts',
  ],
  'electron-only-in-shell': ['electron/app/leak.ts → npm:electron'],
};

/** Imports the rules allow: each is in the graph, resolved, and reported by no rule. */
const ALLOWED = [
  'electron/domain/money.ts → npm:decimal.js',
  'electron/domain/vat.ts → npm:jsvat',
  'electron/domain/totals.ts → electron/domain/types.ts',
  'electron/contract/api.ts → npm:zod',
  'electron/contract/api.ts → native/text/numbers.ts',
  'electron/contract/api.ts → electron/contract/wire.ts',
  'electron/usecases/sell.ts → electron/domain/totals.ts',
  'electron/usecases/sell.ts → electron/contract/api.ts',
  'electron/usecases/sell.ts → electron/db/repo.ts',
  'electron/usecases/sell.ts → electron/usecases/ports.ts',
  'electron/usecases/sell.ts → npm:zod',
  'electron/usecases/sell.ts → npm:decimal.js',
  'electron/dispatch/dispatch.ts → electron/contract/api.ts',
  'electron/dispatch/dispatch.ts → electron/usecases/sell.ts',
  'electron/db/repo.ts → electron/domain/types.ts',
  'electron/devices/printer.ts → native/text/numbers.ts',
  'electron/devices/printer.ts → electron/db/repo.ts',
  'electron/app/core.ts → electron/devices/printer.ts',
  'electron/app/core.ts → electron/usecases/sell.ts',
  'electron/main/main.ts → npm:electron',
  'electron/main/main.ts → electron/app/core.ts',
  'native/printer/escpos.ts → native/text/numbers.ts',
  'renderer/src/store.ts → electron/contract/wire.ts',
  'renderer/src/store.ts → electron/contract/api.ts',
  'renderer/src/store.ts → renderer/src/view.ts',
];

describe('dependency rules (.dependency-cruiser.cjs) on the fixture tree', () => {
  let result: ICruiseResult;
  beforeAll(async () => {
    result = await cruiseWithRules(['electron', 'native', 'renderer'], FIXTURES);
  });

  const reported = (rule: string) =>
    result.summary.violations
      .filter((v) => v.rule.name === rule)
      .map(edge)
      .sort();

  it('every rule has a name, a plain-words comment and severity error, and a fixture that breaks it', async () => {
    const { ruleSet } = await extractDepcruiseOptions(CONFIG);
    const rules = ruleSet?.forbidden ?? [];
    for (const rule of rules) {
      expect(rule.name, JSON.stringify(rule.from)).toMatch(/^[a-z][a-z-]+$/);
      expect(rule.comment?.length ?? 0, rule.name).toBeGreaterThan(20);
      expect(rule.comment, rule.name).not.toMatch(/#\d/);
      expect(rule.severity, rule.name).toBe('error');
    }
    expect(rules.map((r) => r.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s reports exactly the deliberate violations', (rule, expected) => {
    expect(reported(rule)).toEqual([...expected].sort());
  });

  it('a cycle of type-only imports is a cycle', () => {
    const cycles = result.summary.violations.filter((v) => v.rule.name === 'no-circular');
    expect(cycles.flatMap((v) => v.cycle ?? []).map((c) => c.name).sort()).toEqual([
      'native/link/cycle-a.ts',
      'native/link/cycle-b.ts',
    ]);
  });

  it('reports nothing else: allowed imports are resolved and pass', () => {
    const total = Object.values(EXPECTED).flat().length;
    expect(result.summary.error).toBe(total);
    expect(result.summary.violations).toHaveLength(total);

    const edges = new Map(
      result.modules.flatMap((m) => m.dependencies.map((d) => [edge({ from: m.source, to: d.resolved }), d] as const)),
    );
    for (const allowed of ALLOWED) {
      const dependency = edges.get(allowed);
      expect(dependency, `${allowed} is in the graph`).toBeDefined();
      expect(dependency?.couldNotResolve, allowed).toBe(false);
      expect(dependency?.valid, allowed).toBe(true);
    }
  });
});

describe('dependency rules on the repository', () => {
  it('native/ has no import cycles', async () => {
    const result = await cruiseWithRules(['native'], ROOT);
    expect(result.modules.filter((m) => m.source.startsWith('native/')).length).toBeGreaterThan(20);
    const cycles = result.summary.violations.filter((v) => v.rule.name === 'no-circular' && v.from.startsWith('native/'));
    expect(cycles.map((v) => [v.from, ...(v.cycle ?? []).map((c) => c.name)].join(' → '))).toEqual([]);
  });
});
