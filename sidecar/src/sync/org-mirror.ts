/**
 * The records the engines need, mirrored in memory and kept current by incremental extract:
 * each object has its own (SystemModstamp, Id) watermark; the first load reads everything,
 * later refreshes only what changed (including deletions, via queryAll). Small objects share
 * Composite calls; an object whose result is large goes through Bulk API 2.0.
 *
 * The mirror is a cache, not state: a new process rebuilds it with one first load, which is
 * why the service stays stateless. What must survive a restart (which referrals were checked)
 * has its own watermark in Sync_State__c.
 */
import type { OrgClient } from '../org/org-client.ts';
import { bulkQueryPages } from './bulk-query.ts';
import { queryFirstPages, remainingPages, type NamedQuery } from './composite-query.ts';
import { compareWatermarks, extractSoql, watermarkOf, type Watermark } from './extract.ts';
import type { OrgRecord } from './record-values.ts';

export interface MirrorSettings {
  bulkQueryThreshold: number;
  bulkQueryPageSize: number;
  sleep: (ms: number) => Promise<void>;
  /** Called as records arrive (progress bars). `total` is what the org said it would return. */
  onProgress?: (objectName: string, loaded: number, total: number) => void;
}

export interface RefreshOutcome {
  recordsRead: number;
  /** Per object: the records that were created, changed or deleted since the last refresh. */
  changed: Map<string, OrgRecord[]>;
  via: Map<string, 'rest' | 'bulk'>;
}

/**
 * Objects the jobs only need a few fields of. The decision log grows with every decision; the
 * jobs only ask "is this log already there", so its key is all that is mirrored.
 */
export const DEFAULT_MIRROR_FIELDS: Record<string, string[]> = {
  Partner_Decision_Log__c: ['Id', 'Log_Key__c', 'Event_Type__c', 'SystemModstamp'],
};

export class OrgMirror {
  private readonly tables = new Map<string, Map<string, OrgRecord>>();
  private readonly marks = new Map<string, Watermark>();
  /** Fields per object; undefined = every field the package schema knows. */
  private readonly fieldLists: Map<string, string[] | undefined>;

  constructor(fields: Record<string, string[] | undefined> = DEFAULT_MIRROR_FIELDS) {
    this.fieldLists = new Map(Object.entries(fields));
  }

  records<T = OrgRecord>(objectName: string): T[] {
    return [...(this.tables.get(objectName)?.values() ?? [])] as T[];
  }

  get(objectName: string, id: string): OrgRecord | undefined {
    return this.tables.get(objectName)?.get(id);
  }

  has(objectName: string): boolean {
    return this.tables.has(objectName);
  }

  /** Puts records the sidecar just wrote or re-read, so the mirror does not wait for the next refresh. */
  upsertLocal(objectName: string, records: OrgRecord[]): void {
    const table = this.tables.get(objectName) ?? new Map<string, OrgRecord>();
    this.tables.set(objectName, table);
    for (const record of records) if (record.Id) table.set(record.Id, { ...table.get(record.Id), ...record });
  }

  async refresh(client: OrgClient, objectNames: string[], settings: MirrorSettings): Promise<RefreshOutcome> {
    const outcome: RefreshOutcome = { recordsRead: 0, changed: new Map(), via: new Map() };
    const queries: NamedQuery[] = objectNames.map((objectName) => {
      const since = this.marks.get(objectName) ?? null;
      const fields = this.fieldLists.get(objectName);
      const includeDeleted = this.tables.has(objectName);
      const soqlFields = includeDeleted && fields ? [...fields, 'IsDeleted'] : fields;
      return { objectName, soql: extractSoql({ objectName, since, ...(soqlFields ? { fields: soqlFields } : {}) }), includeDeleted };
    });
    const firstPages = await queryFirstPages(client, queries);
    for (const [index, query] of queries.entries()) {
      const first = firstPages[index]!;
      const objectName = query.objectName;
      const changed: OrgRecord[] = [];
      const accept = (records: OrgRecord[]) => {
        this.apply(objectName, records);
        changed.push(...records);
        outcome.recordsRead += records.length;
        settings.onProgress?.(objectName, changed.length, first.totalSize);
      };
      if (!first.done && first.totalSize > settings.bulkQueryThreshold) {
        // Large: one wasted first page, then Bulk API 2.0 pages of up to bulkQueryPageSize rows.
        outcome.via.set(objectName, 'bulk');
        const pages = bulkQueryPages(client, objectName, query.soql, {
          pageSize: settings.bulkQueryPageSize,
          sleep: settings.sleep,
          ...(query.includeDeleted ? { includeDeleted: true } : {}),
        });
        for await (const page of pages) accept(page.records);
      } else {
        outcome.via.set(objectName, 'rest');
        accept(first.records);
        for await (const page of remainingPages(client, objectName, first)) accept(page);
      }
      if (!this.tables.has(objectName)) this.tables.set(objectName, new Map());
      outcome.changed.set(objectName, changed);
    }
    return outcome;
  }

  private apply(objectName: string, records: OrgRecord[]): void {
    const table = this.tables.get(objectName) ?? new Map<string, OrgRecord>();
    this.tables.set(objectName, table);
    let mark = this.marks.get(objectName);
    for (const record of records) {
      if (!record.Id) continue;
      if (record.IsDeleted === true) table.delete(record.Id);
      else table.set(record.Id, record);
      const next = watermarkOf(record);
      if (!mark || compareWatermarks(next, mark) > 0) mark = next;
    }
    if (mark) this.marks.set(objectName, mark);
  }
}
