/**
 * Worker threads that normalise records for a bulk load of the index while the thread that
 * owns the index normalises its own share and installs the results. Normalising (company
 * name, public-suffix lookups, phone, address) is most of the cost of building an index over
 * millions of records, and it is pure: it parallelises without locks.
 *
 * Workers are unreferenced while idle, so an index that is never closed does not keep the
 * process alive; `close()` ends them.
 */
import { Worker } from 'node:worker_threads';
import type { CountryCode } from 'libphonenumber-js';
import type { MatchRecord } from '../types.ts';
import { encodeRecords } from './normalized-batch.ts';
import type { NormalizedBatch } from './normalized-batch.ts';
import type { NormalizeRequest } from './normalize-worker.ts';

interface Pending {
  resolve: (batch: NormalizedBatch) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  inFlight: number;
}

const WORKER_URL = new URL('./normalize-worker.ts', import.meta.url);

export class NormalizerPool {
  private readonly workers: PoolWorker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextJob = 0;
  private failure: Error | undefined;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.workers.push(this.start());
  }

  get size(): number {
    return this.workers.length;
  }

  /** Jobs sent and not yet answered, over all workers. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Normalises records[start, end) on the least busy worker. */
  normalize(records: readonly MatchRecord[], start: number, end: number, defaultCountry: CountryCode): Promise<NormalizedBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const target = this.workers.reduce((least, candidate) => (candidate.inFlight < least.inFlight ? candidate : least));
    const job = this.nextJob++;
    const request: NormalizeRequest = { job, wire: encodeRecords(records, start, end), defaultCountry };
    if (target.inFlight++ === 0) target.worker.ref();
    return new Promise<NormalizedBatch>((resolve, reject) => {
      this.pending.set(job, {
        resolve: (batch) => {
          if (--target.inFlight === 0) target.worker.unref();
          resolve(batch);
        },
        reject,
      });
      target.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
    this.workers.length = 0;
  }

  private start(): PoolWorker {
    const worker = new Worker(WORKER_URL);
    worker.unref();
    worker.on('message', (message: { job: number; batch?: NormalizedBatch; error?: string }) => {
      const pending = this.pending.get(message.job);
      if (!pending) return;
      this.pending.delete(message.job);
      if (message.batch) pending.resolve(message.batch);
      else pending.reject(new Error(`normalizing records on a worker thread failed: ${message.error ?? 'unknown error'}`));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`a normalizer worker thread exited with code ${code}`));
    });
    return { worker, inFlight: 0 };
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
