import { defineConfig } from 'vitest/config';
import { sqlText } from './scripts/vite-sql.ts';

export default defineConfig({
  plugins: [sqlText()],
  test: {
    include: ['test/analytics/**/*.test.ts', 'test/renderer/**/*.test.ts', 'test/shared/**/*.test.ts', 'test/electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
