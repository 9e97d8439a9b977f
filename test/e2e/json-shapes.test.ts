import { describe, expect, it } from 'vitest'
import { fileStack } from '../helpers/stack.js'

/**
 * The `--json` contract of every command, pinned: each command runs against a real local stack
 * and its document's shape (keys, nesting, value kinds; fixed words such as states kept as they
 * are) must match the inline snapshot. A renamed, dropped or retyped field fails here first;
 * changing a shape on purpose means updating the snapshot and the CHANGELOG.
 */
const stack = fileStack('shapes', { up: ['--chains', '2'] })

/**
 * What the node process reports of its latest rounds (`local status` → nodes): present, but
 * whether a round or a cut happened yet depends on the moment the command ran.
 */
const RUNTIME = /^nodes\.(lanes|degraded|healthy|snapshots\.\w+|nodes\.\d+\.(last\w+|rounds))$/

/** Values that differ run to run become their kind; words that are part of the contract stay. */
function shape(value: unknown, path = ''): unknown {
  if (RUNTIME.test(path)) return '<runtime>'
  const at = (key: string | number) => (path === '' ? String(key) : `${path}.${key}`)
  if (Array.isArray(value)) return runs(value.map((v, i) => shape(v, at(i))))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v, at(k))]))
  }
  if (typeof value === 'number') return '<number>'
  if (typeof value === 'boolean') return '<boolean>'
  if (typeof value !== 'string') return value
  if (/^0x[0-9a-fA-F]{40}$/.test(value)) return '<address>'
  if (/^0x[0-9a-fA-F]{64}$/.test(value)) return '<bytes32>'
  if (/^0x[0-9a-fA-F]*$/.test(value)) return '<hex>'
  if (/^-?\d+(\.\d+)?$/.test(value)) return '<decimal string>'
  if (/^\d{4}-\d\d-\d\dT/.test(value)) return '<time>'
  if (/^https?:\/\//.test(value)) return '<url>'
  if (value.startsWith('/')) return '<path>'
  // Prose (errors, hints) keeps its words; ids inside it differ run to run.
  return value.replace(/0x[0-9a-fA-F]{64}/g, '<bytes32>')
}

/** Consecutive elements of one shape as one, followed by `<×n>`: the shape and the count, once. */
function runs(shapes: unknown[]): unknown[] {
  const out: unknown[] = []
  for (let i = 0; i < shapes.length; ) {
    let n = 1
    while (i + n < shapes.length && JSON.stringify(shapes[i + n]) === JSON.stringify(shapes[i])) n++
    out.push(shapes[i], ...(n > 1 ? [`<×${n}>`] : []))
    i += n
  }
  return out
}

/** The JSON error document on stderr of a failed `--json` command. */
async function errorShape(...args: string[]): Promise<unknown> {
  const run = await stack.cli([...args, '--json'])
  expect(run.code).not.toBe(0)
  expect(run.stdout).toBe('')
  return shape(JSON.parse(run.stderr))
}

describe('--json shapes', () => {
  let messageId = ''

  it('local status', async () => {
    expect(shape(await stack.json('local', 'status'))).toMatchInlineSnapshot(`
      {
        "ccip": "<decimal string>",
        "chains": [
          {
            "blockNumber": "<number>",
            "chainId": "<number>",
            "contracts": {
              "feeQuoter": "<address>",
              "link": "<address>",
              "nonceManager": "<address>",
              "offRamp": "<address>",
              "onRamp": "<address>",
              "rmnProxy": "<address>",
              "rmnRemote": "<address>",
              "router": "<address>",
              "tokenAdminRegistry": "<address>",
              "tokens": {
                "CCIP-BnM": {
                  "pool": "<address>",
                  "token": "<address>",
                },
                "CCIP-LnM": {
                  "pool": "<address>",
                  "token": "<address>",
                },
              },
              "weth": "<address>",
            },
            "logArchive": "<path>",
            "name": "alpha",
            "rpcUrl": "<url>",
            "selector": "<decimal string>",
            "selectorTable": "main",
          },
          {
            "blockNumber": "<number>",
            "chainId": "<number>",
            "contracts": {
              "feeQuoter": "<address>",
              "link": "<address>",
              "nonceManager": "<address>",
              "offRamp": "<address>",
              "onRamp": "<address>",
              "rmnProxy": "<address>",
              "rmnRemote": "<address>",
              "router": "<address>",
              "tokenAdminRegistry": "<address>",
              "tokens": {
                "CCIP-BnM": {
                  "pool": "<address>",
                  "token": "<address>",
                },
                "CCIP-LnM": {
                  "pool": "<address>",
                  "token": "<address>",
                },
              },
              "weth": "<address>",
            },
            "logArchive": "<path>",
            "name": "beta",
            "rpcUrl": "<url>",
            "selector": "<decimal string>",
            "selectorTable": "main",
          },
        ],
        "indexerUrl": null,
        "lanes": [
          {
            "dest": "beta",
            "source": "alpha",
            "version": "<decimal string>",
          },
          {
            "dest": "alpha",
            "source": "beta",
            "version": "<decimal string>",
          },
        ],
        "mining": {
          "blockTime": "<number>",
          "kind": "interval",
        },
        "nodes": {
          "degraded": "<runtime>",
          "healthy": "<runtime>",
          "lanes": "<runtime>",
          "nodes": [
            {
              "address": "<address>",
              "index": "<number>",
              "lastCommittedRoot": "<runtime>",
              "lastError": "<runtime>",
              "lastRoundAt": "<runtime>",
              "lastTx": "<runtime>",
              "role": "commit",
              "rounds": "<runtime>",
            },
            "<×4>",
            {
              "address": "<address>",
              "index": "<number>",
              "lastCommittedRoot": "<runtime>",
              "lastError": "<runtime>",
              "lastRoundAt": "<runtime>",
              "lastTx": "<runtime>",
              "role": "rmn",
              "rounds": "<runtime>",
            },
            "<×3>",
            {
              "address": "<address>",
              "index": "<number>",
              "lastCommittedRoot": "<runtime>",
              "lastError": "<runtime>",
              "lastRoundAt": "<runtime>",
              "lastTx": "<runtime>",
              "role": "exec",
              "rounds": "<runtime>",
            },
            "<×4>",
          ],
          "snapshots": {
            "archiveError": "<runtime>",
            "error": "<runtime>",
            "errorAt": "<runtime>",
            "lastCut": "<runtime>",
          },
          "updatedAt": "<time>",
        },
        "running": "<boolean>",
      }
    `)
  })

  it('chains list, show, add, use, remove', async () => {
    expect(shape(await stack.json('chains', 'list'))).toMatchInlineSnapshot(`
      [
        {
          "chainId": "<decimal string>",
          "local": "<boolean>",
          "name": "alpha",
          "router": "<address>",
          "rpcUrl": "<url>",
          "selector": "<decimal string>",
        },
        {
          "chainId": "<decimal string>",
          "local": "<boolean>",
          "name": "beta",
          "router": "<address>",
          "rpcUrl": "<url>",
          "selector": "<decimal string>",
        },
      ]
    `)
    expect(shape(await stack.json('chains', 'show', 'alpha'))).toMatchInlineSnapshot(`
      {
        "chainId": "<decimal string>",
        "finalityDepth": "<number>",
        "local": "<boolean>",
        "logArchive": "<path>",
        "name": "alpha",
        "router": "<address>",
        "rpcUrl": "<url>",
        "selector": "<decimal string>",
      }
    `)
    const alpha = stack.chain('alpha')
    const added = await stack.json(
      'chains',
      'add',
      'mirror',
      '--rpc-url',
      alpha.rpcUrl ?? '',
      '--router',
      alpha.contracts.router,
    )
    expect(shape(added)).toMatchInlineSnapshot(`
      {
        "chainId": "<decimal string>",
        "local": "<boolean>",
        "name": "mirror",
        "router": "<address>",
        "rpcUrl": "<url>",
        "selector": "<decimal string>",
      }
    `)
    expect(shape(await stack.json('chains', 'use', 'alpha'))).toMatchInlineSnapshot(`
      {
        "current": "alpha",
      }
    `)
    expect(shape(await stack.json('chains', 'remove', 'mirror'))).toMatchInlineSnapshot(`
      {
        "removed": "mirror",
      }
    `)
  })

  it('faucet', async () => {
    expect(shape(await stack.json('faucet', '--chain', 'beta'))).toMatchInlineSnapshot(`
      [
        {
          "CCIP-BnM": "<decimal string>",
          "CCIP-LnM": "<decimal string>",
          "chain": "beta",
          "link": "<decimal string>",
          "native": "<decimal string>",
          "to": "<address>",
        },
      ]
    `)
  })

  it('fee and send (data and a token)', async () => {
    const request = ['--from', 'alpha', '--to', 'beta', '--data', '0x01', '--token', 'CCIP-BnM:1']
    expect(shape(await stack.json('fee', ...request))).toMatchInlineSnapshot(`
      {
        "destChain": "beta",
        "fee": "<decimal string>",
        "feeToken": "native",
        "sourceChain": "alpha",
      }
    `)
    const sent = await stack.json<{ messageId: string }>('send', ...request)
    messageId = sent.messageId
    expect(shape(sent)).toMatchInlineSnapshot(`
      {
        "destChain": "beta",
        "fee": {
          "amount": "<decimal string>",
          "token": "native",
        },
        "messageId": "<bytes32>",
        "nonce": "<decimal string>",
        "sequenceNumber": "<decimal string>",
        "sourceChain": "alpha",
        "txHash": "<bytes32>",
        "version": "<decimal string>",
      }
    `)
  })

  it('send --wait, status, messages list', async () => {
    const done = await stack.json('send', '--from', 'alpha', '--to', 'beta', '--data', '0x02', '--wait')
    expect(shape(done)).toMatchInlineSnapshot(`
      {
        "destChain": "beta",
        "fee": {
          "amount": "<decimal string>",
          "token": "native",
        },
        "messageId": "<bytes32>",
        "nonce": "<decimal string>",
        "sequenceNumber": "<decimal string>",
        "sourceChain": "alpha",
        "state": "SUCCESS",
        "txHash": "<bytes32>",
        "version": "<decimal string>",
      }
    `)
    expect(shape(await stack.json('status', messageId, '--watch'))).toMatchInlineSnapshot(`
      {
        "data": "<hex>",
        "destChain": "beta",
        "fee": {
          "amount": "<decimal string>",
          "token": "<address>",
        },
        "gasLimit": "<decimal string>",
        "merkleRoot": {
          "maxSeqNr": "<decimal string>",
          "minSeqNr": "<decimal string>",
          "root": "<bytes32>",
        },
        "messageId": "<bytes32>",
        "nonce": "<decimal string>",
        "phases": [
          {
            "blockNumber": "<number>",
            "state": "SENT",
            "timestamp": "<number>",
            "txHash": "<bytes32>",
          },
          {
            "blockNumber": "<number>",
            "state": "SOURCE_FINALIZED",
            "timestamp": "<number>",
            "txHash": null,
          },
          {
            "blockNumber": "<number>",
            "state": "COMMITTED",
            "timestamp": "<number>",
            "txHash": "<bytes32>",
          },
          {
            "blockNumber": "<number>",
            "state": "BLESSED",
            "timestamp": "<number>",
            "txHash": "<bytes32>",
          },
          {
            "blockNumber": "<number>",
            "state": "SUCCESS",
            "timestamp": "<number>",
            "txHash": "<bytes32>",
          },
        ],
        "receiver": "<address>",
        "sender": "<address>",
        "sequenceNumber": "<decimal string>",
        "sourceChain": "alpha",
        "state": "SUCCESS",
        "tokenAmounts": [
          {
            "amount": "<decimal string>",
            "destToken": "<address>",
            "sourcePool": "<address>",
          },
        ],
        "version": "<decimal string>",
      }
    `)
    expect(shape(await stack.json('messages', 'list', '--limit', '1'))).toMatchInlineSnapshot(`
      [
        {
          "destChain": "beta",
          "messageId": "<bytes32>",
          "nonce": "<decimal string>",
          "sequenceNumber": "<decimal string>",
          "sourceChain": "alpha",
          "state": "SUCCESS",
          "timestamp": "<number>",
          "txHash": "<bytes32>",
          "version": "<decimal string>",
        },
      ]
    `)
  })

  it('lanes list, ratelimit show and set', async () => {
    expect(
      shape(await stack.json('lanes', 'list', '--from', 'alpha', '--to', 'beta')),
    ).toMatchInlineSnapshot(`
      [
        {
          "ccvs": null,
          "cursedOn": [],
          "dest": "beta",
          "executor": null,
          "inFlight": "<decimal string>",
          "nextSequenceNumber": "<decimal string>",
          "offRamp": "<address>",
          "onRamp": "<address>",
          "source": "alpha",
          "state": "active",
          "tokens": [
            {
              "inbound": {
                "capacity": "<decimal string>",
                "enabled": "<boolean>",
                "rate": "<decimal string>",
                "tokens": "<decimal string>",
              },
              "outbound": {
                "capacity": "<decimal string>",
                "enabled": "<boolean>",
                "rate": "<decimal string>",
                "tokens": "<decimal string>",
              },
              "symbol": "CCIP-BnM",
            },
            {
              "inbound": {
                "capacity": "<decimal string>",
                "enabled": "<boolean>",
                "rate": "<decimal string>",
                "tokens": "<decimal string>",
              },
              "outbound": {
                "capacity": "<decimal string>",
                "enabled": "<boolean>",
                "rate": "<decimal string>",
                "tokens": "<decimal string>",
              },
              "symbol": "CCIP-LnM",
            },
          ],
          "version": "<decimal string>",
        },
      ]
    `)
    expect(
      shape(await stack.json('ratelimit', 'show', '--chain', 'alpha', '--token', 'CCIP-BnM')),
    ).toMatchInlineSnapshot(`
      [
        {
          "chain": "alpha",
          "inbound": {
            "capacity": "<decimal string>",
            "enabled": "<boolean>",
            "rate": "<decimal string>",
            "tokens": "<decimal string>",
          },
          "outbound": {
            "capacity": "<decimal string>",
            "enabled": "<boolean>",
            "rate": "<decimal string>",
            "tokens": "<decimal string>",
          },
          "pool": "<address>",
          "remote": "beta",
          "token": "CCIP-BnM",
        },
      ]
    `)
    const set = [
      'ratelimit',
      'set',
      '--chain',
      'alpha',
      '--remote',
      'beta',
      '--token',
      'CCIP-BnM',
      '--outbound',
    ]
    expect(
      shape(await stack.json(...set, '--capacity', '1000', '--rate', '10', '--yes')),
    ).toMatchInlineSnapshot(`
      {
        "chain": "alpha",
        "inbound": {
          "capacity": "<decimal string>",
          "enabled": "<boolean>",
          "rate": "<decimal string>",
          "tokens": "<decimal string>",
        },
        "outbound": {
          "capacity": "<decimal string>",
          "enabled": "<boolean>",
          "rate": "<decimal string>",
          "tokens": "<decimal string>",
        },
        "pool": "<address>",
        "remote": "beta",
        "token": "CCIP-BnM",
        "txHash": "<bytes32>",
      }
    `)
  })

  it('rmn curse, status, uncurse', async () => {
    expect(
      shape(await stack.json('rmn', 'curse', '--chain', 'alpha', '--on', 'beta', '--yes')),
    ).toMatchInlineSnapshot(`
      {
        "cursed": [
          {
            "chain": "beta",
            "data": "<hex>",
            "fn": "CurseAuthority.curse(bytes16[],string)",
            "subjects": [
              "<hex>",
            ],
            "to": "<address>",
            "txHash": "<bytes32>",
          },
        ],
      }
    `)
    expect(shape(await stack.json('rmn', 'status'))).toMatchInlineSnapshot(`
      [
        {
          "authority": "<address>",
          "chain": "alpha",
          "cursed": [],
          "rmnRemote": "<address>",
          "rmnVersion": "RMNRemote 1.6.0",
        },
        {
          "authority": "<address>",
          "chain": "beta",
          "cursed": [
            {
              "by": "operator",
              "label": "alpha",
              "reason": "operator",
              "subject": "<hex>",
              "txHash": "<bytes32>",
              "voters": [],
            },
          ],
          "rmnRemote": "<address>",
          "rmnVersion": "RMNRemote 1.6.0",
        },
      ]
    `)
    expect(
      shape(await stack.json('rmn', 'uncurse', '--chain', 'alpha', '--on', 'beta', '--yes')),
    ).toMatchInlineSnapshot(`
      {
        "uncursed": [
          {
            "chain": "beta",
            "data": "<hex>",
            "fn": "CurseAuthority.uncurse(bytes16[])",
            "subjects": [
              "<hex>",
            ],
            "to": "<address>",
            "txHash": "<bytes32>",
          },
        ],
      }
    `)
  })

  it('token deploy, and its --dry-run', async () => {
    const args = [
      'token',
      'deploy',
      '--chains',
      'alpha,beta',
      '--name',
      'Shape',
      '--symbol',
      'SHP',
      '--account',
      '9',
    ]
    expect(shape(await stack.json(...args, '--dry-run'))).toMatchInlineSnapshot(`
      {
        "admin": "<address>",
        "chains": [
          {
            "chain": "alpha",
            "chainId": "<decimal string>",
            "expectedAddress": "<address>",
            "nonce": "<number>",
          },
          {
            "chain": "beta",
            "chainId": "<decimal string>",
            "expectedAddress": "<address>",
            "nonce": "<number>",
          },
        ],
        "data": "<hex>",
        "deployer": "<address>",
        "token": {
          "decimals": "<number>",
          "maxSupply": "<decimal string>",
          "name": "Shape",
          "preMint": "<decimal string>",
          "symbol": "SHP",
        },
      }
    `)
    expect(shape(await stack.json(...args, '--pre-mint', '5'))).toMatchInlineSnapshot(`
      {
        "admin": "<address>",
        "deployer": "<address>",
        "deployments": [
          {
            "address": "<address>",
            "chain": "alpha",
            "txHash": "<bytes32>",
          },
          {
            "address": "<address>",
            "chain": "beta",
            "txHash": "<bytes32>",
          },
        ],
        "token": {
          "decimals": "<number>",
          "maxSupply": "<decimal string>",
          "name": "Shape",
          "preMint": "<decimal string>",
          "symbol": "SHP",
        },
      }
    `)
  })

  it('token setup and its --dry-run, token show, token check', async () => {
    const args = [
      'token',
      'setup',
      '--token',
      'SHP',
      '--chains',
      'alpha,beta',
      '--pool',
      'burn-mint',
      '--account',
      '9',
    ]
    expect(shape(await stack.json(...args, '--outbound', '10/1', '--dry-run'))).toMatchInlineSnapshot(`
      {
        "chains": [
          {
            "chain": "alpha",
            "pool": "<address>",
            "poolIsNew": "<boolean>",
            "signer": "<address>",
            "token": "<address>",
          },
          {
            "chain": "beta",
            "pool": "<address>",
            "poolIsNew": "<boolean>",
            "signer": "<address>",
            "token": "<address>",
          },
        ],
        "notes": [],
        "token": "SHP",
        "transactions": [
          {
            "action": "deploy a burn-mint pool 1.6 for SHP",
            "chain": "alpha",
            "data": "<hex>",
            "deploys": "pool",
            "expectedAddress": "<address>",
            "phase": "pool",
            "to": null,
          },
          {
            "action": "deploy a burn-mint pool 1.6 for SHP",
            "chain": "beta",
            "data": "<hex>",
            "deploys": "pool",
            "expectedAddress": "<address>",
            "phase": "pool",
            "to": null,
          },
          {
            "action": "let the pool mint and burn SHP",
            "chain": "alpha",
            "data": "<hex>",
            "phase": "grant",
            "to": "<address>",
          },
          {
            "action": "propose you as SHP's CCIP admin (as its owner)",
            "chain": "alpha",
            "data": "<hex>",
            "phase": "register",
            "to": "<address>",
          },
          {
            "action": "accept the CCIP admin role of SHP",
            "chain": "alpha",
            "data": "<hex>",
            "phase": "register",
            "to": "<address>",
          },
          {
            "action": "route SHP through its pool",
            "chain": "alpha",
            "data": "<hex>",
            "phase": "register",
            "to": "<address>",
          },
          {
            "action": "let the pool mint and burn SHP",
            "chain": "beta",
            "data": "<hex>",
            "phase": "grant",
            "to": "<address>",
          },
          {
            "action": "propose you as SHP's CCIP admin (as its owner)",
            "chain": "beta",
            "data": "<hex>",
            "phase": "register",
            "to": "<address>",
          },
          {
            "action": "accept the CCIP admin role of SHP",
            "chain": "beta",
            "data": "<hex>",
            "phase": "register",
            "to": "<address>",
          },
          {
            "action": "route SHP through its pool",
            "chain": "beta",
            "data": "<hex>",
            "phase": "register",
            "to": "<address>",
          },
          {
            "action": "connect the pool to beta",
            "chain": "alpha",
            "data": "<hex>",
            "phase": "connect",
            "to": "<address>",
          },
          {
            "action": "connect the pool to alpha",
            "chain": "beta",
            "data": "<hex>",
            "phase": "connect",
            "to": "<address>",
          },
        ],
      }
    `)
    expect(shape(await stack.json(...args, '--outbound', '10/1'))).toMatchInlineSnapshot(`
      {
        "chains": [
          {
            "chain": "alpha",
            "pool": "<address>",
            "token": "<address>",
          },
          {
            "chain": "beta",
            "pool": "<address>",
            "token": "<address>",
          },
        ],
        "notes": [],
        "token": "SHP",
        "transactions": [
          {
            "action": "deploy a burn-mint pool 1.6 for SHP",
            "chain": "alpha",
            "txHash": "<bytes32>",
          },
          {
            "action": "deploy a burn-mint pool 1.6 for SHP",
            "chain": "beta",
            "txHash": "<bytes32>",
          },
          {
            "action": "let the pool mint and burn SHP",
            "chain": "alpha",
            "txHash": "<bytes32>",
          },
          {
            "action": "propose you as SHP's CCIP admin (as its owner)",
            "chain": "alpha",
            "txHash": "<bytes32>",
          },
          {
            "action": "accept the CCIP admin role of SHP",
            "chain": "alpha",
            "txHash": "<bytes32>",
          },
          {
            "action": "route SHP through its pool",
            "chain": "alpha",
            "txHash": "<bytes32>",
          },
          {
            "action": "let the pool mint and burn SHP",
            "chain": "beta",
            "txHash": "<bytes32>",
          },
          {
            "action": "propose you as SHP's CCIP admin (as its owner)",
            "chain": "beta",
            "txHash": "<bytes32>",
          },
          {
            "action": "accept the CCIP admin role of SHP",
            "chain": "beta",
            "txHash": "<bytes32>",
          },
          {
            "action": "route SHP through its pool",
            "chain": "beta",
            "txHash": "<bytes32>",
          },
          {
            "action": "connect the pool to beta",
            "chain": "alpha",
            "txHash": "<bytes32>",
          },
          {
            "action": "connect the pool to alpha",
            "chain": "beta",
            "txHash": "<bytes32>",
          },
        ],
      }
    `)
    expect(shape(await stack.json('token', 'show', 'SHP'))).toMatchInlineSnapshot(`
      {
        "chains": [
          {
            "chain": "alpha",
            "pool": {
              "address": "<address>",
              "decimals": "<number>",
              "mayBurn": "<boolean>",
              "mayMint": "<boolean>",
              "owner": "<address>",
              "remotes": [
                {
                  "chain": "beta",
                  "inbound": {
                    "capacity": "<decimal string>",
                    "enabled": "<boolean>",
                    "rate": "<decimal string>",
                    "tokens": "<decimal string>",
                  },
                  "outbound": {
                    "capacity": "<decimal string>",
                    "enabled": "<boolean>",
                    "rate": "<decimal string>",
                    "tokens": "<decimal string>",
                  },
                  "remotePools": [
                    "<bytes32>",
                  ],
                  "remoteToken": "<bytes32>",
                  "selector": "<decimal string>",
                },
              ],
              "token": "<address>",
              "type": "burn-mint",
              "typeAndVersion": "BurnMintTokenPool 1.6.1",
              "version": "<decimal string>",
            },
            "registry": {
              "address": "<address>",
              "administrator": "<address>",
              "pendingAdministrator": null,
              "pool": "<address>",
            },
            "selector": "<decimal string>",
            "token": {
              "address": "<address>",
              "ccipAdmin": "<address>",
              "decimals": "<number>",
              "owner": "<address>",
              "symbol": "SHP",
              "totalSupply": "<decimal string>",
            },
          },
          {
            "chain": "beta",
            "pool": {
              "address": "<address>",
              "decimals": "<number>",
              "mayBurn": "<boolean>",
              "mayMint": "<boolean>",
              "owner": "<address>",
              "remotes": [
                {
                  "chain": "alpha",
                  "inbound": {
                    "capacity": "<decimal string>",
                    "enabled": "<boolean>",
                    "rate": "<decimal string>",
                    "tokens": "<decimal string>",
                  },
                  "outbound": {
                    "capacity": "<decimal string>",
                    "enabled": "<boolean>",
                    "rate": "<decimal string>",
                    "tokens": "<decimal string>",
                  },
                  "remotePools": [
                    "<bytes32>",
                  ],
                  "remoteToken": "<bytes32>",
                  "selector": "<decimal string>",
                },
              ],
              "token": "<address>",
              "type": "burn-mint",
              "typeAndVersion": "BurnMintTokenPool 1.6.1",
              "version": "<decimal string>",
            },
            "registry": {
              "address": "<address>",
              "administrator": "<address>",
              "pendingAdministrator": null,
              "pool": "<address>",
            },
            "selector": "<decimal string>",
            "token": {
              "address": "<address>",
              "ccipAdmin": "<address>",
              "decimals": "<number>",
              "owner": "<address>",
              "symbol": "SHP",
              "totalSupply": "<decimal string>",
            },
          },
        ],
        "token": "SHP",
      }
    `)
    expect(shape(await stack.json('token', 'check', 'SHP'))).toMatchInlineSnapshot(`
      {
        "chains": [
          "alpha",
          "beta",
        ],
        "clean": "<boolean>",
        "findings": [],
        "token": "SHP",
      }
    `)
  })

  it('errors: one document on stderr with code, message and hint', async () => {
    expect(await errorShape('status', `0x${'ab'.repeat(32)}`)).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "MESSAGE_NOT_FOUND",
          "hint": "check the id (\`ccip send\` prints it); a message from another network needs its chains as profiles: \`ccip chains list\`, \`ccip chains add\`",
          "message": "No CCIP message <bytes32> on any chain profile with a CCIP Router",
        },
      }
    `)
    expect(
      await errorShape('send', '--from', 'alpha', '--to', 'nowhere', '--data', '0x'),
    ).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "PROFILE_NOT_FOUND",
          "hint": "run \`ccip chains list\` to see the profiles, or add one with \`ccip chains add\`",
          "message": "No chain profile named 'nowhere'",
        },
      }
    `)
    expect(await errorShape('manual-exec', messageId)).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "ALREADY_EXECUTED",
          "hint": "nothing to do; its phases: \`ccip status <bytes32>\`",
          "message": "Message <bytes32> was already executed (SUCCESS)",
        },
      }
    `)
  })

  it('local down', async () => {
    expect(shape(await stack.json('local', 'down'))).toMatchInlineSnapshot(`
      {
        "saved": [
          "alpha",
          "beta",
        ],
        "stopped": "<boolean>",
      }
    `)
  })
})
