/**
 * Each fault class the org can throw at the sidecar, injected by the emulator in the middle of
 * a full cycle: the run survives it (or stops cleanly and the next run finishes), and the org
 * ends exactly as after a clean cycle.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FaultHandle, OrgEmulator } from '@partner-lead-sync/org-emulator';
import { loadConfig, type SidecarConfig } from '../../src/config/config.ts';
import { allJobs } from '../../src/jobs/index.ts';
import { silentLogger } from '../../src/observability/logger.ts';
import type { OrgClient } from '../../src/org/org-client.ts';
import { queryMany } from '../../src/sync/composite-query.ts';
import { runSync, type RunReport } from '../../src/sync/sync-run.ts';
import { connectTestClient, seededOrgTemplate } from '../support/emulator-fixture.ts';
import { canonicalDump } from '../support/org-dump.ts';
import { seedSmallOrg, writePartnerLists } from '../support/small-org.ts';

const baseConfig = loadConfig({ env: {} });
const overlapsDir = writePartnerLists(fs.mkdtempSync(path.join(os.tmpdir(), 'partner-lists-')));
let template: Awaited<ReturnType<typeof seededOrgTemplate>>;
let expected: Record<string, unknown[]>;

function cycle(client: OrgClient, config: SidecarConfig = baseConfig): Promise<RunReport> {
  return runSync({ client, config, jobs: allJobs(), runJob: 'Full Cycle', logger: silentLogger(), overlapsDir, sleep: async () => {} });
}

async function withOrg(body: (org: OrgEmulator, client: OrgClient) => Promise<void>): Promise<void> {
  const org = await template.startCopy();
  try {
    await body(org, await connectTestClient(org));
  } finally {
    await org.close();
  }
}

before(async () => {
  template = await seededOrgTemplate(seedSmallOrg);
  await withOrg(async (_org, client) => {
    assert.equal((await cycle(client)).status, 'Succeeded');
    expected = await canonicalDump(client);
  });
});
after(() => template.cleanup());

describe('transient faults are retried and the cycle succeeds', () => {
  const cases: [string, (org: OrgEmulator) => FaultHandle][] = [
    ['503 Service Unavailable on writes', (org) => org.faults.serviceUnavailable({ method: 'POST', after: 2, times: 2 })],
    ['503 on the first calls (run log, reads)', (org) => org.faults.serviceUnavailable({ times: 3 })],
    ['429 Too Many Requests', (org) => org.faults.tooManyRequests({ after: 1, times: 3 })],
    ['UNABLE_TO_LOCK_ROW', (org) => org.faults.unableToLockRow({ after: 2, times: 3 })],
    ['401 session expiry (re-auth by a new JWT)', (org) => org.faults.expireSession({ after: 3 })],
    ['slow responses', (org) => org.faults.slow(150, { times: 4 })],
    ['connection dropped before the request is processed', (org) => org.faults.dropConnection({ after: 4 }, 'before')],
    ['connection dropped after a write committed', (org) => org.faults.dropConnection({ method: 'POST', after: 3 }, 'after')],
  ];
  for (const [name, inject] of cases) {
    test(name, { timeout: 30_000 }, async () => {
      await withOrg(async (org, client) => {
        const fault = inject(org);
        const report = await cycle(client);
        assert.ok(fault.fired > 0, 'the fault fired');
        assert.equal(report.status, 'Succeeded', report.errorMessage);
        assert.deepEqual(await canonicalDump(client), expected);
      });
    });
  }
});

test('REQUEST_LIMIT_EXCEEDED stops the run cleanly; the next run resumes and finishes', { timeout: 30_000 }, async () => {
  await withOrg(async (org, client) => {
    const limit = org.faults.respondWith(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], {
      after: 5,
      times: Number.POSITIVE_INFINITY,
    });
    const stopped = await cycle(client);
    assert.equal(stopped.status, 'Stopped at API Limit');
    assert.ok(stopped.apiCalls <= 7, `stopped promptly (${stopped.apiCalls} calls)`);
    limit.remove();
    const resumed = await cycle(client);
    assert.equal(resumed.status, 'Succeeded');
    assert.deepEqual(await canonicalDump(client), expected);
  });
});

test('the per-run API budget stops the run cleanly ("Stopped at Budget"); the next run finishes', { timeout: 30_000 }, async () => {
  await withOrg(async (_org, client) => {
    const stopped = await cycle(client, { ...baseConfig, apiCallBudget: 6 });
    assert.equal(stopped.status, 'Stopped at Budget');
    const [runs] = await queryMany(client, [
      { objectName: 'Sync_Run__c', soql: "SELECT Status__c, Api_Calls_Used__c FROM Sync_Run__c WHERE Status__c = 'Stopped at Budget'" },
    ]);
    assert.equal(runs?.length, 1, 'the stop is in the run log');
    const resumed = await cycle(client);
    assert.equal(resumed.status, 'Succeeded');
    assert.deepEqual(await canonicalDump(client), expected);
  });
});

test('records that keep failing are kept in Sync_Error__c with their payload and re-sent next run', { timeout: 30_000 }, async () => {
  await withOrg(async (org, client) => {
    // Every referral update fails with a row lock, beyond the retries of this run.
    const lock = org.faults.unableToLockRow({ method: 'POST', path: /\/composite$/, after: 5, times: 6 });
    const partial = await cycle(client);
    lock.remove();
    assert.equal(partial.status, 'Partial');
    assert.ok(partial.counts.recordsFailed > 0);
    const [pending] = await queryMany(client, [
      {
        objectName: 'Sync_Error__c',
        soql: "SELECT Error_Key__c, Record_Key__c, Error_Code__c, Payload__c, Attempts__c, Target_Object__c FROM Sync_Error__c WHERE Status__c = 'Pending Retry'",
      },
    ]);
    assert.ok(pending!.length > 0, 'failures are recorded');
    for (const error of pending!) {
      assert.equal(error.Error_Code__c, 'UNABLE_TO_LOCK_ROW');
      assert.ok(error.Record_Key__c, 'names the record');
      assert.ok(JSON.parse(String(error.Payload__c)).record, 'keeps the payload');
    }
    for (let run = 0; run < 3; run++) {
      const next = await cycle(client);
      assert.equal(next.status, 'Succeeded', next.errorMessage);
    }
    const [left] = await queryMany(client, [
      { objectName: 'Sync_Error__c', soql: "SELECT Id FROM Sync_Error__c WHERE Status__c = 'Pending Retry'" },
    ]);
    assert.equal(left!.length, 0, 'every failed record was re-sent');
    assert.deepEqual(await canonicalDump(client), expected);
  });
});
