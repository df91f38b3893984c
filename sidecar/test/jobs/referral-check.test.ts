/**
 * The jobs on a small realistic org: what the referral check writes (and never writes), the
 * conflict row and its links, the decision log, overlaps from a partner list and attribution;
 * and that each job runs alone.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { OrgEmulator } from '@partner-lead-sync/org-emulator';
import { loadConfig } from '../../src/config/config.ts';
import { allJobs, attributionRecomputeJob, overlapRefreshJob, referralCheckJob } from '../../src/jobs/index.ts';
import { silentLogger } from '../../src/observability/logger.ts';
import type { OrgClient } from '../../src/org/org-client.ts';
import { queryMany } from '../../src/sync/composite-query.ts';
import { runSync, type SyncJob } from '../../src/sync/sync-run.ts';
import { writeRecords } from '../../src/sync/write-back.ts';
import { connectTestClient, seededOrgTemplate } from '../support/emulator-fixture.ts';
import { seedSmallOrg, writePartnerLists, type SmallOrg } from '../support/small-org.ts';

const config = loadConfig({ env: {} });
const overlapsDir = writePartnerLists(fs.mkdtempSync(path.join(os.tmpdir(), 'partner-lists-')));
let template: Awaited<ReturnType<typeof seededOrgTemplate>>;
let seeded: SmallOrg;

before(async () => {
  template = await seededOrgTemplate(async (client) => {
    seeded = await seedSmallOrg(client);
  });
});
after(() => template.cleanup());

async function withOrg(body: (org: OrgEmulator, client: OrgClient) => Promise<void>) {
  const org = await template.startCopy();
  try {
    await body(org, await connectTestClient(org));
  } finally {
    await org.close();
  }
}

const run = (client: OrgClient, jobs: SyncJob[], runJob: 'Referral Check' | 'Overlap Refresh' | 'Attribution Recompute' | 'Full Cycle') =>
  runSync({ client, config, jobs, runJob, logger: silentLogger(), overlapsDir, sleep: async () => {} });

async function referrals(client: OrgClient) {
  const [rows] = await queryMany(client, [
    {
      objectName: 'Partner_Referral__c',
      soql: 'SELECT Id, Referral_Key__c, Status__c, Classification__c, Duplicate_Status__c, Recommendation__c, Stop_Gates__c, Conflict__c, Checked_At__c, Decided_At__c FROM Partner_Referral__c',
    },
  ]);
  return new Map(rows!.map((row) => [String(row.Referral_Key__c), row]));
}

test('the referral check flags, links and logs; it moves Submitted to In Review and nothing else', { timeout: 30_000 }, async () => {
  await withOrg(async (_org, client) => {
    const report = await run(client, [referralCheckJob], 'Referral Check');
    assert.equal(report.status, 'Succeeded');
    const byKey = await referrals(client);
    const approved = byKey.get('T-GLOBEX-ACME')!;
    assert.equal(approved.Status__c, 'Approved', 'a decided referral is left alone');
    assert.equal(approved.Checked_At__c, null);
    for (const [key, row] of byKey) {
      if (key === 'T-GLOBEX-ACME') continue;
      assert.equal(row.Status__c, 'In Review', `${key} is in review`);
      assert.ok(row.Recommendation__c, `${key} has a recommendation`);
      assert.ok(row.Checked_At__c, `${key} has been checked`);
      assert.notEqual(row.Recommendation__c, 'Accept', `${key}: every referral here has a reason to stop`);
    }
    const umbrella = ['T-UMB-ACME', 'T-UMB-BRIGHT'].map((key) => byKey.get(key)!);
    assert.ok(
      umbrella.every((row) => row.Classification__c === 'Partner vs Partner'),
      JSON.stringify(umbrella),
    );
    assert.ok(umbrella[0]!.Conflict__c && umbrella[0]!.Conflict__c === umbrella[1]!.Conflict__c, 'both link to one conflict');
    assert.equal(byKey.get('T-UMB-ACME-2')!.Duplicate_Status__c, 'Duplicate');
    assert.match(String(byKey.get('T-STARK-BRIGHT')!.Stop_Gates__c), /Missing/);

    const [conflicts, logs] = await queryMany(client, [
      {
        objectName: 'Channel_Conflict__c',
        soql: 'SELECT Id, Conflict_Key__c, Conflict_Type__c, Status__c, Partner_Count__c, Evidence__c FROM Channel_Conflict__c',
      },
      {
        objectName: 'Partner_Decision_Log__c',
        soql: 'SELECT Event_Type__c, Referral__c, Conflict__c, Actor__c FROM Partner_Decision_Log__c',
      },
    ]);
    const partnerConflict = conflicts!.find((row) => row.Id === umbrella[0]!.Conflict__c)!;
    assert.equal(partnerConflict.Conflict_Type__c, 'Partner vs Partner');
    assert.equal(partnerConflict.Status__c, 'Open');
    assert.equal(partnerConflict.Partner_Count__c, 2);
    assert.ok(JSON.parse(String(partnerConflict.Evidence__c)).length >= 2, 'evidence from both partners');
    const checkedLogs = logs!.filter((log) => log.Event_Type__c === 'Referral Checked');
    assert.equal(checkedLogs.length, byKey.size - 1, 'one Referral Checked log per checked referral');
    assert.equal(logs!.filter((log) => log.Event_Type__c === 'Conflict Detected').length, conflicts!.length);
    assert.equal(report.counts.conflictsFound, [...byKey.values()].filter((row) => row.Conflict__c).length);
  });
});

test('a partner manager decision is never overwritten by a re-check', { timeout: 30_000 }, async () => {
  await withOrg(async (_org, client) => {
    await run(client, [referralCheckJob], 'Referral Check');
    const byKey = await referrals(client);
    const conflictId = String(byKey.get('T-UMB-ACME')!.Conflict__c);
    await client.request(
      {
        method: 'PATCH',
        url: `/sobjects/Channel_Conflict__c/${conflictId}`,
        body: JSON.stringify({
          Status__c: 'Resolved',
          Resolution__c: 'Awarded to Partner',
          Resolution_Reason__c: 'ACME registered first and met the customer.',
          Winning_Partner__c: seeded.partners.acme,
        }),
      },
      { idempotent: true },
    );
    await client.request(
      {
        method: 'PATCH',
        url: `/sobjects/Partner_Referral__c/${byKey.get('T-UMB-BRIGHT')!.Id}`,
        body: JSON.stringify({ Status__c: 'Declined', Decision_Reason__c: 'Another partner registered first.' }),
      },
      { idempotent: true },
    );
    // A new submission on the same company comes in and everything is checked again.
    await writeRecords(
      client,
      [
        {
          objectName: 'Partner_Referral__c',
          kind: 'upsert',
          externalIdField: 'Referral_Key__c',
          records: [
            {
              Referral_Key__c: 'T-UMB-CREST',
              Channel_Partner__c: seeded.partners.crest,
              Company_Name__c: 'Umbrella',
              Company_Website__c: 'umbrella.com',
              Contact_First_Name__c: 'Ada',
              Contact_Last_Name__c: 'Wong',
              Contact_Email__c: 'ada@umbrella.com',
              Status__c: 'Submitted',
              Submitted_At__c: new Date().toISOString(),
            },
          ],
        },
      ],
      { bulkIngestThreshold: 10_000 },
    );
    await run(client, [referralCheckJob], 'Referral Check');
    const [conflict] = (
      await queryMany(client, [
        {
          objectName: 'Channel_Conflict__c',
          soql: `SELECT Status__c, Resolution__c, Winning_Partner__c FROM Channel_Conflict__c WHERE Id = '${conflictId}'`,
        },
      ])
    )[0]!;
    assert.deepEqual(conflict, { Status__c: 'Resolved', Resolution__c: 'Awarded to Partner', Winning_Partner__c: seeded.partners.acme });
    const after = await referrals(client);
    assert.equal(after.get('T-UMB-BRIGHT')!.Status__c, 'Declined');
    assert.equal(after.get('T-UMB-CREST')!.Status__c, 'In Review');
  });
});

test('overlaps and attribution run alone and write their objects', { timeout: 30_000 }, async () => {
  await withOrg(async (_org, client) => {
    const overlaps = await run(client, [overlapRefreshJob], 'Overlap Refresh');
    assert.equal(overlaps.status, 'Succeeded');
    const attribution = await run(client, [attributionRecomputeJob], 'Attribution Recompute');
    assert.equal(attribution.status, 'Succeeded');
    assert.ok(attribution.counts.attributionsWritten > 0);
    const [overlapRows, attributionRows, partners] = await queryMany(client, [
      {
        objectName: 'Account_Overlap__c',
        soql: 'SELECT Overlap_Key__c, Account__r.Name, Partner_Population__c, Our_Population__c, Active__c, Last_Seen__c FROM Account_Overlap__c ORDER BY Overlap_Key__c',
      },
      {
        objectName: 'Partner_Attribution__c',
        soql: 'SELECT Attribution_Key__c, Role__c, Status__c, Opportunity__c FROM Partner_Attribution__c',
      },
      { objectName: 'Channel_Partner__c', soql: "SELECT Last_Overlap_Refresh__c FROM Channel_Partner__c WHERE Partner_Key__c = 'ACME'" },
    ]);
    const matched = overlapRows!.map((row) => (row.Account__r as { Name: string }).Name).sort();
    assert.deepEqual(matched, ['Globex Corporation', 'Initech LLC', 'Wonka Industries Ltd']);
    assert.ok(overlapRows!.every((row) => row.Active__c === true && String(row.Last_Seen__c).startsWith('2026-11-01')));
    assert.equal(String(partners![0]!.Last_Overlap_Refresh__c).slice(0, 10), '2026-11-01');
    assert.ok(
      attributionRows!.every((row) => row.Status__c === 'Proposed'),
      'never approved automatically',
    );

    // The partner drops an account from its list: the overlap is deactivated, not deleted. The
    // new list comes from Excel on Windows in France (Windows-1252, semicolons): the accented
    // name is read as written.
    fs.writeFileSync(
      path.join(overlapsDir, 'ACME.csv'),
      Buffer.from(
        'Record ID;Record Name;Domain;Population\r\np-1;Globex Corp;globex.com;Customers\r\np-2;Initech Soci\xe9t\xe9;initech.com;Opportunities\r\n',
        'latin1',
      ),
    );
    try {
      await run(client, [overlapRefreshJob], 'Overlap Refresh');
      const [rows, renamed] = await queryMany(client, [
        { objectName: 'Account_Overlap__c', soql: "SELECT Active__c FROM Account_Overlap__c WHERE Partner_Record_Id__c = 'p-3'" },
        {
          objectName: 'Account_Overlap__c',
          soql: "SELECT Partner_Record_Name__c FROM Account_Overlap__c WHERE Partner_Record_Id__c = 'p-2'",
        },
      ]);
      assert.deepEqual(rows, [{ Active__c: false }]);
      assert.deepEqual(renamed, [{ Partner_Record_Name__c: 'Initech Société' }]);
    } finally {
      writePartnerLists(overlapsDir);
    }
  });
});

test('the full cycle runs every job', { timeout: 30_000 }, async () => {
  await withOrg(async (_org, client) => {
    const report = await run(client, allJobs(), 'Full Cycle');
    assert.deepEqual(
      report.jobs.map((job) => job.job),
      ['referral-check', 'overlaps', 'distribution', 'attribution'],
    );
    const [runs] = await queryMany(client, [
      {
        objectName: 'Sync_Run__c',
        soql: 'SELECT Job__c, Status__c, Api_Calls_Used__c, Records_Read__c, Conflicts_Found__c, Finished_At__c FROM Sync_Run__c',
      },
    ]);
    assert.equal(runs!.length, 1);
    assert.equal(runs![0]!.Status__c, 'Succeeded');
    assert.equal(runs![0]!.Api_Calls_Used__c, report.apiCalls, 'the run log counts every call, its own closing one included');
    assert.ok(runs![0]!.Finished_At__c);
  });
});
