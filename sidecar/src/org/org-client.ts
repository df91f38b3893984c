/**
 * The one door to the org. Every REST and Bulk API 2.0 call goes through `request`, which
 * counts it against the run's budget, retries idempotent calls on transient failures (503,
 * 429, UNABLE_TO_LOCK_ROW, dropped connections) with backoff and jitter, and turns
 * REQUEST_LIMIT_EXCEEDED into a clean stop. Session expiry (401) is handled by jsforce's
 * refresh delegate with the connection's `refreshFn`.
 */
import type { Connection } from 'jsforce';
import { ApiCallMeter } from './api-call-meter.ts';
import { ApiLimitReached, OrgApiError, classifyFailure } from './api-errors.ts';
import { backoffDelay, retryPolicy, type RetryPolicy } from './retry-policy.ts';

export interface OrgRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Absolute path (`/services/data/v63.0/...`) or relative to the versioned data root (`/query?q=`). */
  url: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface OrgResponse<T> {
  body: T;
  status: number;
  headers: Record<string, string>;
}

export interface RequestOptions {
  /** Safe to send twice (reads, upserts by external id). Only these are retried. */
  idempotent: boolean;
  /** Return the body as text (CSV results) instead of parsed JSON. */
  text?: boolean;
}

interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}

type HttpRequestPromise = Promise<RawResponse> & { stream(): unknown };

interface Transport {
  httpRequest(request: unknown, options?: unknown): HttpRequestPromise;
}

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  reason: string;
  url: string;
}

export class OrgClient {
  readonly connection: Connection;
  readonly apiVersion: string;
  /** Who the sidecar is in the org (the integration user's id), for telling our own writes apart. */
  readonly userId: string | undefined;
  private meter: ApiCallMeter;
  private readonly policy: RetryPolicy;
  private readonly onRetry: ((event: RetryEvent) => void) | undefined;

  constructor(options: {
    connection: Connection;
    apiVersion: string;
    userId?: string;
    retry?: Partial<RetryPolicy>;
    meter?: ApiCallMeter;
    onRetry?: (event: RetryEvent) => void;
  }) {
    this.connection = options.connection;
    this.apiVersion = options.apiVersion;
    this.userId = options.userId;
    this.policy = retryPolicy(options.retry);
    this.meter = options.meter ?? new ApiCallMeter({ budget: Number.MAX_SAFE_INTEGER });
    this.onRetry = options.onRetry;
    // Meter every HTTP request jsforce makes on this connection, ours or its own (describe, query).
    const internal = this.connection as unknown as { _transport: Transport };
    const base = internal._transport;
    internal._transport = {
      httpRequest: (request, options) => {
        this.meter.beforeCall();
        const inner = base.httpRequest(request, options);
        const counted = inner.then((response) => {
          this.meter.afterCall(response.headers?.['sforce-limit-info'], response.statusCode);
          return response;
        }) as HttpRequestPromise;
        counted.stream = () => inner.stream();
        return counted;
      },
    };
  }

  /** Starts counting a new run against its own budget. */
  startRun(meter: ApiCallMeter): void {
    this.meter = meter;
  }

  get calls(): ApiCallMeter {
    return this.meter;
  }

  dataPath(path: string): string {
    return `/services/data/v${this.apiVersion}${path.startsWith('/') ? path : `/${path}`}`;
  }

  async request<T>(request: OrgRequest, options: RequestOptions): Promise<OrgResponse<T>> {
    const url = request.url.startsWith('/services/') ? request.url : this.dataPath(request.url);
    for (let attempt = 1; ; attempt++) {
      let captured: RawResponse | undefined;
      const base = (this.connection as unknown as { _transport: Transport })._transport;
      const capturing: Transport = {
        httpRequest: (raw, transportOptions) => {
          const inner = base.httpRequest(raw, transportOptions);
          const observed = inner.then((response) => {
            captured = response;
            return response;
          }) as HttpRequestPromise;
          observed.stream = () => inner.stream();
          return observed;
        },
      };
      try {
        const body = await this.connection.request<T>(
          {
            method: request.method,
            url,
            body: request.body,
            headers: { 'Content-Type': 'application/json', ...request.headers },
          },
          // jsforce retries GETs itself with real timers; we retry everything here instead.
          { transport: capturing, retry: { maxRetries: 0 }, ...(options.text ? { responseType: 'text/plain' } : {}) } as never,
        );
        const response = captured as RawResponse | undefined;
        return { body, status: response?.statusCode ?? 200, headers: response?.headers ?? {} };
      } catch (error) {
        const status = (captured as RawResponse | undefined)?.statusCode;
        const kind = classifyFailure(error, status);
        if (kind === 'api-limit') throw new ApiLimitReached((error as Error).message);
        if (kind === 'retryable' && options.idempotent && attempt < this.policy.maxAttempts) {
          const delayMs = backoffDelay(this.policy, attempt);
          this.onRetry?.({ attempt, delayMs, reason: describeFailure(error, status), url });
          await this.policy.sleep(delayMs);
          continue;
        }
        throw toOrgApiError(error, status);
      }
    }
  }

  async get<T>(path: string): Promise<T> {
    return (await this.request<T>({ method: 'GET', url: path }, { idempotent: true })).body;
  }
}

function describeFailure(error: unknown, status: number | undefined): string {
  const code = (error as { errorCode?: string }).errorCode;
  return [status, code, (error as Error).message].filter(Boolean).join(' ');
}

function toOrgApiError(error: unknown, status: number | undefined): Error {
  if (!(error instanceof Error) || error.name === 'ProcessKilled' || error.name === 'BudgetExhausted') return error as Error;
  const errorCode = (error as { errorCode?: string }).errorCode;
  if (!errorCode) return error;
  const data = (error as { data?: { fields?: string[] } }).data;
  return new OrgApiError(error.message, errorCode, status, Array.isArray(data?.fields) ? data.fields : []);
}
