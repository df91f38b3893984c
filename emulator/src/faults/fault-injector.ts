/**
 * Faults injected into the emulated API, per test: each rule matches requests by method and
 * path, lets the first `after` matching requests through, then fires on the next `times`.
 * Counting is per rule, so "the 3rd upsert fails" and "the 10th call of any kind" compose.
 */

export interface FaultScope {
  /** HTTP method(s) to match (default: any). */
  method?: string | string[];
  /** Path prefix (string) or pattern (RegExp) of the request path (default: any /services/ path). */
  path?: string | RegExp;
  /** Matching requests let through before the fault fires (default 0: the next one). */
  after?: number;
  /** How many matching requests the fault fires on (default 1; Infinity = until removed). */
  times?: number;
}

export type FaultAction =
  | { kind: 'status'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'unableToLockRow' }
  | { kind: 'expireSession' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'drop'; when: 'before' | 'after' };

export interface FaultHandle {
  /** How many requests the fault has fired on. */
  readonly fired: number;
  remove(): void;
}

export interface ObservedCall {
  /** 1-based number of the request among all requests the injector has seen (CometD excluded). */
  sequence: number;
  method: string;
  path: string;
}

interface FaultRule {
  scope: FaultScope;
  action: FaultAction;
  seen: number;
  fired: number;
}

const DML_METHODS = ['POST', 'PATCH', 'PUT', 'DELETE'];

export class FaultInjector {
  private rules: FaultRule[] = [];
  private callCount = 0;
  private readonly waiters: { sequence: number; resolve: (call: ObservedCall) => void }[] = [];

  /** 503 Service Unavailable, as during an org maintenance window or an instance blip. */
  serviceUnavailable(scope: FaultScope = {}): FaultHandle {
    return this.add(scope, {
      kind: 'status',
      status: 503,
      body: [{ message: 'Service temporarily unavailable, please retry.', errorCode: 'SERVER_UNAVAILABLE' }],
    });
  }

  /** 429 with Retry-After, as an org's edge answers a burst of concurrent requests. */
  tooManyRequests(scope: FaultScope = {}, retryAfterSeconds = 1): FaultHandle {
    return this.add(scope, {
      kind: 'status',
      status: 429,
      body: [{ message: 'ConcurrentPerOrgLongTxn Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
      headers: { 'retry-after': String(retryAfterSeconds) },
    });
  }

  /**
   * UNABLE_TO_LOCK_ROW on a DML request (POST/PATCH/PUT/DELETE by default), answered as the
   * org answers it for that endpoint: 400 for a single record, a 200 with the error on every
   * record for sObject Collections, failed rows for a Bulk job. Nothing is written.
   */
  unableToLockRow(scope: FaultScope = {}): FaultHandle {
    return this.add({ method: DML_METHODS, ...scope }, { kind: 'unableToLockRow' });
  }

  /** Expires every access token at that request (answered 401 INVALID_SESSION_ID); refresh/JWT login still work. */
  expireSession(scope: FaultScope = {}): FaultHandle {
    return this.add(scope, { kind: 'expireSession' });
  }

  /** Holds the response for delayMs (the request is still processed), to exercise client timeouts. */
  slow(delayMs: number, scope: FaultScope = {}): FaultHandle {
    return this.add({ times: Number.POSITIVE_INFINITY, ...scope }, { kind: 'slow', delayMs });
  }

  /**
   * Destroys the socket with no response. `when: 'before'` drops the request unprocessed;
   * `'after'` processes it (the write commits) and then drops the response — the case that
   * tests idempotent retries.
   */
  dropConnection(scope: FaultScope = {}, when: 'before' | 'after' = 'before'): FaultHandle {
    return this.add(scope, { kind: 'drop', when });
  }

  /** Serves the first k matching requests, then drops every later one until removed: the org "goes away". */
  killAfter(k: number, scope: Omit<FaultScope, 'after' | 'times'> = {}): FaultHandle {
    return this.add({ ...scope, after: k, times: Number.POSITIVE_INFINITY }, { kind: 'drop', when: 'before' });
  }

  /** Any status and body (e.g. 500 UNKNOWN_EXCEPTION, 502 from a proxy). */
  respondWith(status: number, body: unknown, scope: FaultScope = {}, headers?: Record<string, string>): FaultHandle {
    return this.add(scope, { kind: 'status', status, body, ...(headers ? { headers } : {}) });
  }

  add(scope: FaultScope, action: FaultAction): FaultHandle {
    const rule: FaultRule = { scope, action, seen: 0, fired: 0 };
    this.rules.push(rule);
    return {
      get fired() {
        return rule.fired;
      },
      remove: () => {
        this.rules = this.rules.filter((r) => r !== rule);
      },
    };
  }

  /** Removes every fault. */
  clear(): void {
    this.rules = [];
  }

  /** Requests seen so far (all /services/ requests, before auth and limits). */
  callsSeen(): number {
    return this.callCount;
  }

  /** Resolves when the k-th request (counting from the emulator's start) has been answered. */
  waitForCall(k: number): Promise<ObservedCall> {
    return new Promise((resolve) => this.waiters.push({ sequence: k, resolve }));
  }

  /** Called by the server for each request: counts it and returns the actions that fire. */
  onRequest(method: string, path: string): { sequence: number; actions: FaultAction[] } {
    const sequence = ++this.callCount;
    const actions: FaultAction[] = [];
    for (const rule of this.rules) {
      if (!matches(rule.scope, method, path)) continue;
      rule.seen++;
      const after = rule.scope.after ?? 0;
      const times = rule.scope.times ?? 1;
      if (rule.seen > after && rule.fired < times) {
        rule.fired++;
        actions.push(rule.action);
      }
    }
    return { sequence, actions };
  }

  /** Called by the server when a request is answered (or dropped). */
  onResponse(call: ObservedCall): void {
    for (const waiter of [...this.waiters]) {
      if (call.sequence >= waiter.sequence) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  }
}

function matches(scope: FaultScope, method: string, path: string): boolean {
  if (scope.method !== undefined) {
    const methods = (Array.isArray(scope.method) ? scope.method : [scope.method]).map((m) => m.toUpperCase());
    if (!methods.includes(method.toUpperCase())) return false;
  }
  if (scope.path === undefined) return path.startsWith('/services/');
  return typeof scope.path === 'string' ? path.startsWith(scope.path) : scope.path.test(path);
}
