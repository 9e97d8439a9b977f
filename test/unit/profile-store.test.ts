import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Profile } from '../../src/profiles/profile.js'
import { readProfiles, withoutLocal } from '../../src/profiles/read.js'
import { openProfileStore, type ProfileStore } from '../../src/profiles/store.js'
import { cliError } from '../helpers/profiles.js'

const sepolia: Profile = {
  name: 'sepolia',
  chainId: '11155111',
  selector: '16015286601757825753',
  rpcUrl: 'https://rpc.example/sepolia',
  router: '0x0BF3dE8c5D3e8A2B34D2BEeB17ABfCeBaf363A59',
  local: false,
}
const local = (name: string, chainId: string, selector: string, port: number): Profile => ({
  name,
  chainId,
  selector,
  rpcUrl: `http://127.0.0.1:${port}`,
  local: true,
})
const alpha = local('alpha', '1337', '3379446385462418246', 8545)
const beta = local('beta', '31337', '7759470850252068959', 8546)

let home: string
let store: ProfileStore
const file = () => join(home, 'profiles.json')
const fileText = () => readFileSync(file(), 'utf8')

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ccip-test-profiles-'))
  store = openProfileStore(home)
})
afterEach(() => rmSync(home, { recursive: true, force: true }))

describe('ProfileStore CRUD', () => {
  it('starts empty and writes profiles.json under the given home', () => {
    expect(store.path).toBe(file())
    expect(store.list()).toEqual([])
    expect(store.current()).toBeUndefined()
  })

  it('adds, gets, lists sorted by name and persists across opens', () => {
    store.add(sepolia)
    store.add({ ...sepolia, name: 'base.sepolia', chainId: '84532', selector: '10344971235874465080' })
    store.add({ ...sepolia, name: 'arb-sepolia', chainId: '421614', selector: '3478487238524512106' })
    const reopened = openProfileStore(home)
    expect(reopened.list().map((p) => p.name)).toEqual(['arb-sepolia', 'base.sepolia', 'sepolia'])
    expect(reopened.get('sepolia')).toEqual(sepolia)
    // A dotted name is a key, not a nested path.
    expect(reopened.get('base.sepolia')?.chainId).toBe('84532')
    expect(reopened.get('base')).toBeUndefined()
    expect(JSON.parse(fileText()).profiles['base.sepolia'].name).toBe('base.sepolia')
  })

  it('require() of a missing profile is PROFILE_NOT_FOUND with exit code 3 and a hint', () => {
    const error = cliError(() => store.require('nope'))
    expect(error.code).toBe('PROFILE_NOT_FOUND')
    expect(error.exitCode).toBe(3)
    expect(error.hint).toContain('ccip chains list')
  })

  it('refuses a duplicate name and leaves the file unchanged', () => {
    store.add(sepolia)
    const before = fileText()
    const error = cliError(() => store.add({ ...sepolia, rpcUrl: 'https://other.example' }))
    expect(error.code).toBe('PROFILE_EXISTS')
    expect(error.hint).toContain('ccip chains remove sepolia')
    expect(fileText()).toBe(before)
  })

  it('refuses an invalid name with a usage error (exit 2)', () => {
    for (const name of ['', '-flag', 'with space', 'x'.repeat(41), 'semi;colon']) {
      const error = cliError(() => store.add({ ...sepolia, name }))
      expect(error.exitCode).toBe(2)
      expect(error.hint).toBeDefined()
    }
    expect(store.list()).toEqual([])
  })

  it('use/current set the default; remove clears it when it was the default', () => {
    store.add(sepolia)
    store.add(alpha)
    expect(cliError(() => store.use('nope')).exitCode).toBe(3)
    store.use('sepolia')
    expect(openProfileStore(home).current()).toBe('sepolia')
    store.remove('alpha')
    expect(store.current()).toBe('sepolia')
    expect(store.remove('sepolia')).toEqual(sepolia)
    expect(store.current()).toBeUndefined()
    expect(store.list()).toEqual([])
    expect(cliError(() => store.remove('sepolia')).code).toBe('PROFILE_NOT_FOUND')
  })
})

describe('ProfileStore schema', () => {
  it('rejects a profile carrying an extra field (such as a private key) and writes nothing', () => {
    store.add(alpha)
    const before = fileText()
    const withKey = { ...sepolia, privateKey: `0x${'11'.repeat(32)}` }
    const error = cliError(() => store.add(withKey))
    expect(error.code).toBe('PROFILE_STORE')
    expect(error.shortMessage).toContain('additional properties')
    expect(fileText()).toBe(before)
  })

  it('rejects malformed values', () => {
    const bad: Profile[] = [
      { ...sepolia, chainId: '0x1' },
      { ...sepolia, selector: '-5' },
      { ...sepolia, rpcUrl: 'ftp://x' },
      { ...sepolia, router: '0x1234' },
    ]
    for (const p of bad) expect(cliError(() => store.add(p)).code).toBe('PROFILE_STORE')
    expect(store.list()).toEqual([])
  })

  it('refuses to open a hand-edited file that smuggles in a key', () => {
    store.add(sepolia)
    const data = JSON.parse(fileText())
    data.profiles.sepolia.privateKey = `0x${'22'.repeat(32)}`
    writeFileSync(file(), JSON.stringify(data))
    const error = cliError(() => openProfileStore(home))
    expect(error.code).toBe('PROFILE_STORE')
    expect(error.shortMessage).toContain(file())
    expect(error.hint).toContain(file())
  })
})

describe('ProfileStore local profiles', () => {
  it('replaceLocal swaps every local profile in one go and keeps the user’s own', () => {
    store.add(sepolia)
    store.replaceLocal([alpha, beta])
    expect(store.list().map((p) => [p.name, p.local])).toEqual([
      ['alpha', true],
      ['beta', true],
      ['sepolia', false],
    ])
    const movedAlpha = { ...alpha, rpcUrl: 'http://127.0.0.1:9545' }
    const gamma = local('gamma', '2337', '12922642891491394802', 9547)
    store.replaceLocal([movedAlpha, gamma])
    expect(store.list().map((p) => p.name)).toEqual(['alpha', 'gamma', 'sepolia'])
    expect(store.get('alpha')?.rpcUrl).toBe('http://127.0.0.1:9545')
    expect(store.get('sepolia')).toEqual(sepolia)
  })

  it('marks what it writes as local', () => {
    store.replaceLocal([{ ...alpha, local: false }])
    expect(store.get('alpha')?.local).toBe(true)
  })

  it('refuses to overwrite a profile the user added, naming it, and writes nothing', () => {
    store.add({ ...sepolia, name: 'alpha' })
    store.replaceLocal([beta])
    const before = fileText()
    const error = cliError(() => store.replaceLocal([alpha, beta]))
    expect(error.code).toBe('PROFILE_EXISTS')
    expect(error.shortMessage).toContain("'alpha'")
    expect(fileText()).toBe(before)
    expect(store.get('alpha')?.local).toBe(false)
  })

  it('drops the default when its local profile goes away, keeps it otherwise', () => {
    store.add(sepolia)
    store.replaceLocal([alpha, beta])
    store.use('beta')
    store.replaceLocal([alpha, beta])
    expect(store.current()).toBe('beta')
    store.replaceLocal([alpha])
    expect(store.current()).toBeUndefined()
    store.use('sepolia')
    store.removeLocal()
    expect(store.current()).toBe('sepolia')
  })

  it('removeLocal removes only local profiles', () => {
    store.add(sepolia)
    store.replaceLocal([alpha, beta])
    store.removeLocal()
    expect(store.list()).toEqual([sepolia])
  })
})

describe('ProfileStore file errors', () => {
  it('reports a corrupt file as PROFILE_STORE naming the file', () => {
    writeFileSync(file(), '{"profiles": {"alpha": ')
    const error = cliError(() => openProfileStore(home))
    expect(error.code).toBe('PROFILE_STORE')
    expect(error.exitCode).toBe(1)
    expect(error.shortMessage).toBe(`Chain profile store ${file()} is not valid JSON`)
    expect(error.hint).toContain(file())
  })

  it('reports corruption that happens while the store is open', () => {
    store.add(sepolia)
    writeFileSync(file(), 'garbage')
    expect(cliError(() => store.list()).code).toBe('PROFILE_STORE')
    expect(cliError(() => store.add(alpha)).code).toBe('PROFILE_STORE')
    expect(readFileSync(file(), 'utf8')).toBe('garbage')
  })

  it.skipIf(process.getuid?.() === 0)('reports an unreadable file as PROFILE_STORE', () => {
    store.add(sepolia)
    chmodSync(file(), 0o000)
    const error = cliError(() => store.list())
    expect(error.code).toBe('PROFILE_STORE')
    expect(error.shortMessage).toContain('permission denied')
  })
})

describe('readProfiles', () => {
  it('sees exactly what the store wrote, default chain included', async () => {
    store.add(sepolia)
    store.replaceLocal([alpha, beta])
    store.use('beta')
    const snapshot = await readProfiles(home)
    expect(snapshot.profiles).toEqual(store.list())
    expect(snapshot.current).toBe('beta')
    expect(snapshot.require('sepolia')).toEqual(sepolia)
  })

  it('without the local stack: real networks only, and a local name is STACK_NOT_RUNNING', async () => {
    store.add(sepolia)
    store.replaceLocal([alpha, beta])
    store.use('beta')
    const remote = withoutLocal(await readProfiles(home))
    expect(remote.profiles).toEqual([sepolia])
    expect(remote.current).toBeUndefined()
    expect(remote.require('sepolia')).toEqual(sepolia)
    expect(cliError(() => remote.require('alpha')).code).toBe('STACK_NOT_RUNNING')
    expect(cliError(() => remote.require('nope')).code).toBe('PROFILE_NOT_FOUND')
  })

  it('a missing profile is PROFILE_NOT_FOUND with exit code 3', async () => {
    const snapshot = await readProfiles(home)
    const error = cliError(() => snapshot.require('nope'))
    expect(error.code).toBe('PROFILE_NOT_FOUND')
    expect(error.exitCode).toBe(3)
  })

  it('reports a file that breaks the rules as PROFILE_STORE', async () => {
    store.add(sepolia)
    writeFileSync(file(), fileText().replace('"local": false', '"local": "no"'))
    await expect(readProfiles(home)).rejects.toMatchObject({ code: 'PROFILE_STORE' })
  })
})
