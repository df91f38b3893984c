/**
 * Worker threads beside the thread that owns an index. For a bulk load they normalise records
 * (company name, public-suffix lookups, phone, address: most of the cost of building an
 * index over millions of records, and pure) while the owner normalises its own share and
 * installs the results. For a batch match they answer queries against a snapshot of the
 * index in shared memory while the owner answers others.
 *
 * Workers are unreferenced while idle, so an index that is never closed does not keep the
 * process alive; `close()` ends them.
 */
import { Worker } from 'node:worker_threads';
import type { CountryCode } from 'libphonenumber-js';
import type { MatchRecord } from '../types.ts';
import type { FindOptions, IndexSnapshot } from './index-reader.ts';
import type { FoundBatch, WorkerRequest } from './index-worker.ts';
import { batchFromMessage, encodeRecords, wireTransfers } from './normalized-batch.ts';
import type { BatchMessage, NormalizedBatch } from './normalized-batch.ts';
import type { UnitClaim } from './unit-claim.ts';

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  target: PoolWorker;
}

interface PoolWorker {
  worker: Worker;
  inFlight: number;
}

const WORKER_URL = new URL('./index-worker.ts', import.meta.url);

/**
 * The young generation of each worker thread, in MB (two 8 MB semi-spaces). A worker's garbage
 * is a unit's decoded records and the normalisers' temporaries, dead by the unit's end: a small
 * young generation is reused while it is still in the core's cache, where one of the 64 MB
 * semi-spaces the owner thread may run with (docs/sidecar.md) is first touched page by page, at
 * 7–12 µs per 4 KB on the benchmark's VM. In the benchmark (alternated full pairs, 2026-12-04):
 * the build's page faults ~7k instead of ~34k, its CPU ~0.3 s and its wall ~0.15 s lower; the
 * batch match ~0.05 s slower, since a unit's answers now live through several collections; the
 * peak memory 110 MB lower. 8 MB was slower, 32 no better (docs/matching.md, sixteenth look);
 * with the benchmark's parallel scavenging off (two cores), 8 MB measured the same as 16
 * (eighteenth look).
 * V8's --max-semi-space-size flag, where given, overrides this.
 */
const WORKER_YOUNG_GENERATION_MB = 16;

export class IndexWorkerPool {
  private readonly workers: PoolWorker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextJob = 0;
  private failure: Error | undefined;
  private closing = false;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.workers.push(this.start());
  }

  get size(): number {
    return this.workers.length;
  }

  /** Whether a thread of the pool died or failed: its jobs were rejected, and so will later ones be. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Jobs sent and not yet answered, over all workers. */
  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * Normalises records[start, end) on the least busy worker. With a claim, undefined when this
   * thread claimed the unit before the worker started it.
   */
  normalize(
    records: readonly MatchRecord[],
    start: number,
    end: number,
    defaultCountry: CountryCode,
    claim?: UnitClaim,
  ): Promise<NormalizedBatch | undefined> {
    return this.request<BatchMessage | undefined>((job) => ({
      type: 'normalize',
      job,
      wire: encodeRecords(records, start, end),
      count: end - start,
      defaultCountry,
      claim,
    })).then((message) => (message === undefined ? undefined : batchFromMessage(message)));
  }

  /** Gives every worker a snapshot of the index; find jobs name it. Messages arrive in order, so it precedes them. */
  shareSnapshot(snapshotId: number, snapshot: IndexSnapshot): void {
    const message: WorkerRequest = { type: 'snapshot', snapshotId, snapshot };
    for (const { worker } of this.workers) worker.postMessage(message);
  }

  /** Makes every worker drop its snapshot (the batch that needed it is done). */
  releaseSnapshot(): void {
    const message: WorkerRequest = { type: 'release' };
    for (const { worker } of this.workers) worker.postMessage(message);
  }

  /** Answers queries[start, end) against a shared snapshot on the least busy worker (claims as for normalize). */
  find(
    snapshotId: number,
    queries: readonly MatchRecord[],
    start: number,
    end: number,
    defaultCountry: CountryCode,
    options: FindOptions,
    claim?: UnitClaim,
  ): Promise<FoundBatch | undefined> {
    return this.request((job) => ({
      type: 'find',
      job,
      snapshotId,
      wire: encodeRecords(queries, start, end),
      defaultCountry,
      options,
      claim,
    }));
  }

  async close(): Promise<void> {
    // terminate() keeps the process alive until the thread has exited; an answer arriving
    // meanwhile must not unreference the worker again.
    this.closing = true;
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
    this.workers.length = 0;
  }

  private request<T>(make: (job: number) => WorkerRequest): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const target = this.workers.reduce((least, candidate) => (candidate.inFlight < least.inFlight ? candidate : least));
    const job = this.nextJob++;
    const message = make(job);
    if (target.inFlight++ === 0) target.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(job, { resolve: (result) => resolve(result as T), reject, target });
      target.worker.postMessage(message, 'wire' in message ? wireTransfers(message.wire) : []);
    });
  }

  private start(): PoolWorker {
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    worker.unref();
    worker.on('message', (message: { job: number; result?: unknown; error?: string }) => {
      const pending = this.pending.get(message.job);
      if (!pending) return;
      this.pending.delete(message.job);
      if (--pending.target.inFlight === 0 && !this.closing) pending.target.worker.unref();
      if (message.error === undefined) pending.resolve(message.result);
      else pending.reject(new Error(`an index worker thread failed: ${message.error}`));
    });
    worker.on('error', (error) => this.fail(error));
    // An answer that cannot be read back would leave its job waiting.
    worker.on('messageerror', (error) => this.fail(error));
    worker.on('exit', (code) => {
      // Work in flight is lost whatever the exit code: a thread terminated while it was still
      // starting ends with 0, and its jobs would otherwise wait forever.
      if (code !== 0 || this.pending.size > 0) this.fail(new Error(`an index worker thread exited with code ${code}`));
    });
    return { worker, inFlight: 0 };
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    // The rejected jobs no longer count: a surviving thread would otherwise stay referenced
    // (busy, as far as the pool knew) and keep the process alive.
    for (const target of this.workers) {
      target.inFlight = 0;
      if (!this.closing) target.worker.unref();
    }
  }
}
