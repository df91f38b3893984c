import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Connection } from 'jsforce';
import type { OrgEmulator } from '../src/index.ts';
import { apiError, connect, startTestOrg } from './helpers.ts';

describe('fault injection', () => {
  let org: OrgEmulator;
  let conn: Connection;
  before(async () => {
    org = await startTestOrg();
    conn = connect(org);
  });
  afterEach(() => org.faults.clear());
  after(() => org.close());

  const fetchLimits = () =>
    fetch(`${org.instanceUrl}/services/data/v63.0/limits`, { headers: { authorization: `Bearer ${org.issueAccessToken()}` } });

  it('answers 503 on the next matching call only (jsforce retries a GET itself, not a POST)', async () => {
    const write = org.faults.serviceUnavailable({ method: 'POST', path: '/services/data/v63.0/sobjects/Account' });
    const error = await apiError(conn.sobject('Account').create({ Name: 'Unavailable' }));
    assert.equal(error.errorCode, 'SERVER_UNAVAILABLE');
    assert.equal(write.fired, 1);
    assert.ok((await conn.sobject('Account').create({ Name: 'Available' })).success);
    const read = org.faults.serviceUnavailable({ path: '/services/data/v63.0/query' });
    assert.equal((await conn.query("SELECT Id FROM Account WHERE Name = 'Unavailable'")).totalSize, 0);
    assert.equal(read.fired, 1);
  });

  it('answers 429 with Retry-After after the first n matching calls', async () => {
    org.faults.tooManyRequests({ after: 2, times: 2 }, 7);
    assert.equal((await fetchLimits()).status, 200);
    assert.equal((await fetchLimits()).status, 200);
    const limited = await fetchLimits();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal((await fetchLimits()).status, 429);
    assert.equal((await fetchLimits()).status, 200);
  });

  it('fails DML with UNABLE_TO_LOCK_ROW as the org does per endpoint, writing nothing', async () => {
    org.faults.unableToLockRow({ times: 2 });
    const single = await apiError(conn.sobject('Account').create({ Name: 'Locked' }));
    assert.equal(single.errorCode, 'UNABLE_TO_LOCK_ROW');
    const collection = await conn.requestPost<{ success: boolean; errors: { statusCode: string }[] }[]>(
      '/services/data/v63.0/composite/sobjects',
      {
        records: [{ attributes: { type: 'Account' }, Name: 'Locked 2' }],
      },
    );
    assert.equal(collection[0]!.errors[0]!.statusCode, 'UNABLE_TO_LOCK_ROW');
    assert.equal((await conn.query("SELECT Id FROM Account WHERE Name LIKE 'Locked%'")).totalSize, 0);
    assert.ok((await conn.sobject('Account').create({ Name: 'Unlocked' })).success);
  });

  it('fails every row of a Bulk ingest job with UNABLE_TO_LOCK_ROW when the upload hits the fault', async () => {
    org.faults.unableToLockRow({ method: 'PATCH', path: '/services/data/v63.0/jobs/ingest/' });
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: 'Name\nBulk Locked 1\nBulk Locked 2',
      pollInterval: 20,
      pollTimeout: 10_000,
    });
    assert.equal(results.successfulResults.length, 0);
    assert.deepEqual(
      results.failedResults.map((r) => r.sf__Error.split(':')[0]),
      ['UNABLE_TO_LOCK_ROW', 'UNABLE_TO_LOCK_ROW'],
    );
    assert.equal((await conn.query("SELECT Id FROM Account WHERE Name LIKE 'Bulk Locked%'")).totalSize, 0);
  });

  it('slows responses without failing them', async () => {
    org.faults.slow(300, { path: '/services/data/v63.0/limits', times: 1 });
    const started = Date.now();
    assert.equal((await fetchLimits()).status, 200);
    assert.ok(Date.now() - started >= 290);
  });

  it('drops the connection before processing: nothing is written', async () => {
    org.faults.dropConnection({ method: 'POST', path: '/services/data/v63.0/sobjects/Account' });
    await assert.rejects(conn.sobject('Account').create({ Name: 'Dropped before' }));
    assert.equal((await conn.query("SELECT Id FROM Account WHERE Name = 'Dropped before'")).totalSize, 0);
  });

  it('drops the connection after processing: the write commits but the client never hears', async () => {
    org.faults.dropConnection({ method: 'POST', path: '/services/data/v63.0/sobjects/Account' }, 'after');
    await assert.rejects(conn.sobject('Account').create({ Name: 'Dropped after' }));
    assert.equal((await conn.query("SELECT Id FROM Account WHERE Name = 'Dropped after'")).totalSize, 1);
  });

  it('kills the org after the k-th call until cleared, and tells a test when the k-th call is done', async () => {
    const start = org.faults.callsSeen();
    const third = org.faults.waitForCall(start + 3);
    const kill = org.faults.killAfter(3);
    for (let i = 0; i < 3; i++) assert.equal((await fetchLimits()).status, 200);
    const observed = await third;
    assert.equal(observed.path, '/services/data/v63.0/limits');
    await assert.rejects(fetchLimits());
    await assert.rejects(fetchLimits());
    assert.equal(kill.fired, 2);
    kill.remove();
    assert.equal((await fetchLimits()).status, 200);
  });

  it('expires the session: 401 INVALID_SESSION_ID for the old token from then on', async () => {
    const token = org.issueAccessToken();
    const oldConn = connect(org, { accessToken: token });
    org.faults.expireSession({ path: '/services/data/v63.0/limits' });
    assert.equal(
      (await fetch(`${org.instanceUrl}/services/data/v63.0/limits`, { headers: { authorization: `Bearer ${token}` } })).status,
      401,
    );
    assert.equal((await apiError(oldConn.query('SELECT Id FROM Account'))).errorCode, 'INVALID_SESSION_ID');
    assert.equal((await connect(org).query('SELECT Id FROM User')).done, true);
  });
});
