import { defineConfig } from 'vitest/config';

// Browser tests against a running Hamyar server (see e2e/env.ts).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One Chromium at a time: the machine has 2 cores shared with the Rust build.
    fileParallelism: false,
  },
});
