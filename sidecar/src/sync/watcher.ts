/**
 * Watch mode: a warm mirror, a Change Data Capture subscription on referrals that triggers a
 * check at once, and a polling cycle as the fallback. Work is serialised (one run at a time);
 * an event that arrives during a run triggers another run right after it.
 */
import type { Logger } from 'pino';
import type { SidecarConfig } from '../config/config.ts';
import type { SidecarMetrics, HealthState } from '../observability/metrics.ts';
import type { OrgClient } from '../org/org-client.ts';
import { realSleep } from '../org/retry-policy.ts';
import { needsCheck, subscribeToChanges, type ChangeSubscription } from './change-events.ts';
import { OrgMirror } from './org-mirror.ts';
import { SyncStateStore } from './sync-state.ts';
import { runSync, type RunReport, type SyncJob } from './sync-run.ts';
import type { RunJob } from './run-log.ts';

export const REFERRAL_CDC_STREAM = 'cdc:Partner_Referral__c';

export interface WatcherOptions {
  client: OrgClient;
  config: SidecarConfig;
  logger: Logger;
  metrics?: SidecarMetrics;
  /** The full cycle (first run and every poll). */
  cycleJobs: SyncJob[];
  /** What a change event triggers (the referral check). */
  eventJobs: SyncJob[];
  /** Fields the sidecar itself writes on referrals: updates touching only these are our echoes. */
  ownReferralFields: ReadonlySet<string>;
  sleep?: (ms: number) => Promise<void>;
  onReport?: (report: RunReport, trigger: 'start' | 'poll' | 'event') => void;
  overlapsDir?: string;
  /** Skip the CDC subscription (polling only). */
  realTime?: boolean;
}

export class SidecarWatcher {
  private readonly options: WatcherOptions;
  private readonly mirror = new OrgMirror();
  private subscription: ChangeSubscription | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();
  private eventPending = false;
  private eventQueued = false;
  private lastReplayId: number | undefined;
  private savedReplayId: number | undefined;
  private stopped = false;
  readonly health: HealthState = { status: 'starting', subscribed: false };

  constructor(options: WatcherOptions) {
    this.options = options;
  }

  /** The warm mirror (read-only use: summaries). */
  get records(): OrgMirror {
    return this.mirror;
  }

  /** Runs the first cycle, then subscribes and starts polling. Returns the first cycle's report. */
  async start(): Promise<RunReport> {
    const first = await this.runNow(this.options.cycleJobs, 'Watch', 'start');
    if (this.stopped) return first;
    if (this.options.realTime ?? true) await this.subscribe();
    const intervalMs = this.options.config.pollIntervalSeconds * 1000;
    this.pollTimer = setInterval(
      () => this.enqueue(() => this.runNow(this.options.cycleJobs, 'Watch', 'poll').then(() => undefined)),
      intervalMs,
    );
    this.pollTimer.unref?.();
    return first;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.health.status = 'stopping';
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.subscription?.close();
    await this.queue.catch(() => undefined);
  }

  /** Resolves once all queued work is done (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => {
      this.health.lastError = (error as Error).message;
      this.options.logger.error({ err: error }, 'watch work failed');
    });
  }

  private async subscribe(): Promise<void> {
    const { client, logger } = this.options;
    const states = await SyncStateStore.load(client);
    const saved = states.get(REFERRAL_CDC_STREAM)?.replayId;
    // First start: only new events (everything older is covered by the first cycle's watermark).
    const replayFrom = saved ? Number(saved) : -1;
    this.savedReplayId = saved ? Number(saved) : undefined;
    this.subscription = subscribeToChanges(
      client,
      'Partner_Referral__c',
      replayFrom,
      (event) => {
        this.lastReplayId = event.replayId;
        if (!needsCheck(event.header, this.options.ownReferralFields, client.userId)) return;
        logger.info(
          { replayId: event.replayId, change: event.header.changeType, records: event.header.recordIds },
          'referral change event',
        );
        this.eventPending = true;
        if (this.eventQueued) return;
        this.eventQueued = true;
        this.enqueue(async () => {
          this.eventQueued = false;
          if (!this.eventPending) return;
          this.eventPending = false;
          const started = Date.now();
          await this.runNow(this.options.eventJobs, 'Watch', 'event');
          this.options.metrics?.checkLatency.observe((Date.now() - started) / 1000);
          await this.saveReplayId();
        });
      },
      (error) => {
        this.health.subscribed = false;
        this.health.lastError = `change events: ${error.message}`;
        logger.warn({ err: error }, 'change event subscription failed; polling continues');
      },
    );
    this.health.subscribed = true;
  }

  private async saveReplayId(): Promise<void> {
    if (this.lastReplayId === undefined || this.lastReplayId === this.savedReplayId) return;
    const replayId = this.lastReplayId;
    await new SyncStateStore().save(
      this.options.client,
      [{ streamKey: REFERRAL_CDC_STREAM, objectName: 'Partner_Referral__c', watermark: null, replayId: String(replayId) }],
      {
        bulkIngestThreshold: this.options.config.bulkIngestThreshold,
        retry: this.options.config.retry,
      },
    );
    this.savedReplayId = replayId;
  }

  private async runNow(jobs: SyncJob[], runJob: RunJob, trigger: 'start' | 'poll' | 'event'): Promise<RunReport> {
    const { client, config, logger, metrics } = this.options;
    const report = await runSync({
      client,
      config,
      jobs,
      runJob,
      logger,
      mirror: this.mirror,
      sleep: this.options.sleep ?? realSleep,
      ...(this.options.overlapsDir ? { overlapsDir: this.options.overlapsDir } : {}),
    });
    this.health.lastRunAt = new Date().toISOString();
    this.health.lastRunStatus = report.status;
    this.health.status = report.status === 'Failed' ? 'degraded' : 'ok';
    if (metrics) {
      metrics.runs.inc({ job: trigger, status: report.status });
      metrics.apiCalls.inc({ job: trigger }, report.apiCalls);
      metrics.recordsRead.inc(report.counts.recordsRead);
      metrics.recordsWritten.inc(report.counts.recordsWritten);
      metrics.recordsFailed.inc(report.counts.recordsFailed);
      if (report.status === 'Succeeded' || report.status === 'Partial') metrics.lastSuccess.set(Date.now() / 1000);
      if (report.orgApiUsage) metrics.apiUsage.set(report.orgApiUsage.used / report.orgApiUsage.limit);
    }
    this.options.onReport?.(report, trigger);
    return report;
  }
}
