/**
 * `run`, `check`, `overlaps`, `attribute`: one run of one or all jobs against the target org,
 * with the run log, budget and retries of every run.
 */
import { allJobs, attributionRecomputeJob, leadDistributionJob, overlapRefreshJob, referralCheckJob } from '../../jobs/index.ts';
import type { RunJob } from '../../sync/run-log.ts';
import { runSync, type SyncJob } from '../../sync/sync-run.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { UsageError } from '../command.ts';
import {
  COMMON_USAGE,
  configFromFlags,
  exitCodeFor,
  loggerFor,
  openFromConfig,
  parseFlags,
  printReport,
  progressReporter,
  reportError,
} from './shared.ts';

function syncCommand(spec: {
  name: string;
  summary: string;
  details: string;
  runJob: RunJob;
  jobs: () => SyncJob[];
  extraUsage?: string;
}): CliCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: `Usage: partner-sync ${spec.name} [options]\n\n${spec.details}\n${spec.extraUsage ?? ''}\n${COMMON_USAGE}\n`,
    async run(args: string[], io: CliIo): Promise<number> {
      const { values, positionals } = parseFlags(args, { 'overlaps-dir': { type: 'string' } });
      if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
      let logger;
      try {
        const config = configFromFlags(values, io, values['overlaps-dir'] ? { overlapsDir: values['overlaps-dir'] } : {});
        logger = loggerFor(config, io, values);
        const client = await openFromConfig(config, logger);
        const progress = progressReporter(io);
        try {
          const report = await runSync({
            client,
            config,
            jobs: spec.jobs(),
            runJob: spec.runJob,
            logger,
            ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
          });
          progress.stop();
          printReport(report, io, values.json === true);
          return exitCodeFor(report);
        } finally {
          progress.stop();
        }
      } catch (error) {
        return reportError(error, io, logger);
      }
    },
  };
}

const OVERLAPS_USAGE = `  --overlaps-dir <dir>   folder of partner account lists, one CSV per partner named after its
                         Partner_Key__c (PARTNER_SYNC_OVERLAPS_DIR)`;

export const runCommand = syncCommand({
  name: 'run',
  summary: 'one full cycle: referral check, overlap refresh, lead distribution, attribution recompute',
  details: 'Reads what changed since the last run, runs every job, writes the results back and logs the run in Sync_Run__c.',
  runJob: 'Full Cycle',
  jobs: allJobs,
  extraUsage: OVERLAPS_USAGE,
});

export const checkCommand = syncCommand({
  name: 'check',
  summary: 'check new and changed referrals for duplicates and channel conflict',
  details:
    'Classifies each referral submitted or changed since the last check, writes the flag, reasons and\nrecommendation on it, opens Channel_Conflict__c records and logs the decision. Never approves or declines.',
  runJob: 'Referral Check',
  jobs: () => [referralCheckJob],
});

export const overlapsCommand = syncCommand({
  name: 'overlaps',
  summary: "refresh account overlap from partners' account lists",
  details: 'Matches each partner account list (CSV) against Accounts and writes Account_Overlap__c.',
  runJob: 'Overlap Refresh',
  jobs: () => [overlapRefreshJob],
  extraUsage: OVERLAPS_USAGE,
});

export const attributeCommand = syncCommand({
  name: 'attribute',
  summary: 'recompute partner attribution and proposed commission',
  details: 'Recomputes Partner_Attribution__c for every opportunity; approved and disputed rows are never changed.',
  runJob: 'Attribution Recompute',
  jobs: () => [attributionRecomputeJob],
});

export const distributeCommand = syncCommand({
  name: 'distribute',
  summary: 'offer partner leads and enforce follow-up SLAs (reminders, reclaim)',
  details:
    'Offers leads marked with Partner_Distribution_Model__c (round robin, shark tank, direct), reminds\npartners before the follow-up deadline and reclaims and reassigns leads with no logged contact.',
  runJob: 'Distribution',
  jobs: () => [leadDistributionJob],
});
