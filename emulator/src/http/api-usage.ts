/**
 * The daily API request allowance: every call to the data API counts, the count is reported in
 * /limits and the Sforce-Limit-Info header, and calls beyond the allowance get 403
 * REQUEST_LIMIT_EXCEEDED. Counted per UTC day and kept in storage.
 */
import type { RecordStore } from '../storage/record-store.ts';

export const DEFAULT_DAILY_API_ALLOWANCE = 100_000;

export class ApiUsage {
  readonly allowance: number;
  private readonly store: RecordStore;
  private day: string;
  private used: number;

  constructor(store: RecordStore, allowance: number) {
    this.store = store;
    this.allowance = allowance;
    this.day = today();
    this.used = Number(store.getMeta(`api-usage:${this.day}`) ?? 0);
  }

  /** Counts one call; false when the allowance was already spent (the call is refused, not counted). */
  tryConsume(): boolean {
    this.rollDay();
    if (this.used >= this.allowance) return false;
    this.used++;
    this.store.setMeta(`api-usage:${this.day}`, String(this.used));
    return true;
  }

  usedToday(): number {
    this.rollDay();
    return this.used;
  }

  header(): string {
    return `api-usage=${this.usedToday()}/${this.allowance}`;
  }

  private rollDay(): void {
    const current = today();
    if (current !== this.day) {
      this.day = current;
      this.used = Number(this.store.getMeta(`api-usage:${current}`) ?? 0);
    }
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
