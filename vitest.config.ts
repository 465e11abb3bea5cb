import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts?(x)', 'tests/**/*.test.ts'],
    environment: 'node',
    // Database tests build small real SQLite files; give slow CI machines room.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
