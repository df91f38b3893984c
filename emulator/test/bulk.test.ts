import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Connection } from 'jsforce';
import type { OrgEmulator } from '../src/index.ts';
import { apiError, connect, startTestOrg } from './helpers.ts';

const POLL = { pollInterval: 20, pollTimeout: 20_000 };

describe('Bulk API 2.0', () => {
  let org: OrgEmulator;
  let conn: Connection;
  before(async () => {
    org = await startTestOrg();
    conn = connect(org);
    await conn.sobject('Channel_Partner__c').create({ Name: 'Fabrikam', Partner_Key__c: 'fabrikam' });
  });
  after(() => org.close());

  it('inserts a CSV and reports successful and failed rows with sf__ columns', async () => {
    const csv = [
      'Name,Website,NumberOfEmployees',
      'Bulk One,one.example,10',
      'Bulk Two,two.example,twenty',
      ',nameless.example,5',
      '"Bulk, Three",three.example,',
    ].join('\n');
    const results = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input: csv, ...POLL });
    assert.equal(results.successfulResults.length, 2);
    assert.equal(results.successfulResults[0]!.sf__Created, 'true');
    assert.match(results.successfulResults[0]!.sf__Id, /^001\w{15}$/);
    assert.equal(results.failedResults.length, 2);
    const errors = results.failedResults.map((r) => r.sf__Error).sort();
    assert.match(errors[0]!, /^JSON_PARSER_ERROR:/);
    assert.match(errors[1]!, /^REQUIRED_FIELD_MISSING:Required fields are missing: \[Name\]:Name --$/);
    assert.equal((await conn.query("SELECT Id FROM Account WHERE Name = 'Bulk, Three'")).totalSize, 1);
  });

  it('upserts by external id, resolving parent lookups by their external id', async () => {
    const csv = [
      'Touch_Key__c,Channel_Partner__r.Partner_Key__c,Touch_Type__c,Touched_At__c',
      'bulk-touch-1,fabrikam,Introduction,2026-11-01T10:00:00.000Z',
      'bulk-touch-2,fabrikam,Referral,2026-11-02T10:00:00.000Z',
      'bulk-touch-3,nobody,Referral,2026-11-02T10:00:00.000Z',
    ].join('\n');
    const first = await conn.bulk2.loadAndWaitForResults({
      object: 'Partner_Touch__c',
      operation: 'upsert',
      externalIdFieldName: 'Touch_Key__c',
      input: csv,
      ...POLL,
    });
    assert.deepEqual(
      first.successfulResults.map((r) => r.sf__Created),
      ['true', 'true'],
    );
    assert.match(first.failedResults[0]!.sf__Error, /Foreign key external ID: nobody not found/);
    const second = await conn.bulk2.loadAndWaitForResults({
      object: 'Partner_Touch__c',
      operation: 'upsert',
      externalIdFieldName: 'Touch_Key__c',
      input: csv,
      ...POLL,
    });
    assert.deepEqual(
      second.successfulResults.map((r) => r.sf__Created),
      ['false', 'false'],
    );
    const touches = await conn.query(
      "SELECT Touch_Key__c, Channel_Partner__r.Name FROM Partner_Touch__c WHERE Touch_Key__c LIKE 'bulk-touch-%' ORDER BY Touch_Key__c",
    );
    assert.equal(touches.totalSize, 2);
    assert.equal((touches.records[0] as { Channel_Partner__r: { Name: string } }).Channel_Partner__r.Name, 'Fabrikam');
  });

  it('updates and deletes by Id', async () => {
    const created = await conn.sobject('Account').create([{ Name: 'To update' }, { Name: 'To delete' }]);
    const [updateId, deleteId] = created.map((r) => r.id!);
    const updated = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'update',
      input: `Id,Name\n${updateId},Updated by bulk\n001000000000000AAA,Ghost`,
      ...POLL,
    });
    assert.equal(updated.successfulResults.length, 1);
    assert.match(updated.failedResults[0]!.sf__Error, /^NOT_FOUND:/);
    const deleted = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'delete', input: `Id\n${deleteId}`, ...POLL });
    assert.equal(deleted.successfulResults.length, 1);
    assert.equal((await conn.query(`SELECT Id FROM Account WHERE Id = '${deleteId}'`)).totalSize, 0);
  });

  it('fails the job for an unknown column and refuses an invalid operation', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await job.uploadData('Name,Bogus__c\nx,y');
    await job.close();
    let info = await job.check();
    for (let i = 0; i < 50 && info.state !== 'Failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      info = await job.check();
    }
    assert.equal(info.state, 'Failed');
    assert.match(info.errorMessage!, /Field name not found : Bogus__c/);
    const bad = await apiError(conn.requestPost('/services/data/v63.0/jobs/ingest', { object: 'Account', operation: 'merge' }));
    assert.equal(bad.errorCode, 'INVALIDJOB');
  });

  it('aborts an open job and keeps its rows as unprocessed', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await job.uploadData('Name\nNever loaded');
    await job.abort();
    const info = await job.check();
    assert.equal(info.state, 'Aborted');
    const unprocessed = await conn.request<string>({
      method: 'GET',
      url: `/services/data/v63.0/jobs/ingest/${job.id}/unprocessedrecords`,
      headers: { Accept: 'text/csv' },
    });
    assert.match(String(typeof unprocessed === 'string' ? unprocessed : JSON.stringify(unprocessed)), /Never loaded/);
  });

  it('runs query jobs and pages results with Sforce-Locator and maxRecords', async () => {
    const leads = Array.from({ length: 25 }, (_, i) => ({
      attributes: { type: 'Lead' },
      LastName: `Bulk Lead ${String(i).padStart(2, '0')}`,
      Company: 'Paging Co',
    }));
    await conn.requestPost('/services/data/v63.0/composite/sobjects', { records: leads });
    const records = await (
      await conn.bulk2.query("SELECT Id, LastName, Company, CreatedDate FROM Lead WHERE Company = 'Paging Co' ORDER BY LastName", POLL)
    ).toArray();
    assert.equal(records.length, 25);
    assert.equal(records[0]!.LastName, 'Bulk Lead 00');
    assert.match(String(records[0]!.CreatedDate), /Z$/);

    const job = await conn.requestPost<{ id: string }>('/services/data/v63.0/jobs/query', {
      operation: 'query',
      query: "SELECT LastName FROM Lead WHERE Company = 'Paging Co' ORDER BY LastName",
    });
    for (let i = 0; i < 50; i++) {
      const info = await conn.requestGet<{ state: string }>(`/services/data/v63.0/jobs/query/${job.id}`);
      if (info.state === 'JobComplete') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const token = org.issueAccessToken();
    const page = (locator?: string) =>
      fetch(`${org.instanceUrl}/services/data/v63.0/jobs/query/${job.id}/results?maxRecords=10${locator ? `&locator=${locator}` : ''}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const first = await page();
    assert.equal(first.headers.get('sforce-numberofrecords'), '10');
    const locator = first.headers.get('sforce-locator')!;
    assert.notEqual(locator, 'null');
    assert.equal((await first.text()).trim().split('\n').length, 11);
    const second = await page(locator);
    const third = await page(second.headers.get('sforce-locator')!);
    assert.equal(third.headers.get('sforce-numberofrecords'), '5');
    assert.equal(third.headers.get('sforce-locator'), 'null');
  });

  it('rejects a query job with an invalid query when it is created', async () => {
    const error = await apiError(
      conn.requestPost('/services/data/v63.0/jobs/query', { operation: 'query', query: 'SELECT Nope FROM Lead' }),
    );
    assert.equal(error.errorCode, 'INVALID_FIELD');
  });
});
