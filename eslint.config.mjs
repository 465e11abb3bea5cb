// ESLint flat config: typescript-eslint's recommended rules, React's hooks rules and Next's own
// plugin. Type-aware rules are left out on purpose: `tsc --noEmit` already runs in `npm test`
// with strict settings, and type-aware linting would double this stage on a 2-core CI machine.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import nextPlugin from '@next/eslint-plugin-next';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.build/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.e2e-data/**',
      '.test-data/**',
      'data/**',
      'next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `ok && next()` and `cond ? a() : b()` as statements are idioms here (event handlers, test
      // loops); a bare expression that does nothing is still an error.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // A worker handle declared first and assigned once, after the callbacks that read it are built.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  // CommonJS on purpose: a file preloaded with `node --require` (scripts/http-client-errors.cjs).
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // React's rules only where React runs: a function named `use` in lib/load is not a hook.
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'pages/**/*.{ts,tsx}', '**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, '@next/next': nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
    },
  },
);
