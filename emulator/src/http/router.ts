/**
 * A small router for the emulated API: routes are method + path pattern; handlers take a
 * parsed request and return a response or throw a SalesforceError.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { SalesforceError } from '../errors.ts';
import type { Session } from '../auth/sessions.ts';

export interface ApiRequest {
  method: string;
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** Capture groups of the route pattern, URL-decoded. */
  params: string[];
  /** The API version of a /services/data/vNN.N request ('63.0'), else the default. */
  apiVersion: string;
  session: Session | undefined;
  body: string;
  /** An UNABLE_TO_LOCK_ROW fault fired for this request: DML handlers fail their records with it. */
  lockRowFault: boolean;
  json<T = unknown>(): T;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  /** Sent chunk by chunk instead of body (large CSV results). */
  stream?: Iterable<string>;
  /** Defaults to application/json (strings are sent as given). */
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (request: ApiRequest) => ApiResponse | Promise<ApiResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  authenticated: boolean;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: RegExp, handler: Handler, options: { authenticated?: boolean } = {}): void {
    this.routes.push({ method, pattern, handler, authenticated: options.authenticated ?? true });
  }

  /** The route for a request, or whether the path exists under another method (405 vs 404). */
  find(method: string, path: string): { route: Route; params: string[] } | { route: undefined; pathExists: boolean } {
    let pathExists = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) {
        pathExists = true;
        continue;
      }
      return { route, params: match.slice(1).map((p) => (p === undefined ? '' : decodeURIComponent(p))) };
    }
    return { route: undefined, pathExists };
  }
}

export function parseJsonBody<T>(body: string): T {
  if (body.trim() === '')
    throw new SalesforceError('JSON_PARSER_ERROR', 'The HTTP entity body is required, but this request has no entity body.');
  try {
    return JSON.parse(body) as T;
  } catch (error) {
    throw new SalesforceError(
      'JSON_PARSER_ERROR',
      `Unexpected character in request body: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): ApiResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});
export const noContent = (): ApiResponse => ({ status: 204 });
