import { defineConfig } from 'vitest/config';

/** The fault tests (test/faults/*.fault.ts): they mount tmpfs file systems, so they need root; `npm run test:faults`. */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.fault.ts'],
    testTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
