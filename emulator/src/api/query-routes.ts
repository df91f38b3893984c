/** GET query / queryAll and their locators (nextRecordsUrl). */
import { SalesforceError } from '../errors.ts';
import { json } from '../http/router.ts';
import type { ApiRequest, Router } from '../http/router.ts';
import type { OrgContext } from '../org-context.ts';
import { DEFAULT_BATCH_SIZE } from '../soql/query-cursors.ts';

const VERSION = String.raw`\/services\/data\/v(?:\d+\.\d+)`;

/** The page size from `Sforce-Query-Options: batchSize=N` (200–2,000; default 2,000). */
export function batchSizeOf(request: ApiRequest): number {
  const header = request.headers['sforce-query-options'];
  const value = /batchSize\s*=\s*(\d+)/i.exec(Array.isArray(header) ? header.join(',') : (header ?? ''))?.[1];
  if (value === undefined) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(200, Number(value)));
}

export function registerQueryRoutes(router: Router, org: OrgContext): void {
  for (const endpoint of ['query', 'queryAll'] as const) {
    router.add('GET', new RegExp(`^${VERSION}\\/${endpoint}$`), (request) => {
      const soql = request.url.searchParams.get('q');
      if (!soql) throw new SalesforceError('MALFORMED_QUERY', 'A query string has to be specified');
      if (request.url.searchParams.get('columns') === 'true') return json(200, org.queries.describeColumns(soql));
      const results = org.queries.run(soql, { includeDeleted: endpoint === 'queryAll', apiVersion: request.apiVersion });
      return json(200, org.cursors.firstPage(results, batchSizeOf(request), request.apiVersion, endpoint));
    });
    router.add('GET', new RegExp(`^${VERSION}\\/${endpoint}\\/([^/]+)$`), (request) =>
      json(200, org.cursors.nextPage(request.params[0]!, request.apiVersion, endpoint)),
    );
  }
}
