import type { ManualExecProgress } from '../messages/manual-exec.js'
import type { MessageStatusResult } from '../messages/status.js'
import type { Output } from './output.js'
import { renderStatus, type StatusJson, statusJson } from './status.js'

/** `ccip manual-exec --json`: the manual execution's tx hash, then the status read after it. */
export type ManualExecJson = { txHash: string } & StatusJson

export function manualExecJson(txHash: string, status: MessageStatusResult): ManualExecJson {
  return { txHash, ...statusJson(status) }
}

export function renderManualExec(txHash: string, status: MessageStatusResult): string {
  return `Manually executed in ${txHash}: ${status.state}\n\n${renderStatus(status)}`
}

export function manualExecProgress(out: Output): (event: ManualExecProgress) => void {
  return (event) => {
    if (event.step === 'proof') {
      out.info(`Rebuilt the Merkle root ${event.root} from ${event.leaves} source message(s); proof ready.`)
    } else {
      out.info(`Sent manuallyExecute: ${event.txHash} (gas limit ${event.gas}); waiting for the receipt…`)
    }
  }
}
