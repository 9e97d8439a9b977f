import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Profile } from '../../src/profiles/profile.js'
import { readProfiles } from '../../src/profiles/read.js'
import { openProfileStore } from '../../src/profiles/store.js'
import { cliError } from '../helpers/profiles.js'

/** A failing command, or one that only reads, leaves profiles.json exactly as it was (or absent). */
const sepolia: Profile = {
  name: 'sepolia',
  chainId: '11155111',
  selector: '16015286601757825753',
  rpcUrl: 'https://rpc.example/sepolia',
  local: false,
}

let home: string
const file = () => join(home, 'profiles.json')
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ccip-test-profiles-'))
})
afterEach(() => rmSync(home, { recursive: true, force: true }))

describe('ProfileStore never writes on a failure or a read', () => {
  it('opening, reading and a failed remove create no file', async () => {
    rmSync(file(), { force: true })
    const fresh = openProfileStore(home)
    expect(fresh.list()).toEqual([])
    expect(cliError(() => fresh.remove('nope')).code).toBe('PROFILE_NOT_FOUND')
    expect(cliError(() => fresh.use('nope')).code).toBe('PROFILE_NOT_FOUND')
    await readProfiles(home)
    fresh.removeLocal()
    expect(existsSync(file())).toBe(false)
  })

  it.each([
    [
      'an extra field',
      '{"profiles":{"x":{"name":"x","chainId":"1","selector":"5009297550715157269","rpcUrl":"http://a","local":false,"extra":1}}}',
    ],
    ['an array', '[1,2]'],
    ['profiles as a list', '{"profiles":[]}'],
    ['a newer store version', '{"profiles":{},"__internal__":{"migrations":{"version":"9.0.0"}}}'],
    [
      'a bad chain id',
      '{"profiles":{"x":{"name":"x","chainId":"0x1","selector":"5009297550715157269","rpcUrl":"http://a","local":false}}}',
    ],
  ])('a file with %s is reported and left byte-identical', async (_what, text) => {
    writeFileSync(file(), text)
    expect(cliError(() => openProfileStore(home)).code).toBe('PROFILE_STORE')
    await expect(readProfiles(home)).rejects.toMatchObject({ code: 'PROFILE_STORE' })
    expect(readFileSync(file(), 'utf8')).toBe(text)
  })

  it('a home path that is a file is PROFILE_STORE with a hint, for reads and writes', async () => {
    const notADir = join(home, 'home-is-a-file')
    writeFileSync(notADir, 'x')
    await expect(readProfiles(notADir)).rejects.toMatchObject({ code: 'PROFILE_STORE' })
    const error = cliError(() => openProfileStore(join(notADir, 'sub')).add(sepolia))
    expect(error.code).toBe('PROFILE_STORE')
    expect(error.hint).toMatch(/CCIPKIT_HOME/)
  })
})
