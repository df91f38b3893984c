/**
 * Bulk API 2.0 ingest jobs: CSV uploaded in one or more batches, processed after
 * UploadComplete a slice at a time (so the server stays responsive), each row its own
 * transaction, with successful / failed / unprocessed result CSVs as an org returns them.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FieldSchema, ObjectSchema } from '@partner-lead-sync/model';
import { SalesforceError } from '../errors.ts';
import { makeRecordId } from '../ids.ts';
import { newWriteContext } from '../org-context.ts';
import type { OrgContext } from '../org-context.ts';
import { delimiterCharacter } from './column-delimiters.ts';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

const OPERATIONS: IngestOperation[] = ['insert', 'update', 'upsert', 'delete', 'hardDelete'];
const ROWS_PER_SLICE = 500;

export interface IngestJob {
  id: string;
  object: ObjectSchema;
  operation: IngestOperation;
  externalIdFieldName: string | undefined;
  state: JobState;
  createdById: string;
  createdDate: number;
  systemModstamp: number;
  apiVersion: string;
  lineEnding: 'LF' | 'CRLF';
  columnDelimiter: string;
  uploads: string[];
  header: string[];
  rows: string[][];
  successful: string[][];
  failed: string[][];
  processedRows: number;
  errorMessage: string | undefined;
  lockRowFault: boolean;
  startedProcessing: number | undefined;
  finishedProcessing: number | undefined;
}

export class IngestJobs {
  private readonly org: OrgContext;
  private readonly jobs = new Map<string, IngestJob>();
  private readonly timers = new Set<NodeJS.Immediate>();
  private sequence = 0;

  constructor(org: OrgContext) {
    this.org = org;
  }

  create(body: Record<string, unknown>, userId: string, apiVersion: string): IngestJob {
    const object = this.org.schema.object(String(body.object ?? ''));
    if (!object) throw new SalesforceError('INVALIDENTITY', `Entity '${String(body.object)}' is not supported by the Bulk API.`);
    if (object.customMetadata) throw new SalesforceError('INVALIDENTITY', `Entity '${object.name}' is not supported by the Bulk API.`);
    const operation = String(body.operation ?? '') as IngestOperation;
    if (!OPERATIONS.includes(operation))
      throw new SalesforceError('INVALIDJOB', `InvalidJob : Invalid operation: ${String(body.operation)}`);
    const externalIdFieldName = body.externalIdFieldName === undefined ? undefined : String(body.externalIdFieldName);
    if (operation === 'upsert') {
      const field = externalIdFieldName ? this.org.schema.field(object, externalIdFieldName) : undefined;
      if (!field || !(field.externalId || field.name === 'Id')) {
        throw new SalesforceError(
          'INVALIDJOB',
          `InvalidJob : Field name provided, ${externalIdFieldName ?? ''} is not an External ID or indexed field for ${object.name}`,
        );
      }
    }
    if (body.contentType !== undefined && body.contentType !== 'CSV')
      throw new SalesforceError('INVALIDJOB', 'InvalidJob : contentType must be CSV');
    const now = Date.now();
    const job: IngestJob = {
      id: makeRecordId('750', ++this.sequence),
      object,
      operation,
      externalIdFieldName,
      state: 'Open',
      createdById: userId,
      createdDate: now,
      systemModstamp: now,
      apiVersion,
      lineEnding: body.lineEnding === 'CRLF' ? 'CRLF' : 'LF',
      columnDelimiter: String(body.columnDelimiter ?? 'COMMA'),
      uploads: [],
      header: [],
      rows: [],
      successful: [],
      failed: [],
      processedRows: 0,
      errorMessage: undefined,
      lockRowFault: false,
      startedProcessing: undefined,
      finishedProcessing: undefined,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  get(id: string): IngestJob {
    const job = this.jobs.get(id);
    if (!job) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', { httpStatus: 404 });
    return job;
  }

  list(): IngestJob[] {
    return [...this.jobs.values()];
  }

  upload(job: IngestJob, csv: string, lockRowFault: boolean): void {
    if (job.state !== 'Open')
      throw new SalesforceError('INVALIDJOBSTATE', `Job ${job.id} is not in Open state: ${job.state}`, { httpStatus: 409 });
    job.uploads.push(csv);
    job.lockRowFault ||= lockRowFault;
    job.systemModstamp = Date.now();
  }

  changeState(job: IngestJob, state: string, lockRowFault: boolean): void {
    if (state === 'Aborted') {
      if (['JobComplete', 'Failed', 'Aborted'].includes(job.state)) {
        throw new SalesforceError('INVALIDJOBSTATE', `Job ${job.id} is already ${job.state}`, { httpStatus: 409 });
      }
      job.state = 'Aborted';
    } else if (state === 'UploadComplete') {
      if (job.state !== 'Open')
        throw new SalesforceError('INVALIDJOBSTATE', `Job ${job.id} is not in Open state: ${job.state}`, { httpStatus: 409 });
      job.lockRowFault ||= lockRowFault;
      job.state = 'UploadComplete';
      this.schedule(job);
    } else {
      throw new SalesforceError('INVALIDJOBSTATE', `Invalid state transition to ${state}`, { httpStatus: 400 });
    }
    job.systemModstamp = Date.now();
  }

  delete(job: IngestJob): void {
    if (job.state === 'Open' || job.state === 'InProgress' || job.state === 'UploadComplete') {
      throw new SalesforceError('INVALIDJOBSTATE', `Job ${job.id} cannot be deleted in state ${job.state}`, { httpStatus: 409 });
    }
    this.jobs.delete(job.id);
  }

  close(): void {
    for (const timer of this.timers) clearImmediate(timer);
    this.timers.clear();
  }

  resultCsv(job: IngestJob, kind: 'successful' | 'failed' | 'unprocessed'): string {
    const delimiter = delimiterCharacter(job.columnDelimiter);
    const recordDelimiter = job.lineEnding === 'CRLF' ? '\r\n' : '\n';
    const finished = job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted';
    if (kind === 'unprocessed') {
      const rows = finished ? (job.rows.length > 0 ? job.rows.slice(job.processedRows) : this.rawRows(job)) : [];
      return stringify([job.header.length > 0 ? job.header : this.rawHeader(job), ...rows], {
        delimiter,
        record_delimiter: recordDelimiter,
      });
    }
    const header = kind === 'successful' ? ['sf__Id', 'sf__Created', ...job.header] : ['sf__Id', 'sf__Error', ...job.header];
    return stringify([header, ...(kind === 'successful' ? job.successful : job.failed)], {
      delimiter,
      record_delimiter: recordDelimiter,
      quoted_string: false,
    });
  }

  private rawHeader(job: IngestJob): string[] {
    return this.parseUploads(job)[0] ?? [];
  }

  private rawRows(job: IngestJob): string[][] {
    return this.parseUploads(job).slice(1);
  }

  private parseUploads(job: IngestJob): string[][] {
    const delimiter = delimiterCharacter(job.columnDelimiter);
    const all: string[][] = [];
    job.uploads.forEach((upload, index) => {
      const rows = parse(upload, { delimiter, relax_column_count: false, bom: true }) as string[][];
      all.push(...(index === 0 ? rows : rows.slice(1)));
    });
    return all;
  }

  private schedule(job: IngestJob): void {
    const timer = setImmediate(() => {
      this.timers.delete(timer);
      this.processSlice(job);
    });
    this.timers.add(timer);
  }

  private processSlice(job: IngestJob): void {
    if (job.state === 'Aborted') return;
    if (job.state === 'UploadComplete') {
      job.state = 'InProgress';
      job.startedProcessing = Date.now();
      try {
        const [header, ...rows] = this.parseUploads(job);
        job.header = header ?? [];
        job.rows = rows;
        this.columnsOf(job);
      } catch (error) {
        job.state = 'Failed';
        job.errorMessage =
          error instanceof SalesforceError ? error.message : `InvalidBatch : ${error instanceof Error ? error.message : String(error)}`;
        job.finishedProcessing = Date.now();
        return;
      }
    }
    const columns = this.columnsOf(job);
    const end = Math.min(job.rows.length, job.processedRows + ROWS_PER_SLICE);
    const context = newWriteContext(job.createdById);
    for (let index = job.processedRows; index < end; index++) {
      const row = job.rows[index]!;
      try {
        if (job.lockRowFault)
          throw new SalesforceError('UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record or 1 records', { fields: [] });
        const result = this.org.store.transaction(() => this.applyRow(job, columns, row, context));
        job.successful.push([result.id, String(result.created), ...row]);
      } catch (error) {
        const failure = error instanceof SalesforceError ? error : new SalesforceError('UNKNOWN_EXCEPTION', String(error));
        const id =
          job.operation === 'delete' || job.operation === 'hardDelete' || job.operation === 'update' ? (row[columns.idIndex] ?? '') : '';
        job.failed.push([id, `${failure.errorCode}:${failure.message}:${(failure.fields ?? []).join(',')} --`, ...row]);
      }
    }
    job.processedRows = end;
    job.systemModstamp = Date.now();
    if (end >= job.rows.length) {
      job.state = 'JobComplete';
      job.finishedProcessing = Date.now();
    } else {
      this.schedule(job);
    }
  }

  private columnsOf(job: IngestJob): {
    idIndex: number;
    fields: { index: number; field: FieldSchema; via?: { object: ObjectSchema; keyField: FieldSchema } }[];
  } {
    const fields: { index: number; field: FieldSchema; via?: { object: ObjectSchema; keyField: FieldSchema } }[] = [];
    let idIndex = -1;
    job.header.forEach((name, index) => {
      if (name.toLowerCase() === 'id') {
        idIndex = index;
        return;
      }
      const [relationship, keyName] = name.split('.');
      if (keyName !== undefined && relationship !== undefined) {
        // Lookups by the parent's external id: Channel_Partner__r.Partner_Key__c
        const lookup = this.org.schema.parentRelationship(job.object, relationship);
        const parent = lookup?.referenceTo?.[0] ? this.org.schema.object(lookup.referenceTo[0]) : undefined;
        const keyField = parent ? this.org.schema.field(parent, keyName) : undefined;
        if (!lookup || !parent || !keyField) throw new SalesforceError('INVALIDBATCH', `InvalidBatch : Field name not found : ${name}`);
        fields.push({ index, field: lookup, via: { object: parent, keyField } });
        return;
      }
      const field = this.org.schema.field(job.object, name);
      if (!field) throw new SalesforceError('INVALIDBATCH', `InvalidBatch : Field name not found : ${name}`);
      fields.push({ index, field });
    });
    if ((job.operation === 'update' || job.operation === 'delete' || job.operation === 'hardDelete') && idIndex < 0) {
      throw new SalesforceError('INVALIDBATCH', 'InvalidBatch : Field name not found : Id');
    }
    return { idIndex, fields };
  }

  private applyRow(
    job: IngestJob,
    columns: ReturnType<IngestJobs['columnsOf']>,
    row: string[],
    context: ReturnType<typeof newWriteContext>,
  ): { id: string; created: boolean } {
    const id = columns.idIndex >= 0 ? (row[columns.idIndex] ?? '') : '';
    if (job.operation === 'delete' || job.operation === 'hardDelete') {
      const record = this.org.data.requireLiveRecord(id, job.object.name);
      this.org.data.delete(record.id, context);
      return { id: record.id, created: false };
    }
    const values: Record<string, unknown> = {};
    for (const column of columns.fields) {
      const raw = row[column.index] ?? '';
      // Bulk semantics: an empty cell leaves the field alone; #N/A clears it.
      if (raw === '') continue;
      if (raw === '#N/A') {
        values[column.field.name] = null;
        continue;
      }
      if (column.via) {
        const parentId = this.org.data.findByKey(column.via.object, column.via.keyField, raw)[0];
        if (!parentId) {
          throw new SalesforceError(
            'INVALID_FIELD',
            `Foreign key external ID: ${raw} not found for field ${column.via.keyField.name} in entity ${column.via.object.name}`,
            {
              fields: [],
            },
          );
        }
        values[column.field.name] = parentId;
        continue;
      }
      values[column.field.name] = raw;
    }
    if (job.operation === 'insert') return { id: this.org.data.create(job.object.name, values, context), created: true };
    if (job.operation === 'update') {
      const record = this.org.data.requireLiveRecord(id, job.object.name);
      this.org.data.update(job.object.name, record.id, values, context);
      return { id: record.id, created: false };
    }
    const keyField = this.org.schema.field(job.object, job.externalIdFieldName ?? 'Id')!;
    const keyValue = keyField.name === 'Id' ? id : values[keyField.name];
    if (keyValue === undefined || keyValue === null || keyValue === '') {
      if (keyField.name === 'Id') return { id: this.org.data.create(job.object.name, values, context), created: true };
      throw new SalesforceError('MISSING_ARGUMENT', `${keyField.name} not specified`, { fields: [] });
    }
    return this.org.data.upsert(job.object.name, keyField.name, String(keyValue), values, context);
  }
}

export function ingestJobInfo(job: IngestJob) {
  const processing = job.startedProcessing ? (job.finishedProcessing ?? Date.now()) - job.startedProcessing : 0;
  return {
    id: job.id,
    operation: job.operation,
    object: job.object.name,
    createdById: job.createdById,
    createdDate: new Date(job.createdDate).toISOString().replace('Z', '+0000'),
    systemModstamp: new Date(job.systemModstamp).toISOString().replace('Z', '+0000'),
    state: job.state,
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    jobType: 'V2Ingest',
    contentUrl: `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`,
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    numberRecordsProcessed: job.successful.length + job.failed.length,
    numberRecordsFailed: job.failed.length,
    retries: 0,
    totalProcessingTime: processing,
    apiActiveProcessingTime: processing,
    apexProcessingTime: 0,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}
