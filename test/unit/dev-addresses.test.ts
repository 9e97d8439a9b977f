import { describe, expect, it } from 'vitest'
import { DEV_ADDRESSES } from '../../src/profiles/dev-addresses.js'
import { devAccount } from '../../src/profiles/dev-keys.js'

describe('DEV_ADDRESSES', () => {
  it('are the first ten accounts of the dev mnemonic', () => {
    expect(DEV_ADDRESSES).toEqual(Array.from({ length: 10 }, (_, i) => devAccount(i).address))
  })
})
