import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// Import direction is the architecture: core imports nothing outside core; features do not
// import each other. These rules make a crossing a lint error rather than a review comment.
const noUiInCore = {
  patterns: [
    {
      group: ['react', 'react-dom', 'react-dom/*', '@tanstack/*'],
      message: 'core is pure TypeScript: no React.',
    },
    {
      group: ['node:*'],
      message: 'core runs in browsers and workers: no Node APIs (the CLI injects them).',
    },
    {
      group: ['**/app/**', '**/worker/**', '**/cli/**'],
      message: 'core must not import from app, worker or cli.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-cli/',
      'node_modules/',
      'test-results/',
      'bench-data/',
      'public/demo/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts', 'src/core/testing/**'],
    rules: { 'no-restricted-imports': ['error', noUiInCore] },
  },
  {
    // A file directly in features/<name>/ reaches a sibling feature as `../<other>/…`, and any
    // file could name `features/` in a longer path: both are crossings.
    files: ['src/app/features/*/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./[^./][^/]*/|/features/',
              message:
                'features do not import each other; share through components/, queries/ or state/.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
