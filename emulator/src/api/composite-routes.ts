/**
 * sObject Collections (/composite/sobjects: up to 200 records, allOrNone, per-record results)
 * and Composite (/composite: up to 25 subrequests with @{ref.field} references).
 */
import { SalesforceError } from '../errors.ts';
import type { RecordError } from '../errors.ts';
import { json } from '../http/router.ts';
import type { ApiRequest, ApiResponse, Router } from '../http/router.ts';
import { newWriteContext } from '../org-context.ts';
import type { OrgContext } from '../org-context.ts';
import type { WriteContext } from '../data/org-data.ts';
import { recordJson } from './record-json.ts';
import { lockRowError } from './sobject-routes.ts';

const COMPOSITE = String.raw`^\/services\/data\/v(?:\d+\.\d+)\/composite`;
export const COLLECTION_LIMIT = 200;
export const COMPOSITE_SUBREQUEST_LIMIT = 25;

interface CollectionResult {
  id?: string | null;
  success: boolean;
  errors: RecordError[];
  created?: boolean;
}

interface CollectionBody {
  allOrNone?: boolean;
  records?: Record<string, unknown>[];
}

const rolledBack: RecordError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function exceededIdLimit(): SalesforceError {
  return new SalesforceError(
    'EXCEEDED_ID_LIMIT',
    `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`,
    {
      fields: [],
    },
  );
}

function asRecordError(error: unknown): RecordError {
  if (error instanceof SalesforceError) return error.toRecordError();
  return { statusCode: 'UNKNOWN_EXCEPTION', message: error instanceof Error ? error.message : String(error), fields: [] };
}

/**
 * Applies one operation per item. allOrNone: any failure rolls every write back and the
 * others report ALL_OR_NONE_OPERATION_ROLLED_BACK; otherwise each item commits on its own.
 */
function runCollection<T>(
  org: OrgContext,
  items: T[],
  allOrNone: boolean,
  lockRowFault: boolean,
  operation: (item: T, context: WriteContext) => CollectionResult,
  userId: string,
): CollectionResult[] {
  if (lockRowFault) return items.map(() => ({ success: false, errors: [lockRowError().toRecordError()] }));
  const context = newWriteContext(userId);
  const results: CollectionResult[] = [];
  const attempt = () => {
    for (const item of items) {
      try {
        results.push(org.store.transaction(() => operation(item, context)));
      } catch (error) {
        results.push({ success: false, errors: [asRecordError(error)] });
      }
    }
    if (allOrNone && results.some((r) => !r.success)) throw new RollBack();
  };
  try {
    org.store.transaction(attempt);
    return results;
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    return results.map((r) =>
      r.success ? { id: null, success: false, errors: [rolledBack], ...(r.created !== undefined ? { created: false } : {}) } : r,
    );
  }
}

class RollBack extends Error {}

function collectionRecords(request: ApiRequest): { allOrNone: boolean; records: Record<string, unknown>[] } {
  const body = request.json<CollectionBody>();
  const records = body.records;
  if (!Array.isArray(records)) throw new SalesforceError('JSON_PARSER_ERROR', 'Cannot deserialize: records is required');
  if (records.length > COLLECTION_LIMIT) throw exceededIdLimit();
  return { allOrNone: body.allOrNone === true, records };
}

function typeOf(record: Record<string, unknown>): string {
  const attributes = record.attributes as { type?: unknown } | undefined;
  if (typeof attributes?.type !== 'string') throw new SalesforceError('INVALID_TYPE', 'Must send a concrete entity type.');
  return attributes.type;
}

export function registerCompositeRoutes(router: Router, org: OrgContext, dispatch: (request: ApiRequest) => Promise<ApiResponse>): void {
  const userOf = (request: ApiRequest) => request.session?.userId ?? org.defaultUserId;

  router.add('POST', new RegExp(`${COMPOSITE}\\/sobjects$`), (request) => {
    const { allOrNone, records } = collectionRecords(request);
    const results = runCollection(
      org,
      records,
      allOrNone,
      request.lockRowFault,
      (record, context) => {
        if (record.Id !== undefined || record.id !== undefined) {
          throw new SalesforceError('INVALID_FIELD', 'Can not specify id field in insert call', { fields: ['Id'] });
        }
        const id = org.data.create(typeOf(record), record, context);
        return { id, success: true, errors: [] };
      },
      userOf(request),
    );
    return json(200, results);
  });

  router.add('PATCH', new RegExp(`${COMPOSITE}\\/sobjects$`), (request) => {
    const { allOrNone, records } = collectionRecords(request);
    const results = runCollection(
      org,
      records,
      allOrNone,
      request.lockRowFault,
      (record, context) => {
        const id = (record.Id ?? record.id) as string | undefined;
        if (!id) throw new SalesforceError('MISSING_ARGUMENT', 'Id not specified in an update call', { fields: [] });
        const { Id: _ignoredId, id: _ignoredLowerId, ...values } = record;
        org.data.update(typeOf(record), id, values, context);
        return { id: org.data.requireLiveRecord(id).id, success: true, errors: [] };
      },
      userOf(request),
    );
    return json(200, results);
  });

  router.add('PATCH', new RegExp(`${COMPOSITE}\\/sobjects\\/(\\w+)\\/(\\w+)$`), (request) => {
    const [objectName, externalIdField] = [request.params[0]!, request.params[1]!];
    const object = org.data.requireObject(objectName);
    const field = org.schema.field(object, externalIdField);
    if (!field || !(field.externalId || field.name === 'Id')) {
      throw new SalesforceError(
        'INVALID_FIELD',
        `Field name provided, ${externalIdField} is not an External ID or indexed field for ${object.name}`,
      );
    }
    const { allOrNone, records } = collectionRecords(request);
    const seen = new Map<string, number>();
    records.forEach((record) => {
      const key = String(Object.entries(record).find(([name]) => name.toLowerCase() === field.name.toLowerCase())?.[1] ?? '').toLowerCase();
      seen.set(key, (seen.get(key) ?? 0) + 1);
    });
    const results = runCollection(
      org,
      records,
      allOrNone,
      request.lockRowFault,
      (record, context) => {
        if (typeOf(record).toLowerCase() !== object.name.toLowerCase()) {
          throw new SalesforceError('INVALID_TYPE', `Record type ${typeOf(record)} does not match the URL type ${object.name}`);
        }
        const entry = Object.entries(record).find(([name]) => name.toLowerCase() === field.name.toLowerCase());
        const value = entry?.[1];
        if (value === undefined || value === null || value === '') {
          throw new SalesforceError('MISSING_ARGUMENT', `${field.name} not specified`, { fields: [] });
        }
        if ((seen.get(String(value).toLowerCase()) ?? 0) > 1) {
          throw new SalesforceError('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${String(value)}`, { fields: [field.name] });
        }
        const result = org.data.upsert(object.name, field.name, String(value), record, context);
        return { id: result.id, success: true, errors: [], created: result.created };
      },
      userOf(request),
    );
    return json(200, results);
  });

  router.add('DELETE', new RegExp(`${COMPOSITE}\\/sobjects$`), (request) => {
    const ids = (request.url.searchParams.get('ids') ?? '').split(',').filter((id) => id !== '');
    if (ids.length > COLLECTION_LIMIT) throw exceededIdLimit();
    const allOrNone = request.url.searchParams.get('allOrNone') === 'true';
    const results = runCollection(
      org,
      ids,
      allOrNone,
      request.lockRowFault,
      (id, context) => {
        const record = org.data.requireLiveRecord(id);
        org.data.delete(id, context);
        return { id: record.id, success: true, errors: [] };
      },
      userOf(request),
    );
    return json(
      200,
      results.map((result, index) => ({ ...result, id: result.success ? result.id : (ids[index] ?? null) })),
    );
  });

  const retrieve = (request: ApiRequest, objectName: string, ids: string[], fields: string[]) => {
    const object = org.data.requireObject(objectName);
    if (ids.length > 2000) throw exceededIdLimit();
    return json(
      200,
      ids.map((id) => {
        try {
          return recordJson(org.schema, object, org.data.requireLiveRecord(id, object.name), request.apiVersion, fields.join(','));
        } catch (error) {
          if (error instanceof SalesforceError && error.errorCode !== 'INVALID_FIELD') return null;
          throw error;
        }
      }),
    );
  };
  router.add('GET', new RegExp(`${COMPOSITE}\\/sobjects\\/(\\w+)$`), (request) =>
    retrieve(
      request,
      request.params[0]!,
      (request.url.searchParams.get('ids') ?? '').split(',').filter(Boolean),
      (request.url.searchParams.get('fields') ?? 'Id').split(',').filter(Boolean),
    ),
  );
  router.add('POST', new RegExp(`${COMPOSITE}\\/sobjects\\/(\\w+)$`), (request) => {
    const body = request.json<{ ids?: string[]; fields?: string[] }>();
    return retrieve(request, request.params[0]!, body.ids ?? [], body.fields ?? ['Id']);
  });

  router.add('POST', new RegExp(`${COMPOSITE}$`), async (request) => {
    const body = request.json<{ allOrNone?: boolean; compositeRequest?: Subrequest[] }>();
    const subrequests = body.compositeRequest ?? [];
    if (subrequests.length > COMPOSITE_SUBREQUEST_LIMIT) {
      throw new SalesforceError(
        'LIMIT_EXCEEDED',
        `Limit Exceeded: the composite request can contain at most ${COMPOSITE_SUBREQUEST_LIMIT} subrequests`,
      );
    }
    return json(200, { compositeResponse: await runComposite(org, request, subrequests, body.allOrNone === true, dispatch) });
  });
}

interface Subrequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

const REFERENCE = /@\{([\w]+)((?:\.[\w]+|\[\d+\])*)\}/g;

function resolveReferences(text: string, results: Map<string, SubResponse>): string {
  return text.replace(REFERENCE, (whole, referenceId: string, path: string) => {
    const result = results.get(referenceId);
    if (!result || result.httpStatusCode >= 300) throw new UnresolvedReference(whole);
    let value: unknown = result.body;
    for (const step of path.match(/\.[\w]+|\[\d+\]/g) ?? []) {
      const key = step.startsWith('.') ? step.slice(1) : Number(step.slice(1, -1));
      value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
    }
    if (value === undefined || value === null) throw new UnresolvedReference(whole);
    return String(value);
  });
}

class UnresolvedReference extends Error {}

/**
 * Runs subrequests in order through the router in one transaction. With allOrNone a failure
 * rolls back every write; the others then answer PROCESSING_HALTED.
 */
async function runComposite(
  org: OrgContext,
  request: ApiRequest,
  subrequests: Subrequest[],
  allOrNone: boolean,
  dispatch: (request: ApiRequest) => Promise<ApiResponse>,
): Promise<SubResponse[]> {
  const results = new Map<string, SubResponse>();
  const responses: SubResponse[] = [];
  let failed = false;
  const halted = (referenceId: string, message: string): SubResponse => ({
    body: [{ errorCode: 'PROCESSING_HALTED', message }],
    httpHeaders: {},
    httpStatusCode: 400,
    referenceId,
  });
  // The routes are synchronous, so the whole composite runs as one SQLite transaction.
  const transaction = org.store.begin();
  let rolledBackAll = false;
  try {
    for (const subrequest of subrequests) {
      if (failed && allOrNone) {
        responses.push(
          halted(subrequest.referenceId, 'The transaction was rolled back since another operation in the same transaction failed.'),
        );
        continue;
      }
      let response: SubResponse;
      try {
        const url = new URL(resolveReferences(subrequest.url, results), 'http://localhost');
        const bodyText = subrequest.body === undefined ? '' : resolveReferences(JSON.stringify(subrequest.body), results);
        const path = url.pathname.replace(/\/+$/, '');
        const apiVersion = /^\/services\/data\/v(\d+\.\d+)/.exec(path)?.[1] ?? request.apiVersion;
        const answer = await dispatch({
          ...request,
          method: subrequest.method.toUpperCase(),
          path,
          url,
          apiVersion,
          body: bodyText,
          headers: { ...request.headers, ...(subrequest.httpHeaders ?? {}) },
          json: <T>() => JSON.parse(bodyText) as T,
        });
        response = {
          body: answer.body ?? null,
          httpHeaders: answer.headers ?? {},
          httpStatusCode: answer.status,
          referenceId: subrequest.referenceId,
        };
        if (answer.status === 201 && answer.body && typeof answer.body === 'object' && 'id' in answer.body) {
          response.httpHeaders = {
            Location: `/services/data/v${apiVersion}/sobjects/${path.split('/')[5] ?? ''}/${String((answer.body as { id: string }).id)}`,
          };
        }
      } catch (error) {
        if (!(error instanceof UnresolvedReference)) throw error;
        response = halted(
          subrequest.referenceId,
          `Invalid reference specified. No value for ${error.message} found in ${subrequest.referenceId}. Provided referenceId ${error.message}`,
        );
      }
      if (response.httpStatusCode >= 400) failed = true;
      results.set(subrequest.referenceId, response);
      responses.push(response);
    }
    if (failed && allOrNone) {
      rolledBackAll = true;
      transaction.rollback();
      return responses.map((r) =>
        r.httpStatusCode < 400
          ? halted(r.referenceId, 'The transaction was rolled back since another operation in the same transaction failed.')
          : r,
      );
    }
    return responses;
  } catch (error) {
    if (!rolledBackAll) {
      rolledBackAll = true;
      transaction.rollback();
    }
    throw error;
  } finally {
    if (!rolledBackAll) transaction.commit();
  }
}
