import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageRoot } from '../../src/package-root.js'

describe("the README's library example", () => {
  it('is, word for word, a test the examples run against the packed package', () => {
    const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8')
    const example = readFileSync(join(packageRoot(), 'examples/vitest-ethers/test/readme.test.ts'), 'utf8')
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\`\n`)
  })
})
