// Lint doubles as the architecture guard: a wrong-side import is an error (../shared/conventions.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'stream', 'util', 'worker_threads'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['analytics/**', 'electron/**', 'scripts/**', 'test/**', '*.config.*', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Runtime values come from shared/channels.ts; contract.ts (zod schemas) is types-only here:
      // the main process validates every request, and zod's eval probe would trip the CSP.
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/shared/contract'], allowTypeImports: true, message: 'Import values from shared/channels; only types from shared/contract.' }],
      }],
      'no-restricted-imports': ['error', {
        paths: ['electron', ...nodeBuiltins].map((name) => ({ name, message: 'renderer/ talks to the engine only through the contract in shared/.' })),
        patterns: [
          { group: ['**/analytics/**', '**/electron/**'], message: 'renderer/ talks to the engine only through the contract in shared/.' },
          { group: ['node:*'], message: 'renderer/ runs in a sandboxed web page: no Node modules.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['analytics/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'react', 'react-dom'].map((name) => ({ name, message: 'analytics/ is plain Node: no Electron, React or DOM.' })),
        patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'analytics/ must not depend on the shells.' }],
      }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'react', 'react-dom', ...nodeBuiltins].map((name) => ({ name, message: 'shared/ is the contract: importable from both sides.' })),
        patterns: [
          { group: ['node:*'], message: 'shared/ is the contract: importable from both sides.' },
          { group: ['**/analytics/**', '**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing else in the app.' },
        ],
      }],
    },
  },
);
