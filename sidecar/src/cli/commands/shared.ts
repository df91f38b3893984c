/**
 * What the sync commands share: their common flags, loading the configuration, opening the
 * org, the logger, progress bars (TTY only) and the one-line human summary.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig, type SidecarConfig } from '../../config/config.ts';
import { createLogger, type Logger } from '../../observability/logger.ts';
import { openOrg } from '../../org/connect.ts';
import type { OrgClient } from '../../org/org-client.ts';
import type { RunReport } from '../../sync/sync-run.ts';
import { UsageError, type CliIo } from '../command.ts';

export const COMMON_OPTIONS = {
  'target-org': { type: 'string' },
  config: { type: 'string' },
  budget: { type: 'string' },
  'log-level': { type: 'string' },
  'emulator-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const COMMON_USAGE = `Connection and run options:
  --target-org <alias>   an org authorised with the Salesforce CLI (sf org login …); default: the
                         local emulator started by \`partner-sync demo\` (.org-emulator/connection.json),
                         or a Connected App via PARTNER_SYNC_LOGIN_URL, _CLIENT_ID, _USERNAME, _JWT_KEY_FILE
  --config <file>        JSON config file (also PARTNER_SYNC_CONFIG); environment and flags override it
  --budget <calls>       API calls this run may use (PARTNER_SYNC_API_CALL_BUDGET, default 5000)
  --log-level <level>    JSON log level on stderr (fatal … trace, silent)
  --emulator-dir <dir>   where the demo emulator's connection file is (default .org-emulator)
  --json                 print the run report as JSON instead of a summary line`;

export function parseFlags<O extends ParseArgsConfig['options']>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function configFromFlags(values: Record<string, unknown>, io: CliIo, extra: Record<string, unknown> = {}): SidecarConfig {
  const overrides: Record<string, unknown> = { ...extra };
  if (values['target-org']) overrides.targetOrg = values['target-org'];
  if (values.budget) overrides.apiCallBudget = values.budget;
  if (values['log-level']) overrides.logLevel = values['log-level'];
  if (values['emulator-dir']) overrides.emulatorDir = values['emulator-dir'];
  return loadConfig({ env: io.env, ...(typeof values.config === 'string' ? { file: values.config } : {}), overrides });
}

/** JSON logs on stderr; one-shot commands in a terminal default to warnings only. */
export function loggerFor(config: SidecarConfig, io: CliIo, values: Record<string, unknown>, interactiveDefault = 'warn'): Logger {
  const explicit = values['log-level'] ?? io.env.PARTNER_SYNC_LOG_LEVEL;
  const level = explicit ? config.logLevel : io.stderr.isTTY ? interactiveDefault : config.logLevel;
  return createLogger({ level, destination: io.stderr });
}

export async function openFromConfig(config: SidecarConfig, logger: Logger): Promise<OrgClient> {
  return openOrg(config, { onRetry: (event) => logger.warn(event, `retrying after ${event.reason}`) });
}

/** Progress bars on long extracts, only on a terminal. */
export function progressReporter(io: CliIo): { onProgress?: (objectName: string, loaded: number, total: number) => void; stop(): void } {
  if (!io.stderr.isTTY) return { stop() {} };
  const multibar = new cliProgress.MultiBar(
    {
      format: ' {object} |{bar}| {value}/{total} records',
      hideCursor: true,
      clearOnComplete: true,
      stream: io.stderr as NodeJS.WriteStream,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    onProgress(objectName, loaded, total) {
      // Only extracts worth watching get a bar.
      if (total < 5000 && !bars.has(objectName)) return;
      let bar = bars.get(objectName);
      if (!bar) {
        bar = multibar.create(total, 0, { object: objectName.padEnd(24) });
        bars.set(objectName, bar);
      }
      bar.setTotal(Math.max(total, loaded));
      bar.update(loaded, { object: objectName.padEnd(24) });
    },
    stop() {
      multibar.stop();
    },
  };
}

export function printReport(report: RunReport, io: CliIo, asJson: boolean): void {
  if (asJson) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const c = report.counts;
  const cross = report.orgCountedCalls !== undefined ? ` (org counted ${report.orgCountedCalls})` : '';
  io.stdout.write(
    `${report.status} in ${(report.durationMs / 1000).toFixed(1)} s — read ${c.recordsRead} records, wrote ${c.recordsWritten}` +
      `${c.recordsFailed ? `, ${c.recordsFailed} failed (kept in Sync_Error__c, retried next run)` : ''}; ` +
      `duplicates ${c.duplicatesFound}, conflicts ${c.conflictsFound}, recommendations ${c.recommendationsMade}, attributions ${c.attributionsWritten}; ` +
      `API calls ${report.apiCalls}${cross}\n`,
  );
  if (report.errorMessage) io.stdout.write(`  stopped: ${report.errorMessage}\n`);
}

export function exitCodeFor(report: RunReport): number {
  if (report.status === 'Failed') return 1;
  // Stopping at a limit is a clean stop: the next run resumes.
  return 0;
}

/** Errors a person can act on print as one line; anything else keeps its stack in the log. */
export function reportError(error: unknown, io: CliIo, logger?: Logger): number {
  if (error instanceof UsageError) throw error;
  const named = error as Error;
  if (error instanceof ConfigError || ['ConnectionError', 'SfCliOrgError', 'JwtAuthError'].includes(named.name)) {
    io.stderr.write(`partner-sync: ${named.message}\n`);
    return 2;
  }
  logger?.error({ err: error }, 'command failed');
  io.stderr.write(`partner-sync: ${named.message ?? String(error)}\n`);
  return 1;
}
