/**
 * Writes records back to the org as idempotent upserts (by external id) or updates (by Id),
 * packed for the fewest API calls: sObject Collections of 200 records, five collections to a
 * Composite request, i.e. 1,000 records per call; Bulk API 2.0 ingest above a threshold.
 * Transient per-record failures (UNABLE_TO_LOCK_ROW) are retried here with backoff; every
 * other per-record failure is returned with its record, field and payload, never dropped.
 */
import type { OrgClient } from '../org/org-client.ts';
import { backoffDelay, retryPolicy, type RetryPolicy } from '../org/retry-policy.ts';
import { bulkIngest } from './bulk-ingest.ts';
import type { OrgRecord } from './record-values.ts';

export const COLLECTION_SIZE = 200;
export const COLLECTIONS_PER_COMPOSITE = 5;

export interface WriteOperation {
  objectName: string;
  /** `upsert` matches on `externalIdField`; `update` on Id. */
  kind: 'upsert' | 'update';
  externalIdField?: string;
  records: OrgRecord[];
}

/** What a failed record needs to be re-sent next run. */
export interface WritePayload {
  objectName: string;
  kind: 'upsert' | 'update';
  externalIdField?: string;
  record: OrgRecord;
}

export interface RecordFailure {
  objectName: string;
  /** External id value for upserts, Id for updates. */
  recordKey: string;
  recordId?: string;
  field?: string;
  code: string;
  message: string;
  payload: WritePayload;
}

export interface WriteResult {
  written: number;
  /** Record key → Id, for every record written. */
  ids: Map<string, string>;
  failures: RecordFailure[];
}

export interface WriteSettings {
  bulkIngestThreshold: number;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
}

interface CollectionResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors?: { statusCode?: string; errorCode?: string; message: string; fields?: string[] }[];
}

interface CompositeSubresponse {
  body: CollectionResult[] | { errorCode?: string; message?: string }[] | null;
  httpStatusCode: number;
  referenceId: string;
}

interface Collection {
  operation: WriteOperation;
  records: OrgRecord[];
}

export function recordKeyOf(operation: Pick<WriteOperation, 'kind' | 'externalIdField' | 'objectName'>, record: OrgRecord): string {
  const value = operation.kind === 'upsert' ? record[operation.externalIdField!] : record.Id;
  if (typeof value !== 'string' || value === '') {
    const field = operation.kind === 'upsert' ? operation.externalIdField : 'Id';
    throw new Error(
      `${operation.objectName} record without ${field}: cannot write it idempotently (${JSON.stringify(record).slice(0, 200)})`,
    );
  }
  return value;
}

function collectionUrl(client: OrgClient, operation: WriteOperation): string {
  return operation.kind === 'upsert'
    ? client.dataPath(`/composite/sobjects/${operation.objectName}/${operation.externalIdField}`)
    : client.dataPath('/composite/sobjects');
}

function collectionBody(operation: WriteOperation, records: OrgRecord[]): string {
  return JSON.stringify({
    allOrNone: false,
    records: records.map((record) => {
      // An upsert names its target by the external id in the URL; the body must not carry an Id.
      const { Id, ...fields } = record;
      return { attributes: { type: operation.objectName }, ...(operation.kind === 'update' ? { Id } : {}), ...fields };
    }),
  });
}

/** Splits operations into collections of at most 200 records of one object and kind. */
export function packCollections(operations: WriteOperation[]): Collection[] {
  const collections: Collection[] = [];
  for (const operation of operations) {
    for (let start = 0; start < operation.records.length; start += COLLECTION_SIZE) {
      collections.push({ operation, records: operation.records.slice(start, start + COLLECTION_SIZE) });
    }
  }
  return collections;
}

export async function writeRecords(client: OrgClient, operations: WriteOperation[], settings: WriteSettings): Promise<WriteResult> {
  const result: WriteResult = { written: 0, ids: new Map(), failures: [] };
  const viaComposite: WriteOperation[] = [];
  for (const operation of operations) {
    if (operation.records.length === 0) continue;
    if (operation.kind === 'upsert' && operation.records.length > settings.bulkIngestThreshold) {
      const bulk = await bulkIngest(client, operation, { sleep: settings.sleep ?? retryPolicy(settings.retry).sleep });
      result.written += bulk.written;
      for (const [key, id] of bulk.ids) result.ids.set(key, id);
      result.failures.push(...bulk.failures);
    } else {
      viaComposite.push(operation);
    }
  }
  const policy = retryPolicy({ ...settings.retry, ...(settings.sleep ? { sleep: settings.sleep } : {}) });
  let pending = packCollections(viaComposite);
  for (let attempt = 1; pending.length > 0; attempt++) {
    const locked: Collection[] = [];
    for (let start = 0; start < pending.length; start += COLLECTIONS_PER_COMPOSITE) {
      const batch = pending.slice(start, start + COLLECTIONS_PER_COMPOSITE);
      const retryable = await sendComposite(client, batch, result, attempt < policy.maxAttempts);
      locked.push(...retryable);
    }
    if (locked.length === 0) break;
    await policy.sleep(backoffDelay(policy, attempt));
    // Regroup the locked records so the retry still packs 200 to a collection.
    const byOperation = new Map<WriteOperation, OrgRecord[]>();
    for (const collection of locked)
      byOperation.set(collection.operation, [...(byOperation.get(collection.operation) ?? []), ...collection.records]);
    pending = packCollections([...byOperation].map(([operation, records]) => ({ ...operation, records })));
  }
  return result;
}

/** Sends up to five collections as one Composite call; returns the records to retry (row locks). */
async function sendComposite(client: OrgClient, batch: Collection[], result: WriteResult, mayRetry: boolean): Promise<Collection[]> {
  const response = await client.request<{ compositeResponse: CompositeSubresponse[] }>(
    {
      method: 'POST',
      url: '/composite',
      body: JSON.stringify({
        allOrNone: false,
        compositeRequest: batch.map((collection, index) => ({
          method: 'PATCH',
          url: collectionUrl(client, collection.operation),
          referenceId: `collection${index}`,
          body: JSON.parse(collectionBody(collection.operation, collection.records)) as unknown,
        })),
      }),
    },
    // Upserts by external id and updates by Id: sending them twice changes nothing.
    { idempotent: true },
  );
  const retry: Collection[] = [];
  batch.forEach((collection, index) => {
    const sub =
      response.body.compositeResponse.find((entry) => entry.referenceId === `collection${index}`) ?? response.body.compositeResponse[index];
    const operation = collection.operation;
    const results = Array.isArray(sub?.body) ? (sub.body as CollectionResult[]) : [];
    const wholeFailure = !sub || sub.httpStatusCode >= 400 || results.length !== collection.records.length;
    const lockedRecords: OrgRecord[] = [];
    collection.records.forEach((record, position) => {
      const key = recordKeyOf(operation, record);
      const payload: WritePayload = {
        objectName: operation.objectName,
        kind: operation.kind,
        ...(operation.externalIdField ? { externalIdField: operation.externalIdField } : {}),
        record,
      };
      if (wholeFailure) {
        const error = (sub?.body as { errorCode?: string; message?: string }[] | null)?.[0];
        const code = error?.errorCode ?? `HTTP_${sub?.httpStatusCode ?? 'NO_RESPONSE'}`;
        if (mayRetry && (code === 'UNABLE_TO_LOCK_ROW' || (sub?.httpStatusCode ?? 503) >= 500)) lockedRecords.push(record);
        else
          result.failures.push({
            objectName: operation.objectName,
            recordKey: key,
            code,
            message: error?.message ?? 'the collection failed as a whole',
            payload,
          });
        return;
      }
      const outcome = results[position]!;
      if (outcome.success) {
        result.written++;
        if (outcome.id) result.ids.set(key, outcome.id);
        return;
      }
      const error = outcome.errors?.[0];
      const code = error?.statusCode ?? error?.errorCode ?? 'UNKNOWN_ERROR';
      if (code === 'UNABLE_TO_LOCK_ROW' && mayRetry) {
        lockedRecords.push(record);
        return;
      }
      result.failures.push({
        objectName: operation.objectName,
        recordKey: key,
        ...(outcome.id ? { recordId: outcome.id } : operation.kind === 'update' ? { recordId: key } : {}),
        ...(error?.fields?.length ? { field: error.fields.join(',') } : {}),
        code,
        message: error?.message ?? 'no message',
        payload,
      });
    });
    if (lockedRecords.length) retry.push({ operation, records: lockedRecords });
  });
  return retry;
}
