import { connectChain, disconnect } from '../chain/connect.js'
import { openChain, type ProfileChain } from '../chain/profile-chain.js'
import type { CcipContext } from '../context.js'
import { CcipError, describeError, ErrorCode, invalidArgument } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { type ResolveSignerOptions, resolveSigner } from '../profiles/wallet.js'
import { recordInBook } from './book.js'
import { readView } from './contracts.js'
import { inspectToken } from './inspect.js'
import { recentDeployments } from './recent.js'
import { type Registries, registryModuleOf, registryReader, resolveTokenRef } from './resolve.js'
import { sendStep, simulateStep } from './send-step.js'
import {
  type Phase,
  planTokenSetup,
  type SetupChain,
  type SetupGoal,
  type SetupPlan,
  type SetupStep,
} from './setup-plan.js'

/**
 * `ccip token setup` and its steps alone (`token pool deploy`, `register`, `grant`, `connect`):
 * read every chain, plan what is missing (setup-plan.ts), simulate the first transaction of every
 * chain, confirm once, then send: pool deployments on all chains first (their addresses checked
 * against the plan), then the rest, each chain in order. A failure stops everything and names what
 * was done; running the same command again finishes the rest.
 */
export interface TokenSetupRequest {
  chains: readonly Profile[]
  /** --token: a symbol, an address, or chain=address pairs (resolve.ts). */
  token: string
  goal: Omit<SetupGoal, 'phases'> & { phases: readonly Phase[] }
  registryModule?: string
}

export interface PreparedSetup {
  symbol: string
  plan: SetupPlan
  /** True when every chain is local (no confirmation needed). */
  local: boolean
}

export interface SetupResult {
  symbol: string
  chains: SetupPlan['chains']
  done: { chain: string; action: string; txHash: string }[]
  notes: string[]
}

export async function prepareTokenSetup(
  ctx: CcipContext,
  request: TokenSetupRequest,
  signer: ResolveSignerOptions,
): Promise<PreparedSetup> {
  const chains = request.chains.map((p) => openChain(p, ctx.chains))
  const registries = registryReader()
  const ref = await resolveTokenRef(ctx.home, request.token, chains, registries)
  const handles = request.chains.map((p) => connectChain(p, ctx.chains))
  try {
    const setupChains = await Promise.all(
      handles.map(async (h, i) => {
        const chain = chains[i]!
        const name = h.profile.name
        const wallet = await resolveSigner(h.profile, signer, h.provider)
        return chain.guard(
          readChain(
            chain,
            registries,
            wallet.address,
            ref.tokens[name]!,
            { pool: ref.pools[name], lockBox: ref.lockBoxes[name] },
            request.registryModule,
          ),
        )
      }),
    )
    const symbols = new Set(setupChains.map((c) => c.state.token.symbol))
    if (symbols.size > 1)
      throw invalidArgument(
        `--token names different tokens: ${[...symbols].join(', ')}`,
        'name the same token on every chain',
      )
    const signers = new Set(setupChains.map((c) => c.signer))
    if (signers.size > 1)
      throw invalidArgument(
        'A different signer on some chains',
        'one signer sets up every chain: pass --keystore or --account for all of them',
      )
    const plan = planTokenSetup(setupChains, { ...request.goal, phases: new Set(request.goal.phases) })
    return { symbol: ref.symbol ?? [...symbols][0]!, plan, local: request.chains.every((c) => c.local) }
  } finally {
    disconnect(...handles)
  }
}

async function readChain(
  chain: ProfileChain,
  registries: Registries,
  signer: string,
  token: string,
  book: { pool: string | undefined; lockBox: string | undefined },
  module: string | undefined,
): Promise<SetupChain> {
  const registry = await registries(chain)
  const nonce = Number(await chain.request<string>('eth_getTransactionCount', [signer, 'pending']))
  // Not in the book: perhaps a setup stopped between a deployment and its entry (recent.ts).
  const recent = book.pool === undefined ? await recentDeployments(chain, signer, nonce, token) : {}
  const lockBox = book.lockBox ?? recent.lockBox
  const [state, rmnProxy, registryModule, lockBoxToken] = await Promise.all([
    inspectToken(chain, registry, token, book.pool ?? recent.pool),
    readView<string>(chain, 'router', chain.router, 'getArmProxy'),
    registryModuleOf(chain, registry, module),
    lockBox === undefined
      ? undefined
      : readView<string | undefined>(chain, 'lockBoxV2', lockBox, 'getToken', [], { value: undefined }),
  ])
  return {
    name: chain.profile.name,
    selector: chain.selector,
    signer,
    nonce,
    state,
    router: chain.router,
    rmnProxy,
    registryModule,
    local: chain.profile.local,
    // A lock box deployed by a setup that stopped before its pool: the new pool uses it.
    ...(lockBoxToken?.toLowerCase() === token.toLowerCase() ? { lockBox } : {}),
  }
}

export async function executeTokenSetup(
  ctx: CcipContext,
  request: TokenSetupRequest,
  prepared: PreparedSetup,
  signer: ResolveSignerOptions,
  confirm: () => Promise<void>,
): Promise<SetupResult> {
  const { plan, symbol } = prepared
  const handles = new Map(request.chains.map((p) => [p.name, connectChain(p, ctx.chains)]))
  // By plan step: reported in the plan's order, whatever order the chains finished in.
  const sent = new Map<number, SetupResult['done'][number]>()
  const done = () => [...sent.entries()].sort(([a], [b]) => a - b).map(([, d]) => d)
  try {
    const wallets = new Map(
      await Promise.all(
        [...handles].map(
          async ([name, h]) => [name, await resolveSigner(h.profile, signer, h.provider)] as const,
        ),
      ),
    )
    // Each chain's first step is simulated now (later ones build on it: they are simulated in turn).
    const firsts = [...handles.keys()].flatMap((name) => plan.steps.find((s) => s.chain === name) ?? [])
    await Promise.all(
      firsts.map((step) => simulateStep(handles.get(step.chain)!, wallets.get(step.chain)!, step)),
    )
    if (plan.steps.length > 0) await confirm()
    // A failure on one chain stops the others after the step they are on: nothing runs on unseen.
    let failure: { error: unknown } | undefined
    const run = async (phaseFilter: (s: SetupStep) => boolean) => {
      await Promise.all(
        [...handles.keys()]
          .map(async (name) => {
            for (const step of plan.steps.filter((s) => s.chain === name && phaseFilter(s))) {
              if (failure !== undefined) return
              const { txHash, contractAddress } = await sendStep(handles.get(name)!, wallets.get(name)!, step)
              sent.set(plan.steps.indexOf(step), { chain: name, action: step.action, txHash })
              if (step.deploys === undefined) continue
              // Remembered at once: an interrupted setup finds its pool again (the registry does not know it yet).
              const token = plan.chains.find((c) => c.chain === name)!.token
              const at = contractAddress ?? step.deploys.address
              recordInBook(ctx.home, symbol, {
                [name]: { chainId: handles.get(name)!.profile.chainId, token, [step.deploys.what]: at },
              })
              if (at.toLowerCase() !== step.deploys.address.toLowerCase())
                throw new Error(
                  `the ${step.deploys.what} on ${name} landed at ${at}, not ${step.deploys.address} (another transaction of the signer came first)`,
                )
            }
          })
          .map((chainRun) =>
            chainRun.catch((error: unknown) => {
              failure ??= { error }
            }),
          ),
      )
      if (failure !== undefined) throw failure.error
    }
    try {
      await run((s) => s.phase === 'pool')
      await run((s) => s.phase !== 'pool')
    } catch (error) {
      const what =
        done()
          .map((d) => `${d.chain}: ${d.action}`)
          .join('; ') || 'nothing'
      throw new CcipError(ErrorCode.DeployFailed, `Token setup stopped: ${describeError(error)}`, {
        hint: `done: ${what}. Run the same command again: it finishes what is missing and repeats nothing`,
        details: { done: done() },
        cause: error,
      })
    }
    return { symbol, chains: plan.chains, done: done(), notes: plan.notes }
  } finally {
    disconnect(...handles.values())
  }
}
