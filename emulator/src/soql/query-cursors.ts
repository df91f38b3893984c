/**
 * Query locators: the rest of a result set kept server-side, fetched with
 * /query/{locator}-{position} (nextRecordsUrl). Idle cursors expire after 15 minutes, as in an org.
 */
import { makeRecordId } from '../ids.ts';
import { SalesforceError } from '../errors.ts';
import type { JsonRecord, QueryResultSet } from './query-engine.ts';

const IDLE_EXPIRY_MS = 15 * 60 * 1000;
export const DEFAULT_BATCH_SIZE = 2000;

export interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: JsonRecord[];
}

interface Cursor {
  results: QueryResultSet;
  pageSize: number;
  lastUsed: number;
}

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();
  private sequence = 0;

  firstPage(results: QueryResultSet, pageSize: number, apiVersion: string, endpoint: 'query' | 'queryAll'): QueryPage {
    this.expireIdle();
    if (results.totalSize <= pageSize) return { totalSize: results.totalSize, done: true, records: results.page(0, pageSize) };
    const locator = makeRecordId('01g', ++this.sequence);
    this.cursors.set(locator, { results, pageSize, lastUsed: Date.now() });
    return this.page(locator, 0, apiVersion, endpoint);
  }

  /** The page at a position of a locator (`01g…-2000`). */
  nextPage(locatorWithPosition: string, apiVersion: string, endpoint: 'query' | 'queryAll'): QueryPage {
    this.expireIdle();
    const [locator, rawPosition] = locatorWithPosition.split('-');
    const cursor = locator ? this.cursors.get(locator) : undefined;
    const position = Number(rawPosition ?? 0);
    if (!cursor || !Number.isInteger(position) || position < 0) {
      throw new SalesforceError('INVALID_QUERY_LOCATOR', 'invalid query locator', { httpStatus: 400 });
    }
    return this.page(locator!, position, apiVersion, endpoint);
  }

  private page(locator: string, position: number, apiVersion: string, endpoint: 'query' | 'queryAll'): QueryPage {
    const cursor = this.cursors.get(locator)!;
    cursor.lastUsed = Date.now();
    const records = cursor.results.page(position, cursor.pageSize);
    const next = position + cursor.pageSize;
    if (next >= cursor.results.totalSize) {
      this.cursors.delete(locator);
      return { totalSize: cursor.results.totalSize, done: true, records };
    }
    return {
      totalSize: cursor.results.totalSize,
      done: false,
      nextRecordsUrl: `/services/data/v${apiVersion}/${endpoint}/${locator}-${next}`,
      records,
    };
  }

  private expireIdle(): void {
    const cutoff = Date.now() - IDLE_EXPIRY_MS;
    for (const [locator, cursor] of this.cursors) if (cursor.lastUsed < cutoff) this.cursors.delete(locator);
  }
}
