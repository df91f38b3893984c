/**
 * The org client over real HTTP with jsforce: JWT login and re-login, retries of idempotent
 * calls only, the daily limit and the run budget, and the call count cross-checked with the
 * org's own (Sforce-Limit-Info).
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import type { OrgEmulator } from '@partner-lead-sync/org-emulator';
import { ApiCallMeter } from '../../src/org/api-call-meter.ts';
import { ApiLimitReached, BudgetExhausted, classifyFailure, OrgApiError } from '../../src/org/api-errors.ts';
import { connectWithJwt } from '../../src/org/connect.ts';
import { JwtAuthError } from '../../src/org/jwt-bearer.ts';
import { backoffDelay, retryPolicy } from '../../src/org/retry-policy.ts';
import { displaySfCliOrg, SfCliOrgError } from '../../src/org/sf-cli-org.ts';
import { connectTestClient, startTestOrg, TEST_CLIENT_ID, TEST_USERNAME, testKeys } from '../support/emulator-fixture.ts';

let org: OrgEmulator;
before(async () => {
  org = await startTestOrg();
});
after(() => org.close());

test('failures are classified: transient, daily limit, or fatal', () => {
  assert.equal(classifyFailure({ errorCode: 'UNABLE_TO_LOCK_ROW' }), 'retryable');
  assert.equal(classifyFailure({ errorCode: 'SERVER_UNAVAILABLE' }, 503), 'retryable');
  assert.equal(classifyFailure({ errorCode: 'REQUEST_LIMIT_EXCEEDED' }, 429), 'retryable', 'a 429 is a concurrency limit');
  assert.equal(classifyFailure({ errorCode: 'REQUEST_LIMIT_EXCEEDED' }, 403), 'api-limit');
  assert.equal(classifyFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })), 'retryable');
  assert.equal(classifyFailure({ errorCode: 'INVALID_FIELD' }, 400), 'fatal');
  assert.equal(classifyFailure(new BudgetExhausted(5)), 'fatal');
});

test('backoff doubles per attempt with jitter in [cap/2, cap], capped', () => {
  const low = retryPolicy({ baseDelayMs: 500, maxDelayMs: 4000, random: () => 0 });
  const high = retryPolicy({ baseDelayMs: 500, maxDelayMs: 4000, random: () => 0.999999 });
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((attempt) => backoffDelay(low, attempt)),
    [250, 500, 1000, 2000, 2000],
  );
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((attempt) => backoffDelay(high, attempt)),
    [500, 1000, 2000, 4000, 4000],
  );
});

test('an idempotent call is retried on 503 with backoff; every attempt is counted, as the org counts it', async () => {
  const delays: number[] = [];
  const client = await connectTestClient(org, {
    sleep: async (ms) => void delays.push(ms),
    random: () => 0.5,
    baseDelayMs: 100,
    maxDelayMs: 10_000,
    maxAttempts: 6,
  });
  const meter = new ApiCallMeter({ budget: 100 });
  client.startRun(meter);
  const before = org.apiCallsUsed();
  const fault = org.faults.serviceUnavailable({ method: 'GET', times: 2 });
  const limits = await client.get<Record<string, unknown>>('/limits');
  assert.ok(limits.DailyApiRequests);
  assert.equal(fault.fired, 2);
  assert.deepEqual(delays, [75, 150]);
  assert.equal(meter.used, 3);
  // The org does not count the attempts it refused; we count every request we sent.
  assert.equal(org.apiCallsUsed() - before, meter.used - fault.fired, 'our count matches the org');
  await client.get('/limits');
  assert.equal(meter.orgCountedCalls, meter.used - fault.fired, 'and Sforce-Limit-Info agrees');
});

test('a call that is not idempotent is not retried', async () => {
  const client = await connectTestClient(org);
  const fault = org.faults.serviceUnavailable({ method: 'POST', path: /\/sobjects\/Account$/, times: 3 });
  await assert.rejects(
    client.request({ method: 'POST', url: '/sobjects/Account', body: JSON.stringify({ Name: 'Once Only' }) }, { idempotent: false }),
    (error: OrgApiError) => error.status === 503,
  );
  assert.equal(fault.fired, 1);
  fault.remove();
});

test('REQUEST_LIMIT_EXCEEDED (403) stops at once; the budget stops before the call is sent', async () => {
  const client = await connectTestClient(org);
  const fault = org.faults.respondWith(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], {
    times: 1,
  });
  await assert.rejects(client.get('/limits'), ApiLimitReached);
  assert.equal(fault.fired, 1);
  client.startRun(new ApiCallMeter({ budget: 1 }));
  await client.get('/limits');
  const seen = org.faults.callsSeen();
  await assert.rejects(client.get('/limits'), BudgetExhausted);
  assert.equal(org.faults.callsSeen(), seen, 'nothing was sent');
});

test('an expired session is renewed with a freshly signed JWT', async () => {
  const client = await connectTestClient(org);
  const firstToken = client.connection.accessToken;
  org.faults.expireSession({ times: 1 });
  await client.get('/limits');
  assert.notEqual(client.connection.accessToken, firstToken);
});

test('JWT login failures name the user and the reason, never the key', async () => {
  const otherKey = crypto
    .generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  await assert.rejects(
    connectWithJwt({ loginUrl: org.loginUrl, clientId: TEST_CLIENT_ID, username: TEST_USERNAME, privateKeyPem: otherKey }, '63.0'),
    (error: Error) => {
      assert.ok(error instanceof JwtAuthError);
      assert.match(error.message, /JWT bearer login as sidecar@partner-lead-sync.test .* failed: invalid_grant/);
      assert.doesNotMatch(error.message, /PRIVATE KEY/);
      return true;
    },
  );
  await assert.rejects(
    connectWithJwt(
      { loginUrl: org.loginUrl, clientId: 'WrongApp', username: TEST_USERNAME, privateKeyPem: testKeys().privateKeyPem },
      '63.0',
    ),
    /invalid_client_id/,
  );
  await assert.rejects(
    connectWithJwt({ loginUrl: org.loginUrl, clientId: TEST_CLIENT_ID, username: TEST_USERNAME, privateKeyPem: 'not a key' }, '63.0'),
    /not a valid PEM private key/,
  );
});

test('an sf CLI alias: token and instance from `sf org display --json`, clear errors otherwise', async () => {
  const ok = await displaySfCliOrg('myOrg', async () => ({
    exitCode: 0,
    stderr: '',
    stdout: JSON.stringify({
      status: 0,
      result: {
        accessToken: '00Dx!token',
        instanceUrl: 'https://example.my.salesforce.com',
        username: 'admin@example.com',
        apiVersion: '63.0',
        connectedStatus: 'Connected',
      },
    }),
  }));
  assert.deepEqual(ok, {
    accessToken: '00Dx!token',
    instanceUrl: 'https://example.my.salesforce.com',
    username: 'admin@example.com',
    apiVersion: '63.0',
  });
  await assert.rejects(
    displaySfCliOrg('gone', async () => ({
      exitCode: 1,
      stderr: '',
      stdout: JSON.stringify({ status: 1, name: 'NamedOrgNotFoundError', message: 'No authorization information found for gone.' }),
    })),
    (error: Error) =>
      error instanceof SfCliOrgError &&
      /--target-org gone: .*NamedOrgNotFoundError: No authorization information found for gone\..*sf org login web --alias gone/.test(
        error.message,
      ),
  );
  await assert.rejects(
    displaySfCliOrg('expired', async () => ({
      exitCode: 0,
      stderr: '',
      stdout: JSON.stringify({ status: 0, result: { connectedStatus: 'RefreshTokenAuthError' } }),
    })),
    /no access token .*status: RefreshTokenAuthError/,
  );
  await assert.rejects(
    displaySfCliOrg('broken', async () => ({ exitCode: 127, stderr: 'sf: not found', stdout: '' })),
    /no readable answer \(exit 127: sf: not found\)/,
  );
});
