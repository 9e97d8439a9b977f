import type { Command } from 'commander'
import { stepCommand } from './steps.js'

/** `ccip token setup`: everything at once; `register`, `grant`, `connect`: one step each. */
export const setupCommand = (): Command =>
  stepCommand({
    name: 'setup',
    description:
      'make a token cross-chain in one go: pools, CCIP admin registration, mint/burn rights, remote chains with rate limits, liquidity; re-run to finish an interrupted setup',
    phases: ['pool', 'grant', 'register', 'connect', 'liquidity'],
    examples: [
      'ccip token setup --token MYT --chains alpha,beta,gamma --pool burn-mint',
      'ccip token setup --token MYT --chains alpha,beta --pool lock-release --home-chain alpha --liquidity 10000 --outbound 1000/10 --inbound 1100/11',
      'ccip token setup --token MYT --chains sepolia,fuji --pool burn-mint --pool-version 2.0 --registry-module 0x… --keystore key.json --dry-run',
    ],
  })

export const registerCommand = (): Command =>
  stepCommand({
    name: 'register',
    description:
      "register as the token's CCIP admin (through its owner() or getCCIPAdmin()), accept the role, and set its pool in the TokenAdminRegistry",
    phases: ['register'],
    examples: ['ccip token register --token MYT --chains alpha,beta'],
  })

export const grantCommand = (): Command =>
  stepCommand({
    name: 'grant',
    description: "let each burn/mint pool mint and burn the token (the token owner's grantMintAndBurnRoles)",
    phases: ['grant'],
    examples: ['ccip token grant --token MYT --chains alpha,beta'],
  })

export const connectCommand = (): Command =>
  stepCommand({
    name: 'connect',
    description: "connect each chain's pool to the others' pools and tokens, with rate limits",
    phases: ['connect'],
    examples: [
      'ccip token connect --token MYT --chains alpha,beta,gamma',
      'ccip token connect --token MYT --chains alpha,beta --outbound 1000/10 --inbound 1100/11',
    ],
  })
