/**
 * A real client that is not ours: the Salesforce CLI (`sf`) logs in to the emulator with an
 * access token and runs `sf data query`, which reads the Organization record, discovers API
 * versions through the instance URL it stores with a trailing slash, and asks for column
 * metadata (`query?columns=true`) before the query itself.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { OrgEmulator } from '../src/index.ts';
import { connect, startTestOrg } from './helpers.ts';

const run = promisify(execFile);
const SF = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', '.bin', 'sf');
let org: OrgEmulator;
let home: string;

before(async () => {
  org = await startTestOrg({ port: 0 });
  home = mkdtempSync(path.join(tmpdir(), 'sf-home-'));
});
after(async () => {
  await org.close();
  rmSync(home, { recursive: true, force: true });
});

function sf(args: string[]) {
  const env = {
    ...process.env,
    HOME: home,
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_ACCESS_TOKEN: org.issueAccessToken(),
  };
  return run(SF, args, { env, timeout: 60_000 });
}

test('the REST details the CLI relies on', async () => {
  const conn = connect(org);
  const organization = await conn.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Organization');
  assert.equal(organization.records[0]!.Id, org.orgId);
  const columns = (await conn.request(
    `/services/data/v63.0/query?q=${encodeURIComponent('SELECT Name, Owner.Name FROM Account')}&columns=true`,
  )) as {
    columnMetadata: { columnName: string; joinColumns: { columnName: string }[] }[];
  };
  assert.deepEqual(
    columns.columnMetadata.map((c) => [c.columnName, c.joinColumns.map((j) => j.columnName)]),
    [
      ['Name', []],
      ['Owner', ['Name']],
    ],
  );
  const doubled = await fetch(`${org.instanceUrl}//services/data`, { headers: { Authorization: `Bearer ${org.issueAccessToken()}` } });
  assert.equal(doubled.status, 200);
});

test('sf org login access-token and sf data query work unchanged', { timeout: 120_000 }, async () => {
  await sf(['org', 'login', 'access-token', '--instance-url', org.instanceUrl, '--no-prompt', '--alias', 'emulator']);
  const conn = connect(org);
  await conn.sobject('Account').create({ Name: 'Globex Corporation', Website: 'globex.com' });
  const { stdout } = await sf(['data', 'query', '--query', 'SELECT Name, Website FROM Account', '--target-org', 'emulator', '--json']);
  const result = JSON.parse(stdout) as { status: number; result: { totalSize: number; records: { Name: string }[] } };
  assert.equal(result.status, 0);
  assert.deepEqual(
    result.result.records.map((r) => r.Name),
    ['Globex Corporation'],
  );
});
