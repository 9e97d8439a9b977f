import { isZeroAddress } from '../protocol/abi-words.js'
import { encodeCall } from './contracts.js'
import { type AddStep, notYours, refuse, same } from './plan-common.js'
import type { SetupChain } from './setup-plan.js'

/** The planner's registration steps in the TokenAdminRegistry. */

/** Register the signer as the token's CCIP admin (via owner() or getCCIPAdmin()), accept, set the pool. */
export function planRegistration(c: SetupChain, pool: string | undefined, add: AddStep, notes: string[]) {
  const { token, registry } = c.state
  const { administrator, pendingAdministrator } = registry
  const tar = registry.address
  if (isZeroAddress(administrator) && !same(pendingAdministrator, c.signer)) {
    const via = same(token.owner, c.signer)
      ? 'registerAdminViaOwner'
      : same(token.ccipAdmin, c.signer)
        ? 'registerAdminViaGetCCIPAdmin'
        : undefined
    if (via === undefined)
      notYours(
        `${token.symbol} on ${c.name} is not yours to register: its owner is ${token.owner ?? 'none'}, its CCIP admin ${token.ccipAdmin ?? 'none'}; you sign as ${c.signer}`,
        'sign with the key of the token’s owner or CCIP admin (--keystore or CCIPKIT_PRIVATE_KEY)',
      )
    if (c.registryModule === undefined)
      refuse(
        `The RegistryModuleOwnerCustom of ${c.name} is not known`,
        'pass --registry-module ADDRESS (Chainlink’s CCIP directory lists it for each network)',
      )
    add({
      chain: c.name,
      phase: 'register',
      action: `propose you as ${token.symbol}'s CCIP admin (${via === 'registerAdminViaOwner' ? 'as its owner' : 'as its getCCIPAdmin()'})`,
      to: c.registryModule!,
      data: encodeCall('registryModule', via!, [token.address]),
    })
  } else if (
    !isZeroAddress(administrator) &&
    !same(administrator, c.signer) &&
    pool !== undefined &&
    !same(registry.pool, pool)
  ) {
    // Only a change needs the admin: a registration that is complete is complete for anyone.
    notYours(
      `${token.symbol} on ${c.name} is administered by ${administrator}, not by you (${c.signer})`,
      'sign with the token admin’s key, or have it transferAdminRole to you',
    )
  }
  if (isZeroAddress(administrator))
    add({
      chain: c.name,
      phase: 'register',
      action: `accept the CCIP admin role of ${token.symbol}`,
      to: tar,
      data: encodeCall('tokenAdminRegistry', 'acceptAdminRole', [token.address]),
    })
  if (pool === undefined) notes.push(`${c.name}: no pool to set in the registry yet`)
  else if (!same(registry.pool, pool))
    add({
      chain: c.name,
      phase: 'register',
      action: `route ${token.symbol} through its pool`,
      to: tar,
      data: encodeCall('tokenAdminRegistry', 'setPool', [token.address, pool]),
    })
}
