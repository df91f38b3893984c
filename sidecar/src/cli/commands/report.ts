/**
 * `partner-sync report attribution [--format table|csv] [--role …] [--model …] [--period …|--from --to]`
 *
 * The seam: this command does no I/O against the org itself. It is built with a
 * `loadReportInput` function (the sync layer's org loader) that returns the partners, referrals,
 * opportunities and Partner_Attribution__c rows; the report is computed by the pure
 * buildPartnerReport and written to stdout. Tests inject an in-memory loader.
 */
import { parseArgs } from 'node:util';
import {
  buildPartnerReport,
  renderPartnerReportCsv,
  renderPartnerReportTable,
  ReportOptionError,
  type AttributionRole,
  type InfluenceModel,
  type PartnerReportInput,
} from '../../attribution/index.ts';
import { UsageError, type CliCommand, type CliIo } from '../command.ts';

/** What the loader is asked for: it may narrow its queries to the period, the report filters anyway. */
export interface ReportLoadRequest {
  report: 'attribution';
  from: string | null;
  to: string | null;
}

export type LoadReportInput = (request: ReportLoadRequest, io: CliIo) => Promise<PartnerReportInput>;

export interface ReportCommandDependencies {
  loadReportInput: LoadReportInput;
  /** The clock, for --period (qtd, mtd, ytd). */
  now?: () => Date;
}

const ROLES: Record<string, AttributionRole> = { sourced: 'Sourced', influenced: 'Influenced', resold: 'Resold' };
const MODELS: Record<string, InfluenceModel> = {
  'time-decay': 'Time Decay',
  linear: 'Linear',
  'first-touch': 'First Touch',
  'last-touch': 'Last Touch',
  'position-based': 'Position Based',
};

const USAGE = `Usage: partner-sync report attribution [options]

Partner | Referrals | Pipeline | Won | Revenue | Commission | Win rate, from the org's records.

Options:
  --format table|csv       output format (default table)
  --role sourced|influenced|resold
                           whose credit to report (default sourced); roles are never summed
  --model time-decay|linear|first-touch|last-touch|position-based
                           influence model for --role influenced (default time-decay)
  --period all|qtd|mtd|ytd period by UTC calendar (default all)
  --from YYYY-MM-DD        first day of the period (inclusive); overrides --period
  --to YYYY-MM-DD          last day of the period (inclusive)

Referrals count by submission date, Won / Revenue / Commission / Win rate by close date;
Pipeline is what is open now. Column definitions: docs/attribution.md.`;

function periodStart(period: string, now: Date): string | null {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const day = (m: number): string => new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 10);
  switch (period) {
    case 'all':
      return null;
    case 'ytd':
      return day(0);
    case 'qtd':
      return day(month - (month % 3));
    case 'mtd':
      return day(month);
    default:
      throw new UsageError(`--period must be all, qtd, mtd or ytd, got ${JSON.stringify(period)}`);
  }
}

function choose<T>(table: Record<string, T>, value: string | undefined, option: string, fallback: T): T {
  if (value === undefined) return fallback;
  const chosen = table[value];
  if (chosen === undefined)
    throw new UsageError(`--${option} must be one of ${Object.keys(table).join(', ')}, got ${JSON.stringify(value)}`);
  return chosen;
}

export function createReportCommand(dependencies: ReportCommandDependencies): CliCommand {
  const now = dependencies.now ?? (() => new Date());
  return {
    name: 'report',
    summary: 'Partner attribution report (table or CSV): referrals, pipeline, won, revenue, commission, win rate',
    usage: USAGE,
    async run(args: string[], io: CliIo): Promise<number> {
      let parsed;
      try {
        parsed = parseArgs({
          args,
          allowPositionals: true,
          strict: true,
          options: {
            format: { type: 'string' },
            role: { type: 'string' },
            model: { type: 'string' },
            period: { type: 'string' },
            from: { type: 'string' },
            to: { type: 'string' },
            help: { type: 'boolean', short: 'h' },
          },
        });
      } catch (error) {
        io.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
        return 2;
      }
      const { values, positionals } = parsed;
      if (values.help) {
        io.stdout.write(`${USAGE}\n`);
        return 0;
      }
      try {
        if (positionals.length !== 1 || positionals[0] !== 'attribution') {
          throw new UsageError(
            positionals.length === 0
              ? 'name the report: attribution'
              : `unknown report ${JSON.stringify(positionals.join(' '))} (known: attribution)`,
          );
        }
        const format = values.format ?? 'table';
        if (format !== 'table' && format !== 'csv') throw new UsageError(`--format must be table or csv, got ${JSON.stringify(format)}`);
        const role = choose(ROLES, values.role, 'role', 'Sourced');
        if (values.model !== undefined && role !== 'Influenced') throw new UsageError('--model applies to --role influenced only');
        const influenceModel = choose(MODELS, values.model, 'model', 'Time Decay');
        const from = values.from ?? periodStart(values.period ?? 'all', now());
        const to =
          values.to ?? (values.period && values.period !== 'all' && values.from === undefined ? now().toISOString().slice(0, 10) : null);
        const input = await dependencies.loadReportInput({ report: 'attribution', from, to }, io);
        const report = buildPartnerReport(input, { role, influenceModel, from, to });
        io.stdout.write(format === 'csv' ? renderPartnerReportCsv(report) : renderPartnerReportTable(report));
        return 0;
      } catch (error) {
        if (error instanceof UsageError || error instanceof ReportOptionError) {
          io.stderr.write(`${error.message}\n\n${USAGE}\n`);
          return 2;
        }
        throw error;
      }
    },
  };
}
