/**
 * Kill the sidecar after the k-th API call of a full cycle, for every k, then run it again:
 * the org must end exactly as after one uninterrupted cycle — nothing lost, nothing twice.
 * Each k starts from an identical copy of the same seeded org.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config/config.ts';
import { allJobs } from '../../src/jobs/index.ts';
import { silentLogger } from '../../src/observability/logger.ts';
import { ProcessKilled } from '../../src/org/api-errors.ts';
import { runSync, type RunReport } from '../../src/sync/sync-run.ts';
import { connectTestClient, seededOrgTemplate } from '../support/emulator-fixture.ts';
import { canonicalDump } from '../support/org-dump.ts';
import { seedSmallOrg, writePartnerLists } from '../support/small-org.ts';

const config = loadConfig({ env: {} });
const overlapsDir = writePartnerLists(fs.mkdtempSync(path.join(os.tmpdir(), 'partner-lists-')));
let template: Awaited<ReturnType<typeof seededOrgTemplate>>;

before(async () => {
  template = await seededOrgTemplate(seedSmallOrg);
});
after(() => template.cleanup());

async function cycle(client: Awaited<ReturnType<typeof connectTestClient>>, killAfterCall?: number): Promise<RunReport> {
  return runSync({
    client,
    config,
    jobs: allJobs(),
    runJob: 'Full Cycle',
    logger: silentLogger(),
    overlapsDir,
    sleep: async () => {},
    ...(killAfterCall ? { killAfterCall } : {}),
  });
}

test('a cycle killed after any API call and run again leaves the org as one clean cycle does', { timeout: 120_000 }, async () => {
  const reference = await template.startCopy();
  const referenceClient = await connectTestClient(reference);
  const clean = await cycle(referenceClient);
  assert.equal(clean.status, 'Succeeded');
  const expected = await canonicalDump(referenceClient);
  await reference.close();
  assert.ok(
    expected.Channel_Conflict__c!.length > 0 && expected.Account_Overlap__c!.length > 0 && expected.Partner_Attribution__c!.length > 0,
    'the cycle wrote conflicts, overlaps and attributions',
  );
  const calls = clean.apiCalls;
  assert.ok(calls >= 8, `a full cycle makes several calls (${calls})`);

  for (let k = 1; k < calls; k++) {
    const org = await template.startCopy();
    try {
      const client = await connectTestClient(org);
      await assert.rejects(cycle(client, k), ProcessKilled, `kill after call ${k}`);
      // A new process: new connection, nothing kept in memory.
      const restarted = await connectTestClient(org);
      const rerun = await cycle(restarted);
      assert.equal(rerun.status, 'Succeeded', `re-run after a kill at call ${k}: ${rerun.errorMessage ?? ''}`);
      assert.deepEqual(await canonicalDump(restarted), expected, `org after a kill at call ${k} differs from a clean cycle`);
    } finally {
      await org.close();
    }
  }
});

test('a second cycle in a row writes nothing new', { timeout: 60_000 }, async () => {
  const org = await template.startCopy();
  try {
    const client = await connectTestClient(org);
    const first = await cycle(client);
    assert.ok(first.counts.recordsWritten > 0);
    const before = await canonicalDump(client);
    const second = await cycle(client);
    assert.equal(second.status, 'Succeeded');
    assert.equal(
      second.counts.recordsWritten,
      0,
      `second cycle wrote ${second.counts.recordsWritten} records: ${JSON.stringify(second.jobs)}`,
    );
    assert.deepEqual(await canonicalDump(client), before);
  } finally {
    await org.close();
  }
});
