import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Browser tests share one Chromium; keep files in parallel but bounded (2-core machines).
    maxWorkers: 2,
  },
});
