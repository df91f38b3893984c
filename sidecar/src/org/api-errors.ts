/**
 * How the sidecar reads a failed API call: retry it (transient), stop the run cleanly (daily
 * limit or run budget spent), or fail. jsforce never retries POST/PATCH, so we decide here.
 */

/** The org's daily API allowance is spent (403 REQUEST_LIMIT_EXCEEDED): stop, resume next run. */
export class ApiLimitReached extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiLimitReached';
  }
}

/** This run's configured API-call budget is spent: stop, resume next run. */
export class BudgetExhausted extends Error {
  constructor(budget: number) {
    super(`the run's API-call budget of ${budget} calls is spent`);
    this.name = 'BudgetExhausted';
  }
}

/**
 * The process was killed (reliability tests simulate `kill -9` after the k-th call). Nothing
 * may catch and continue past it: every later call fails the same way.
 */
export class ProcessKilled extends Error {
  constructor(afterCall: number) {
    super(`simulated kill after API call ${afterCall}`);
    this.name = 'ProcessKilled';
  }
}

/** A failed call, with what the org said. */
export class OrgApiError extends Error {
  readonly status: number | undefined;
  readonly errorCode: string;
  readonly fields: string[];
  constructor(message: string, errorCode: string, status: number | undefined, fields: string[] = []) {
    super(message);
    this.name = 'OrgApiError';
    this.errorCode = errorCode;
    this.status = status;
    this.fields = fields;
  }
}

const RETRYABLE_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'REQUEST_RUNNING_TOO_LONG']);
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export type FailureKind = 'retryable' | 'api-limit' | 'fatal';

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function classifyFailure(error: unknown, status?: number): FailureKind {
  if (error instanceof ProcessKilled || error instanceof BudgetExhausted || error instanceof ApiLimitReached) return 'fatal';
  const errorCode = (error as { errorCode?: string } | null)?.errorCode;
  // 429 is a concurrency or rate limit (ConcurrentPerOrgLongTxn): wait and retry. The daily
  // allowance is spent only when the org answers 403 REQUEST_LIMIT_EXCEEDED.
  if (status === 429) return 'retryable';
  if (errorCode === 'REQUEST_LIMIT_EXCEEDED') return 'api-limit';
  if (errorCode && RETRYABLE_CODES.has(errorCode)) return 'retryable';
  if (status !== undefined && RETRYABLE_STATUSES.has(status)) return 'retryable';
  if (errorCode && /^ERROR_HTTP_(429|502|503|504)$/.test(errorCode)) return 'retryable';
  if (networkCode(error)) return 'retryable';
  const message = (error as Error | null)?.message ?? '';
  if (error instanceof TypeError && /fetch failed|terminated|socket/i.test(message)) return 'retryable';
  return 'fatal';
}
