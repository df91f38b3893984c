/**
 * Several small queries in one API call: a Composite request carries up to five query
 * subrequests. Later pages follow with REST paging, or the caller switches to Bulk API 2.0
 * when the first page says the result is large.
 */
import type { OrgClient } from '../org/org-client.ts';
import { OrgApiError } from '../org/api-errors.ts';
import { plainRecord, type OrgRecord } from './record-values.ts';

export const QUERIES_PER_COMPOSITE = 5;

export interface NamedQuery {
  objectName: string;
  soql: string;
  /** Include deleted records (queryAll), for deltas that must see deletions. */
  includeDeleted?: boolean;
  /** A failure gives an empty result with `error` set instead of failing the batch. */
  optional?: boolean;
}

export interface FirstPage {
  records: OrgRecord[];
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  error?: string;
}

interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

export async function queryFirstPages(client: OrgClient, queries: NamedQuery[]): Promise<FirstPage[]> {
  const pages: FirstPage[] = [];
  for (let start = 0; start < queries.length; start += QUERIES_PER_COMPOSITE) {
    const batch = queries.slice(start, start + QUERIES_PER_COMPOSITE);
    const response = await client.request<{ compositeResponse: { body: unknown; httpStatusCode: number; referenceId: string }[] }>(
      {
        method: 'POST',
        url: '/composite',
        body: JSON.stringify({
          allOrNone: false,
          compositeRequest: batch.map((query, index) => ({
            method: 'GET',
            url: client.dataPath(`/${query.includeDeleted ? 'queryAll' : 'query'}?q=${encodeURIComponent(query.soql)}`),
            referenceId: `query${index}`,
          })),
        }),
      },
      // Only reads inside.
      { idempotent: true },
    );
    for (const [index, query] of batch.entries()) {
      const sub = response.body.compositeResponse.find((entry) => entry.referenceId === `query${index}`);
      if (!sub || sub.httpStatusCode >= 400) {
        const error = (sub?.body as { errorCode?: string; message?: string }[] | undefined)?.[0];
        if (query.optional) {
          pages.push({
            records: [],
            totalSize: 0,
            done: true,
            error: `${error?.errorCode ?? 'QUERY_FAILED'}: ${error?.message ?? 'no response'}`,
          });
          continue;
        }
        throw new OrgApiError(
          `query on ${query.objectName} failed: ${error?.message ?? 'no response'}`,
          error?.errorCode ?? 'QUERY_FAILED',
          sub?.httpStatusCode,
        );
      }
      const page = sub.body as QueryPage;
      pages.push({
        records: page.records.map((record) => plainRecord(query.objectName, record)),
        totalSize: page.totalSize,
        done: page.done,
        ...(page.nextRecordsUrl ? { nextRecordsUrl: page.nextRecordsUrl } : {}),
      });
    }
  }
  return pages;
}

export async function* remainingPages(client: OrgClient, objectName: string, first: FirstPage): AsyncGenerator<OrgRecord[]> {
  let next = first.done ? undefined : first.nextRecordsUrl;
  while (next) {
    const page = await client.get<QueryPage>(next);
    yield page.records.map((record) => plainRecord(objectName, record));
    next = page.done ? undefined : page.nextRecordsUrl;
  }
}

export async function queryMany(client: OrgClient, queries: NamedQuery[]): Promise<OrgRecord[][]> {
  const firstPages = await queryFirstPages(client, queries);
  const results: OrgRecord[][] = [];
  for (const [index, first] of firstPages.entries()) {
    const records = [...first.records];
    for await (const page of remainingPages(client, queries[index]!.objectName, first)) records.push(...page);
    results.push(records);
  }
  return results;
}
