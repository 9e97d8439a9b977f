/**
 * RMN curse subjects (RMNRemote.curse/isCursed take bytes16): a lane's subject is the remote
 * chain's selector as bytes16(uint128(selector)); the global subject curses everything the chain does.
 */
export const GLOBAL_SUBJECT = '0x01000000000000000000000000000001'

export const laneSubject = (remoteSelector: bigint): string =>
  `0x${remoteSelector.toString(16).padStart(32, '0')}`
