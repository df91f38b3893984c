import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateKeyPairSync } from 'node:crypto';
import { Connection } from 'jsforce';
import type { OrgEmulator } from '../src/index.ts';
import { TEST_CONSUMER_KEY, TEST_USERNAME, apiError, connect, jwtClaims, signJwt, startTestOrg } from './helpers.ts';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe('OAuth', () => {
  let org: OrgEmulator;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  it('logs in with the JWT bearer flow through jsforce and calls the API with the token', async () => {
    const conn = new Connection({ loginUrl: org.loginUrl, version: '63.0' });
    const userInfo = await conn.authorize({ grant_type: JWT_GRANT, assertion: signJwt(jwtClaims(org)) });
    assert.equal(conn.instanceUrl, org.instanceUrl);
    assert.match(userInfo.id, /^005/);
    assert.match(userInfo.organizationId, /^00D/);
    const identity = await conn.identity();
    assert.equal(identity.username, TEST_USERNAME);
    const result = await conn.query("SELECT Id, Username FROM User WHERE Username = '" + TEST_USERNAME + "'");
    assert.equal(result.totalSize, 1);
  });

  it('accepts a bare public key PEM as the connected app certificate', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyOrg = await startTestOrg({
      jwt: {
        consumerKey: 'key-only',
        certificatePem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        usernames: [TEST_USERNAME],
      },
    });
    try {
      const conn = new Connection({ loginUrl: keyOrg.loginUrl });
      const assertion = signJwt(jwtClaims(keyOrg, { iss: 'key-only' }), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
      await conn.authorize({ grant_type: JWT_GRANT, assertion });
      assert.ok(conn.accessToken);
    } finally {
      await keyOrg.close();
    }
  });

  const rejected = async (assertion: string) => {
    const response = await fetch(`${org.loginUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: JWT_GRANT, assertion }),
    });
    assert.equal(response.status, 400);
    return (await response.json()) as { error: string; error_description: string };
  };

  it('rejects a token signed by another key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const body = await rejected(signJwt(jwtClaims(org), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
    assert.equal(body.error, 'invalid_grant');
  });

  it('rejects an expired assertion, a wrong audience and an unknown user with invalid_grant', async () => {
    assert.equal((await rejected(signJwt(jwtClaims(org, { exp: Math.floor(Date.now() / 1000) - 3600 })))).error, 'invalid_grant');
    assert.equal((await rejected(signJwt(jwtClaims(org, { aud: 'https://example.com' })))).error, 'invalid_grant');
    assert.equal((await rejected(signJwt(jwtClaims(org, { sub: 'nobody@example.com' })))).error, 'invalid_grant');
    assert.equal((await rejected('not-a-jwt')).error, 'invalid_grant');
  });

  it('rejects an unknown consumer key as an org does (invalid_client_id)', async () => {
    assert.equal((await rejected(signJwt(jwtClaims(org, { iss: 'someone-else' })))).error, 'invalid_client_id');
  });

  it('answers 401 INVALID_SESSION_ID without a valid bearer token', async () => {
    const error = await apiError(connect(org, { accessToken: 'bogus' }).query('SELECT Id FROM Account'));
    assert.equal(error.errorCode, 'INVALID_SESSION_ID');
    const response = await fetch(`${org.instanceUrl}/services/data/v63.0/limits`);
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('refreshes an expired session with the refresh_token grant', async () => {
    const conn = new Connection({
      instanceUrl: org.instanceUrl,
      accessToken: org.issueAccessToken(),
      refreshToken: org.issueRefreshToken(),
      oauth2: { loginUrl: org.loginUrl, clientId: TEST_CONSUMER_KEY },
      version: '63.0',
    });
    const firstToken = conn.accessToken;
    org.faults.expireSession({ path: '/services/data/v63.0/query' });
    const result = await conn.query('SELECT Id FROM User');
    assert.ok(result.totalSize >= 1);
    assert.notEqual(conn.accessToken, firstToken);
  });

  it('re-logs in through a JWT refresh function when the session expires', async () => {
    let logins = 0;
    const conn = new Connection({
      instanceUrl: org.instanceUrl,
      accessToken: org.issueAccessToken(),
      version: '63.0',
      refreshFn: (c, callback) => {
        logins++;
        const login = new Connection({ loginUrl: org.loginUrl });
        login.authorize({ grant_type: JWT_GRANT, assertion: signJwt(jwtClaims(org)) }).then(
          () => callback(undefined, login.accessToken ?? undefined),
          (error: Error) => callback(error),
        );
        void c;
      },
    });
    org.faults.expireSession({ path: '/services/data/v63.0/query' });
    await conn.query('SELECT Id FROM User');
    assert.equal(logins, 1);
  });
});
