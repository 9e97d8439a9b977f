import { readFileSync } from 'node:fs'
import solc from 'solc'

/** Inbox.sol compiled with the solc npm package (no compiler download): its ABI and bytecode. */
export function compileInbox() {
  const source = readFileSync(new URL('../contracts/Inbox.sol', import.meta.url), 'utf8')
  const input = {
    language: 'Solidity',
    sources: { 'Inbox.sol': { content: source } },
    settings: { outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input)))
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  const inbox = output.contracts['Inbox.sol'].Inbox
  return { abi: inbox.abi, bytecode: `0x${inbox.evm.bytecode.object}` }
}
