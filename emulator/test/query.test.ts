import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Connection } from 'jsforce';
import type { OrgEmulator } from '../src/index.ts';
import { apiError, connect, startTestOrg } from './helpers.ts';

describe('SOQL query', () => {
  let org: OrgEmulator;
  let conn: Connection;
  const accountIds: string[] = [];

  before(async () => {
    org = await startTestOrg();
    conn = connect(org);
    const names = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Hooli'];
    for (const [index, name] of names.entries()) {
      const account = await conn.sobject('Account').create({
        Name: name,
        Industry: index % 2 === 0 ? 'Technology' : 'Retail',
        NumberOfEmployees: (index + 1) * 100,
        Type: index === 4 ? null : 'Prospect',
      });
      accountIds.push(account.id!);
    }
    await conn.sobject('Contact').create({ LastName: 'Runner', FirstName: 'Road', AccountId: accountIds[0], Email: 'road@acme.example' });
    await conn.sobject('Contact').create({ LastName: 'Coyote', FirstName: 'Wile', AccountId: accountIds[0] });
    await conn
      .sobject('Opportunity')
      .create({ Name: 'Acme renewal', AccountId: accountIds[0], StageName: 'Closed Won', CloseDate: '2026-06-30', Amount: 5000 });
    await conn
      .sobject('Opportunity')
      .create({ Name: 'Acme upsell', AccountId: accountIds[0], StageName: 'Prospecting', CloseDate: '2027-01-31', Amount: 1500 });
    await conn
      .sobject('Opportunity')
      .create({ Name: 'Globex new', AccountId: accountIds[1], StageName: 'Closed Lost', CloseDate: '2026-03-01' });
  });
  after(() => org.close());

  const names = (records: object[]) => records.map((r) => (r as { Name?: unknown }).Name);

  it('filters with AND/OR/NOT, parentheses, IN, LIKE and null', async () => {
    const q = async (where: string) => names((await conn.query(`SELECT Name FROM Account WHERE ${where} ORDER BY Name`)).records);
    assert.deepEqual(await q("Industry = 'technology' AND NumberOfEmployees > 100"), ['Hooli', 'Initech']);
    assert.deepEqual(await q("(Name = 'Globex' OR Name LIKE 'ac%') AND NOT Industry = 'Retail'"), ['Acme Corp']);
    assert.deepEqual(await q("NOT (Name IN ('Globex', 'Hooli') OR NumberOfEmployees >= 400)"), ['Acme Corp', 'Initech']);
    assert.deepEqual(await q("Name NOT IN ('Globex', 'Hooli', 'Umbrella')"), ['Acme Corp', 'Initech']);
    assert.deepEqual(await q('Type = null'), ['Hooli']);
    assert.deepEqual(await q("Type != null AND Name LIKE '%e%'"), ['Acme Corp', 'Globex', 'Initech', 'Umbrella']);
    assert.deepEqual(await q('Id IN (SELECT AccountId FROM Opportunity WHERE IsWon = true)'), ['Acme Corp']);
  });

  it('reads parent relationship fields and child subqueries', async () => {
    const result = await conn.query(
      "SELECT Name, Account.Name, Account.Owner.Name FROM Contact WHERE Account.Name = 'Acme Corp' ORDER BY LastName",
    );
    const first = result.records[0] as { Name: string; Account: { Name: string; Owner: { Name: string } } };
    assert.equal(first.Name, 'Wile Coyote');
    assert.equal(first.Account.Name, 'Acme Corp');
    assert.equal(first.Account.Owner.Name, 'Integration User');
    const parents = await conn.query(
      "SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName DESC), (SELECT Name FROM Opportunities WHERE IsClosed = false) FROM Account WHERE Name IN ('Acme Corp', 'Umbrella') ORDER BY Name",
    );
    const acme = parents.records[0] as {
      Contacts: { totalSize: number; records: { LastName: string }[] };
      Opportunities: { records: unknown[] };
    };
    assert.deepEqual(
      acme.Contacts.records.map((c) => c.LastName),
      ['Runner', 'Coyote'],
    );
    assert.equal(acme.Opportunities.records.length, 1);
    assert.equal((parents.records[1] as { Contacts: unknown }).Contacts, null);
  });

  it("reads polymorphic lookups (What.Type, What.Name) by the related record's object", async () => {
    const opportunity = (await conn.query("SELECT Id FROM Opportunity WHERE Name = 'Acme upsell'")).records[0]!;
    await conn
      .sobject('Task')
      .create({ Subject: 'On the account', WhatId: accountIds[0], Status: 'Completed', ActivityDate: '2026-11-20' });
    await conn.sobject('Task').create({ Subject: 'On the deal', WhatId: opportunity.Id, Status: 'Not Started' });
    const tasks = await conn.query(
      "SELECT Subject, What.Type, What.Name, IsClosed FROM Task WHERE What.Type IN ('Account', 'Opportunity') ORDER BY Subject",
    );
    assert.deepEqual(
      tasks.records.map((t) => {
        const task = t as { Subject: string; IsClosed: boolean; What: { Type: string; Name: string } };
        return [task.Subject, task.What.Type, task.What.Name, task.IsClosed];
      }),
      [
        ['On the account', 'Account', 'Acme Corp', true],
        ['On the deal', 'Opportunity', 'Acme upsell', false],
      ],
    );
    const account = await conn.sobject('Account').retrieve(accountIds[0]!);
    assert.equal(account.LastActivityDate, '2026-11-20', 'a closed task rolls up to LastActivityDate');
  });

  it('orders by several keys with NULLS FIRST/LAST and applies LIMIT/OFFSET', async () => {
    const nullsLast = await conn.query('SELECT Name FROM Account ORDER BY Type ASC NULLS LAST, Name DESC LIMIT 3 OFFSET 1');
    assert.deepEqual(names(nullsLast.records), ['Initech', 'Globex', 'Acme Corp']);
    const nullsFirst = await conn.query('SELECT Name FROM Account ORDER BY Type NULLS FIRST, Name LIMIT 2');
    assert.deepEqual(names(nullsFirst.records), ['Hooli', 'Acme Corp']);
  });

  it('compares dates, datetimes and date literals', async () => {
    const closed = await conn.query('SELECT Name FROM Opportunity WHERE CloseDate >= 2026-06-30 AND CloseDate < 2027-01-31');
    assert.deepEqual(names(closed.records), ['Acme renewal']);
    const today = await conn.query('SELECT Id FROM Account WHERE CreatedDate = TODAY AND CreatedDate = LAST_N_DAYS:2');
    assert.equal(today.totalSize, 5);
    const future = await conn.query('SELECT Id FROM Account WHERE CreatedDate > TODAY');
    assert.equal(future.totalSize, 0);
  });

  it('compares SystemModstamp to the millisecond', async () => {
    const all = await conn.query('SELECT Id, SystemModstamp FROM Account ORDER BY SystemModstamp, Id');
    const middle = all.records[2] as { SystemModstamp: string };
    const literal = middle.SystemModstamp.replace('+0000', 'Z');
    const after = await conn.query(`SELECT Id FROM Account WHERE SystemModstamp > ${literal} ORDER BY SystemModstamp, Id`);
    assert.deepEqual(
      after.records.map((r) => r.Id),
      all.records.slice(3).map((r) => r.Id),
    );
    const atOrAfter = await conn.query(`SELECT Id FROM Account WHERE SystemModstamp >= ${literal}`);
    assert.equal(atOrAfter.totalSize, 3);
  });

  it('counts and aggregates with GROUP BY', async () => {
    const count = await conn.query("SELECT COUNT() FROM Account WHERE Industry = 'Technology'");
    assert.equal(count.totalSize, 3);
    assert.deepEqual(count.records, []);
    const grouped = await conn.query(
      'SELECT StageName, COUNT(Id) n, SUM(Amount) total, MAX(CloseDate) FROM Opportunity GROUP BY StageName ORDER BY StageName',
    );
    assert.deepEqual(
      grouped.records.map((r) => ({ ...r, attributes: undefined })),
      [
        { attributes: undefined, StageName: 'Closed Lost', n: 1, total: null, expr0: '2026-03-01' },
        { attributes: undefined, StageName: 'Closed Won', n: 1, total: 5000, expr0: '2026-06-30' },
        { attributes: undefined, StageName: 'Prospecting', n: 1, total: 1500, expr0: '2027-01-31' },
      ],
    );
    assert.equal((grouped.records[0] as { attributes: { type: string } }).attributes.type, 'AggregateResult');
  });

  it('pages with query locators: 2,000 by default, batchSize from Sforce-Query-Options', async () => {
    const records = Array.from({ length: 450 }, (_, i) => ({
      attributes: { type: 'Lead' },
      LastName: `Lead ${i}`,
      Company: `Company ${i}`,
    }));
    for (let i = 0; i < records.length; i += 200) {
      await conn.requestPost('/services/data/v63.0/composite/sobjects', { allOrNone: true, records: records.slice(i, i + 200) });
    }
    const first = await conn.request<{ totalSize: number; done: boolean; nextRecordsUrl?: string; records: unknown[] }>({
      method: 'GET',
      url: `/services/data/v63.0/query?q=${encodeURIComponent('SELECT Id FROM Lead ORDER BY LastName')}`,
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
    });
    assert.equal(first.totalSize, 450);
    assert.equal(first.done, false);
    assert.equal(first.records.length, 200);
    assert.match(first.nextRecordsUrl!, /^\/services\/data\/v63\.0\/query\/01g\w{15}-200$/);
    const second = await conn.queryMore(first.nextRecordsUrl!);
    assert.equal(second.records.length, 200);
    const third = await conn.queryMore(second.nextRecordsUrl!);
    assert.equal(third.records.length, 50);
    assert.equal(third.done, true);
    const everything = await conn.query('SELECT Id FROM Lead').run({ autoFetch: true, maxFetch: 1000 });
    assert.equal(everything.records.length, 450);
    const invalid = await apiError(conn.queryMore('/services/data/v63.0/query/01gXXXXXXXXXXXXXXX-200'));
    assert.equal(invalid.errorCode, 'INVALID_QUERY_LOCATOR');
  });

  it('answers MALFORMED_QUERY, INVALID_FIELD and INVALID_TYPE as an org does', async () => {
    assert.equal((await apiError(conn.query('SELECT FROM Account'))).errorCode, 'MALFORMED_QUERY');
    assert.equal((await apiError(conn.query('SELECT Id FROM Account WHERE'))).errorCode, 'MALFORMED_QUERY');
    const field = await apiError(conn.query('SELECT Id, Nmae FROM Account'));
    assert.equal(field.errorCode, 'INVALID_FIELD');
    assert.match(field.message, /No such column 'Nmae' on entity 'Account'/);
    assert.equal((await apiError(conn.query('SELECT Id, Acount.Name FROM Contact'))).errorCode, 'INVALID_FIELD');
    assert.equal((await apiError(conn.query('SELECT Id FROM Account LIMIT 10 OFFSET 2001'))).errorCode, 'NUMBER_OUTSIDE_VALID_RANGE');
    const type = await apiError(conn.query('SELECT Id FROM Acount'));
    assert.equal(type.errorCode, 'INVALID_TYPE');
    assert.match(type.message, /sObject type 'Acount' is not supported/);
  });

  it('serves the programme settings as custom metadata records', async () => {
    const settings = await conn.query(
      "SELECT DeveloperName, Protection_Days__c FROM Partner_Program_Setting__mdt WHERE DeveloperName = 'Default'",
    );
    assert.equal(settings.totalSize, 1);
    assert.equal(typeof (settings.records[0] as { Protection_Days__c: unknown }).Protection_Days__c, 'number');
    const tiers = await conn.query('SELECT DeveloperName, Protection_Days__c FROM Partner_Tier_Setting__mdt');
    assert.equal(tiers.totalSize, 4);
  });
});
