import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { artifactPath, CONTRACT_DIRS, compileDir } from '../contracts/compile.js'

describe('committed artifacts of our own Solidity contracts', () => {
  it('are exactly what the sources compile to (run `npm run contracts` after editing a .sol)', () => {
    let checked = 0
    for (const dir of CONTRACT_DIRS) {
      for (const fresh of compileDir(dir)) {
        const committed = JSON.parse(readFileSync(artifactPath(dir, fresh.contractName), 'utf8'))
        expect(committed.bytecode, `${fresh.contractName} bytecode`).toBe(fresh.bytecode)
        expect(committed.abi, `${fresh.contractName} abi`).toEqual(fresh.abi)
        checked += 1
      }
    }
    expect(checked).toBeGreaterThan(0)
  })
})
