/** `partner-sync status`: recent runs, stream watermarks, pending errors and API usage, from the org. */
import { queryMany } from '../../sync/composite-query.ts';
import { UsageError, type CliCommand, type CliIo } from '../command.ts';
import { COMMON_USAGE, configFromFlags, loggerFor, openFromConfig, parseFlags, reportError } from './shared.ts';

const USAGE = `Usage: partner-sync status [options]

Shows the last runs (Sync_Run__c), the sync streams' watermarks and replay ids (Sync_State__c),
records waiting to be re-sent (Sync_Error__c, Pending Retry) and the org's daily API usage.

  --runs <n>             how many recent runs to show (default 10)
${COMMON_USAGE}
`;

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'recent runs, watermarks, pending errors and API usage',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseFlags(args, { runs: { type: 'string' } });
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const runs = values.runs === undefined ? 10 : Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1 || runs > 200)
      throw new UsageError(`--runs must be a whole number from 1 to 200, got ${values.runs}`);
    let logger;
    try {
      const config = configFromFlags(values, io);
      logger = loggerFor(config, io, values);
      const client = await openFromConfig(config, logger);
      const [runRows, stateRows, errorRows] = await queryMany(client, [
        {
          objectName: 'Sync_Run__c',
          soql: `SELECT Name, Job__c, Status__c, Started_At__c, Finished_At__c, Records_Read__c, Records_Written__c, Records_Failed__c, Conflicts_Found__c, Api_Calls_Used__c, Error_Message__c FROM Sync_Run__c ORDER BY Started_At__c DESC LIMIT ${runs}`,
        },
        {
          objectName: 'Sync_State__c',
          soql: 'SELECT Stream_Key__c, Watermark_Modstamp__c, Watermark_Id__c, Replay_Id__c FROM Sync_State__c ORDER BY Stream_Key__c',
        },
        {
          objectName: 'Sync_Error__c',
          soql: "SELECT Error_Key__c, Error_Code__c, Field__c, Attempts__c, Message__c FROM Sync_Error__c WHERE Status__c = 'Pending Retry' ORDER BY Error_Key__c LIMIT 50",
        },
      ]);
      const limits = await client.get<Record<string, { Max: number; Remaining: number }>>('/limits');
      const daily = limits.DailyApiRequests;
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ runs: runRows, streams: stateRows, pendingErrors: errorRows, dailyApiRequests: daily })}\n`);
        return 0;
      }
      const out: string[] = ['Recent runs:'];
      for (const run of runRows ?? []) {
        out.push(
          `  ${String(run.Name ?? '').padEnd(12)} ${String(run.Job__c ?? '').padEnd(20)} ${String(run.Status__c ?? '').padEnd(21)} ${String(run.Started_At__c ?? '')}  read ${run.Records_Read__c ?? 0}, wrote ${run.Records_Written__c ?? 0}, failed ${run.Records_Failed__c ?? 0}, conflicts ${run.Conflicts_Found__c ?? 0}, API calls ${run.Api_Calls_Used__c ?? 0}${run.Error_Message__c ? `  (${String(run.Error_Message__c).slice(0, 80)})` : ''}`,
        );
      }
      if (!runRows?.length) out.push('  (none yet)');
      out.push('Streams:');
      for (const state of stateRows ?? [])
        out.push(
          `  ${String(state.Stream_Key__c).padEnd(36)} watermark ${state.Watermark_Modstamp__c ?? '—'} ${state.Watermark_Id__c ?? ''}${state.Replay_Id__c ? `  replay ${String(state.Replay_Id__c)}` : ''}`,
        );
      if (!stateRows?.length) out.push('  (none yet)');
      out.push(`Pending errors: ${errorRows?.length ?? 0}${(errorRows?.length ?? 0) >= 50 ? '+' : ''}`);
      for (const error of (errorRows ?? []).slice(0, 10))
        out.push(
          `  ${String(error.Error_Key__c)}  ${String(error.Error_Code__c)}${error.Field__c ? ` on ${String(error.Field__c)}` : ''} (attempts ${error.Attempts__c ?? 0}): ${String(error.Message__c ?? '').slice(0, 100)}`,
        );
      if (daily) out.push(`Daily API requests: ${daily.Max - daily.Remaining} of ${daily.Max} used`);
      io.stdout.write(`${out.join('\n')}\n`);
      return 0;
    } catch (error) {
      return reportError(error, io, logger);
    }
  },
};
