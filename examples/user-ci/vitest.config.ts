import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['examples/user-ci/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
