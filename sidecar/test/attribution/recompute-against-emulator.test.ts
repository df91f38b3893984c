/**
 * The attribution engine end to end: records in the local org emulator, the sync layer's
 * recompute job (real jsforce over HTTP), upserts on Attribution_Key__c. Checks what the issue
 * checks: a second recompute writes nothing, approved rows survive untouched, the report's totals
 * agree with the records.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Connection } from 'jsforce';
import type { OrgEmulator } from '@partner-lead-sync/org-emulator';
import type { Partner_Attribution__c } from '@partner-lead-sync/model';
import { buildPartnerReport } from '../../src/attribution/index.ts';
import { loadConfig } from '../../src/config/config.ts';
import { attributionRecomputeJob } from '../../src/jobs/attribution-recompute.ts';
import { createLogger } from '../../src/observability/logger.ts';
import type { OrgClient } from '../../src/org/org-client.ts';
import { loadReportRecords } from '../../src/org/report-loader.ts';
import { runSync } from '../../src/sync/sync-run.ts';
import { connectTestClient, startTestOrg } from '../support/emulator-fixture.ts';

const HOUR = 3_600_000;
let org: OrgEmulator;
let connection: Connection;
let client: OrgClient;
let opportunityId: string;
/** The emulator stamps CreatedDate with the real clock: touches and "now" are placed after it. */
const start = Date.now();

async function create(objectName: string, records: Record<string, unknown>[]): Promise<string[]> {
  const results = (await connection.sobject(objectName).create(records as never)) as unknown as { id: string; success: boolean }[];
  return results.map((result) => {
    assert.ok(result.success, JSON.stringify(result));
    return result.id;
  });
}

async function recompute(hoursAfterStart: number) {
  const config = loadConfig({ env: {}, overrides: {} });
  const report = await runSync({
    client,
    config,
    jobs: [attributionRecomputeJob],
    runJob: 'Attribution Recompute',
    logger: createLogger({ level: 'silent', destination: process.stderr }),
    now: () => new Date(start + hoursAfterStart * HOUR),
  });
  assert.equal(report.status, 'Succeeded', report.errorMessage);
  return report.jobs[0] as unknown as Record<'created' | 'updated' | 'superseded' | 'unchanged' | 'held' | 'written', number>;
}

async function rows(): Promise<Partner_Attribution__c[]> {
  const result = await connection.query(
    'SELECT Id, Attribution_Key__c, Status__c, Share__c, Credited_Amount__c, Proposed_Commission__c, Explanation__c, Computed_At__c, LastModifiedDate FROM Partner_Attribution__c',
  );
  return result.records as unknown as Partner_Attribution__c[];
}

before(async () => {
  org = await startTestOrg();
  connection = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.issueAccessToken(), version: '63.0' });
  client = await connectTestClient(org);
  const [acme, blue, cobalt] = await create('Channel_Partner__c', [
    { Name: 'Acme', Tier__c: 'Gold', Partner_Key__c: 'acme' },
    { Name: 'Blue', Tier__c: 'Platinum', Commission_Rate__c: 18, Partner_Key__c: 'blue' },
    { Name: 'Cobalt', Tier__c: 'Silver', Partner_Key__c: 'cobalt' },
  ]);
  const [account] = await create('Account', [{ Name: 'Globex' }]);
  const closeDate = new Date(start + 30 * 24 * HOUR).toISOString().slice(0, 10);
  const [won] = await create('Opportunity', [
    {
      Name: 'Globex expansion',
      AccountId: account,
      Amount: 50_000,
      CloseDate: closeDate,
      StageName: 'Closed Won',
      Reseller_Partner__c: cobalt,
    },
  ]);
  opportunityId = won as string;
  const [open] = await create('Opportunity', [
    { Name: 'Globex pilot', AccountId: account, Amount: 12_345.67, CloseDate: closeDate, StageName: 'Prospecting' },
  ]);
  await create('Partner_Referral__c', [
    {
      Channel_Partner__c: acme,
      Status__c: 'Approved',
      Company_Name__c: 'Globex',
      Referral_Key__c: 'r1',
      Contact_Email__c: 'ann@globex.example',
      Contact_First_Name__c: 'Ann',
      Contact_Last_Name__c: 'Lee',
      Submitted_At__c: new Date(start - 10 * 24 * HOUR).toISOString(),
      Decided_At__c: new Date(start - 9 * 24 * HOUR).toISOString(),
      Converted_Opportunity__c: opportunityId,
    },
  ]);
  await create('Partner_Touch__c', [
    {
      Channel_Partner__c: blue,
      Opportunity__c: opportunityId,
      Touch_Type__c: 'Co-Sell Meeting',
      Touched_At__c: new Date(start + HOUR).toISOString(),
      Evidence__c: 'Joint demo',
      Touch_Key__c: 't1',
    },
    {
      Channel_Partner__c: cobalt,
      Account__c: account,
      Touch_Type__c: 'Technical Assist',
      Touched_At__c: new Date(start + 2 * HOUR).toISOString(),
      Evidence__c: 'Sizing',
      Touch_Key__c: 't2',
    },
    {
      Channel_Partner__c: acme,
      Opportunity__c: open,
      Touch_Type__c: 'Introduction',
      Touched_At__c: new Date(start + 3 * HOUR).toISOString(),
      Evidence__c: 'Intro',
      Touch_Key__c: 't3',
    },
  ]);
});

after(async () => {
  await org?.close();
});

test('recomputing twice gives the same records: the second run writes nothing', async () => {
  const first = await recompute(24);
  assert.ok(first.created > 5, JSON.stringify(first));
  const stored = await rows();
  assert.equal(stored.length, first.created);
  assert.ok(stored.every((row) => row.Status__c === 'Proposed'));
  const second = await recompute(48);
  assert.deepEqual([second.created, second.updated, second.superseded, second.written], [0, 0, 0, 0], JSON.stringify(second));
  assert.deepEqual(await rows(), stored, 'not one field changed');
});

test('approved rows survive a recompute untouched; proposals follow the data', async () => {
  const sourced = (await rows()).find((row) => row.Attribution_Key__c?.includes('|Sourced|'));
  assert.ok(sourced?.Id);
  await connection.sobject('Partner_Attribution__c').update({ Id: sourced.Id, Status__c: 'Approved' } as never);
  const approved = (await rows()).find((row) => row.Id === sourced.Id);
  await connection.sobject('Opportunity').update({ Id: opportunityId, Amount: 70_000 } as never);
  const third = await recompute(72);
  assert.equal(third.held, 1);
  assert.ok(third.updated > 0);
  assert.deepEqual(
    (await rows()).find((row) => row.Id === sourced.Id),
    approved,
  );
  const resold = (await rows()).find((row) => row.Attribution_Key__c?.includes('|Resold|'));
  assert.equal(resold?.Credited_Amount__c, 70_000);
  const fourth = await recompute(96);
  assert.equal(fourth.written, 0);
});

test('the report read back from the org agrees with the records', async () => {
  const config = loadConfig({ env: {}, overrides: {} });
  const records = await loadReportRecords(client, config);
  const report = buildPartnerReport(records);
  const live = records.attributions.filter((row) => row.Role__c === 'Sourced' && row.Status__c !== 'Superseded');
  assert.equal(
    report.total.revenue,
    live.reduce((sum, row) => sum + (row.Credited_Amount__c ?? 0), 0),
  );
  assert.equal(report.total.commission, 7_500);
  assert.equal(report.total.won, 1);
  assert.equal(report.total.referrals, 1);
});
