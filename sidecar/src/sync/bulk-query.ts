/**
 * Bulk API 2.0 query, paged by `Sforce-Locator` ourselves: jsforce's bulk2.query stops
 * short on multi-page results. Each results page is one API call of up to `pageSize` rows.
 */
import { parse } from 'csv-parse/sync';
import type { OrgClient } from '../org/org-client.ts';
import { OrgApiError } from '../org/api-errors.ts';
import { typedRecordFromCsv, type OrgRecord } from './record-values.ts';

interface QueryJobInfo {
  id: string;
  state: 'UploadComplete' | 'InProgress' | 'Aborted' | 'JobComplete' | 'Failed';
  numberRecordsProcessed?: number;
  errorMessage?: string;
}

export interface BulkQueryOptions {
  pageSize: number;
  sleep: (ms: number) => Promise<void>;
  /** First poll delay; doubles up to maxPollMs. */
  pollMs?: number;
  maxPollMs?: number;
  /** queryAll: include deleted (and archived) records. */
  includeDeleted?: boolean;
}

export interface BulkPage {
  records: OrgRecord[];
  /** Rows the job found in total (known once the job completes). */
  totalSize: number;
  done: boolean;
}

export async function* bulkQueryPages(
  client: OrgClient,
  objectName: string,
  soql: string,
  options: BulkQueryOptions,
): AsyncGenerator<BulkPage> {
  const created = await client.request<QueryJobInfo>(
    {
      method: 'POST',
      url: '/jobs/query',
      body: JSON.stringify({
        operation: options.includeDeleted ? 'queryAll' : 'query',
        query: soql,
        contentType: 'CSV',
        lineEnding: 'LF',
        columnDelimiter: 'COMMA',
      }),
    },
    // A duplicate job from a retried create is harmless: it is never read.
    { idempotent: true },
  );
  const jobId = created.body.id;
  let job = created.body;
  let pollMs = options.pollMs ?? 100;
  while (job.state === 'UploadComplete' || job.state === 'InProgress') {
    await options.sleep(pollMs);
    pollMs = Math.min(options.maxPollMs ?? 2000, pollMs * 2);
    job = await client.get<QueryJobInfo>(`/jobs/query/${jobId}`);
  }
  if (job.state !== 'JobComplete') {
    throw new OrgApiError(
      `bulk query on ${objectName} ended ${job.state}: ${job.errorMessage ?? 'no message'}`,
      'BULK_QUERY_FAILED',
      undefined,
    );
  }
  const totalSize = job.numberRecordsProcessed ?? 0;
  let locator: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ maxRecords: String(options.pageSize) });
    if (locator) query.set('locator', locator);
    const response = await client.request<string>(
      { method: 'GET', url: `/jobs/query/${jobId}/results?${query}`, headers: { Accept: 'text/csv' } },
      { idempotent: true, text: true },
    );
    const rows =
      response.body.trim() === ''
        ? []
        : (parse(response.body, { columns: true, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[]);
    const next = response.headers['sforce-locator'];
    const done = !next || next === 'null';
    yield { records: rows.map((row) => typedRecordFromCsv(objectName, row)), totalSize, done };
    if (done) return;
    locator = next;
  }
}
