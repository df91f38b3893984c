/**
 * The HTTP front of the emulated org: faults first (as the network would), then the bearer
 * token, then the daily allowance, then the route. Every data API response carries
 * Sforce-Limit-Info.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { SalesforceError } from '../errors.ts';
import type { FaultAction, ObservedCall } from '../faults/fault-injector.ts';
import { DEFAULT_API_VERSION } from '../org-context.ts';
import type { OrgContext } from '../org-context.ts';
import { parseJsonBody } from './router.ts';
import type { ApiRequest, ApiResponse, Router } from './router.ts';

const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
const MAX_BODY_BYTES = 150 * 1024 * 1024;

export interface HttpFront {
  server: Server;
  /** Runs a request through the router as the server would, for composite subrequests. */
  dispatch(request: ApiRequest): Promise<ApiResponse>;
  /** Extra handler for paths the router does not serve (CometD). */
  setFallback(handler: (req: IncomingMessage, res: ServerResponse, body: string) => boolean): void;
}

export function createHttpFront(org: OrgContext, router: Router): HttpFront {
  let fallback: ((req: IncomingMessage, res: ServerResponse, body: string) => boolean) | undefined;

  const dispatch = async (request: ApiRequest): Promise<ApiResponse> => {
    const found = router.find(request.method, request.path);
    if (!found.route) {
      return found.pathExists
        ? {
            status: 405,
            body: [
              {
                message: `HTTP Method '${request.method}' not allowed. Allowed are GET,PATCH,DELETE,POST`,
                errorCode: 'METHOD_NOT_ALLOWED',
              },
            ],
          }
        : { status: 404, body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }] };
    }
    try {
      return await found.route.handler({ ...request, params: found.params });
    } catch (error) {
      if (error instanceof SalesforceError) return { status: error.httpStatus, body: error.toBody() };
      return {
        status: 500,
        body: [
          {
            message: `An unexpected error occurred: ${error instanceof Error ? error.message : String(error)}`,
            errorCode: 'UNKNOWN_EXCEPTION',
          },
        ],
      };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // An org tolerates repeated slashes (clients that keep a trailing slash on the instance URL
    // send them); collapse them before parsing, as "//x" would otherwise read as a host name.
    const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://localhost');
    const path = url.pathname.replace(/\/{2,}/g, '/').replace(/\/+$/, '') || '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);

    if (path.startsWith('/cometd') && fallback?.(req, res, body)) return;

    const observed = org.faults.onRequest(method, path);
    const call: ObservedCall = { sequence: observed.sequence, method, path };
    const actions = observed.actions;
    res.on('close', () => org.faults.onResponse(call));

    const dropBefore = actions.find((a) => a.kind === 'drop' && a.when === 'before');
    if (dropBefore) {
      req.socket.destroy();
      return;
    }
    const delay = actions.reduce((total, a) => total + (a.kind === 'slow' ? a.delayMs : 0), 0);
    const status = actions.find((a): a is Extract<FaultAction, { kind: 'status' }> => a.kind === 'status');
    if (actions.some((a) => a.kind === 'expireSession')) org.sessions.expireAccessTokens();

    const response = status
      ? { status: status.status, body: status.body, ...(status.headers ? { headers: status.headers } : {}) }
      : await answer(
          method,
          path,
          url,
          req,
          body,
          actions.some((a) => a.kind === 'unableToLockRow'),
        );

    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (actions.some((a) => a.kind === 'drop' && a.when === 'after')) {
      req.socket.destroy();
      return;
    }
    send(res, response, path.startsWith('/services/data') ? org.apiUsage.header() : undefined);
  };

  const answer = async (
    method: string,
    path: string,
    url: URL,
    req: IncomingMessage,
    body: string,
    lockRowFault: boolean,
  ): Promise<ApiResponse> => {
    const found = router.find(method, path);
    const authenticated = found.route ? found.route.authenticated : true;
    let session;
    if (authenticated) {
      const token = bearerToken(req.headers.authorization);
      session = token ? org.sessions.lookup('access', token) : undefined;
      if (!session) return { status: 401, body: INVALID_SESSION, headers: { 'www-authenticate': 'Token' } };
    }
    if (path.startsWith('/services/data/') && !org.apiUsage.tryConsume()) {
      return { status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] };
    }
    const apiVersion = /^\/services\/(?:data|async)\/v(\d+\.\d+)/.exec(path)?.[1] ?? DEFAULT_API_VERSION;
    return dispatch({
      method,
      path,
      url,
      headers: req.headers,
      params: [],
      apiVersion,
      session,
      body,
      lockRowFault,
      json: <T>() => parseJsonBody<T>(body),
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: [{ message: String(error), errorCode: 'UNKNOWN_EXCEPTION' }] }, undefined);
    });
  });
  server.keepAliveTimeout = 5000;
  return {
    server,
    dispatch,
    setFallback: (handler) => {
      fallback = handler;
    },
  };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim();
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SalesforceError('REQUEST_ENTITY_TOO_LARGE', 'request entity too large', { httpStatus: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes chunks as the client reads them (waits on drain), so a large result is never one string. */
async function pump(res: ServerResponse, chunks: Iterable<string>): Promise<void> {
  try {
    for (const chunk of chunks) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await once(res, 'drain');
    }
    res.end();
  } catch {
    res.destroy();
  }
}

export function send(res: ServerResponse, response: ApiResponse, limitInfo: string | undefined): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  if (limitInfo) headers['sforce-limit-info'] = limitInfo;
  if (response.stream) {
    headers['content-type'] = response.contentType ?? 'text/plain; charset=UTF-8';
    res.writeHead(response.status, headers);
    void pump(res, response.stream);
    return;
  }
  if (response.body === undefined || response.status === 204) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const isText = typeof response.body === 'string';
  headers['content-type'] = response.contentType ?? (isText ? 'text/plain; charset=UTF-8' : 'application/json;charset=UTF-8');
  const payload = isText ? (response.body as string) : JSON.stringify(response.body);
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}
