/**
 * Worker thread of the normalizer pool: receives records as encodeRecords' string, answers
 * with their NormalizedBatch (buffers transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import type { CountryCode } from 'libphonenumber-js';
import { batchBuffers, decodeRecords, normalizeBatch } from './normalized-batch.ts';

export interface NormalizeRequest {
  job: number;
  wire: string;
  defaultCountry: CountryCode;
}

parentPort?.on('message', (request: NormalizeRequest) => {
  try {
    const batch = normalizeBatch(decodeRecords(request.wire), request.defaultCountry);
    parentPort?.postMessage({ job: request.job, batch }, batchBuffers(batch));
  } catch (error) {
    parentPort?.postMessage({ job: request.job, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
