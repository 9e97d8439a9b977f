import { AbiCoder, keccak256, toUtf8Bytes } from 'ethers'

/** OCR3 config digests: any bytes32 works locally (no CCIPHome); derived so they are stable. */
export function ocrConfigDigest(selector: bigint, plugin: 'commit' | 'exec'): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(['string', 'uint64', 'string'], ['ccipkit-ocr3', selector, plugin]),
  )
}
export const RMN_HOME_CONFIG_DIGEST = keccak256(toUtf8Bytes('ccipkit-rmn-home-config-v1'))
