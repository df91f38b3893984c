/** Prometheus metrics and a health endpoint for `partner-sync watch`. */
import http from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class SidecarMetrics {
  readonly registry = new Registry();
  readonly runs = new Counter({
    name: 'partner_sync_runs_total',
    help: 'Sync runs by job and final status',
    labelNames: ['job', 'status'],
    registers: [this.registry],
  });
  readonly apiCalls = new Counter({
    name: 'partner_sync_api_calls_total',
    help: 'API calls made to the org',
    labelNames: ['job'],
    registers: [this.registry],
  });
  readonly recordsRead = new Counter({
    name: 'partner_sync_records_read_total',
    help: 'Records read from the org',
    registers: [this.registry],
  });
  readonly recordsWritten = new Counter({
    name: 'partner_sync_records_written_total',
    help: 'Records written to the org',
    registers: [this.registry],
  });
  readonly recordsFailed = new Counter({
    name: 'partner_sync_records_failed_total',
    help: 'Records that could not be written (kept in Sync_Error__c)',
    registers: [this.registry],
  });
  readonly checkLatency = new Histogram({
    name: 'partner_sync_referral_check_seconds',
    help: 'Seconds from a referral change event (commit) to its check written back',
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });
  readonly lastSuccess = new Gauge({
    name: 'partner_sync_last_success_timestamp_seconds',
    help: 'When a run last succeeded',
    registers: [this.registry],
  });
  readonly apiUsage = new Gauge({
    name: 'partner_sync_org_api_usage_ratio',
    help: 'Daily API requests used / allowed, from Sforce-Limit-Info',
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }
}

export interface HealthState {
  status: 'starting' | 'ok' | 'degraded' | 'stopping';
  lastRunAt?: string;
  lastRunStatus?: string;
  lastError?: string;
  subscribed?: boolean;
}

export interface ObservabilityServer {
  port: number;
  close(): Promise<void>;
}

/** GET /healthz (200 when ok, 503 otherwise) and GET /metrics, on 127.0.0.1. */
export async function startObservabilityServer(
  metrics: SidecarMetrics,
  health: () => HealthState,
  port: number,
): Promise<ObservabilityServer> {
  const server = http.createServer((request, response) => {
    if (request.url === '/healthz' || request.url === '/health') {
      const state = health();
      response.writeHead(state.status === 'ok' ? 200 : 503, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(state));
      return;
    }
    if (request.url === '/metrics') {
      metrics.registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'Content-Type': metrics.registry.contentType });
          response.end(text);
        },
        (error: Error) => {
          response.writeHead(500);
          response.end(error.message);
        },
      );
      return;
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
