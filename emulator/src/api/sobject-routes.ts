/**
 * /sobjects: describe, create, read, update, delete and upsert by external id, with the
 * status codes an org uses (201 created, 200 upsert-updated, 204 updated/deleted).
 */
import { formatDateTime } from '../clock.ts';
import { parseDateTime } from '../data/field-values.ts';
import { SalesforceError, notFound } from '../errors.ts';
import { json, noContent } from '../http/router.ts';
import type { ApiRequest, Router } from '../http/router.ts';
import { newWriteContext } from '../org-context.ts';
import type { OrgContext } from '../org-context.ts';
import { basicInfo, describeGlobal, describeObject } from '../schema/describe.ts';
import { recordJson } from './record-json.ts';

const SOBJECTS = String.raw`^\/services\/data\/v(?:\d+\.\d+)\/sobjects`;

export function lockRowError(ids: string[] = []): SalesforceError {
  return new SalesforceError(
    'UNABLE_TO_LOCK_ROW',
    `unable to obtain exclusive access to this record or ${Math.max(1, ids.length)} records: ${ids.join(',')}`,
    {
      fields: [],
    },
  );
}

function writeBody(request: ApiRequest): Record<string, unknown> {
  const body = request.json<unknown>();
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new SalesforceError('JSON_PARSER_ERROR', 'Cannot deserialize instance of sobject from START_ARRAY value');
  }
  return body as Record<string, unknown>;
}

export function registerSObjectRoutes(router: Router, org: OrgContext): void {
  const userOf = (request: ApiRequest) => request.session?.userId ?? org.defaultUserId;

  router.add('GET', new RegExp(`${SOBJECTS}$`), (request) => json(200, describeGlobal(org.schema, request.apiVersion)));

  router.add('GET', new RegExp(`${SOBJECTS}\\/(\\w+)\\/describe$`), (request) => {
    const object = org.data.requireObject(request.params[0]!);
    return json(200, describeObject(org.schema, object, request.apiVersion));
  });

  // getUpdated / getDeleted: ids changed or deleted in a window (start and end as ISO datetimes).
  for (const kind of ['updated', 'deleted'] as const) {
    router.add('GET', new RegExp(`${SOBJECTS}\\/(\\w+)\\/${kind}$`), (request) => {
      const object = org.data.requireObject(request.params[0]!);
      const start = parseDateTime(request.url.searchParams.get('start') ?? '');
      const end = parseDateTime(request.url.searchParams.get('end') ?? '');
      if (start === undefined || end === undefined || end < start) {
        throw new SalesforceError('INVALID_REPLICATION_DATE', 'start and end must be valid datetimes, start before end');
      }
      const matches: { id: string; when: number }[] = [];
      for (const record of org.store.scan(object.name, { includeDeleted: true, modstampFrom: { ms: start, inclusive: true } })) {
        const when = Date.parse(String(record.values.SystemModstamp));
        if (when >= end || record.deleted !== (kind === 'deleted')) continue;
        matches.push({ id: record.id, when });
      }
      const latestDateCovered = formatDateTime(Math.min(end, Date.now()));
      if (kind === 'updated') return json(200, { ids: matches.map((m) => m.id), latestDateCovered });
      return json(200, {
        deletedRecords: matches.map((m) => ({ id: m.id, deletedDate: formatDateTime(m.when) })),
        earliestDateAvailable: formatDateTime(Date.now() - 15 * 86_400_000),
        latestDateCovered,
      });
    });
  }

  router.add('GET', new RegExp(`${SOBJECTS}\\/(\\w+)$`), (request) =>
    json(200, basicInfo(org.data.requireObject(request.params[0]!), request.apiVersion)),
  );

  router.add('POST', new RegExp(`${SOBJECTS}\\/(\\w+)$`), (request) => {
    org.data.requireObject(request.params[0]!);
    const body = writeBody(request);
    if (request.lockRowFault) throw lockRowError();
    const id = org.store.transaction(() => org.data.create(request.params[0]!, body, newWriteContext(userOf(request))));
    return json(201, { id, success: true, errors: [] });
  });

  router.add('GET', new RegExp(`${SOBJECTS}\\/(\\w+)\\/([^/]+)$`), (request) => {
    const object = org.data.requireObject(request.params[0]!);
    const record = org.data.requireLiveRecord(request.params[1]!, object.name);
    return json(200, recordJson(org.schema, object, record, request.apiVersion, request.url.searchParams.get('fields')));
  });

  router.add('PATCH', new RegExp(`${SOBJECTS}\\/(\\w+)\\/([^/]+)$`), (request) => {
    const object = org.data.requireObject(request.params[0]!);
    const body = writeBody(request);
    if (request.lockRowFault) throw lockRowError([request.params[1]!]);
    org.store.transaction(() => org.data.update(object.name, request.params[1]!, body, newWriteContext(userOf(request))));
    return noContent();
  });

  router.add('DELETE', new RegExp(`${SOBJECTS}\\/(\\w+)\\/([^/]+)$`), (request) => {
    const object = org.data.requireObject(request.params[0]!);
    if (request.lockRowFault) throw lockRowError([request.params[1]!]);
    org.store.transaction(() => org.data.delete(request.params[1]!, newWriteContext(userOf(request)), object.name));
    return noContent();
  });

  // Upsert and read by external id: /sobjects/{type}/{externalIdField}/{value}
  router.add('PATCH', new RegExp(`${SOBJECTS}\\/(\\w+)\\/(\\w+)\\/(.+)$`), (request) => {
    const object = org.data.requireObject(request.params[0]!);
    const body = writeBody(request);
    if (request.lockRowFault) throw lockRowError();
    const result = org.store.transaction(() =>
      org.data.upsert(object.name, request.params[1]!, request.params[2]!, body, newWriteContext(userOf(request))),
    );
    return json(result.created ? 201 : 200, { id: result.id, success: true, errors: [], created: result.created });
  });

  router.add('GET', new RegExp(`${SOBJECTS}\\/(\\w+)\\/(\\w+)\\/(.+)$`), (request) => {
    const object = org.data.requireObject(request.params[0]!);
    const field = org.schema.field(object, request.params[1]!);
    if (!field || !(field.externalId || field.name === 'Id' || field.unique)) {
      throw new SalesforceError('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${request.params[1]}`, {
        httpStatus: 404,
      });
    }
    const ids = org.data.findByKey(object, field, request.params[2]!);
    if (ids.length === 0) throw notFound();
    if (ids.length > 1)
      return json(
        300,
        ids.map((id) => `/services/data/v${request.apiVersion}/sobjects/${object.name}/${id}`),
      );
    const record = org.data.requireLiveRecord(ids[0]!, object.name);
    return json(200, recordJson(org.schema, object, record, request.apiVersion, request.url.searchParams.get('fields')));
  });
}
