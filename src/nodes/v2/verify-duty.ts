import { nodeWallets } from '../../stack/node-keys.js'
import type { DutyContext, RunningDuty } from '../duties.js'
import { runLoop } from '../loop.js'
import { AggregatorClient } from './aggregator-client.js'
import { CommitteeVerifierNode } from './verifier.js'

/**
 * The committee verifier nodes of CCIP 2.0, a duty of its own: signing is most of a 2.0
 * message's off-chain work, so on `local up` it has a thread of its own beside the aggregator's
 * (v2/duty.ts). Each node reads every source over its own connection and hands its signatures to
 * the aggregator over its own HTTP connection, on the indexer's port.
 */
export function startVerifyDuty(ctx: DutyContext): RunningDuty {
  const { network, heads, board, log, signal } = ctx
  const url = `http://127.0.0.1:${network.indexerPort}`
  const verifiers = nodeWallets('verifier').map(
    (key, i) =>
      new CommitteeVerifierNode(
        i,
        key,
        network,
        board.register('verifier', i, key.address),
        new AggregatorClient(url),
        heads,
        log,
      ),
  )
  const loops: Promise<void>[] = []
  for (const source of network.chains.filter((c) => c.v2 !== undefined)) {
    for (const node of verifiers) {
      const step = async () => {
        const signed = await node.step(source)
        board.round(node.health)
        return signed
      }
      loops.push(
        runLoop(`verifier${node.index} ${source.name}`, heads.trigger([source.name]), step, signal, log),
      )
    }
  }
  return {
    loops,
    close: () => {
      for (const node of verifiers) node.close()
    },
  }
}
