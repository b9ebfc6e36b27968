import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PostgreSQL and Chromium start once per file; keep files parallel but bounded on 2 cores
    maxWorkers: 2,
  },
});
