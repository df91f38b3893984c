/**
 * The partner attribution report (seed template): Partner | Referrals | Pipeline | Won | Revenue |
 * Commission | Win rate, computed only from records — referrals, opportunities and the
 * Partner_Attribution__c rows — so its totals can be checked against the org. One role per report
 * (sourced by default): sourced and influenced credit are never summed. Column meanings are in
 * docs/attribution.md; in short, for the chosen role's payable model:
 *  - Referrals: the partner's registrations submitted in the period (any status);
 *  - Pipeline: credited amount on opportunities open now;
 *  - Won: number of won opportunities closed in the period the partner has credit on;
 *  - Revenue: credited amount on those won opportunities;
 *  - Commission: proposed commission on those rows (Proposed, Approved or Disputed);
 *  - Win rate: won ÷ (won + lost) over the partner's credited opportunities closed in the period.
 * Superseded rows are history and never count.
 */
import { stringify } from 'csv-stringify/sync';
import type { Channel_Partner__c, Opportunity, Partner_Attribution__c, Partner_Referral__c } from '@partner-lead-sync/model';
import { parseDayStart, parseInstant, isoDay } from './time.ts';
import { PAYABLE_MODEL, type AttributionModel, type AttributionRole, type InfluenceModel } from './types.ts';

export interface PartnerReportInput {
  partners: Channel_Partner__c[];
  referrals: Partner_Referral__c[];
  /** Opportunities the attribution rows point to (Id, StageName/IsClosed/IsWon, CloseDate). */
  opportunities: Opportunity[];
  attributions: Partner_Attribution__c[];
}

export interface PartnerReportOptions {
  role?: AttributionRole;
  /** Only for the influenced role; Time Decay (the programme's model) by default. */
  influenceModel?: InfluenceModel;
  /** Inclusive UTC dates (YYYY-MM-DD); open-ended when absent. */
  from?: string | null;
  to?: string | null;
}

export interface PartnerReportRow {
  partnerId: string;
  partner: string;
  referrals: number;
  pipeline: number;
  won: number;
  lost: number;
  revenue: number;
  commission: number;
  /** won ÷ (won + lost), null when nothing closed. */
  winRate: number | null;
}

export interface PartnerReport {
  role: AttributionRole;
  model: AttributionModel;
  from: string | null;
  to: string | null;
  rows: PartnerReportRow[];
  /** Sums of the columns, except Won / lost / Win rate which count distinct opportunities. */
  total: PartnerReportRow;
  /** Attribution rows skipped because their opportunity was not in the input. */
  unmatchedAttributions: number;
}

export class ReportOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportOptionError';
  }
}

function cents(value: number | null | undefined): number {
  return value == null || !Number.isFinite(value) ? 0 : Math.round(value * 100);
}

function inPeriod(dayStart: number | null, from: number | null, to: number | null): boolean {
  if (dayStart === null) return false;
  return (from === null || dayStart >= from) && (to === null || dayStart <= to);
}

function periodBound(value: string | null | undefined, name: string): number | null {
  if (value == null || value === '') return null;
  const day = parseDayStart(value);
  if (day === null) throw new ReportOptionError(`--${name} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return day;
}

interface Tally {
  referrals: number;
  pipelineCents: number;
  revenueCents: number;
  commissionCents: number;
  won: Set<string>;
  lost: Set<string>;
}

const emptyTally = (): Tally => ({ referrals: 0, pipelineCents: 0, revenueCents: 0, commissionCents: 0, won: new Set(), lost: new Set() });

function toRow(partnerId: string, partner: string, tally: Tally): PartnerReportRow {
  const won = tally.won.size;
  const lost = tally.lost.size;
  return {
    partnerId,
    partner,
    referrals: tally.referrals,
    pipeline: tally.pipelineCents / 100,
    won,
    lost,
    revenue: tally.revenueCents / 100,
    commission: tally.commissionCents / 100,
    winRate: won + lost === 0 ? null : won / (won + lost),
  };
}

export function buildPartnerReport(input: PartnerReportInput, options: PartnerReportOptions = {}): PartnerReport {
  const role = options.role ?? 'Sourced';
  const model: AttributionModel = role === 'Influenced' ? (options.influenceModel ?? 'Time Decay') : PAYABLE_MODEL[role];
  const from = periodBound(options.from, 'from');
  const to = periodBound(options.to, 'to');
  if (from !== null && to !== null && from > to) throw new ReportOptionError(`--from ${options.from} is after --to ${options.to}`);

  const names = new Map<string, string>();
  for (const partner of input.partners) if (partner.Id) names.set(partner.Id, partner.Name ?? partner.Id);
  const tallies = new Map<string, Tally>();
  const tallyOf = (partnerId: string): Tally => {
    let tally = tallies.get(partnerId);
    if (!tally) tallies.set(partnerId, (tally = emptyTally()));
    return tally;
  };
  const total = emptyTally();

  for (const referral of input.referrals) {
    if (!referral.Channel_Partner__c) continue;
    const submitted = parseInstant(referral.Submitted_At__c) ?? parseInstant(referral.CreatedDate);
    if (!inPeriod(submitted === null ? null : parseDayStart(isoDay(submitted)), from, to)) continue;
    tallyOf(referral.Channel_Partner__c).referrals++;
    total.referrals++;
  }

  const opportunities = new Map<string, Opportunity>();
  for (const opportunity of input.opportunities) if (opportunity.Id) opportunities.set(opportunity.Id, opportunity);
  let unmatchedAttributions = 0;
  for (const row of input.attributions) {
    if (row.Role__c !== role || row.Model__c !== model || row.Status__c === 'Superseded' || !row.Channel_Partner__c) continue;
    const opportunity = row.Opportunity__c ? opportunities.get(row.Opportunity__c) : undefined;
    if (!opportunity?.Id) {
      unmatchedAttributions++;
      continue;
    }
    const tally = tallyOf(row.Channel_Partner__c);
    const isWon = opportunity.IsWon ?? opportunity.StageName === 'Closed Won';
    const isClosed = isWon || (opportunity.IsClosed ?? opportunity.StageName === 'Closed Lost');
    if (!isClosed) {
      tally.pipelineCents += cents(row.Credited_Amount__c);
      total.pipelineCents += cents(row.Credited_Amount__c);
      continue;
    }
    if (!inPeriod(parseDayStart(opportunity.CloseDate), from, to)) continue;
    if (isWon) {
      tally.won.add(opportunity.Id);
      total.won.add(opportunity.Id);
      tally.revenueCents += cents(row.Credited_Amount__c);
      total.revenueCents += cents(row.Credited_Amount__c);
      tally.commissionCents += cents(row.Proposed_Commission__c);
      total.commissionCents += cents(row.Proposed_Commission__c);
    } else {
      tally.lost.add(opportunity.Id);
      total.lost.add(opportunity.Id);
    }
  }

  const rows = [...tallies.entries()]
    .map(([partnerId, tally]) => toRow(partnerId, names.get(partnerId) ?? partnerId, tally))
    .sort(
      (a, b) =>
        b.revenue - a.revenue ||
        b.pipeline - a.pipeline ||
        b.referrals - a.referrals ||
        (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0) ||
        (a.partnerId < b.partnerId ? -1 : 1),
    );
  return { role, model, from: options.from ?? null, to: options.to ?? null, rows, total: toRow('', 'Total', total), unmatchedAttributions };
}

const amountFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)} %`;
}

export const REPORT_COLUMNS = ['Partner', 'Referrals', 'Pipeline', 'Won', 'Revenue', 'Commission', 'Win rate'] as const;

function title(report: PartnerReport): string {
  const period = report.from || report.to ? `${report.from ?? '…'} to ${report.to ?? '…'}` : 'all time';
  return `Partner attribution — ${report.role} (${report.model}), ${period}`;
}

/** A plain-text table with aligned columns and a total row. */
export function renderPartnerReportTable(report: PartnerReport): string {
  const cells = (row: PartnerReportRow): string[] => [
    row.partner,
    String(row.referrals),
    amountFormat.format(row.pipeline),
    String(row.won),
    amountFormat.format(row.revenue),
    amountFormat.format(row.commission),
    percent(row.winRate),
  ];
  const body = [[...REPORT_COLUMNS], ...report.rows.map(cells), cells(report.total)];
  const widths = REPORT_COLUMNS.map((_, c) => Math.max(...body.map((r) => (r[c] as string).length)));
  const line = (r: string[]): string =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [
    title(report),
    '',
    line(body[0] as string[]),
    rule,
    ...body.slice(1, -1).map(line),
    rule,
    line(body[body.length - 1] as string[]),
  ];
  if (report.unmatchedAttributions > 0)
    out.push('', `${report.unmatchedAttributions} attribution row(s) point to opportunities that were not loaded and are not counted.`);
  out.push(
    '',
    'Amounts in the org currency. Won = won deals, Revenue = credited won amount, Win rate = won ÷ closed (see docs/attribution.md).',
  );
  return `${out.join('\n')}\n`;
}

/** CSV with machine-readable numbers: amounts to 2 decimals, win_rate as a fraction (empty when nothing closed). */
export function renderPartnerReportCsv(report: PartnerReport): string {
  const record = (row: PartnerReportRow): string[] => [
    row.partnerId,
    row.partner,
    String(row.referrals),
    row.pipeline.toFixed(2),
    String(row.won),
    row.revenue.toFixed(2),
    row.commission.toFixed(2),
    row.winRate === null ? '' : row.winRate.toFixed(4),
  ];
  return stringify([
    ['partner_id', 'partner', 'referrals', 'pipeline', 'won', 'revenue', 'commission', 'win_rate'],
    ...report.rows.map(record),
    record(report.total),
  ]);
}
