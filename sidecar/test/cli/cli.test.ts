/**
 * The partner-sync command line: help for every command, clear errors with exit code 2 for
 * bad input and configuration, `submit` and `status` against an emulated org, and the quick
 * start's `demo --once` through the real bin.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { commandNames, runCli } from '../../src/cli/main.ts';
import { queryMany } from '../../src/sync/composite-query.ts';
import { connectTestClient, startTestOrg, TEST_CLIENT_ID, TEST_USERNAME, testKeys } from '../support/emulator-fixture.ts';
import { seedSmallOrg } from '../support/small-org.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function captureIo(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (chunks: string[]) =>
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    });
  return { io: { stdout: sink(out), stderr: sink(err), env }, stdout: () => out.join(''), stderr: () => err.join('') };
}

test('--help lists every command; each command has its own --help', async () => {
  const main = captureIo();
  assert.equal(await runCli(['--help'], main.io), 0);
  for (const name of ['run', 'watch', 'check', 'overlaps', 'attribute', 'report', 'status', 'match', 'demo', 'submit'])
    assert.match(main.stdout(), new RegExp(`\\n  ${name} `), name);
  for (const name of commandNames()) {
    const one = captureIo();
    assert.equal(await runCli([name, '--help'], one.io), 0, name);
    assert.match(one.stdout(), new RegExp(`Usage: partner-sync ${name}`), name);
  }
});

test('no command, an unknown command or an unknown flag exits 2 with a message', async () => {
  assert.equal(await runCli([], captureIo().io), 2);
  const unknown = captureIo();
  assert.equal(await runCli(['frobnicate'], unknown.io), 2);
  assert.match(unknown.stderr(), /unknown command "frobnicate"/);
  const badFlag = captureIo();
  assert.equal(await runCli(['run', '--bogus'], badFlag.io), 2);
  assert.match(badFlag.stderr(), /bogus/);
});

test('a bad setting is named in the error', async () => {
  const bad = captureIo({ PARTNER_SYNC_API_CALL_BUDGET: 'lots' });
  assert.equal(await runCli(['run'], bad.io), 2);
  assert.match(bad.stderr(), /apiCallBudget \(PARTNER_SYNC_API_CALL_BUDGET\)/);
  const jwt = captureIo({
    PARTNER_SYNC_CONNECTION: 'jwt',
    PARTNER_SYNC_LOGIN_URL: 'https://login.salesforce.com',
    PARTNER_SYNC_CLIENT_ID: 'x',
    PARTNER_SYNC_USERNAME: 'u@example.com',
  });
  assert.equal(await runCli(['run'], jwt.io), 2);
  assert.match(jwt.stderr(), /PARTNER_SYNC_JWT_KEY_FILE/);
});

test('without a running emulator the commands say how to start one', async () => {
  const missing = captureIo();
  assert.equal(await runCli(['status', '--emulator-dir', path.join(os.tmpdir(), 'no-such-emulator-dir')], missing.io), 2);
  assert.match(missing.stderr(), /no running org emulator found.*npm start/s);
});

test('--target-org with an alias the Salesforce CLI does not know fails clearly', { timeout: 60_000 }, async () => {
  const unknown = captureIo(process.env);
  assert.equal(await runCli(['check', '--target-org', 'partner-sync-no-such-alias'], unknown.io), 2);
  assert.match(
    unknown.stderr(),
    /--target-org partner-sync-no-such-alias: the Salesforce CLI cannot use this org \(NamedOrgNotFoundError: .*No authorization information found/,
  );
  assert.match(unknown.stderr(), /sf org login web --alias partner-sync-no-such-alias/);
});

test('submit creates a referral in the target org; status shows the runs', { timeout: 30_000 }, async () => {
  const org = await startTestOrg();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-sync-emulator-'));
  try {
    const client = await connectTestClient(org);
    await seedSmallOrg(client);
    fs.writeFileSync(path.join(dir, 'key.pem'), testKeys().privateKeyPem);
    fs.writeFileSync(
      path.join(dir, 'connection.json'),
      JSON.stringify({
        instanceUrl: org.instanceUrl,
        loginUrl: org.loginUrl,
        clientId: TEST_CLIENT_ID,
        username: TEST_USERNAME,
        privateKeyFile: 'key.pem',
      }),
    );
    const submit = captureIo();
    assert.equal(
      await runCli(
        [
          'submit',
          '--company',
          'Northwind Traders',
          '--website',
          'northwindtraders.com',
          '--partner',
          'BRIGHT',
          '--need',
          'Lead routing',
          '--wait',
          '0',
          '--emulator-dir',
          dir,
        ],
        submit.io,
      ),
      0,
      submit.stderr(),
    );
    assert.match(submit.stdout(), /Submitted referral CLI-/);
    const [rows] = await queryMany(client, [
      {
        objectName: 'Partner_Referral__c',
        soql: "SELECT Company_Name__c, Company_Domain__c, Status__c, Contact_Email__c FROM Partner_Referral__c WHERE Company_Name__c = 'Northwind Traders'",
      },
    ]);
    assert.deepEqual(rows, [
      {
        Company_Name__c: 'Northwind Traders',
        Company_Domain__c: 'northwindtraders.com',
        Status__c: 'Submitted',
        Contact_Email__c: 'contact@northwindtraders.com',
      },
    ]);

    const badPartner = captureIo();
    assert.equal(await runCli(['submit', '--company', 'X', '--partner', 'NOPE', '--wait', '0', '--emulator-dir', dir], badPartner.io), 2);
    assert.match(badPartner.stderr(), /--partner NOPE: no Channel_Partner__c/);

    const run = captureIo();
    assert.equal(await runCli(['check', '--emulator-dir', dir], run.io), 0, run.stderr());
    assert.match(run.stdout(), /^Succeeded in .* API calls \d+ \(org counted \d+\)/);
    const status = captureIo();
    assert.equal(await runCli(['status', '--emulator-dir', dir], status.io), 0, status.stderr());
    assert.match(status.stdout(), /Referral Check\s+Succeeded/);
    assert.match(status.stdout(), /referral-check\s+watermark 20/);
    assert.match(status.stdout(), /Daily API requests: \d+ of 100000 used/);

    assert.equal(await runCli(['attribute', '--emulator-dir', dir], captureIo().io), 0);
    const report = captureIo();
    assert.equal(await runCli(['report', 'attribution', '--format', 'csv', '--emulator-dir', dir], report.io), 0, report.stderr());
    assert.match(
      report.stdout(),
      /^partner_id,partner,referrals,pipeline,won,revenue,commission,win_rate/,
      report.stdout() + report.stderr(),
    );
    assert.match(report.stdout(), /Acme Partners/);
  } finally {
    await org.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('demo --once starts the emulator, runs one cycle, prints what it did and exits 0', { timeout: 220_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-sync-demo-'));
  const demoArgs = [
    path.join(repoRoot, 'sidecar/bin/partner-sync.js'),
    'demo',
    '--once',
    '--scale',
    'small',
    '--port',
    '0',
    '--dir',
    dir,
    '--metrics-port',
    '0',
  ];
  try {
    const result = spawnSync(process.execPath, demoArgs, { cwd: repoRoot, encoding: 'utf8', timeout: 110_000 });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Org emulator with the demo org on http:\/\/127\.0\.0\.1:\d+/);
    assert.match(result.stdout, /First cycle:/);
    for (const figure of [
      'records read',
      'duplicates flagged',
      'conflicts found',
      'recommendations made',
      'attributions written',
      'API calls used',
    ])
      assert.match(result.stdout, new RegExp(`${figure}\\s+\\d+`));
    assert.match(result.stdout, /status\s+Succeeded/);
    assert.match(result.stdout, /channel conflicts\s+\d+ open/);
    assert.doesNotMatch(result.stdout, /conflicts found\s+0\n/, 'the demo org has conflicts to find');
    assert.ok(!fs.existsSync(path.join(dir, 'connection.json')), 'the connection file is removed on exit');
    assert.ok(fs.existsSync(path.join(dir, 'org.sqlite')), 'the demo org persists');
    // A second start works on the same org: its first cycle says its figures are only what changed.
    const again = spawnSync(process.execPath, demoArgs, { cwd: repoRoot, encoding: 'utf8', timeout: 110_000 });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /First cycle \(on the org of an earlier run: only what changed since; --fresh starts anew\):/);
    assert.match(again.stdout, /channel conflicts\s+[1-9]\d* open/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
