/** SOQL over REST, page by page (2,000 records a page unless the org says otherwise). */
import type { OrgClient } from '../org/org-client.ts';
import { plainRecord, type OrgRecord } from './record-values.ts';

interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

export interface RestPage {
  records: OrgRecord[];
  totalSize: number;
  done: boolean;
}

export async function* restQueryPages(client: OrgClient, objectName: string, soql: string): AsyncGenerator<RestPage> {
  let page = await client.get<QueryPage>(`/query?q=${encodeURIComponent(soql)}`);
  for (;;) {
    yield { records: page.records.map((record) => plainRecord(objectName, record)), totalSize: page.totalSize, done: page.done };
    if (page.done || !page.nextRecordsUrl) return;
    page = await client.get<QueryPage>(page.nextRecordsUrl);
  }
}

export async function restQueryAll(client: OrgClient, objectName: string, soql: string): Promise<OrgRecord[]> {
  const records: OrgRecord[] = [];
  for await (const page of restQueryPages(client, objectName, soql)) records.push(...page.records);
  return records;
}
