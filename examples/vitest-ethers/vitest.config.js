import { defineConfig } from 'vitest/config'

// Each test file starts its own stack (free ports, its own temporary home): files may run in parallel.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } })
