/**
 * Bulk API 2.0 ingest (upsert by external id) for large writes: create the job, upload the
 * CSV, close it, poll, then read successful and failed results so every record is accounted
 * for. `#N/A` clears a field, as Bulk API 2.0 expects.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { OrgClient } from '../org/org-client.ts';
import { OrgApiError } from '../org/api-errors.ts';
import type { OrgRecord } from './record-values.ts';
import type { RecordFailure, WriteOperation } from './write-back.ts';

interface IngestJobInfo {
  id: string;
  state: 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
  errorMessage?: string;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
}

export interface BulkIngestResult {
  written: number;
  ids: Map<string, string>;
  failures: RecordFailure[];
}

function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '#N/A';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function ingestCsv(records: OrgRecord[]): string {
  const columns = [...new Set(records.flatMap((record) => Object.keys(record)))].filter((column) => column !== 'Id');
  return stringify(
    records.map((record) => columns.map((column) => (column in record ? csvValue(record[column]) : ''))),
    { header: true, columns, record_delimiter: '\n' },
  );
}

/** `CODE:message:Field1,Field2 --` as Bulk API 2.0 writes sf__Error. */
export function parseBulkError(text: string): { code: string; message: string; field?: string } {
  const match = text.match(/^([A-Z_]+):(.*?)(?::([A-Za-z0-9_,. ]+) --)?$/s);
  if (!match) return { code: 'UNKNOWN_ERROR', message: text };
  const field = match[3]?.trim();
  return { code: match[1]!, message: match[2]!.trim(), ...(field ? { field } : {}) };
}

export async function bulkIngest(
  client: OrgClient,
  operation: WriteOperation,
  options: { sleep: (ms: number) => Promise<void> },
): Promise<BulkIngestResult> {
  const keyField = operation.externalIdField!;
  const created = await client.request<IngestJobInfo>(
    {
      method: 'POST',
      url: '/jobs/ingest',
      body: JSON.stringify({
        object: operation.objectName,
        externalIdFieldName: keyField,
        operation: 'upsert',
        contentType: 'CSV',
        lineEnding: 'LF',
      }),
    },
    // An extra empty job from a retried create holds no data and is never closed.
    { idempotent: true },
  );
  const jobId = created.body.id;
  await client.request(
    { method: 'PUT', url: `/jobs/ingest/${jobId}/batches`, body: ingestCsv(operation.records), headers: { 'Content-Type': 'text/csv' } },
    { idempotent: true, text: true },
  );
  await client.request(
    { method: 'PATCH', url: `/jobs/ingest/${jobId}`, body: JSON.stringify({ state: 'UploadComplete' }) },
    { idempotent: true },
  );
  let job: IngestJobInfo = { id: jobId, state: 'UploadComplete' };
  // Every poll is an API call: start soon (small jobs finish fast), then back off to 5 s.
  let pollMs = 250;
  while (job.state === 'UploadComplete' || job.state === 'InProgress' || job.state === 'Open') {
    await options.sleep(pollMs);
    pollMs = Math.min(5000, pollMs * 2);
    job = await client.get<IngestJobInfo>(`/jobs/ingest/${jobId}`);
  }
  if (job.state !== 'JobComplete')
    throw new OrgApiError(
      `bulk upsert of ${operation.objectName} ended ${job.state}: ${job.errorMessage ?? 'no message'}`,
      'BULK_INGEST_FAILED',
      undefined,
    );
  const readRows = async (kind: 'successfulResults' | 'failedResults' | 'unprocessedrecords') => {
    const response = await client.request<string>(
      { method: 'GET', url: `/jobs/ingest/${jobId}/${kind}/`, headers: { Accept: 'text/csv' } },
      { idempotent: true, text: true },
    );
    return response.body.trim() === '' ? [] : (parse(response.body, { columns: true, skip_empty_lines: true }) as Record<string, string>[]);
  };
  const result: BulkIngestResult = { written: 0, ids: new Map(), failures: [] };
  const byKey = new Map(operation.records.map((record) => [String(record[keyField]), record]));
  for (const row of await readRows('successfulResults')) {
    result.written++;
    if (row.sf__Id) result.ids.set(row[keyField] ?? '', row.sf__Id);
  }
  const accounted = new Set(result.ids.keys());
  // The job's own counts say whether there is anything to fetch: each results file is a call.
  const failedRows = job.numberRecordsFailed === 0 ? [] : await readRows('failedResults');
  for (const row of failedRows) {
    const key = row[keyField] ?? '';
    accounted.add(key);
    const error = parseBulkError(row.sf__Error ?? '');
    result.failures.push({
      objectName: operation.objectName,
      recordKey: key,
      ...(row.sf__Id ? { recordId: row.sf__Id } : {}),
      ...(error.field ? { field: error.field } : {}),
      code: error.code,
      message: error.message,
      payload: {
        objectName: operation.objectName,
        kind: 'upsert',
        externalIdField: keyField,
        record: byKey.get(key) ?? { [keyField]: key },
      },
    });
  }
  // Anything neither succeeded nor failed (unprocessed) is still owed: report it for retry.
  for (const [key, record] of byKey) {
    if (accounted.has(key)) continue;
    result.failures.push({
      objectName: operation.objectName,
      recordKey: key,
      code: 'UNPROCESSED',
      message: 'the bulk job did not process this record',
      payload: { objectName: operation.objectName, kind: 'upsert', externalIdField: keyField, record },
    });
  }
  return result;
}
