import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { Partner_Attribution__c } from '@partner-lead-sync/model';
import {
  attributionInputFromRecords,
  buildPartnerReport,
  computeAttributions,
  planAttributionWrites,
  renderPartnerReportCsv,
  renderPartnerReportTable,
  type PartnerReportInput,
} from '../../src/attribution/index.ts';
import { createReportCommand, type ReportLoadRequest } from '../../src/cli/commands/report.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';
import { demoRecords } from './org-records.ts';

const NOW = Date.parse('2026-11-24T12:00:00.000Z');

function reportInput(): PartnerReportInput {
  const records = demoRecords();
  const { input } = attributionInputFromRecords(records, DEFAULT_PROGRAM_SETTINGS, NOW);
  const attributions: Partner_Attribution__c[] = planAttributionWrites(computeAttributions(input), [], NOW).upserts;
  // History that must not count: a superseded proposal.
  attributions.push({
    Attribution_Key__c: 'O1|P3|Sourced|Registration Rule',
    Opportunity__c: 'O1',
    Channel_Partner__c: 'P3',
    Role__c: 'Sourced',
    Model__c: 'Registration Rule',
    Credited_Amount__c: 50_000,
    Proposed_Commission__c: 5_000,
    Status__c: 'Superseded',
  });
  return { partners: records.partners, referrals: records.referrals, opportunities: records.opportunities, attributions };
}

test('sourced report: columns as documented, totals equal the sums over the records', () => {
  const input = reportInput();
  const report = buildPartnerReport(input);
  assert.deepEqual(
    report.rows.map((r) => [r.partner, r.referrals, r.pipeline, r.won, r.revenue, r.commission, r.winRate]),
    [
      ['Acme Integrators', 1, 0, 1, 50000, 7500, 1],
      ['Blue Sky Cloud', 2, 20000, 0, 0, 0, null],
      ['Cobalt Resale', 2, 0, 0, 0, 0, null],
    ],
  );
  const live = input.attributions.filter((a) => a.Role__c === 'Sourced' && a.Status__c !== 'Superseded');
  const wonIds = new Set(input.opportunities.filter((o) => o.IsWon).map((o) => o.Id));
  const openIds = new Set(input.opportunities.filter((o) => !o.IsClosed).map((o) => o.Id));
  const sum = (rows: Partner_Attribution__c[], field: 'Credited_Amount__c' | 'Proposed_Commission__c'): number =>
    rows.reduce((s, r) => s + (r[field] ?? 0), 0);
  assert.equal(report.total.referrals, input.referrals.length);
  assert.equal(
    report.total.revenue,
    sum(
      live.filter((a) => wonIds.has(a.Opportunity__c)),
      'Credited_Amount__c',
    ),
  );
  assert.equal(
    report.total.commission,
    sum(
      live.filter((a) => wonIds.has(a.Opportunity__c)),
      'Proposed_Commission__c',
    ),
  );
  assert.equal(
    report.total.pipeline,
    sum(
      live.filter((a) => openIds.has(a.Opportunity__c)),
      'Credited_Amount__c',
    ),
  );
  assert.equal(report.total.won, 1);
  assert.equal(report.total.winRate, 1);
});

test('influenced report (time decay): a lost deal lowers the win rate, shared deals count once in the total', () => {
  const report = buildPartnerReport(reportInput(), { role: 'Influenced' });
  assert.equal(report.model, 'Time Decay');
  const acme = report.rows.find((r) => r.partnerId === 'P1');
  assert.deepEqual([acme?.won, acme?.lost, acme?.winRate, acme?.pipeline], [0, 1, 0, 20000]);
  const won = report.rows.reduce((s, r) => s + r.won, 0);
  assert.equal(won, 2, 'P2 and P3 both influenced O1');
  assert.equal(report.total.won, 1, 'one distinct won deal');
  assert.equal(report.total.revenue, 50000);
  assert.equal(report.total.winRate, 0.5);
});

test('the period filters referrals by submission and closed deals by close date; pipeline is today’s', () => {
  const report = buildPartnerReport(reportInput(), { from: '2026-11-01', to: '2026-11-30' });
  assert.deepEqual([report.total.referrals, report.total.won, report.total.revenue, report.total.pipeline], [1, 0, 0, 20000]);
  assert.throws(() => buildPartnerReport(reportInput(), { from: '2026-13-01' }), /--from must be a date/);
});

test('table and CSV render the same figures', () => {
  const report = buildPartnerReport(reportInput());
  const table = renderPartnerReportTable(report);
  assert.match(table, /^Partner attribution — Sourced \(Registration Rule\), all time/);
  assert.match(table, /Partner\s+Referrals\s+Pipeline\s+Won\s+Revenue\s+Commission\s+Win rate/);
  assert.match(table, /Acme Integrators\s+1\s+0\.00\s+1\s+50,000\.00\s+7,500\.00\s+100\.0 %/);
  assert.match(table, /Total\s+5\s+20,000\.00\s+1\s+50,000\.00\s+7,500\.00\s+100\.0 %/);
  const rows = parse(renderPartnerReportCsv(report), { columns: true }) as Record<string, string>[];
  assert.deepEqual(rows.at(-1), {
    partner_id: '',
    partner: 'Total',
    referrals: '5',
    pipeline: '20000.00',
    won: '1',
    revenue: '50000.00',
    commission: '7500.00',
    win_rate: '1.0000',
  });
  assert.equal(rows[1]?.win_rate, '');
});

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { io: { stdout, stderr, env: {} }, out: () => out, err: () => err };
}

test('the report command renders what the injected loader returns, and rejects bad options with exit 2', async () => {
  const requests: ReportLoadRequest[] = [];
  const command = createReportCommand({
    loadReportInput: async (request) => {
      requests.push(request);
      return reportInput();
    },
    now: () => new Date('2026-11-24T12:00:00Z'),
  });
  const csv = io();
  assert.equal(await command.run(['attribution', '--format', 'csv', '--period', 'qtd'], csv.io), 0);
  assert.deepEqual(requests[0], { report: 'attribution', from: '2026-10-01', to: '2026-11-24' });
  assert.match(csv.out(), /^partner_id,partner,referrals,pipeline,won,revenue,commission,win_rate\n/);
  const table = io();
  assert.equal(await command.run(['attribution', '--role', 'influenced', '--model', 'linear'], table.io), 0);
  assert.match(table.out(), /Influenced \(Linear\)/);
  for (const args of [
    ['attribution', '--format', 'xml'],
    ['pipeline'],
    ['attribution', '--model', 'linear'],
    ['attribution', '--bogus'],
    ['attribution', '--from', '2026-02-30x'],
  ]) {
    const bad = io();
    assert.equal(await command.run(args, bad.io), 2, args.join(' '));
    assert.match(bad.err(), /Usage: partner-sync report attribution/);
  }
});
