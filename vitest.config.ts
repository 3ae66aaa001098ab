import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Integration suites run the real batch and the real Astro build: give them room, but keep them bounded.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
