// Lint for the whole repository. The boundary rules here give quick feedback in the editor; the
// full layer rules (and cycles) are dependency-cruiser's, in .dependency-cruiser.cjs (npm run deps).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noElectron = { name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'renderer/dist/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, 'better-sqlite3', 'serialport', 'node-hid', 'react', 'zod'],
          patterns: [
            {
              group: ['node:*', '**/contract/**', '**/db/**', '**/native/**', '**/devices/**', '**/usecases/**'],
              message: 'The domain is pure: its own types and errors, decimal.js, nothing else.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, 'better-sqlite3', 'serialport', 'node-hid', 'react'],
          patterns: [{ group: ['node:*', '**/db/**', '**/devices/**', '**/usecases/**', '**/domain/**'], message: 'The contract stays pure.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/unit/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, 'better-sqlite3', 'serialport', 'node-hid'],
          patterns: [
            {
              group: ['node:*', '**/native/**', '**/migrations/**', '**/electron/!(contract)/**'],
              message: 'The renderer talks to the core only through electron/contract.',
            },
          ],
        },
      ],
    },
  },
);
