// Import boundaries of the architecture (see ARCHITECTURE.md), checked by dependency-cruiser
// in `npm run deps` (part of `npm test`). test/unit/dependency-rules.test.ts proves every rule
// on the fixture tree test/fixtures/boundaries/, so a rule added here needs a fixture there.
//
// Paths are matched against module paths relative to the base directory (the repository root;
// the fixture folder in that test). npm packages are matched as `node_modules/<name>/` or
// `node_modules/@types/<name>/` anywhere in the path (from the fixture folder they resolve to
// ../../../node_modules/…) or, when they cannot be resolved, as their bare name.
//
// Allow-list rules (only these may be imported) skip imports that cannot be resolved: those are
// reported once, by not-to-unresolvable.

/** An npm package by name, resolved or not. */
const pkg = (name) => `^${name}$|(^|/)node_modules/(@types/)?${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No module may depend on itself through a chain of imports, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import must resolve to a file or an installed package, so that no import escapes the other rules.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'domain-is-pure',
      comment:
        'electron/domain imports only other electron/domain files and the pure npm packages decimal.js (money), jsvat (VAT number formats and check digits) and ibantools (IBAN registry and check digits): no other layer, no Node built-ins, no other npm packages.',
      severity: 'error',
      from: { path: '^electron/domain/' },
      to: { couldNotResolve: false, pathNot: ['^electron/domain/', pkg('decimal\\.js'), pkg('jsvat'), pkg('ibantools')] },
    },
    {
      name: 'usecases-no-adapters',
      comment: 'electron/usecases never imports devices, effects, the app, the host, dispatch, the Electron shell (main, preload) or anything under native/.',
      severity: 'error',
      from: { path: '^electron/usecases/' },
      to: { path: '^electron/(devices|effects|app|host|dispatch|main|preload)/|^native/' },
    },
    {
      name: 'native-standalone',
      comment: 'native/ (device protocols and simulators) imports nothing under electron/ and nothing under renderer/.',
      severity: 'error',
      from: { path: '^native/' },
      to: { path: '^(electron|renderer)/' },
    },
    {
      name: 'renderer-only-contract',
      comment: 'The renderer reaches electron/ only through electron/contract, and never imports native/ or migrations/.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^electron/(?!contract/)|^native/|^migrations/' },
    },
    {
      name: 'renderer-no-node-builtins',
      comment: 'The renderer runs in a browser sandbox: no Node built-in modules (node:fs, fs, path, ...).',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-native-packages',
      comment: 'The renderer imports none of the Node-only packages better-sqlite3, serialport, node-hid and electron.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['better-sqlite3', 'serialport', 'node-hid', 'electron'].map(pkg) },
    },
    {
      name: 'contract-is-pure',
      comment: 'electron/contract imports only other electron/contract files, native/text (pure number formatting) and the npm package zod.',
      severity: 'error',
      from: { path: '^electron/contract/' },
      to: { couldNotResolve: false, pathNot: ['^electron/contract/', '^native/text/', pkg('zod')] },
    },
    {
      name: 'dispatch-only-contract-usecases',
      comment: 'electron/dispatch imports only electron/contract and electron/usecases (and its own files).',
      severity: 'error',
      from: { path: '^electron/dispatch/' },
      to: { couldNotResolve: false, pathNot: '^electron/(contract|usecases|dispatch)/' },
    },
    {
      name: 'db-no-upper-layers',
      comment: 'electron/db never imports devices, effects, the app, use cases, dispatch, the host, the Electron shell, native/ or renderer/.',
      severity: 'error',
      from: { path: '^electron/db/' },
      to: { path: '^electron/(devices|effects|app|usecases|dispatch|host|main|preload)/|^(native|renderer)/' },
    },
    {
      name: 'adapters-no-composition',
      comment: 'The adapters in electron/devices and electron/effects never import the app, the host, dispatch, the Electron shell or renderer/.',
      severity: 'error',
      from: { path: '^electron/(devices|effects)/' },
      to: { path: '^electron/(app|host|dispatch|main|preload)/|^renderer/' },
    },
    {
      name: 'electron-only-in-shell',
      comment: "Only electron/main and electron/preload import the npm package 'electron'; everything else runs under plain Node.",
      severity: 'error',
      from: { pathNot: '^electron/(main|preload)/' },
      to: { path: pkg('electron') },
    },
  ],
  options: {
    // npm packages are leaves: their own imports are not followed (but imports of them are
    // checked). Build outputs and the rule fixtures are not part of the checked source.
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^(dist|dist-electron|renderer/dist|test-results|playwright-report)/', '^test/fixtures/boundaries/'] },
    moduleSystems: ['es6', 'cjs', 'tsd'],
    // Type-only imports are dependencies too (for the layer rules and for cycles).
    tsPreCompilationDeps: true,
    // NodeNext: './x.js' resolves to './x.ts' (dependency-cruiser does that itself); the renderer's
    // extension-less imports resolve through the extensions below.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.cts', '.mts', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
