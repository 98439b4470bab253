import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration suites start real emulators; give them room on a two-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at once: most suites wait on emulators and child processes rather than
    // compute, and one worker (vitest's default on two cores) took the suite past 15 minutes.
    maxWorkers: 2,
    // The AWS SDK's notice that it will need Node 22 from 2027 (README, Local runtime), once per worker otherwise.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
