/**
 * The org's clock: every write gets a millisecond timestamp strictly greater than the previous
 * one, so watermark queries (SystemModstamp > x) never miss or repeat a write.
 */
export class MonotonicClock {
  private last: number;

  constructor(lastIssued = 0) {
    this.last = lastIssued;
  }

  /** A new write timestamp (ms since epoch), strictly increasing. */
  next(): number {
    this.last = Math.max(Date.now(), this.last + 1);
    return this.last;
  }

  /** Makes the next timestamp later than ms (after records were written with their own stamps). */
  advancePast(ms: number): void {
    this.last = Math.max(this.last, ms);
  }

  lastIssued(): number {
    return this.last;
  }
}

/** Salesforce's REST rendering of a datetime: 2026-11-24T02:52:29.000+0000. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
