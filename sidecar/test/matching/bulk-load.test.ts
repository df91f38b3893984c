/**
 * A bulk load (upsertMany, normalising on worker threads) must leave the index exactly as one
 * upsert per record would: same records, same blocks, same candidates, same scores — including
 * records replaced within and across loads, records outside the packed Latin-1 form, and
 * fields of every shape the wire format between threads has to carry.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { MatchIndex } from '../../src/matching/index.ts';
import type { MatchRecord } from '../../src/matching/index.ts';
import { chunkBounds, workersForJob } from '../../src/matching/index/match-index.ts';
import type { IndexWorkerPool } from '../../src/matching/index/worker-pool.ts';
import {
  RecordDecoder,
  encodeRecords,
  normalizeBatch,
  normalizeEncodedBatch,
  wirePieces,
  wireTransfers,
} from '../../src/matching/index/normalized-batch.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';
import { accountRecord, generateCompany, leadRecord, partnerRecord } from '../../bench/match/generate.ts';
import { seededRandom } from '../../bench/seeded-random.ts';

const indexes: MatchIndex[] = [];
after(async () => {
  for (const index of indexes) await index.close();
});

function newIndex(): MatchIndex {
  const index = new MatchIndex({ thresholds: DEFAULT_PROGRAM_SETTINGS });
  indexes.push(index);
  return index;
}

function records(count: number, seed: number): MatchRecord[] {
  const random = seededRandom(seed);
  const out: MatchRecord[] = [];
  for (let i = 0; i < count; i++) {
    const company = generateCompany(seededRandom(seed * 7919 + i), i);
    out.push(i % 3 === 2 ? leadRecord(company, `00Q${i}`, random) : accountRecord(company, `001${i}`, random));
  }
  // Outside the packed form: a Greek name, a very long street; then a record repeated within the load.
  out.push({ id: 'wide-1', kind: 'Account', name: 'Αθηναϊκή Ζυθοποιία Α.Ε.', city: 'Αθήνα', country: 'GR' });
  out.push({ id: 'long-1', kind: 'Account', name: 'Long Street Holdings', street: `1 ${'Very '.repeat(80)}Long Road` });
  out.push({ ...(out[5] as MatchRecord), name: 'Renamed Within The Load Ltd', website: 'renamed.example' });
  return out;
}

/** Every record of the pieces, read as a worker does: a run of `run` records at a time. */
function decodeRecords(pieces: readonly string[], run = 128): MatchRecord[] {
  const decoder = new RecordDecoder(pieces);
  const records: MatchRecord[] = [];
  while (decoder.decodeInto(records, run) === run);
  return records;
}

test('records cross to a worker thread and back unchanged (missing, empty, long and non-Latin-1 fields)', () => {
  const original: MatchRecord[] = [
    { id: 'a', kind: 'Lead', name: '', website: null, email: undefined, phone: '+1 312 555 0100', contactName: 'Zoë Ñúñez' },
    { id: 'b', name: 'x'.repeat(70_000), street: '東京都千代田区', country: 'JP' },
    { id: '' },
  ];
  // Missing fields come back as undefined (every decoded record has every field, in one order).
  const decoded = decodeRecords(wirePieces(encodeRecords(original, 0, original.length))).map((record) =>
    Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)),
  );
  assert.deepEqual(decoded, [
    { id: 'a', kind: 'Lead', name: '', phone: '+1 312 555 0100', contactName: 'Zoë Ñúñez' },
    { id: 'b', name: 'x'.repeat(70_000), street: '東京都千代田区', country: 'JP' },
    { id: '' },
  ]);
});

test('a unit whose every character is Latin-1 crosses as bytes (transferred), and reads back as the string form does', () => {
  const latin1: MatchRecord[] = [
    { id: 'a', kind: 'Lead', name: '', website: null, email: undefined, phone: '+1 312 555 0100', contactName: 'Zoë Ñúñez' },
    { id: 'b', name: 'x'.repeat(70_000), street: 'Hauptstraße 5', country: 'DE', postalCode: 10115 as unknown as string },
    { id: '' },
  ];
  const wire = encodeRecords(latin1, 0, latin1.length);
  assert.ok('latin1' in wire, 'the bytes form');
  assert.deepEqual(wireTransfers(wire), [wire.latin1.buffer]);
  assert.deepEqual(decodeRecords(wirePieces(wire)), [
    { ...emptyRecord, id: 'a', kind: 'Lead', name: '', phone: '+1 312 555 0100', contactName: 'Zoë Ñúñez' },
    { ...emptyRecord, id: 'b', name: 'x'.repeat(70_000), street: 'Hauptstraße 5', country: 'DE', postalCode: '10115' },
    { ...emptyRecord, id: '' },
  ]);
  // One character beyond Latin-1 anywhere in the unit: the whole unit crosses as strings.
  const mixed = [...latin1, { id: 'c', name: 'Αθήνα Holdings' }];
  const strings = encodeRecords(mixed, 0, mixed.length);
  assert.ok('pieces' in strings, 'the string form');
  assert.deepEqual(wireTransfers(strings), []);
  assert.deepEqual(decodeRecords(wirePieces(strings)).slice(0, 3), decodeRecords(wirePieces(wire)));
});

/** A decoded record's fields, all missing. */
const emptyRecord = {
  kind: undefined,
  name: undefined,
  website: undefined,
  email: undefined,
  phone: undefined,
  street: undefined,
  city: undefined,
  postalCode: undefined,
  country: undefined,
  contactName: undefined,
};

test('a unit of records crosses as several pieces, each small enough for the young generation and holding whole records', () => {
  // The bytes form (generated records only), and the string form (with the load's Greek record).
  for (const load of [records(4096, 11).slice(0, 4096), records(4096, 11)]) {
    const wire = encodeRecords(load, 0, load.length);
    assert.equal('latin1' in wire, load.length === 4096);
    assertWholeRecordPieces(load, wirePieces(wire));
  }
});

function assertWholeRecordPieces(load: MatchRecord[], pieces: string[]): void {
  assert.ok(pieces.length > 4, `${pieces.length} pieces`);
  // V8 allocates a string over 128 KB in memory of its own (see PIECE_LENGTH).
  assert.ok(
    pieces.every((piece) => piece.length < 64 * 1024),
    'no piece near the large-object size',
  );
  const decoded = decodeRecords(pieces);
  assert.equal(decoded.length, load.length);
  // Runs of any length read the same records, across the pieces' ends.
  for (const run of [1, 7, 128, 100_000]) assert.deepEqual(decodeRecords(pieces, run), decoded, `runs of ${run}`);
  // Each piece decodes on its own into whole records: none is cut between two pieces.
  assert.equal(
    pieces.reduce((count, piece) => count + decodeRecords([piece]).length, 0),
    load.length,
  );
  assert.deepEqual(
    decoded.map((record) => [record.id, record.name, record.street ?? null]),
    load.map((record) => [record.id, record.name, record.street ?? null]),
  );
}

test("a worker's unit normalised from its wire a few records at a time is the batch this thread makes of the same records", () => {
  const load = records(1000, 5);
  for (const [start, end] of [
    [0, load.length],
    [3, 130],
    [0, 1],
    [0, 0],
  ] as const) {
    const pieces = encodeRecords(load, start, end);
    const fromWire = normalizeEncodedBatch(pieces, end - start, 'DE');
    const here = normalizeBatch(load, 'DE', start, end);
    assert.deepEqual(fromWire, here, `records ${start}–${end}`);
  }
  assert.ok(normalizeBatch(load, 'DE').wide.length > 0, 'the load has records outside the packed form');
  const pieces = encodeRecords(load, 0, 10);
  assert.throws(() => normalizeEncodedBatch(pieces, 11, 'US'), /fewer than its 11 records/);
});

test('units of a bulk job cover every item once, and shrink towards the end only when workers share it', () => {
  const oneWorker = { size: 1 } as IndexWorkerPool;
  for (const [total, size] of [
    [0, 4096],
    [1, 4096],
    [100_000, 4096],
    [5000, 1024],
    [7, 1],
  ] as const) {
    const bounds = chunkBounds(total, size, oneWorker);
    assert.equal(bounds[0], 0);
    assert.equal(bounds.at(-1), total);
    const units = bounds.slice(1).map((end, i) => end - (bounds[i] as number));
    assert.ok(units.every((unit) => unit > 0 && unit <= size));
    // Non-increasing: full units first, the smallest at the end.
    assert.ok(units.every((unit, i) => i === 0 || unit <= (units[i - 1] as number)));
    assert.ok(units.slice(0, -1).every((unit) => unit >= Math.max(1, size >> 3)));
  }
  const tail = chunkBounds(100_000, 4096, oneWorker);
  assert.ok(tail.length - 1 > Math.ceil(100_000 / 4096), 'the last units are smaller than 4096');
  assert.deepEqual(chunkBounds(10_000, 4096, undefined), [0, 4096, 8192, 10_000]);
});

test('worker threads are started for large jobs, and used by smaller ones once they run', () => {
  // Starting threads pays from 50,000 records; a running pool from 4 units of findMany (4,096),
  // which the match CLI's batches of 8,192 rows must stay above to use both cores.
  assert.equal(workersForJob(49_999, false, undefined, 1), 0);
  assert.equal(workersForJob(50_000, false, undefined, 1), 1);
  assert.equal(workersForJob(4095, true, undefined, 1), 0);
  assert.equal(workersForJob(4096, true, undefined, 1), 1);
  assert.equal(workersForJob(8192, false, undefined, 3), 0);
  assert.equal(workersForJob(8192, true, undefined, 3), 3);
  // Asked for: always as asked, 0 included.
  assert.equal(workersForJob(10, false, 2, 1), 2);
  assert.equal(workersForJob(1_000_000, true, 0, 1), 0);
  // No spare core: none.
  assert.equal(workersForJob(1_000_000, true, undefined, 0), 0);
});

test('a bulk load on worker threads gives the index one upsert per record gives', async () => {
  const first = records(6000, 3);
  const second = records(3000, 4).map((record, i) => (i % 2 === 0 ? { ...record, id: (first[i] as MatchRecord).id } : record));
  const one = newIndex();
  for (const record of [...first, ...second]) one.upsert(record);
  const bulk = newIndex();
  await bulk.upsertMany(first, { workers: 2, chunkSize: 500 });
  await bulk.upsertMany(second, { workers: 2, chunkSize: 700 });
  assert.deepEqual(bulk.stats(), one.stats());
  assert.equal(bulk.size, one.size);

  const random = seededRandom(11);
  const queries = Array.from({ length: 1500 }, (_, i) => {
    const serial = Math.floor(random() * 6000);
    return partnerRecord(generateCompany(seededRandom(3 * 7919 + serial), serial), `q${i}`, random);
  });
  queries.push({ id: 'q-wide', name: 'Αθηναϊκή Ζυθοποιία', country: 'GR' }, { id: 'q-renamed', name: 'Renamed Within The Load' });
  let found = 0;
  for (const query of queries) {
    const expected = one.find(query, { limit: 3 });
    assert.deepEqual(bulk.find(query, { limit: 3 }), expected, `find ${JSON.stringify(query)}`);
    if (expected.length > 0) found++;
  }
  assert.ok(found > 500, `the queries exercise the index (${found} found something)`);
  for (const query of [
    { id: 'q', name: 'Αθηναϊκή Ζυθοποιία Α.Ε.', city: 'Αθήνα', country: 'GR' },
    { id: 'q', name: 'Renamed Within The Load', website: 'renamed.example' },
    { id: 'q', name: 'Long Street Holdings' },
  ]) {
    const expected = one.best(query, { minConfidence: 0.05 });
    assert.ok(expected, `${query.name} is found`);
    assert.deepEqual(bulk.best(query, { minConfidence: 0.05 }), expected);
  }
});

/** The index's worker threads (private), to make one fail the way a crashed thread would. */
function workersOf(index: MatchIndex): { worker: { terminate(): Promise<number> } }[] {
  return (index as unknown as { pool: { workers: { worker: { terminate(): Promise<number> } }[] } }).pool.workers;
}

// A lost unit used to leave the load waiting forever: the timeout turns that into a failure.
test(
  'when a worker thread dies mid-load or mid-batch, its units are done on this thread and nothing is lost',
  { timeout: 60_000 },
  async () => {
    const list = records(5000, 8);
    const one = newIndex();
    for (const record of list) one.upsert(record);

    const bulk = newIndex();
    const loading = bulk.upsertMany(list, { workers: 1, chunkSize: 400 });
    // Units are already on their way to the worker: it dies with them.
    for (const { worker } of workersOf(bulk)) void worker.terminate();
    await loading;
    assert.deepEqual(bulk.stats(), one.stats());
    for (const record of list.slice(0, 400)) assert.deepEqual(bulk.find(record, { limit: 2 }), one.find(record, { limit: 2 }));

    const matching = newIndex();
    await matching.upsertMany(list, { workers: 0 });
    const queries = list.slice(0, 3000);
    const batch = matching.findMany(queries, { limit: 2 }, { workers: 1, chunkSize: 200 });
    for (const { worker } of workersOf(matching)) void worker.terminate();
    const answers = await batch;
    assert.equal(answers.length, queries.length);
    queries.forEach((query, i) => assert.deepEqual(answers[i], one.find(query, { limit: 2 }), query.id));

    // The next batch starts fresh worker threads rather than doing everything here.
    const before = workersOf(matching)[0];
    const again = await matching.findMany(queries.slice(0, 500), { limit: 2 }, { workers: 1, chunkSize: 100 });
    assert.notEqual(workersOf(matching)[0], before);
    assert.deepEqual(again, answers.slice(0, 500));
  },
);

/** Runs a script of this folder as its own process: its exit code ('timeout' after 30 s) and its output. */
async function runAsProcess(script: string): Promise<{ outcome: number | null | 'timeout'; output: string }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ended = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, 30_000, 'timeout').unref());
  const outcome = await Promise.race([ended, timeout]);
  if (outcome === 'timeout') child.kill();
  return { outcome, output };
}

test('a process whose index lost one of two worker threads still ends without closing the index', { timeout: 60_000 }, async () => {
  // The pool failed, so the survivor's units were redone here; had the pool still counted them
  // as in flight, the survivor would stay referenced and the process would never end.
  const { outcome, output } = await runAsProcess('./lost-worker-process.ts');
  assert.equal(outcome, 0, `the process ended by itself (output: ${output})`);
  assert.deepEqual(JSON.parse(output), { size: 6000, workers: 2 });
});

test('a bulk load leaves nothing in flight, and an index closed right after it ends its threads', { timeout: 60_000 }, async () => {
  const { outcome, output } = await runAsProcess('./close-after-load-process.ts');
  assert.equal(outcome, 0, `the process ended with the close settled (output: ${output})`);
  assert.deepEqual(JSON.parse(output), { size: 20_000, inFlight: 0, closed: true });
});

test('a bulk load without workers, and one small enough not to start any, give the same index', async () => {
  const list = records(2000, 5);
  const one = newIndex();
  for (const record of list) one.upsert(record);
  const here = newIndex();
  await here.upsertMany(list, { workers: 0, chunkSize: 300 });
  const byDefault = newIndex();
  await byDefault.upsertMany(list);
  for (const index of [here, byDefault]) assert.deepEqual(index.stats(), one.stats());
  for (const index of [here, byDefault]) {
    for (const record of list.slice(0, 300)) assert.deepEqual(index.find(record, { limit: 2 }), one.find(record, { limit: 2 }));
  }
});

test('a record that cannot be normalised fails the bulk load with its error, as its upsert would', async () => {
  const list = records(1200, 6);
  const broken = {
    id: 'broken',
    get name(): string {
      throw new Error('name unreadable');
    },
  } as unknown as MatchRecord;
  list.splice(700, 0, broken);
  await assert.rejects(newIndex().upsertMany(list, { workers: 1, chunkSize: 256 }), /name unreadable/);
});

test('findMany answers each query as find does, with the queries normalised on worker threads or here', async () => {
  const list = records(4000, 8);
  const index = newIndex();
  await index.upsertMany(list, { workers: 0 });
  const random = seededRandom(12);
  const queries: MatchRecord[] = Array.from({ length: 1200 }, (_, i) =>
    partnerRecord(generateCompany(seededRandom(8 * 7919 + Math.floor(random() * 4000)), i), `q${i}`, random),
  );
  queries.push({ id: 'q-wide', name: 'Αθηναϊκή Ζυθοποιία Α.Ε.', city: 'Αθήνα', country: 'GR' }, { id: 'q-empty' });
  const options = { limit: 3, kinds: ['Account' as const] };
  const expected = queries.map((query) => index.find(query, options));
  assert.ok(expected.filter((found) => found.length > 0).length > 400, 'the queries exercise the index');
  assert.deepEqual(await index.findMany(queries, options, { workers: 2, chunkSize: 250 }), expected);
  // Again, now that the threads are up: the first time, this thread may answer every unit before
  // they start. Answers come back from them whole, properties in scorePair's order as JSON shows.
  const onWorkers = await index.findMany(queries, options, { workers: 2, chunkSize: 50 });
  assert.deepEqual(onWorkers, expected);
  assert.equal(JSON.stringify(onWorkers), JSON.stringify(expected));
  assert.deepEqual(await index.findMany(queries, options, { workers: 0, chunkSize: 300 }), expected);
  assert.deepEqual(await index.findMany([], options), []);
});

test('the index cannot change while findMany reads it on worker threads, and a later findMany sees the changes', async () => {
  const list = records(3000, 9);
  const index = newIndex();
  await index.upsertMany(list, { workers: 0 });
  const queries = list.slice(0, 1000);
  const reading = index.findMany(queries, { limit: 1 }, { workers: 1, chunkSize: 100 });
  assert.throws(() => index.upsert({ id: 'late', name: 'Late Arrival GmbH' }), /cannot change while findMany/);
  assert.throws(() => index.remove(list[0]!.id), /cannot change while findMany/);
  await assert.rejects(index.upsertMany([{ id: 'late', name: 'Late Arrival GmbH' }]), /cannot change while findMany/);
  const answers = await reading;
  assert.equal(answers.length, queries.length);
  assert.equal(answers[10]?.[0]?.id, list[10]!.id, 'a record finds itself');

  index.upsert({ id: 'late', name: 'Late Arrival GmbH', website: 'late-arrival.example' });
  index.remove(list[10]!.id);
  const again = await index.findMany(
    [{ id: 'q', name: 'Late Arrival', website: 'https://late-arrival.example' }, list[10]!],
    { limit: 1 },
    { workers: 1, chunkSize: 1 },
  );
  assert.equal(again[0]?.[0]?.id, 'late');
  assert.notEqual(again[1]?.[0]?.id, list[10]!.id, 'a removed record is not found');
  assert.deepEqual(again, [
    index.find({ id: 'q', name: 'Late Arrival', website: 'https://late-arrival.example' }, { limit: 1 }),
    index.find(list[10]!, { limit: 1 }),
  ]);
});
