import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Partner_Attribution__c } from '@partner-lead-sync/model';
import {
  attributionInputFromRecords,
  computeAttributions,
  planAttributionWrites,
  type AttributionRecords,
} from '../../src/attribution/index.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';
import { demoRecords } from './org-records.ts';

const NOW = Date.parse('2026-11-24T12:00:00.000Z');

/** The org side of an upsert on Attribution_Key__c: insert or merge the given fields. */
class AttributionStore {
  readonly rows = new Map<string, Partner_Attribution__c>();
  private nextId = 1;
  apply(upserts: Partner_Attribution__c[]): { inserted: number; updated: number } {
    let inserted = 0;
    let updated = 0;
    for (const record of upserts) {
      const key = record.Attribution_Key__c as string;
      const current = this.rows.get(key);
      if (current) {
        this.rows.set(key, { ...current, ...record });
        updated++;
      } else {
        this.rows.set(key, { Id: `a0A${String(this.nextId++).padStart(6, '0')}`, ...record });
        inserted++;
      }
    }
    return { inserted, updated };
  }
  list(): Partner_Attribution__c[] {
    return [...this.rows.values()].map((row) => ({ ...row }));
  }
}

function recompute(records: AttributionRecords, store: AttributionStore, now = NOW) {
  const { input } = attributionInputFromRecords(records, DEFAULT_PROGRAM_SETTINGS, now);
  return planAttributionWrites(computeAttributions(input), store.list(), now);
}

test('the first run creates every line as Proposed; a second run plans nothing', () => {
  const store = new AttributionStore();
  const first = recompute(demoRecords(), store);
  assert.ok(first.upserts.length > 10);
  assert.equal(first.created.length, first.upserts.length);
  assert.ok(first.upserts.every((r) => r.Status__c === 'Proposed' && r.Computed_At__c === '2026-11-24T12:00:00.000Z'));
  assert.deepEqual(store.apply(first.upserts), { inserted: first.upserts.length, updated: 0 });
  const second = recompute(demoRecords(), store, NOW + 3 * 86_400_000);
  assert.deepEqual(second.upserts, []);
  assert.deepEqual(second.decisionLogs, []);
  assert.equal(second.unchanged.length, first.upserts.length);
  // The unchanged proposals still name their logs (same keys), so a log an interrupted run owed can be written.
  assert.deepEqual(
    second.proposalLogs.map((log) => log.Log_Key__c),
    first.decisionLogs.map((log) => log.Log_Key__c),
  );
});

test('every written record carries the fields, picklist values and explanation the org expects', () => {
  const plan = recompute(demoRecords(), new AttributionStore());
  const sourced = plan.upserts.find((r) => r.Attribution_Key__c === 'O1|P1|Sourced|Registration Rule');
  assert.ok(sourced);
  assert.deepEqual(
    { ...sourced, Explanation__c: undefined },
    {
      Attribution_Key__c: 'O1|P1|Sourced|Registration Rule',
      Opportunity__c: 'O1',
      Channel_Partner__c: 'P1',
      Role__c: 'Sourced',
      Model__c: 'Registration Rule',
      Share__c: 1,
      Credited_Amount__c: 50000,
      Commission_Rate__c: 15,
      Proposed_Commission__c: 7500,
      Half_Life_Days__c: null,
      Needs_Review__c: false,
      Review_Reason__c: null,
      Explanation__c: undefined,
      Status__c: 'Proposed',
      Computed_At__c: '2026-11-24T12:00:00.000Z',
    },
  );
  const explanation = JSON.parse(sourced.Explanation__c as string);
  assert.equal(explanation.registrations.length, 2);
  assert.match(explanation.rule, /first approved registration with a first meeting within 14 days/);
  const decay = plan.upserts.find((r) => r.Attribution_Key__c === 'O1|P2|Influenced|Time Decay');
  assert.equal(decay?.Half_Life_Days__c, 30);
  assert.deepEqual(JSON.parse(decay?.Explanation__c as string).settings, { attributionHalfLifeDays: 30 });
  const log = plan.decisionLogs.find((l) => l.Attribution__r?.Attribution_Key__c === 'O1|P1|Sourced|Registration Rule');
  assert.equal(log?.Event_Type__c, 'Attribution Proposed');
  assert.equal(log?.Referral__c, 'R1');
  assert.match(log?.Log_Key__c ?? '', /^Attribution Proposed:O1\|P1\|Sourced\|Registration Rule:[0-9a-f]{32}$/);
  assert.equal(
    recompute(demoRecords(), new AttributionStore()).decisionLogs.find((l) => l.Referral__c === 'R1')?.Log_Key__c,
    log?.Log_Key__c,
    'stable log key',
  );
});

test('approved and disputed rows survive a recompute untouched, even when the numbers change', () => {
  const store = new AttributionStore();
  store.apply(recompute(demoRecords(), store).upserts);
  const approvedKey = 'O1|P1|Sourced|Registration Rule';
  const disputedKey = 'O1|P3|Resold|Reseller of Record';
  store.apply([
    { Attribution_Key__c: approvedKey, Status__c: 'Approved', Approved_At__c: '2026-11-25T10:00:00.000Z' },
    { Attribution_Key__c: disputedKey, Status__c: 'Disputed', Dispute_Reason__c: 'We resold only half of it' },
  ]);
  const before = store.list();
  const records = demoRecords();
  (records.opportunities[0] as { Amount: number }).Amount = 70_000;
  const plan = recompute(records, store);
  assert.ok(!plan.upserts.some((r) => r.Attribution_Key__c === approvedKey || r.Attribution_Key__c === disputedKey));
  assert.deepEqual(
    plan.held.map((h) => [h.key, h.status, h.differs]),
    [
      [approvedKey, 'Approved', true],
      [disputedKey, 'Disputed', true],
    ],
  );
  store.apply(plan.upserts);
  const after = new Map(store.list().map((r) => [r.Attribution_Key__c, r]));
  for (const row of before.filter((r) => r.Attribution_Key__c === approvedKey || r.Attribution_Key__c === disputedKey)) {
    assert.deepEqual(after.get(row.Attribution_Key__c), row);
  }
  assert.equal(after.get('O1|P2|Influenced|Time Decay')?.Credited_Amount__c, 20229.05, 'proposals follow the new amount');
  assert.deepEqual(recompute(records, store).upserts, [], 'and the next run is quiet again');
});

test('a proposal that no longer applies is superseded once, and revived if it applies again', () => {
  const store = new AttributionStore();
  store.apply(recompute(demoRecords(), store).upserts);
  const withoutT1 = demoRecords();
  withoutT1.touches = withoutT1.touches.filter((t) => t.Id !== 'T1');
  const plan = recompute(withoutT1, store);
  // P2's only touch on O1 was T1 (neither first nor last): it held Linear, Position Based and Time Decay credit.
  const p2Keys = ['Linear', 'Position Based', 'Time Decay'].map((m) => `O1|P2|Influenced|${m}`);
  assert.deepEqual(
    plan.superseded.filter((k) => k.startsWith('O1|P2|')),
    p2Keys,
  );
  assert.deepEqual(
    plan.upserts.find((r) => r.Attribution_Key__c === p2Keys[0]),
    { Attribution_Key__c: p2Keys[0], Status__c: 'Superseded', Computed_At__c: '2026-11-24T12:00:00.000Z' },
  );
  store.apply(plan.upserts);
  assert.deepEqual(recompute(withoutT1, store).upserts, [], 'already superseded: nothing to do');
  const revived = recompute(demoRecords(), store);
  assert.deepEqual(
    revived.upserts.filter((r) => r.Attribution_Key__c?.startsWith('O1|P2|Influenced')).map((r) => r.Status__c),
    ['Proposed', 'Proposed', 'Proposed'],
  );
});

test('rows on opportunities outside the computation are left alone', () => {
  const store = new AttributionStore();
  store.apply([
    {
      Attribution_Key__c: 'O77|P1|Sourced|Registration Rule',
      Opportunity__c: 'O77',
      Channel_Partner__c: 'P1',
      Role__c: 'Sourced',
      Model__c: 'Registration Rule',
      Status__c: 'Proposed',
    },
  ]);
  const plan = recompute(demoRecords(), store);
  assert.ok(!plan.upserts.some((r) => r.Attribution_Key__c?.startsWith('O77|')));
  assert.deepEqual(plan.superseded, []);
});

test('values as the org returns them (numbers as stored, empty text as null) still compare equal', () => {
  const store = new AttributionStore();
  store.apply(recompute(demoRecords(), store).upserts);
  for (const [key, row] of store.rows)
    store.rows.set(key, { ...row, Review_Reason__c: row.Review_Reason__c ?? undefined, Needs_Review__c: row.Needs_Review__c || null });
  assert.deepEqual(recompute(demoRecords(), store).upserts, []);
});
