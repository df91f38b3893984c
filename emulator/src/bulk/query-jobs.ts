/**
 * Bulk API 2.0 query jobs: the query runs once, results are read as CSV pages with
 * Sforce-Locator / maxRecords, as an org serves them.
 */
import { stringify } from 'csv-stringify/sync';
import { SalesforceError } from '../errors.ts';
import { makeRecordId } from '../ids.ts';
import type { OrgContext } from '../org-context.ts';
import type { JsonRecord, QueryResultSet } from '../soql/query-engine.ts';
import { delimiterCharacter } from './column-delimiters.ts';

export type QueryJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/**
 * Rows per results page when the client gives no maxRecords: all of them, streamed. (An org
 * sizes default pages by memory; jsforce's bulk2.query reads several pages into one CSV parser
 * concurrently, so one page is what keeps it correct.)
 */
export const DEFAULT_MAX_RECORDS = Number.POSITIVE_INFINITY;
const ROWS_PER_CHUNK = 5_000;

export interface QueryJob {
  id: string;
  operation: 'query' | 'queryAll';
  soql: string;
  objectName: string;
  state: QueryJobState;
  createdById: string;
  createdDate: number;
  systemModstamp: number;
  apiVersion: string;
  lineEnding: 'LF' | 'CRLF';
  columnDelimiter: string;
  results: QueryResultSet | undefined;
  errorMessage: string | undefined;
}

export class QueryJobs {
  private readonly org: OrgContext;
  private readonly jobs = new Map<string, QueryJob>();
  private readonly timers = new Set<NodeJS.Immediate>();
  private sequence = 0;

  constructor(org: OrgContext) {
    this.org = org;
  }

  create(body: Record<string, unknown>, userId: string, apiVersion: string): QueryJob {
    const operation = body.operation === 'queryAll' ? 'queryAll' : body.operation === 'query' ? 'query' : undefined;
    if (!operation) throw new SalesforceError('INVALIDJOB', `InvalidJob : Invalid operation: ${String(body.operation)}`);
    const soql = String(body.query ?? '');
    // Validate now, as an org rejects a bad query when the job is created.
    const results = this.org.queries.run(soql, { includeDeleted: operation === 'queryAll', apiVersion });
    if (results.aggregate || results.hasChildSubqueries) {
      throw new SalesforceError('API_ERROR', 'Aggregate queries and nested subqueries are not supported by Bulk API 2.0 query jobs', {
        httpStatus: 400,
      });
    }
    const now = Date.now();
    const job: QueryJob = {
      id: makeRecordId('750', 500_000 + ++this.sequence),
      operation,
      soql,
      objectName: /\bFROM\s+(\w+)/i.exec(soql)?.[1] ?? '',
      state: 'UploadComplete',
      createdById: userId,
      createdDate: now,
      systemModstamp: now,
      apiVersion,
      lineEnding: body.lineEnding === 'CRLF' ? 'CRLF' : 'LF',
      columnDelimiter: String(body.columnDelimiter ?? 'COMMA'),
      results,
      errorMessage: undefined,
    };
    this.jobs.set(job.id, job);
    // Completes on a later tick, so clients see UploadComplete/InProgress first as with an org.
    const timer = setImmediate(() => {
      this.timers.delete(timer);
      if (job.state === 'UploadComplete') {
        job.state = 'JobComplete';
        job.systemModstamp = Date.now();
      }
    });
    this.timers.add(timer);
    return job;
  }

  get(id: string): QueryJob {
    const job = this.jobs.get(id);
    if (!job) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', { httpStatus: 404 });
    return job;
  }

  list(): QueryJob[] {
    return [...this.jobs.values()];
  }

  abort(job: QueryJob): void {
    if (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted') {
      throw new SalesforceError('INVALIDJOBSTATE', `Job ${job.id} is already ${job.state}`, { httpStatus: 409 });
    }
    job.state = 'Aborted';
  }

  delete(job: QueryJob): void {
    if (job.state === 'UploadComplete' || job.state === 'InProgress') {
      throw new SalesforceError('INVALIDJOBSTATE', `Job ${job.id} cannot be deleted in state ${job.state}`, { httpStatus: 409 });
    }
    this.jobs.delete(job.id);
  }

  close(): void {
    for (const timer of this.timers) clearImmediate(timer);
    this.timers.clear();
  }

  /** A page of results as CSV chunks (header row first), the next locator ('null' at the end) and the row count. */
  resultsPage(
    job: QueryJob,
    locator: string | null,
    maxRecords: number | undefined,
  ): { chunks: Iterable<string>; nextLocator: string; count: number } {
    const results = job.results;
    if (job.state !== 'JobComplete' || !results) {
      throw new SalesforceError('INVALIDJOBSTATE', `Job ${job.id} is not complete: ${job.state}`, { httpStatus: 409 });
    }
    const decoded = locator ? decodeLocator(locator) : 0;
    if (decoded === undefined) throw new SalesforceError('INVALID_LOCATOR', 'invalid locator', { httpStatus: 400 });
    const start: number = decoded;
    if (maxRecords !== undefined && (!Number.isInteger(maxRecords) || maxRecords < 1)) {
      throw new SalesforceError('INVALIDJOB', `InvalidJob : maxRecords must be a positive whole number`, { httpStatus: 400 });
    }
    const count = Math.max(0, Math.min(maxRecords ?? DEFAULT_MAX_RECORDS, results.totalSize - start));
    const options = {
      delimiter: delimiterCharacter(job.columnDelimiter),
      record_delimiter: job.lineEnding === 'CRLF' ? '\r\n' : '\n',
      quoted: true,
    } as const;
    const columns = results.columns;
    function* chunks(): Iterable<string> {
      yield stringify([columns], options);
      for (let offset = start; offset < start + count; offset += ROWS_PER_CHUNK) {
        const records = results!.page(offset, Math.min(ROWS_PER_CHUNK, start + count - offset));
        yield stringify(
          records.map((record) => columns.map((column) => csvValue(column, record))),
          options,
        );
      }
    }
    const next = start + count;
    return { chunks: chunks(), nextLocator: next < results.totalSize ? encodeLocator(next) : 'null', count };
  }
}

function encodeLocator(position: number): string {
  return Buffer.from(String(position)).toString('base64url');
}

function decodeLocator(locator: string): number | undefined {
  const value = Number(Buffer.from(locator, 'base64url').toString('utf8'));
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A (dotted) column of a query record as Bulk CSV writes it: datetimes in UTC with Z, null as empty. */
function csvValue(column: string, record: JsonRecord): string {
  let value: unknown = record;
  for (const key of column.split('.')) value = value && typeof value === 'object' ? (value as JsonRecord)[key] : undefined;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/.test(value)) return value.replace('+0000', 'Z');
  return String(value);
}

export function queryJobInfo(job: QueryJob) {
  return {
    id: job.id,
    operation: job.operation,
    object: job.objectName,
    createdById: job.createdById,
    createdDate: new Date(job.createdDate).toISOString().replace('Z', '+0000'),
    systemModstamp: new Date(job.systemModstamp).toISOString().replace('Z', '+0000'),
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    jobType: 'V2Query',
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    numberRecordsProcessed: job.state === 'JobComplete' ? (job.results?.totalSize ?? 0) : 0,
    retries: 0,
    totalProcessingTime: 0,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}
