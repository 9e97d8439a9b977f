import { defineConfig } from 'vitest/config'
import { testCacheDir } from './test/global-setup.js'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start real anvil chains and deploy CCIP: generous timeouts, and few files
    // at once on a 2-core machine. Stacks of the shared harness (test/helpers/stack.ts) and of the
    // library pick free ports in 10000–18000; files that restart a stack on the same ports keep
    // fixed ones. All stay below 32768: Linux hands out 32768–60999 to client sockets, which can
    // take a port a stack is about to listen on.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    // Library stacks keep fresh deployments here (stack/deployment-cache.ts): one per test run,
    // shared by its files, never the machine's own ~/.cache.
    env: { CCIPKIT_CACHE: testCacheDir() },
    globalSetup: ['test/global-setup.ts'],
  },
})
