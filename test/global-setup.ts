import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where this test run's library stacks keep fresh deployments (vitest.config.ts sets CCIPKIT_CACHE). */
export const testCacheDir = (): string => join(tmpdir(), `ccipkit-test-cache-${process.pid}`)

/** Once per test run: the cache goes at the end, so runs leave nothing behind. */
export default function setup(): () => void {
  return () => rmSync(testCacheDir(), { recursive: true, force: true })
}
