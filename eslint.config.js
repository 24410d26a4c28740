import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

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

const features = readdirSync(new URL('./src/app/features/', import.meta.url), {
  withFileTypes: true,
})
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/**
 * Every direction the architecture forbids, as zones of `import-x/no-restricted-paths` (a file in
 * `target` may not import from `from`). Test helpers (`testing/`) follow the same rules.
 */
const forbiddenDirections = [
  {
    target: './src/core',
    from: ['./src/app', './src/worker', './src/cli'],
    message: 'core imports nothing outside core.',
  },
  {
    target: './src/worker',
    from: ['./src/app', './src/cli'],
    message: 'the worker does not import the app or the CLI.',
  },
  {
    target: './src/cli',
    from: ['./src/app', './src/worker'],
    message: 'the CLI runs the core in Node: no app, no worker.',
  },
  { target: './src/app', from: './src/cli', message: 'the app does not import the CLI.' },
  // A feature reaches another only through components/, queries/ or state/; this holds for
  // every folder under features/, however a feature is split inside.
  ...features.map((name) => ({
    target: `./src/app/features/${name}`,
    from: './src/app/features',
    except: [`./${name}`],
    message: 'features do not import each other; share through components/, queries/ or state/.',
  })),
];

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
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // Which files import-x parses to follow imports (no-cycle reads every module it reaches).
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [
        importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] }),
      ],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: forbiddenDirections }],
    },
  },
  {
    // Core's tests run in Node and may use the CLI's Node wiring (its hasher, its fixture
    // reader) to check the core against real files; core's own modules still may not.
    files: ['src/core/**/*.test.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: forbiddenDirections.filter((z) => z.target !== './src/core') },
      ],
    },
  },
  {
    // Only the app uses React (the CLI has functions named use…, which are not hooks).
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  prettier,
);
