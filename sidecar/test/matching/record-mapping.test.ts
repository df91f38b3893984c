import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FORCE_APP_DIR, loadPackageSchema } from '@partner-lead-sync/model';
import type { FieldSchema, PackageSchema } from '@partner-lead-sync/model';
import {
  FIELDS_READ,
  RecordMappingError,
  accountFacts,
  conflictRecordsFromCheck,
  mergedConflictRecords,
  eventFacts,
  leadFacts,
  opportunityFacts,
  partnerFacts,
  referralFacts,
  referralFieldsFromCheck,
  taskFacts,
} from '../../src/matching/index.ts';
import { NOW, checker, contoso, daysAgo, globexAccount, globexReferral } from './fixtures.ts';

let schema: PackageSchema | undefined;
async function field(objectName: string, fieldName: string): Promise<FieldSchema> {
  schema ??= await loadPackageSchema(DEFAULT_FORCE_APP_DIR);
  const found = schema.objects[objectName]?.fields[fieldName];
  assert.ok(found, `${objectName}.${fieldName} exists in force-app`);
  return found;
}

describe('org records → facts', () => {
  it('maps every record type and names the field on bad input', () => {
    const account = accountFacts({
      Id: '001X',
      Name: 'Globex',
      Website: 'globex.com',
      BillingCity: 'Chicago',
      Strategic_Account__c: true,
      Partner_Registration_Blocked__c: null,
      Type: null,
    });
    assert.deepEqual(account, {
      id: '001X',
      name: 'Globex',
      website: 'globex.com',
      city: 'Chicago',
      strategic: true,
      registrationBlocked: false,
    });
    assert.equal(
      leadFacts({ Id: '00Q1', Company: 'Globex', FirstName: 'Hank', LastName: 'Scorpio', IsConverted: false }).contactName,
      'Hank Scorpio',
    );
    assert.equal(
      opportunityFacts({ Id: '006', AccountId: '001X', IsClosed: false, IsWon: false, Reseller_Partner__c: 'a0C1' }).resellerPartnerId,
      'a0C1',
    );
    assert.equal(taskFacts({ Id: '00T', ActivityDate: '2026-11-20', WhatId: '001X' }).date, '2026-11-20');
    assert.equal(eventFacts({ Id: '00U', ActivityDateTime: '2026-11-20T10:00:00Z' }).kind, 'Event');
    const partner = partnerFacts({
      Id: 'a0C1',
      Name: 'Northwind',
      Allowed_Email_Domains__c: 'northwind.example\nmail.northwind.co.uk',
      Data_Sharing_Level__c: 'Counts Only',
    });
    assert.deepEqual(partner.allowedEmailDomains, ['northwind.example', 'northwind.co.uk']);
    assert.equal(partner.dataSharingLevel, 'Counts Only');
    assert.equal(
      referralFacts({ Id: 'a0R1', Consent_Confirmed__c: null, CreatedDate: '2026-11-01T00:00:00Z' }).submittedAt,
      '2026-11-01T00:00:00Z',
    );
    assert.throws(
      () => accountFacts({ Name: 'No Id' }),
      (error: Error) => error instanceof RecordMappingError && /Account\.Id/.test(error.message),
    );
  });

  it('reads only fields that exist in the package metadata', async () => {
    const standard = new Set(['Id', 'Name', 'CreatedDate']);
    for (const [objectName, fields] of Object.entries(FIELDS_READ)) {
      for (const name of fields) {
        if (standard.has(name)) continue;
        await field(objectName, name);
      }
    }
  });
});

describe('results → fields to write', () => {
  it('writes picklist values that exist, Stop_Gates__c joined with ";", reasons as JSON', async () => {
    const c = checker();
    c.upsertAccount(globexAccount);
    c.upsertReferral(globexReferral({ id: 'a0R9', partnerId: contoso.id, submittedAt: daysAgo(1) }));
    const check = c.check(globexReferral({ howMet: '', consent: false }), NOW);
    const fields = referralFieldsFromCheck(check);
    assert.equal(fields.Stop_Gates__c, 'Missing Introduction Path;Missing Consent');
    for (const name of ['Duplicate_Status__c', 'Classification__c', 'Recommendation__c'] as const) {
      assert.ok((await field('Partner_Referral__c', name)).picklistValues?.includes(fields[name] as string), `${name}=${fields[name]}`);
    }
    const gateValues = (await field('Partner_Referral__c', 'Stop_Gates__c')).picklistValues ?? [];
    for (const gate of (fields.Stop_Gates__c ?? '').split(';')) assert.ok(gateValues.includes(gate), gate);
    const reasons = JSON.parse(fields.Match_Reasons__c as string) as { id: string; reasons: unknown[] }[];
    assert.ok(reasons.length > 0 && reasons.every((r) => Array.isArray(r.reasons)));
    assert.equal(fields.Matched_Account__c, globexAccount.id);
    assert.ok(fields.Match_Confidence__c !== null && fields.Match_Confidence__c !== undefined && fields.Match_Confidence__c > 0.9);
    assert.equal(fields.Checked_At__c, NOW.toISOString());
    assert.ok((fields.Partner_Visible_Reason__c ?? '').length <= 255);
    assert.equal(fields.Status__c, undefined, 'never decides');

    const conflicts = conflictRecordsFromCheck(check);
    assert.ok(conflicts.length >= 1);
    const typeValues = (await field('Channel_Conflict__c', 'Conflict_Type__c')).picklistValues ?? [];
    for (const conflict of conflicts) {
      assert.ok(typeValues.includes(conflict.Conflict_Type__c as string));
      assert.ok((conflict.Conflict_Key__c ?? '').length > 0 && (conflict.Conflict_Key__c ?? '').length <= 255);
      assert.ok(Array.isArray(JSON.parse(conflict.Evidence__c as string)));
      assert.equal(conflict.Resolution__c, undefined, 'never resolves');
    }
    const partnerConflict = conflicts.find((row) => row.Conflict_Type__c === 'Partner vs Partner');
    assert.equal(partnerConflict?.Partner_Count__c, 2);
    assert.equal(partnerConflict?.Account__c, globexAccount.id);
  });

  it('gives the same conflict key on a re-check', () => {
    const c = checker();
    c.upsertReferral(globexReferral({ id: 'a0R9', partnerId: contoso.id, submittedAt: daysAgo(1) }));
    const first = conflictRecordsFromCheck(c.check(globexReferral(), NOW))[0]?.Conflict_Key__c;
    const second = conflictRecordsFromCheck(c.check(globexReferral(), new Date(NOW.getTime() + 3_600_000)))[0]?.Conflict_Key__c;
    assert.ok(first);
    assert.equal(first, second);
  });

  it('makes one row of the checks that found one conflict, whichever was checked first', () => {
    const c = checker();
    const earlier = globexReferral({ id: 'a0R9', key: 'CT-9', partnerId: contoso.id, submittedAt: daysAgo(3) });
    const later = globexReferral({ submittedAt: daysAgo(1) });
    c.upsertReferral(earlier);
    c.upsertReferral(later);
    const checks = [later, earlier].map((referral) => ({
      check: c.check(referral, NOW),
      submissionOrder: `${referral.submittedAt}|${referral.id}`,
    }));
    const merged = mergedConflictRecords(checks);
    const reversed = mergedConflictRecords([...checks].reverse());
    assert.ok(merged.size >= 1);
    for (const [key, conflict] of merged) assert.deepEqual(reversed.get(key), conflict, key);
    const partnerConflict = [...merged.values()].find((conflict) => conflict.record.Conflict_Type__c === 'Partner vs Partner');
    assert.ok(partnerConflict);
    assert.equal(partnerConflict.baseReferralId, 'a0R9', 'the earliest submission describes the conflict');
    assert.equal(partnerConflict.record.Partner_Count__c, 2);
    const events = JSON.parse(partnerConflict.record.Evidence__c as string) as { at: string; recordId: string; kind: string }[];
    const submissions = events.filter((event) => event.kind === 'submission').map((event) => event.recordId);
    assert.deepEqual(new Set(submissions), new Set(['a0R9', later.id]), 'evidence from both sides, each event once');
    assert.equal(submissions.length, 2);
    assert.deepEqual(
      events.map((event) => event.at),
      events.map((event) => event.at).sort(),
      'in time order',
    );
  });
});
