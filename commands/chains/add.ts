import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'

interface AddOptions {
  rpcUrl: string
  router?: string
  selector?: string
  keystore?: string
  indexer?: string
}

export function addCommand(): Command {
  return new Command('add')
    .description('add a chain profile; connects to the node to read its chain id (and check the Router)')
    .argument('<name>', 'profile name: letters, digits, ".", "_", "-" (up to 40)')
    .requiredOption('-r, --rpc-url <url>', 'the node: http(s):// or ws(s)://')
    .option('--router <address>', 'the CCIP Router on that chain (checked with typeAndVersion)')
    .option('--selector <uint64>', 'CCIP chain selector, for chain ids the built-in table does not know')
    .option('--keystore <path>', 'encrypted JSON keystore to sign with on this chain')
    .option(
      '--indexer <url>',
      "CCIP 2.0: the indexer `ccip status` and `manual-exec` read verifier results from (default: Chainlink's public indexers)",
    )
    .addHelpText(
      'after',
      examples(
        'ccip chains add sepolia --rpc-url https://ethereum-sepolia-rpc.publicnode.com',
        'ccip chains add fuji --rpc-url $FUJI_RPC --router $FUJI_ROUTER',
        'ccip chains add mychain --rpc-url http://127.0.0.1:9545 --selector 123456789',
        'ccip chains add arb-sepolia --rpc-url $ARB_RPC --router $ARB_ROUTER --indexer https://indexer-1.testnet.ccip.chain.link',
      ),
    )
    .action(
      action<AddOptions>(async (ctx, [name], opts) => {
        const { openProfileStore } = await import('../../src/profiles/store.js')
        const { addProfile } = await import('../../src/profiles/add.js')
        const store = openProfileStore(ctx.home)
        const profile = await addProfile(
          store,
          {
            name: name ?? '',
            rpcUrl: opts.rpcUrl,
            router: opts.router,
            selector: opts.selector,
            keystore: opts.keystore,
            ...(opts.indexer === undefined ? {} : { indexerUrl: opts.indexer }),
          },
          ctx.signal,
        )
        ctx.out.result(
          profile,
          (p) => `Added chain profile '${p.name}' (chain id ${p.chainId}, selector ${p.selector}).`,
        )
      }),
    )
}
