import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        // Neither Docker nor root: files run in parallel. `npm run test:unit`. Threads start faster
        // than forks, and most slow unit tests wait on real sockets and timers, not the CPU, so
        // four workers overlap those waits even on two cores (81 s with two forks, 28 s so).
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], sequence: { groupOrder: 0 }, pool: 'threads', maxWorkers: 4 },
      },
      {
        extends: true,
        // End-to-end tests share one Docker engine and one tracer slot: files run one after
        // another, and only once the unit tests are done. `npm run test:e2e`.
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
