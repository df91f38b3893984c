/** Configuration: defaults < file < environment < flags, and errors that name the setting. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

test('defaults, then the file, then the environment, then flags', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-sync-config-'));
  const file = path.join(dir, 'sidecar.json');
  fs.writeFileSync(file, JSON.stringify({ apiCallBudget: 100, pollIntervalSeconds: 30, retry: { maxAttempts: 3 } }));
  assert.equal(loadConfig({ env: {} }).apiCallBudget, 5000);
  const fromFile = loadConfig({ env: { PARTNER_SYNC_CONFIG: file } });
  assert.equal(fromFile.apiCallBudget, 100);
  assert.deepEqual(fromFile.retry, { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 30000 });
  const fromEnv = loadConfig({ env: { PARTNER_SYNC_CONFIG: file, PARTNER_SYNC_API_CALL_BUDGET: '200' } });
  assert.equal(fromEnv.apiCallBudget, 200);
  assert.equal(fromEnv.pollIntervalSeconds, 30);
  assert.equal(loadConfig({ env: { PARTNER_SYNC_API_CALL_BUDGET: '200' }, overrides: { apiCallBudget: '300' } }).apiCallBudget, 300);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the connection follows from what is configured', () => {
  assert.equal(loadConfig({ env: {} }).connection, 'emulator');
  assert.equal(loadConfig({ env: {}, overrides: { targetOrg: 'myOrg' } }).connection, 'sf-cli');
  const jwt = loadConfig({
    env: {
      PARTNER_SYNC_LOGIN_URL: 'https://login.salesforce.com',
      PARTNER_SYNC_CLIENT_ID: '3MVG9x',
      PARTNER_SYNC_USERNAME: 'int@example.com',
      PARTNER_SYNC_JWT_KEY_FILE: 'server.key',
    },
  });
  assert.equal(jwt.connection, 'jwt');
  assert.equal(jwt.jwt?.privateKeyFile, 'server.key');
});

test('errors name every bad setting and its environment variable', () => {
  assert.throws(
    () => loadConfig({ env: { PARTNER_SYNC_API_CALL_BUDGET: '-1', PARTNER_SYNC_LOG_LEVEL: 'loud', PARTNER_SYNC_API_VERSION: 'v63' } }),
    (error: Error) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /apiCallBudget \(PARTNER_SYNC_API_CALL_BUDGET\): /);
      assert.match(error.message, /logLevel \(PARTNER_SYNC_LOG_LEVEL\): /);
      assert.match(error.message, /apiVersion \(PARTNER_SYNC_API_VERSION\): expected a version like 63.0/);
      return true;
    },
  );
  assert.throws(
    () =>
      loadConfig({
        env: { PARTNER_SYNC_LOGIN_URL: 'https://login.salesforce.com', PARTNER_SYNC_CLIENT_ID: 'x', PARTNER_SYNC_USERNAME: 'u' },
      }),
    /jwt.privateKeyFile \(PARTNER_SYNC_JWT_KEY_FILE\): set a private key/,
  );
  assert.throws(() => loadConfig({ env: { PARTNER_SYNC_CONNECTION: 'sf-cli' } }), /targetOrg \(PARTNER_SYNC_TARGET_ORG\)/);
  assert.throws(() => loadConfig({ env: {}, file: '/no/such/sidecar.json' }), /config file \/no\/such\/sidecar.json: ENOENT/);
});
