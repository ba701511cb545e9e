import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests share one Docker engine and one tracer slot: run files one after another.
    // `npm test` runs the unit tests first, in parallel (--file-parallelism): they need neither.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 300_000,
  },
});
