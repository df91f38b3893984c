/**
 * Watch mode against the emulator's CometD endpoint: a referral submitted while the sidecar
 * watches is checked within 2 s (duplicate/conflict flag and recommendation on the record),
 * the sidecar's own write does not trigger another check, and the replay id is kept in the org.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/config.ts';
import { watchJobs } from '../../src/jobs/index.ts';
import { silentLogger } from '../../src/observability/logger.ts';
import { SidecarMetrics, startObservabilityServer } from '../../src/observability/metrics.ts';
import { queryMany } from '../../src/sync/composite-query.ts';
import type { RunReport } from '../../src/sync/sync-run.ts';
import { REFERRAL_CDC_STREAM, SidecarWatcher } from '../../src/sync/watcher.ts';
import { writeRecords } from '../../src/sync/write-back.ts';
import { connectTestClient, startTestOrg } from '../support/emulator-fixture.ts';
import { seedSmallOrg } from '../support/small-org.ts';

test('a referral submitted while watching is flagged within 2 seconds, once', { timeout: 30_000 }, async (t) => {
  const org = await startTestOrg();
  const submitter = await connectTestClient(org);
  const seeded = await seedSmallOrg(submitter);
  const client = await connectTestClient(org);
  const reports: { trigger: string; report: RunReport }[] = [];
  const metrics = new SidecarMetrics({ defaultMetrics: false });
  const watcher = new SidecarWatcher({
    client,
    metrics,
    config: loadConfig({ env: {}, overrides: { pollIntervalSeconds: 3600 } }),
    logger: silentLogger(),
    ...watchJobs(),
    onReport: (report, trigger) => reports.push({ trigger, report }),
  });
  const server = await startObservabilityServer(metrics, () => watcher.health, 0);
  try {
    assert.equal((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status, 503, 'not healthy before the first cycle');
    const first = await watcher.start();
    assert.equal(first.status, 'Succeeded');
    assert.equal(watcher.health.subscribed, true);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const submittedAt = Date.now();
    const result = await writeRecords(
      submitter,
      [
        {
          objectName: 'Partner_Referral__c',
          kind: 'upsert',
          externalIdField: 'Referral_Key__c',
          records: [
            {
              Referral_Key__c: 'T-LIVE-1',
              Channel_Partner__c: seeded.partners.bright,
              Company_Name__c: 'Initech',
              Company_Website__c: 'https://initech.com',
              Contact_First_Name__c: 'Bill',
              Contact_Last_Name__c: 'Lumbergh',
              Contact_Email__c: 'bill@initech.com',
              Status__c: 'Submitted',
              Submitted_At__c: new Date().toISOString(),
              Partner_Source__c: 'Partner Outbound',
              How_Met__c: 'Intro at a user group',
              Use_Case__c: 'Needs TPS report routing',
              Consent_Confirmed__c: true,
            },
          ],
        },
      ],
      { bulkIngestThreshold: 10_000 },
    );
    const id = result.ids.get('T-LIVE-1')!;
    let checked: Record<string, unknown> | undefined;
    while (Date.now() - submittedAt < 5000) {
      const [rows] = await queryMany(submitter, [
        {
          objectName: 'Partner_Referral__c',
          soql: `SELECT Id, Checked_At__c, Classification__c, Duplicate_Status__c, Recommendation__c, Status__c, Conflict__c FROM Partner_Referral__c WHERE Id = '${id}'`,
        },
      ]);
      if (rows?.[0]?.Checked_At__c) {
        checked = rows[0];
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const latencyMs = Date.now() - submittedAt;
    assert.ok(checked, 'the referral was checked');
    t.diagnostic(`submission to flag on the record: ${latencyMs} ms`);
    assert.ok(latencyMs <= 2000, `checked in ${latencyMs} ms`);
    assert.equal(checked.Status__c, 'In Review');
    assert.ok(checked.Recommendation__c, 'a recommendation is on the record');
    assert.notEqual(checked.Classification__c, 'New', 'Initech has an open opportunity and another partner: flagged');
    assert.ok(checked.Conflict__c, 'linked to its conflict');

    // Our own update raises a change event too; it must not start another check.
    await new Promise((resolve) => setTimeout(resolve, 800));
    await watcher.idle();
    assert.equal(
      reports.filter((entry) => entry.trigger === 'event').length,
      1,
      `event-triggered runs: ${reports.map((entry) => entry.trigger).join(', ')}`,
    );
    const [states] = await queryMany(submitter, [
      { objectName: 'Sync_State__c', soql: `SELECT Replay_Id__c FROM Sync_State__c WHERE Stream_Key__c = '${REFERRAL_CDC_STREAM}'` },
    ]);
    assert.ok(Number(states?.[0]?.Replay_Id__c) > 0, 'the replay id is saved in the org');

    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(Object.keys((await health.json()) as object).sort(), ['lastRunAt', 'lastRunStatus', 'status', 'subscribed']);
    const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    assert.match(text, /partner_sync_runs_total\{job="event",status="Succeeded"\} 1/);
    assert.match(text, /partner_sync_api_calls_total\{job="start"\} \d+/);
    assert.match(text, /partner_sync_referral_check_seconds_count 1/);
  } finally {
    await server.close();
    await watcher.stop();
    await org.close();
  }
});
