/**
 * Run as its own process by bulk-load.test.ts: builds an index with two worker threads, kills
 * one while a load is in flight, and never closes the index. It prints the index's size and
 * must then exit on its own: the surviving thread may not keep the process alive.
 */
import { MatchIndex } from '../../src/matching/index.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';
import { numberedCompanies } from './fixtures.ts';

const records = numberedCompanies(6000);
const index = new MatchIndex({ thresholds: DEFAULT_PROGRAM_SETTINGS });
const loading = index.upsertMany(records, { workers: 2, chunkSize: 200 });
const { workers } = (index as unknown as { pool: { workers: { worker: { terminate(): Promise<number> } }[] } }).pool;
// Both threads have units queued; one dies with them, the other goes on answering.
void workers[0]?.worker.terminate();
await loading;
console.log(JSON.stringify({ size: index.size, workers: workers.length }));
