/**
 * Run as its own process by bulk-load.test.ts: loads an index on a worker thread that is still
 * starting, so this thread takes back most units it had queued for the worker, then closes the
 * index at once. It prints what was in flight when the load resolved and must end with the
 * close settled: an answer arriving while the worker is being terminated may not let the
 * process end before the thread has (an unsettled top-level await exits with code 13).
 */
import { MatchIndex } from '../../src/matching/index.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';
import { numberedCompanies } from './fixtures.ts';

const records = numberedCompanies(20_000);
const index = new MatchIndex({ thresholds: DEFAULT_PROGRAM_SETTINGS });
await index.upsertMany(records, { workers: 1, chunkSize: 500 });
const { pool } = index as unknown as { pool: { inFlight: number } };
const inFlight = pool.inFlight;
await index.close();
console.log(JSON.stringify({ size: index.size, inFlight, closed: true }));
