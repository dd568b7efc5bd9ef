// ESLint (flat config) with typescript-eslint's type-aware rules: `npm run lint`.
// Type information comes from the TypeScript projects (tsconfig.json's references, found per file
// by the project service), so a rule sees the same types as `npm run typecheck`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', '.cache/', '.tsbuild/', 'test-results/', '**/fixtures/', 'core/.layering/'],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its rejection; one passed where a void callback is expected
      // (an event handler, an `if`) is not waited for either.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test runs a test or suite whether or not its promise is awaited; awaiting it
          // would only serialise files that the runner already orders.
          allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      // Escaping control characters is a job of this project (core/safeText.ts, the runner's guards).
      'no-control-regex': 'off',
    },
  },
  {
    // The language server imports vscode-languageserver's values through server/src/lsp.ts only, so
    // that its bundle wraps the CommonJS library once (each wrapper copies all of its exports).
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/lsp.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['vscode-languageserver', 'vscode-languageserver/node'].map((name) => ({
            name,
            allowTypeImports: true,
            message: "Import its values from './lsp.js' (types may come from here).",
          })),
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read JSON written by the CLI and by the extension's manifest, and mock VS Code with proxies.
      '@typescript-eslint/no-explicit-any': 'off',
      // Expected terminal output is aligned with runs of spaces; they read better written out.
      'no-regex-spaces': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
