import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Connection } from 'jsforce';
import type { OrgEmulator } from '../src/index.ts';
import { apiError, connect, startTestOrg } from './helpers.ts';

interface CollectionResult {
  id: string | null;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}

describe('composite APIs', () => {
  let org: OrgEmulator;
  let conn: Connection;
  before(async () => {
    org = await startTestOrg();
    conn = connect(org);
  });
  after(() => org.close());

  const accounts = (n: number, prefix = 'Bulk') =>
    Array.from({ length: n }, (_, i) => ({ attributes: { type: 'Account' }, Name: `${prefix} ${i}` }));

  it('creates, updates and deletes up to 200 records with per-record results', async () => {
    const created = await conn.requestPost<CollectionResult[]>('/services/data/v63.0/composite/sobjects', {
      allOrNone: false,
      records: accounts(200),
    });
    assert.equal(created.length, 200);
    assert.ok(created.every((r) => r.success && r.id?.startsWith('001')));
    const updated = await conn.requestPatch<CollectionResult[]>('/services/data/v63.0/composite/sobjects', {
      records: [
        { attributes: { type: 'Account' }, Id: created[0]!.id, Name: 'Renamed' },
        { attributes: { type: 'Account' }, Name: 'No id' },
      ],
    });
    assert.equal(updated[0]!.success, true);
    assert.equal(updated[1]!.errors[0]!.statusCode, 'MISSING_ARGUMENT');
    const deleted = await conn.requestDelete<CollectionResult[]>(
      `/services/data/v63.0/composite/sobjects?ids=${created[1]!.id},001000000000000AAA`,
    );
    assert.equal(deleted[0]!.success, true);
    assert.equal(deleted[1]!.success, false);
    assert.equal(deleted[1]!.errors[0]!.statusCode, 'NOT_FOUND');
  });

  it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const error = await apiError(conn.requestPost('/services/data/v63.0/composite/sobjects', { records: accounts(201) }));
    assert.equal(error.errorCode, 'EXCEEDED_ID_LIMIT');
  });

  it('rolls everything back with allOrNone when one record fails', async () => {
    const records = [...accounts(2, 'AllOrNone'), { attributes: { type: 'Account' }, Name: 'x'.repeat(300) }];
    const results = await conn.requestPost<CollectionResult[]>('/services/data/v63.0/composite/sobjects', { allOrNone: true, records });
    assert.equal(results[0]!.errors[0]!.statusCode, 'ALL_OR_NONE_OPERATION_ROLLED_BACK');
    assert.equal(results[2]!.errors[0]!.statusCode, 'STRING_TOO_LONG');
    const left = await conn.query("SELECT Id FROM Account WHERE Name LIKE 'AllOrNone%'");
    assert.equal(left.totalSize, 0);
  });

  it('upserts a collection by external id and reports created per record', async () => {
    const partner = await conn.sobject('Channel_Partner__c').create({ Name: 'Contoso', Partner_Key__c: 'contoso' });
    const touch = (key: string) => ({
      attributes: { type: 'Partner_Touch__c' },
      Touch_Key__c: key,
      Channel_Partner__c: partner.id,
      Touched_At__c: '2026-11-01T10:00:00.000Z',
      Touch_Type__c: 'Introduction',
    });
    const first = await conn.requestPatch<CollectionResult[]>('/services/data/v63.0/composite/sobjects/Partner_Touch__c/Touch_Key__c', {
      allOrNone: false,
      records: [touch('t-1'), touch('t-2')],
    });
    assert.deepEqual(
      first.map((r) => r.created),
      [true, true],
    );
    const second = await conn.requestPatch<CollectionResult[]>('/services/data/v63.0/composite/sobjects/Partner_Touch__c/Touch_Key__c', {
      allOrNone: false,
      records: [touch('t-1'), touch('t-3'), touch('t-3')],
    });
    assert.equal(second[0]!.created, false);
    assert.equal(second[0]!.id, first[0]!.id);
    assert.equal(second[1]!.errors[0]!.statusCode, 'DUPLICATE_EXTERNAL_ID');
  });

  it('runs composite subrequests with references, in one call', async () => {
    const before = org.apiCallsUsed();
    const response = await conn.requestPost<{ compositeResponse: { httpStatusCode: number; body: unknown; referenceId: string }[] }>(
      '/services/data/v63.0/composite',
      {
        allOrNone: true,
        compositeRequest: [
          { method: 'POST', url: '/services/data/v63.0/sobjects/Account', referenceId: 'newAccount', body: { Name: 'Composite Co' } },
          {
            method: 'POST',
            url: '/services/data/v63.0/sobjects/Contact',
            referenceId: 'newContact',
            body: { LastName: 'Smith', AccountId: '@{newAccount.id}' },
          },
          { method: 'GET', url: '/services/data/v63.0/sobjects/Contact/@{newContact.id}?fields=AccountId', referenceId: 'readBack' },
          { method: 'GET', url: "/services/data/v63.0/query?q=SELECT+Name+FROM+Account+WHERE+Id='@{newAccount.id}'", referenceId: 'query' },
        ],
      },
    );
    assert.equal(org.apiCallsUsed() - before, 1);
    const [account, contact, read, query] = response.compositeResponse;
    assert.equal(account!.httpStatusCode, 201);
    assert.equal(contact!.httpStatusCode, 201);
    assert.equal((read!.body as { AccountId: string }).AccountId, (account!.body as { id: string }).id);
    assert.equal((query!.body as { records: { Name: string }[] }).records[0]!.Name, 'Composite Co');
  });

  it('rolls back a composite with allOrNone and halts the other subrequests', async () => {
    const response = await conn.requestPost<{ compositeResponse: { httpStatusCode: number; body: { errorCode: string }[] }[] }>(
      '/services/data/v63.0/composite',
      {
        allOrNone: true,
        compositeRequest: [
          { method: 'POST', url: '/services/data/v63.0/sobjects/Account', referenceId: 'ok', body: { Name: 'Rolled Back Co' } },
          { method: 'POST', url: '/services/data/v63.0/sobjects/Account', referenceId: 'bad', body: { Nope__c: 1 } },
        ],
      },
    );
    assert.equal(response.compositeResponse[0]!.body[0]!.errorCode, 'PROCESSING_HALTED');
    assert.equal(response.compositeResponse[1]!.body[0]!.errorCode, 'INVALID_FIELD');
    assert.equal((await conn.query("SELECT Id FROM Account WHERE Name = 'Rolled Back Co'")).totalSize, 0);
  });

  it('refuses more than 25 subrequests', async () => {
    const compositeRequest = Array.from({ length: 26 }, (_, i) => ({
      method: 'GET',
      url: '/services/data/v63.0/limits',
      referenceId: `r${i}`,
    }));
    const error = await apiError(conn.requestPost('/services/data/v63.0/composite', { compositeRequest }));
    assert.equal(error.errorCode, 'LIMIT_EXCEEDED');
  });

  it('works through jsforce collection helpers (create/update/destroy with arrays)', async () => {
    const results = await conn.sobject('Contact').create([{ LastName: 'One' }, { LastName: 'Two' }], { allOrNone: true });
    assert.ok(results.every((r) => r.success));
    const ids = results.map((r) => r.id!);
    const retrieved = await conn.sobject('Contact').retrieve(ids);
    assert.deepEqual(
      retrieved.map((r) => r.LastName),
      ['One', 'Two'],
    );
    const destroyed = await conn.sobject('Contact').destroy(ids);
    assert.ok(destroyed.every((r) => r.success));
    const partner = await conn.sobject('Channel_Partner__c').create({ Name: 'Upsert Co', Partner_Key__c: 'upsert-co' });
    const touches = ['jsf-1', 'jsf-2'].map((key) => ({
      Touch_Key__c: key,
      Channel_Partner__c: partner.id,
      Touch_Type__c: 'Referral',
      Touched_At__c: '2026-11-03T09:00:00.000Z',
    }));
    const upserted = await conn.sobject('Partner_Touch__c').upsert(touches, 'Touch_Key__c');
    assert.ok(upserted.every((r) => r.success));
    assert.equal((await conn.sobject('Partner_Touch__c').upsert(touches, 'Touch_Key__c')).length, 2);
    assert.equal((await conn.query("SELECT COUNT() FROM Partner_Touch__c WHERE Touch_Key__c LIKE 'jsf-%'")).totalSize, 2);
  });
});
