import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Connection } from 'jsforce';
import { caseSafeSuffix } from '../src/index.ts';
import type { OrgEmulator } from '../src/index.ts';
import { apiError, connect, startTestOrg } from './helpers.ts';

describe('REST sobjects', () => {
  let org: OrgEmulator;
  let conn: Connection;
  let partnerId: string;
  before(async () => {
    org = await startTestOrg();
    conn = connect(org);
    const partner = await conn
      .sobject('Channel_Partner__c')
      .create({ Name: 'Northwind Partners', Partner_Key__c: 'northwind', Tier__c: 'Gold' });
    partnerId = partner.id!;
  });
  after(() => org.close());

  const referral = (key: string, extra: Record<string, unknown> = {}) => ({
    Channel_Partner__c: partnerId,
    Company_Name__c: 'Acme',
    Contact_First_Name__c: 'Wile',
    Contact_Last_Name__c: 'Coyote',
    Contact_Email__c: 'wile@acme.example',
    Referral_Key__c: key,
    ...extra,
  });

  it('creates records with 18-character case-safe ids of the object key prefix', async () => {
    const result = await conn.sobject('Account').create({ Name: 'Acme Corp' });
    assert.equal(result.success, true);
    const id = result.id!;
    assert.equal(id.length, 18);
    assert.equal(id.slice(0, 3), '001');
    assert.equal(id.slice(15), caseSafeSuffix(id.slice(0, 15)));
  });

  it('stamps audit fields with milliseconds, strictly increasing per write', async () => {
    const first = await conn.sobject('Account').create({ Name: 'First' });
    const second = await conn.sobject('Account').create({ Name: 'Second' });
    const a = await conn.sobject('Account').retrieve(first.id!);
    const b = await conn.sobject('Account').retrieve(second.id!);
    assert.match(String(a.SystemModstamp), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    assert.ok(Date.parse(String(b.SystemModstamp).replace('+0000', 'Z')) > Date.parse(String(a.SystemModstamp).replace('+0000', 'Z')));
    await conn.sobject('Account').update({ Id: first.id!, Name: 'First updated' });
    const updated = await conn.sobject('Account').retrieve(first.id!);
    assert.equal(updated.CreatedDate, a.CreatedDate);
    assert.ok(String(updated.SystemModstamp) > String(b.SystemModstamp));
  });

  it('assigns auto numbers and derives full names and opportunity flags', async () => {
    const created = await conn.sobject('Partner_Referral__c').create(referral('auto-1'));
    const record = await conn.sobject('Partner_Referral__c').retrieve(created.id!);
    assert.match(String(record.Name), /^REF-\d{6}$/);
    const lead = await conn.sobject('Lead').create({ FirstName: 'Ada', LastName: 'Lovelace', Company: 'Engines Ltd' });
    const leadRecord = await conn.sobject('Lead').retrieve(lead.id!);
    assert.equal(leadRecord.Name, 'Ada Lovelace');
    assert.equal(leadRecord.Status, 'Open - Not Contacted');
    const opportunity = await conn.sobject('Opportunity').create({ Name: 'Deal', StageName: 'Closed Won', CloseDate: '2026-12-01' });
    const opportunityRecord = await conn.sobject('Opportunity').retrieve(opportunity.id!);
    assert.equal(opportunityRecord.IsClosed, true);
    assert.equal(opportunityRecord.IsWon, true);
  });

  it('upserts by external id: 201 when created, 200 when updated', async () => {
    const path = `/services/data/v63.0/sobjects/Partner_Referral__c/Referral_Key__c/upsert-1`;
    const call = (body: unknown) =>
      fetch(`${org.instanceUrl}${path}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${org.issueAccessToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const { Referral_Key__c: _key, ...fields } = referral('unused', { Company_Name__c: 'Globex' });
    const created = await call(fields);
    assert.equal(created.status, 201);
    const createdBody = (await created.json()) as { id: string; created: boolean };
    assert.equal(createdBody.created, true);
    const updated = await call({ Company_Name__c: 'Globex Corporation' });
    assert.equal(updated.status, 200);
    assert.deepEqual(await updated.json(), { id: createdBody.id, success: true, errors: [], created: false });
    const viaJsforce = await conn
      .sobject('Partner_Referral__c')
      .upsert({ Referral_Key__c: 'upsert-1', Status__c: undefined, Company_Name__c: 'Globex Inc' }, 'Referral_Key__c');
    assert.equal(viaJsforce.success, true);
    const record = await conn.sobject('Partner_Referral__c').retrieve(createdBody.id);
    assert.equal(record.Company_Name__c, 'Globex Inc');
  });

  it('deletes: later reads answer ENTITY_IS_DELETED, queryAll still sees the record', async () => {
    const created = await conn.sobject('Account').create({ Name: 'Doomed' });
    await conn.sobject('Account').destroy(created.id!);
    const error = await apiError(conn.sobject('Account').retrieve(created.id!));
    assert.equal(error.errorCode, 'ENTITY_IS_DELETED');
    const again = await apiError(conn.sobject('Account').destroy(created.id!));
    assert.equal(again.errorCode, 'ENTITY_IS_DELETED');
    const all = await conn.query(`SELECT Id, IsDeleted FROM Account WHERE Id = '${created.id}'`, { scanAll: true });
    assert.equal(all.records[0]?.IsDeleted, true);
    const live = await conn.query(`SELECT Id FROM Account WHERE Id = '${created.id}'`);
    assert.equal(live.totalSize, 0);
  });

  it('lists updated and deleted ids in a window (getUpdated / getDeleted)', async () => {
    const start = new Date(Date.now() - 1000).toISOString();
    const kept = await conn.sobject('Contact').create({ LastName: 'Kept' });
    const gone = await conn.sobject('Contact').create({ LastName: 'Gone' });
    await conn.sobject('Contact').destroy(gone.id!);
    const end = new Date(Date.now() + 1000).toISOString();
    const updated = await conn.sobject('Contact').updated(start, end);
    assert.deepEqual(updated.ids, [kept.id]);
    const deleted = await conn.sobject('Contact').deleted(start, end);
    assert.deepEqual(
      deleted.deletedRecords.map((r) => r.id),
      [gone.id],
    );
  });

  it('answers NOT_FOUND for a missing record and an unknown object', async () => {
    assert.equal((await apiError(conn.sobject('Account').retrieve('001000000000000AAA'))).errorCode, 'NOT_FOUND');
    assert.equal((await apiError(conn.sobject('No_Such_Object__c').create({ Name: 'x' }))).errorCode, 'NOT_FOUND');
  });

  it('gives the org error codes with field names for invalid writes', async () => {
    const cases: [Record<string, unknown>, string, string[] | undefined][] = [
      [{ Name: 'x', Bogus__c: 1 }, 'INVALID_FIELD', undefined],
      [{ Name: 'x'.repeat(256) }, 'STRING_TOO_LONG', ['Name']],
      [{ Website: 'acme.com' }, 'REQUIRED_FIELD_MISSING', ['Name']],
      [{ Name: 'x', CreatedDate: '2026-01-01T00:00:00Z' }, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['CreatedDate']],
      [{ Name: 'x', ParentId: 'not-an-id' }, 'MALFORMED_ID', ['ParentId']],
      [{ Name: 'x', ParentId: '001000000000000AAA' }, 'INVALID_CROSS_REFERENCE_KEY', ['ParentId']],
      [{ Name: 'x', NumberOfEmployees: 'many' }, 'JSON_PARSER_ERROR', undefined],
    ];
    for (const [body, code, fields] of cases) {
      const error = await apiError(conn.sobject('Account').create(body));
      assert.equal(error.errorCode, code, JSON.stringify(body).slice(0, 80));
      if (fields) assert.deepEqual(error.fields, fields);
    }
    const picklist = await apiError(conn.sobject('Opportunity').create({ Name: 'x', CloseDate: '2026-01-01', StageName: 'Maybe' }));
    assert.equal(picklist.errorCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    assert.deepEqual(picklist.fields, ['StageName']);
    await conn.sobject('Partner_Referral__c').create(referral('dup-1'));
    const duplicate = await apiError(conn.sobject('Partner_Referral__c').create(referral('dup-1')));
    assert.equal(duplicate.errorCode, 'DUPLICATE_VALUE');
    assert.match(duplicate.message, /duplicate value found: Referral_Key__c duplicates value on record with id: a\w{17}/);
  });

  it('refuses DML on custom metadata types, which are deployed, not written', async () => {
    const error = await apiError(conn.sobject('Partner_Tier_Setting__mdt').create({ DeveloperName: 'X' }));
    assert.equal(error.errorCode, 'INVALID_TYPE');
  });

  it('describes objects with the fields, relationships and key prefix jsforce reads', async () => {
    const describe = await conn.sobject('Partner_Referral__c').describe();
    assert.match(describe.keyPrefix!, /^a\w\w$/);
    const partner = describe.fields.find((f) => f.name === 'Channel_Partner__c')!;
    assert.equal(partner.type, 'reference');
    assert.deepEqual(partner.referenceTo, ['Channel_Partner__c']);
    assert.equal(partner.relationshipName, 'Channel_Partner__r');
    assert.equal(partner.nillable, false);
    const key = describe.fields.find((f) => f.name === 'Referral_Key__c')!;
    assert.equal(key.externalId, true);
    assert.equal(key.unique, true);
    const status = describe.fields.find((f) => f.name === 'Status__c')!;
    assert.equal(status.type, 'picklist');
    assert.ok(status.picklistValues!.length > 0);
    const partnerDescribe = await conn.sobject('Channel_Partner__c').describe();
    assert.ok(
      partnerDescribe.childRelationships.some((r) => r.relationshipName === 'Referrals__r' && r.childSObject === 'Partner_Referral__c'),
    );
    const global = await conn.describeGlobal();
    assert.ok(global.sobjects.some((s) => s.name === 'Lead' && s.keyPrefix === '00Q'));
  });

  it('reports DailyApiRequests in /limits and Sforce-Limit-Info, and refuses calls past the allowance', async () => {
    const limited = await startTestOrg({ apiDailyAllowance: 3 });
    try {
      const limitedConn = connect(limited);
      const limits = await limitedConn.limits();
      assert.equal(limits.DailyApiRequests?.Max, 3);
      assert.equal(limits.DailyApiRequests?.Remaining, 2);
      const response = await fetch(`${limited.instanceUrl}/services/data/v63.0/limits`, {
        headers: { authorization: `Bearer ${limited.issueAccessToken()}` },
      });
      assert.equal(response.headers.get('sforce-limit-info'), 'api-usage=2/3');
      await limitedConn.query('SELECT Id FROM Account');
      const error = await apiError(limitedConn.query('SELECT Id FROM Account'));
      assert.equal(error.errorCode, 'REQUEST_LIMIT_EXCEEDED');
      assert.equal(limited.apiCallsUsed(), 3);
    } finally {
      await limited.close();
    }
  });

  it('records emailSimple actions in the outbox', async () => {
    const result = await conn.requestPost('/services/data/v63.0/actions/standard/emailSimple', {
      inputs: [{ emailAddresses: 'partner@example.com', emailSubject: 'Referral REF-000001 approved', emailBody: 'Approved.' }],
    });
    assert.deepEqual(result, [{ actionName: 'emailSimple', errors: null, isSuccess: true, outputValues: null }]);
    const sent = org.outbox().at(-1)!;
    assert.deepEqual(sent.to, ['partner@example.com']);
    assert.equal(sent.subject, 'Referral REF-000001 approved');
  });
});
