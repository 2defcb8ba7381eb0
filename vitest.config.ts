import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A 2-core machine runs the whole suite; property tests and CLI spawns need room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
