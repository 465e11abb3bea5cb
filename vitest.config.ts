import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** Component tests (a DOM, Testing Library, msw) end in .dom.test.tsx; everything else runs in node. */
const DOM_TESTS = 'components/**/*.dom.test.tsx';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  // React's automatic runtime, so .tsx tests need no `import React`.
  esbuild: { jsx: 'automatic' },
  test: {
    // Database tests build small real SQLite files; give slow CI machines room.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts?(x)', 'tests/**/*.test.ts'],
          exclude: [DOM_TESTS, '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: [DOM_TESTS],
          environment: 'happy-dom',
          // Relative URLs (fetch('/api/lab/...'), EventSource) resolve against this origin; msw answers it.
          environmentOptions: { happyDOM: { url: 'http://lab.test/' } },
          setupFiles: ['components/testing/dom-setup.ts'],
        },
      },
    ],
  },
});
