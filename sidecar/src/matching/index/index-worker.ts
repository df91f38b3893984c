/**
 * Worker thread of the index's worker pool. It normalises records for bulk loads (answering
 * with a NormalizedBatch whose buffers are transferred, not copied) and answers batches of
 * queries against a snapshot of the index: the same shared memory the owning thread reads.
 */
import { parentPort } from 'node:worker_threads';
import type { CountryCode } from 'libphonenumber-js';
import { STORED_COLUMN_ROWS, mapStored } from '../normalize/record.ts';
import type { StoredRecord } from '../scoring/stored-record.ts';
import type { MatchCandidate, MatchRecord } from '../types.ts';
import { IndexReader } from './index-reader.ts';
import type { FindOptions, IndexSnapshot } from './index-reader.ts';
import { RecordDecoder, batchBuffers, batchMessage, normalizeEncodedBatch, wirePieces } from './normalized-batch.ts';
import type { RecordWire } from './normalized-batch.ts';
import { claimForWorker } from './unit-claim.ts';
import type { UnitClaim } from './unit-claim.ts';

export type WorkerRequest =
  | { type: 'normalize'; job: number; wire: RecordWire; count: number; defaultCountry: CountryCode; claim?: UnitClaim }
  | { type: 'snapshot'; snapshotId: number; snapshot: IndexSnapshot }
  | { type: 'release' }
  | {
      type: 'find';
      job: number;
      snapshotId: number;
      wire: RecordWire;
      defaultCountry: CountryCode;
      options: FindOptions;
      claim?: UnitClaim;
    };

export interface FoundBatch {
  results: MatchCandidate[][];
  candidatePairs: number;
}

let reader: { snapshotId: number; reader: IndexReader } | undefined;

/** The options of the find unit being answered (set before each), read by answerQuery. */
let findOptions: FindOptions = {};

/**
 * A query of the current find unit answered against the snapshot: one function for every unit.
 * A closure made per unit was a new call target for mapStored at each unit, and its compiled
 * code, made for the first unit's closure, was thrown away at the second ("wrong call target").
 * It reads `reader` itself rather than a copy, which would keep a released snapshot alive.
 */
function answerQuery(query: StoredRecord): MatchCandidate[] {
  return (reader as { reader: IndexReader }).reader.find(query, findOptions);
}

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.type === 'snapshot') {
    reader = { snapshotId: request.snapshotId, reader: IndexReader.fromSnapshot(request.snapshot) };
    return;
  }
  // Once the batch is done the index may grow into new buffers: holding the old ones would keep
  // a second copy of the index alive.
  if (request.type === 'release') {
    reader = undefined;
    return;
  }
  if (!claimForWorker(request.claim)) {
    parentPort?.postMessage({ job: request.job, result: undefined });
    return;
  }
  try {
    if (request.type === 'normalize') {
      const batch = normalizeEncodedBatch(request.wire, request.count, request.defaultCountry);
      parentPort?.postMessage({ job: request.job, result: batchMessage(batch) }, batchBuffers(batch));
      return;
    }
    if (reader?.snapshotId !== request.snapshotId) throw new Error(`no snapshot ${request.snapshotId} of the index on this worker`);
    const current = reader.reader;
    const before = current.candidatePairs;
    // Decoded, normalised and answered a run at a time (as normalizeEncodedBatch does): only the
    // answers stay alive through the unit.
    const results: MatchCandidate[][] = [];
    const decoder = new RecordDecoder(wirePieces(request.wire));
    const run: MatchRecord[] = [];
    findOptions = request.options;
    while (decoder.decodeInto(run, STORED_COLUMN_ROWS) > 0) {
      mapStored(run, request.defaultCountry, 0, run.length, answerQuery, results);
      run.length = 0;
    }
    const found: FoundBatch = { results, candidatePairs: current.candidatePairs - before };
    parentPort?.postMessage({ job: request.job, result: found });
  } catch (error) {
    parentPort?.postMessage({ job: request.job, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
