/** Bulk API 2.0 routes: /jobs/ingest and /jobs/query. */
import { json, noContent } from '../http/router.ts';
import type { ApiRequest, Router } from '../http/router.ts';
import type { OrgContext } from '../org-context.ts';
import { IngestJobs, ingestJobInfo } from '../bulk/ingest-jobs.ts';
import { QueryJobs, queryJobInfo } from '../bulk/query-jobs.ts';

const JOBS = String.raw`^\/services\/data\/v(?:\d+\.\d+)\/jobs`;

export function registerBulkRoutes(router: Router, org: OrgContext): { close(): void } {
  const ingest = new IngestJobs(org);
  const queries = new QueryJobs(org);
  const userOf = (request: ApiRequest) => request.session?.userId ?? org.defaultUserId;

  router.add('POST', new RegExp(`${JOBS}\\/ingest$`), (request) =>
    json(200, ingestJobInfo(ingest.create(request.json<Record<string, unknown>>(), userOf(request), request.apiVersion))),
  );
  router.add('GET', new RegExp(`${JOBS}\\/ingest$`), () =>
    json(200, { done: true, records: ingest.list().map(ingestJobInfo), nextRecordsUrl: null }),
  );
  router.add('PUT', new RegExp(`${JOBS}\\/ingest\\/(\\w+)\\/batches$`), (request) => {
    ingest.upload(ingest.get(request.params[0]!), request.body, request.lockRowFault);
    return { status: 201 };
  });
  router.add('PATCH', new RegExp(`${JOBS}\\/ingest\\/(\\w+)$`), (request) => {
    const job = ingest.get(request.params[0]!);
    ingest.changeState(job, String(request.json<{ state?: string }>().state ?? ''), request.lockRowFault);
    return json(200, ingestJobInfo(job));
  });
  router.add('GET', new RegExp(`${JOBS}\\/ingest\\/(\\w+)$`), (request) => json(200, ingestJobInfo(ingest.get(request.params[0]!))));
  router.add('DELETE', new RegExp(`${JOBS}\\/ingest\\/(\\w+)$`), (request) => {
    ingest.delete(ingest.get(request.params[0]!));
    return noContent();
  });
  const results = { successfulResults: 'successful', failedResults: 'failed', unprocessedrecords: 'unprocessed' } as const;
  for (const [path, kind] of Object.entries(results)) {
    router.add('GET', new RegExp(`${JOBS}\\/ingest\\/(\\w+)\\/${path}$`), (request) => ({
      status: 200,
      body: ingest.resultCsv(ingest.get(request.params[0]!), kind),
      contentType: 'text/csv',
    }));
  }

  router.add('POST', new RegExp(`${JOBS}\\/query$`), (request) =>
    json(200, queryJobInfo(queries.create(request.json<Record<string, unknown>>(), userOf(request), request.apiVersion))),
  );
  router.add('GET', new RegExp(`${JOBS}\\/query$`), () =>
    json(200, { done: true, records: queries.list().map(queryJobInfo), nextRecordsUrl: null }),
  );
  router.add('GET', new RegExp(`${JOBS}\\/query\\/(\\w+)$`), (request) => json(200, queryJobInfo(queries.get(request.params[0]!))));
  router.add('PATCH', new RegExp(`${JOBS}\\/query\\/(\\w+)$`), (request) => {
    const job = queries.get(request.params[0]!);
    queries.abort(job);
    return json(200, queryJobInfo(job));
  });
  router.add('DELETE', new RegExp(`${JOBS}\\/query\\/(\\w+)$`), (request) => {
    queries.delete(queries.get(request.params[0]!));
    return noContent();
  });
  router.add('GET', new RegExp(`${JOBS}\\/query\\/(\\w+)\\/results$`), (request) => {
    const maxRecords = request.url.searchParams.get('maxRecords');
    const page = queries.resultsPage(
      queries.get(request.params[0]!),
      request.url.searchParams.get('locator'),
      maxRecords ? Number(maxRecords) : undefined,
    );
    return {
      status: 200,
      stream: page.chunks,
      contentType: 'text/csv',
      headers: { 'sforce-locator': page.nextLocator, 'sforce-numberofrecords': String(page.count) },
    };
  });

  return {
    close: () => {
      ingest.close();
      queries.close();
    },
  };
}
