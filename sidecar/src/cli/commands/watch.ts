/**
 * `partner-sync watch`: the long-running sidecar. First cycle, then real-time referral checks
 * from Change Data Capture with polling as the fallback; health and Prometheus metrics on
 * 127.0.0.1.
 */
import { watchJobs } from '../../jobs/index.ts';
import { SidecarMetrics, startObservabilityServer } from '../../observability/metrics.ts';
import { SidecarWatcher } from '../../sync/watcher.ts';
import { UsageError, type CliCommand, type CliIo } from '../command.ts';
import { COMMON_USAGE, configFromFlags, loggerFor, openFromConfig, parseFlags, printReport, reportError } from './shared.ts';

const USAGE = `Usage: partner-sync watch [options]

Runs a full cycle, then stays up: each referral submitted or changed is checked at once
(Change Data Capture on Partner_Referral__c, resumed from the saved replay id after a restart),
and a full cycle runs every poll interval as the fallback. Stop with Ctrl-C.

  --poll <seconds>       full cycle interval (PARTNER_SYNC_POLL_INTERVAL_SECONDS, default 60)
  --metrics-port <port>  health (/healthz) and Prometheus metrics (/metrics) on 127.0.0.1
                         (PARTNER_SYNC_METRICS_PORT, default 9464; 0 = any free port)
  --no-realtime          polling only, no change-event subscription
  --overlaps-dir <dir>   partner account lists for the overlap refresh
${COMMON_USAGE}
`;

export const watchCommand: CliCommand = {
  name: 'watch',
  summary: 'run continuously: real-time referral checks (CDC), polling fallback, health and metrics',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseFlags(args, {
      poll: { type: 'string' },
      'metrics-port': { type: 'string' },
      'no-realtime': { type: 'boolean' },
      'overlaps-dir': { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
    let logger;
    try {
      const config = configFromFlags(values, io, {
        ...(values.poll ? { pollIntervalSeconds: values.poll } : {}),
        ...(values['metrics-port'] ? { metricsPort: values['metrics-port'] } : {}),
        ...(values['overlaps-dir'] ? { overlapsDir: values['overlaps-dir'] } : {}),
      });
      logger = loggerFor(config, io, values, 'info');
      const client = await openFromConfig(config, logger);
      const metrics = new SidecarMetrics();
      const watcher = new SidecarWatcher({
        client,
        config,
        logger,
        metrics,
        ...watchJobs(),
        realTime: values['no-realtime'] !== true,
        onReport: (report, trigger) => {
          io.stdout.write(`[${new Date().toISOString()}] ${trigger}: `);
          printReport(report, io, values.json === true);
        },
      });
      const server = await startObservabilityServer(metrics, () => watcher.health, config.metricsPort);
      io.stdout.write(`Health on http://127.0.0.1:${server.port}/healthz, metrics on http://127.0.0.1:${server.port}/metrics\n`);
      await watcher.start();
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await watcher.stop();
      await server.close();
      return 0;
    } catch (error) {
      return reportError(error, io, logger);
    }
  },
};
