import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import { companyIdentity, partnerAccountListCsv, startOrgEmulator } from '../src/index.ts';
import { connect } from './helpers.ts';

const directory = mkdtempSync(path.join(tmpdir(), 'org-emulator-test-'));
after(() => rmSync(directory, { recursive: true, force: true }));

describe('persistent storage', () => {
  it('keeps records, auto numbers and change events across a restart', async () => {
    const file = path.join(directory, 'org.sqlite');
    const first = await startOrgEmulator({ storage: { file } });
    const conn = connect(first);
    const partner = await conn.sobject('Channel_Partner__c').create({ Name: 'Persisted', Partner_Key__c: 'persisted' });
    const before = await conn.query('SELECT MAX(SystemModstamp) m FROM Channel_Partner__c');
    await first.close();

    const started = Date.now();
    const second = await startOrgEmulator({ storage: { file } });
    assert.ok(Date.now() - started < 1000, 'restart is well under a second');
    try {
      const again = connect(second);
      const record = await again.sobject('Channel_Partner__c').retrieve(partner.id!);
      assert.equal(record.Name, 'Persisted');
      const next = await again.sobject('Channel_Partner__c').create({ Name: 'After restart' });
      const after = await again.sobject('Channel_Partner__c').retrieve(next.id!);
      assert.ok(String(after.SystemModstamp) > String((before.records[0] as { m: string }).m));

      const received: { payload: { ChangeEventHeader: { recordIds: string[] } } }[] = [];
      const client = again.streaming.createClient([new StreamingExtension.Replay('/data/Channel_Partner__ChangeEvent', -2)]);
      await new Promise<void>((resolve) => {
        client.subscribe('/data/Channel_Partner__ChangeEvent', (message: unknown) => {
          received.push(message as (typeof received)[number]);
          if (received.length === 2) resolve();
        });
      });
      await (client as unknown as { disconnect(): Promise<void> }).disconnect();
      assert.deepEqual(
        received.map((m) => m.payload.ChangeEventHeader.recordIds[0]),
        [partner.id, next.id],
      );
    } finally {
      await second.close();
    }
  });
});

describe('demo data', () => {
  it('generates the same believable org for the same seed, without product results', async () => {
    const orgs = [
      await startOrgEmulator({ storage: 'memory', demoData: { seed: 7, scale: 'small' } }),
      await startOrgEmulator({ storage: 'memory', demoData: { seed: 7, scale: 'small' } }),
    ];
    try {
      const snapshots = await Promise.all(
        orgs.map(async (org) => {
          const conn = connect(org);
          const referrals = await conn.query(
            'SELECT Id, Name, Company_Name__c, Company_Website__c, Contact_Email__c, Channel_Partner__r.Partner_Key__c FROM Partner_Referral__c ORDER BY Name',
          );
          return referrals.records.map((r) => JSON.stringify({ ...r, attributes: undefined }));
        }),
      );
      assert.deepEqual(snapshots[0], snapshots[1]);

      const conn = connect(orgs[0]!);
      const count = async (soql: string) => (await conn.query(soql)).totalSize;
      assert.equal(await count('SELECT COUNT() FROM Channel_Partner__c'), 12);
      assert.ok((await count("SELECT COUNT() FROM Account WHERE Type = 'Prospect'")) > 50);
      assert.ok((await count("SELECT COUNT() FROM Account WHERE Type LIKE 'Customer%'")) > 20);
      assert.ok((await count('SELECT COUNT() FROM Task WHERE ActivityDate = LAST_N_DAYS:60')) > 0);
      assert.ok((await count('SELECT COUNT() FROM Opportunity WHERE IsClosed = false')) > 0);
      assert.ok((await count('SELECT COUNT() FROM Partner_Touch__c WHERE Opportunity__c != null')) > 0);
      // 80 submissions plus the registrations partner managers converted to opportunities earlier.
      assert.equal(await count("SELECT COUNT() FROM Partner_Referral__c WHERE Status__c != 'Converted'"), 80);
      assert.ok(
        (await count("SELECT COUNT() FROM Partner_Referral__c WHERE Status__c = 'Converted' AND Converted_Opportunity__c != null")) > 0,
      );
      assert.ok(
        (await count(
          'SELECT COUNT() FROM Partner_Referral__c WHERE Consent_Confirmed__c = false OR How_Met__c = null OR Partner_Source__c = null',
        )) > 0,
      );
      // Duplicates by the same partner: same company and contact email twice.
      const grouped = await conn.query(
        'SELECT Channel_Partner__c, Contact_Email__c, COUNT(Id) n FROM Partner_Referral__c GROUP BY Channel_Partner__c, Contact_Email__c',
      );
      assert.ok(grouped.records.some((r) => (r as { n: number }).n > 1));
      // Nothing the product computes is pre-filled.
      for (const object of [
        'Channel_Conflict__c',
        'Partner_Attribution__c',
        'Account_Overlap__c',
        'Partner_Decision_Log__c',
        'Lead_Assignment__c',
      ]) {
        assert.equal(await count(`SELECT COUNT() FROM ${object}`), 0, object);
      }
      assert.equal(
        await count(
          'SELECT COUNT() FROM Partner_Referral__c WHERE Recommendation__c != null OR Classification__c != null OR Matched_Account__c != null',
        ),
        0,
      );
    } finally {
      await Promise.all(orgs.map((org) => org.close()));
    }
  });

  it('exports company identities and partner account lists that overlap our accounts', () => {
    assert.deepEqual(companyIdentity(7, 12), companyIdentity(7, 12));
    assert.notEqual(companyIdentity(7, 12).name, companyIdentity(7, 13).name);
    const rows = parse(partnerAccountListCsv(7, 'small', 0), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 40);
    assert.deepEqual(Object.keys(rows[0]!), ['Record Id', 'Company Name', 'Website', 'Country', 'Population']);
  });
});
