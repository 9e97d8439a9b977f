/**
 * Gas for a transaction from its estimate, with room: an estimate is exact for the state it was
 * made on, and the state moves before the transaction is mined (a rate limiter's bucket refills
 * with the block's time, storage turns warm or cold), so an exact limit runs out of gas now and
 * then (seen: `ccip ratelimit set` reverting after its simulation passed).
 */
export const withGasMargin = (estimate: bigint): bigint => (estimate * 13n) / 10n
