/**
 * A unit of a bulk job (index-worker.ts) that the thread which sent it may take back until a
 * worker starts it: the worker claims claims[index] (UNCLAIMED → CLAIMED_BY_WORKER) before it
 * starts, and answers without a result if the sender claimed it first (and did it itself).
 */
export interface UnitClaim {
  claims: Int32Array;
  index: number;
}

const UNCLAIMED = 0;
const CLAIMED_BY_WORKER = 1;
const CLAIMED_BY_SENDER = 2;

/** The worker's side: whether it may start the unit (false: the sender took it back). */
export function claimForWorker(claim: UnitClaim | undefined): boolean {
  return claim === undefined || Atomics.compareExchange(claim.claims, claim.index, UNCLAIMED, CLAIMED_BY_WORKER) === UNCLAIMED;
}

/** The sender's side: whether it may do the unit itself (false: a worker has started it). */
export function claimForSender(claim: UnitClaim): boolean {
  return Atomics.compareExchange(claim.claims, claim.index, UNCLAIMED, CLAIMED_BY_SENDER) === UNCLAIMED;
}
