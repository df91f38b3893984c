/**
 * Exponential backoff with full jitter. Clock and sleep are injected so tests run instantly
 * and deterministically.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1); Math.random by default. */
  random: () => number;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function retryPolicy(options: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    maxAttempts: options.maxAttempts ?? 6,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30000,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
  };
}

/** Delay before retry number `attempt` (1 = first retry): uniform in [cap/2, cap], cap = base·2^(attempt−1). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + policy.random() * (cap / 2));
}
