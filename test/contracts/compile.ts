/**
 * Compiles ccipkit's own MIT Solidity contracts with solc-js (a devDependency; the CLI never
 * compiles at run time) and writes their artifacts next to the sources. `npm run contracts`
 * rewrites them; test/unit/contract-artifacts.test.ts fails when a committed artifact is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join } from 'node:path'
import { packageRoot } from '../../src/package-root.js'

export const CONTRACT_DIRS = ['src/stack/contracts', 'fixtures/contracts']

export interface Artifact {
  contractName: string
  source: string
  compiler: string
  abi: unknown[]
  bytecode: string
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[]
  contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>
}

export function compileDir(dir: string): Artifact[] {
  const solc = createRequire(import.meta.url)('solc') as { compile(input: string): string; version(): string }
  const abs = join(packageRoot(), dir)
  const files = readdirSync(abs).filter((f) => f.endsWith('.sol'))
  if (files.length === 0) return []
  const sources = Object.fromEntries(files.map((f) => [f, { content: readFileSync(join(abs, f), 'utf8') }]))
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'paris',
      metadata: { bytecodeHash: 'none' },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  }
  // CAST: solc's standard-JSON output shape.
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  return Object.entries(output.contracts).flatMap(([file, contracts]) =>
    Object.entries(contracts)
      .filter(([, c]) => c.evm.bytecode.object !== '') // interfaces have no code and no artifact
      .map(([contractName, c]) => ({
        contractName,
        source: `${dir}/${basename(file)}`,
        compiler: `solc ${solc.version()}`,
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
      })),
  )
}

export const artifactPath = (dir: string, name: string): string =>
  join(packageRoot(), dir, 'artifacts', `${name}.json`)

if (process.argv[1]?.endsWith('compile.js') || process.argv[1]?.endsWith('compile.ts')) {
  for (const dir of CONTRACT_DIRS) {
    for (const artifact of compileDir(dir)) {
      writeFileSync(artifactPath(dir, artifact.contractName), `${JSON.stringify(artifact, null, 2)}\n`)
      process.stderr.write(`wrote ${dir}/artifacts/${artifact.contractName}.json\n`)
    }
  }
}
