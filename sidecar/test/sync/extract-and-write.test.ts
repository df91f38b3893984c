/**
 * Extract and write-back against the emulator: watermark queries, the incremental mirror,
 * Bulk API 2.0 paging by Sforce-Locator, collections of 200 packed five to a Composite call,
 * Bulk ingest above the threshold, and per-record failures with their record and field.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { OrgEmulator } from '@partner-lead-sync/org-emulator';
import { ApiCallMeter } from '../../src/org/api-call-meter.ts';
import type { OrgClient } from '../../src/org/org-client.ts';
import { bulkQueryPages, type BulkPage } from '../../src/sync/bulk-query.ts';
import { parseBulkError } from '../../src/sync/bulk-ingest.ts';
import { compareWatermarks, extractSoql, watermarkCondition } from '../../src/sync/extract.ts';
import { OrgMirror } from '../../src/sync/org-mirror.ts';
import { packCollections, writeRecords } from '../../src/sync/write-back.ts';
import { connectTestClient, startTestOrg } from '../support/emulator-fixture.ts';

let org: OrgEmulator;
let client: OrgClient;
const noSleep = async () => {};
before(async () => {
  org = await startTestOrg();
  client = await connectTestClient(org);
});
after(() => org.close());

function countCalls<T>(work: () => Promise<T>): Promise<{ result: T; calls: number }> {
  const meter = new ApiCallMeter({ budget: 10_000 });
  client.startRun(meter);
  return work().then((result) => ({ result, calls: meter.used }));
}

test('the watermark condition keeps records that share the last timestamp', () => {
  const since = { modstamp: '2026-11-24T10:00:00.000Z', id: 'a0B000000000002AAA' };
  assert.equal(
    watermarkCondition(since),
    "(SystemModstamp > 2026-11-24T10:00:00.000Z OR (SystemModstamp = 2026-11-24T10:00:00.000Z AND Id > 'a0B000000000002AAA'))",
  );
  assert.match(
    extractSoql({ objectName: 'Sync_State__c', fields: ['Id', 'Stream_Key__c'], since }),
    /^SELECT Id, Stream_Key__c, SystemModstamp FROM Sync_State__c WHERE \(SystemModstamp > .*\) ORDER BY SystemModstamp ASC, Id ASC$/,
  );
  const sameTime = (id: string) => ({ modstamp: since.modstamp, id });
  assert.equal(compareWatermarks(sameTime('a0B000000000003AAA'), since), 1, 'same time, later id: after the watermark');
  assert.equal(compareWatermarks(sameTime('a0B000000000001AAA'), since), -1, 'same time, earlier id: already processed');
  assert.equal(compareWatermarks({ modstamp: '2026-11-24T10:00:00.001Z', id: 'a0B000000000000AAA' }, since), 1);
});

test('1,000 records are one Composite call; 1,001 are two', async () => {
  const records = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, i) => ({ Stream_Key__c: `${prefix}-${i}`, Name: `${prefix} ${i}`, Object_Name__c: 'Account' }));
  assert.equal(
    packCollections([{ objectName: 'Sync_State__c', kind: 'upsert', externalIdField: 'Stream_Key__c', records: records(1001, 'x') }])
      .length,
    6,
  );
  const thousand = await countCalls(() =>
    writeRecords(client, [{ objectName: 'Sync_State__c', kind: 'upsert', externalIdField: 'Stream_Key__c', records: records(1000, 'k') }], {
      bulkIngestThreshold: 5000,
    }),
  );
  assert.equal(thousand.result.written, 1000);
  assert.equal(thousand.calls, 1);
  const more = await countCalls(() =>
    writeRecords(client, [{ objectName: 'Sync_State__c', kind: 'upsert', externalIdField: 'Stream_Key__c', records: records(1001, 'm') }], {
      bulkIngestThreshold: 5000,
    }),
  );
  assert.equal(more.result.written, 1001);
  assert.equal(more.calls, 2);
  const again = await countCalls(() =>
    writeRecords(client, [{ objectName: 'Sync_State__c', kind: 'upsert', externalIdField: 'Stream_Key__c', records: records(1000, 'k') }], {
      bulkIngestThreshold: 5000,
    }),
  );
  assert.equal(again.result.ids.size, 1000, 'an upsert of the same keys updates the same records');
  assert.deepEqual([...again.result.ids.values()].sort(), [...thousand.result.ids.values()].sort());
});

test('a record the org rejects comes back with its key, field, code and payload; the others are written', async () => {
  const result = await writeRecords(
    client,
    [
      {
        objectName: 'Sync_Run__c',
        kind: 'upsert',
        externalIdField: 'Run_Key__c',
        records: [
          { Run_Key__c: 'good', Status__c: 'Running' },
          { Run_Key__c: 'bad', Status__c: 'Exploded' },
        ],
      },
    ],
    { bulkIngestThreshold: 5000 },
  );
  assert.equal(result.written, 1);
  assert.equal(result.failures.length, 1);
  const [failure] = result.failures;
  assert.equal(failure!.recordKey, 'bad');
  assert.equal(failure!.field, 'Status__c');
  assert.equal(failure!.code, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  assert.deepEqual(failure!.payload, {
    objectName: 'Sync_Run__c',
    kind: 'upsert',
    externalIdField: 'Run_Key__c',
    record: { Run_Key__c: 'bad', Status__c: 'Exploded' },
  });
});

test('above the threshold, writes go through Bulk API 2.0 ingest, failures included', async () => {
  const records = Array.from({ length: 30 }, (_, i) => ({
    Run_Key__c: `bulk-${i}`,
    Status__c: i === 7 ? 'Exploded' : 'Succeeded',
    Records_Read__c: i,
  }));
  const { result, calls } = await countCalls(() =>
    writeRecords(client, [{ objectName: 'Sync_Run__c', kind: 'upsert', externalIdField: 'Run_Key__c', records }], {
      bulkIngestThreshold: 10,
      sleep: noSleep,
    }),
  );
  assert.equal(result.written, 29);
  assert.equal(result.ids.size, 29);
  assert.equal(result.failures.length, 1);
  assert.equal(result.failures[0]!.recordKey, 'bulk-7');
  assert.equal(result.failures[0]!.code, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  assert.ok(calls <= 8, `bulk ingest used ${calls} calls`);
  assert.deepEqual(parseBulkError('REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --'), {
    code: 'REQUIRED_FIELD_MISSING',
    message: 'Required fields are missing: [Name]',
    field: 'Name',
  });
});

test('Bulk API 2.0 query results are paged by Sforce-Locator and typed like REST', async () => {
  const pages: BulkPage[] = [];
  const { calls } = await countCalls(async () => {
    for await (const page of bulkQueryPages(
      client,
      'Sync_Run__c',
      "SELECT Id, Run_Key__c, Records_Read__c, SystemModstamp FROM Sync_Run__c WHERE Run_Key__c LIKE 'bulk-%' ORDER BY Run_Key__c",
      { pageSize: 10, sleep: noSleep },
    ))
      pages.push(page);
  });
  assert.deepEqual(
    pages.map((page) => page.records.length),
    [10, 10, 9],
  );
  assert.equal(pages.at(-1)!.done, true);
  const first = pages[0]!.records[0]!;
  assert.equal(typeof first.Records_Read__c, 'number');
  assert.match(String(first.SystemModstamp), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  assert.ok(calls >= 4, 'a create, then one call per page');
});

test('the mirror loads everything once, then only what changed, deletions included', async () => {
  const created = await writeRecords(
    client,
    [
      {
        objectName: 'Sync_Error__c',
        kind: 'upsert',
        externalIdField: 'Error_Key__c',
        records: Array.from({ length: 5 }, (_, i) => ({ Error_Key__c: `mirror-${i}`, Status__c: 'Pending Retry' })),
      },
    ],
    { bulkIngestThreshold: 5000 },
  );
  const mirror = new OrgMirror();
  const settings = { bulkQueryThreshold: 10_000, bulkQueryPageSize: 1000, sleep: noSleep };
  const first = await mirror.refresh(client, ['Sync_Error__c'], settings);
  assert.equal(first.recordsRead, 5);
  const unchanged = await mirror.refresh(client, ['Sync_Error__c'], settings);
  assert.equal(unchanged.recordsRead, 0);
  await writeRecords(
    client,
    [
      {
        objectName: 'Sync_Error__c',
        kind: 'upsert',
        externalIdField: 'Error_Key__c',
        records: [{ Error_Key__c: 'mirror-2', Status__c: 'Resolved' }],
      },
    ],
    { bulkIngestThreshold: 5000 },
  );
  await client.request({ method: 'DELETE', url: `/sobjects/Sync_Error__c/${created.ids.get('mirror-4')}` }, { idempotent: true });
  const delta = await mirror.refresh(client, ['Sync_Error__c'], settings);
  assert.equal(delta.recordsRead, 2);
  assert.equal(mirror.records('Sync_Error__c').length, 4);
  assert.equal(mirror.get('Sync_Error__c', created.ids.get('mirror-2')!)?.Status__c, 'Resolved');
});

test('a first load larger than a REST page and the threshold goes through Bulk API 2.0; a small delta through REST', async () => {
  // Sync_State__c holds the 2,001 records written by the packing test above.
  const mirror = new OrgMirror();
  const settings = { bulkQueryThreshold: 1000, bulkQueryPageSize: 700, sleep: noSleep };
  const { result: first, calls } = await countCalls(() => mirror.refresh(client, ['Sync_State__c'], settings));
  assert.equal(first.via.get('Sync_State__c'), 'bulk');
  assert.ok(first.recordsRead >= 2001);
  assert.equal(first.recordsRead, mirror.records('Sync_State__c').length);
  const pages = Math.ceil(first.recordsRead / 700);
  // One REST page to learn the size, the job, maybe a poll or two, then one call per 700-row page.
  assert.ok(calls >= 2 + pages && calls <= 4 + pages, `${calls} calls for ${pages} pages`);
  await writeRecords(
    client,
    [
      {
        objectName: 'Sync_State__c',
        kind: 'upsert',
        externalIdField: 'Stream_Key__c',
        records: [{ Stream_Key__c: 'k-3', Object_Name__c: 'Lead' }],
      },
    ],
    { bulkIngestThreshold: 5000 },
  );
  const delta = await mirror.refresh(client, ['Sync_State__c'], settings);
  assert.equal(delta.via.get('Sync_State__c'), 'rest');
  assert.equal(delta.recordsRead, 1);
});
