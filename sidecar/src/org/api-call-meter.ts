/**
 * Counts the API calls a run makes (every HTTP request to the org's REST/Bulk API), enforces
 * the run's budget before a call is sent, and remembers the org's own count from the
 * Sforce-Limit-Info header so the two can be cross-checked.
 */
import { BudgetExhausted, ProcessKilled } from './api-errors.ts';

export interface OrgLimitInfo {
  used: number;
  limit: number;
}

export class ApiCallMeter {
  budget: number;
  private calls = 0;
  private firstOrgCount: number | undefined;
  /** Whether the org counted the call that first reported usage (it does not count refused calls). */
  private firstCounted = true;
  private lastLimit: OrgLimitInfo | undefined;
  /** Reliability tests: behave like `kill -9` right after this call returns. */
  private readonly killAfterCall: number | undefined;
  private killed = false;

  constructor(options: { budget: number; killAfterCall?: number }) {
    this.budget = options.budget;
    this.killAfterCall = options.killAfterCall;
  }

  get used(): number {
    return this.calls;
  }

  get orgLimit(): OrgLimitInfo | undefined {
    return this.lastLimit;
  }

  /**
   * Calls the org counted for this run, from Sforce-Limit-Info: last seen minus the first seen,
   * plus the first call itself. Undefined until the org has reported twice.
   */
  get orgCountedCalls(): number | undefined {
    if (this.firstOrgCount === undefined || this.lastLimit === undefined) return undefined;
    return this.lastLimit.used - this.firstOrgCount + (this.firstCounted ? 1 : 0);
  }

  /** Lets a stopped run spend a few more calls to record its errors and its outcome. */
  allowOverrun(calls: number): void {
    this.budget = Math.max(this.budget, this.calls + calls);
  }

  beforeCall(): void {
    if (this.killed) throw new ProcessKilled(this.calls);
    if (this.calls >= this.budget) throw new BudgetExhausted(this.budget);
  }

  afterCall(limitInfoHeader: string | undefined, status = 200): void {
    this.calls++;
    const match = limitInfoHeader?.match(/api-usage=(\d+)\/(\d+)/);
    if (match) {
      const info = { used: Number(match[1]), limit: Number(match[2]) };
      if (this.firstOrgCount === undefined) {
        this.firstOrgCount = info.used;
        this.firstCounted = status < 400;
      }
      this.lastLimit = info;
    }
    if (this.killAfterCall !== undefined && this.calls >= this.killAfterCall) {
      this.killed = true;
      throw new ProcessKilled(this.calls);
    }
  }
}
