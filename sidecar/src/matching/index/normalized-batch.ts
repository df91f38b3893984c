/**
 * Many records normalised at once into flat typed arrays: what a bulk load of the index
 * computes, on this thread or on worker threads (`worker-pool.ts`), and installs with
 * `MatchIndex.upsertMany`. Typed arrays cross threads without copying; objects would be
 * cloned one by one and then traced by the garbage collector.
 *
 * The same functions as a single `upsert` compute every byte (normalizeToStored's helpers, a
 * field at a time in StoredRecordColumns; writePackedLatin1, writePackedBlockingKeys), so a bulk load
 * gives the index a single upsert per record would.
 */
import { Buffer } from 'node:buffer';
import type { CountryCode } from 'libphonenumber-js';
import { STORED_COLUMN_ROWS, storedRecordColumns } from '../normalize/record.ts';
import type { StoredRecordColumns } from '../normalize/record.ts';
import { lengthOf, packStoredRecord, packedLength, writePackedLatin1 } from '../scoring/stored-record.ts';
import { MATCH_RECORD_KINDS } from '../types.ts';
import type { MatchRecord, MatchRecordKind } from '../types.ts';
import { maxBlockingKeys, writeBlockingKeys, writePackedBlockingKeys } from './blocking-keys.ts';
import { grown } from './shared-arrays.ts';

export interface NormalizedBatch {
  count: number;
  /** The records' packed forms (writePackedLatin1), one after another. */
  bytes: Uint8Array;
  /** Record i's bytes are [offsets[i], offsets[i + 1]); empty when it is in `wide`. */
  offsets: Int32Array;
  /** Index of each record's kind in MATCH_RECORD_KINDS. */
  kinds: Uint8Array;
  /** Blocking-key hashes of every record, one after another. */
  keyHashes: Int32Array;
  /** Record i's hashes are [keyEnds[i - 1] (0 for the first), keyEnds[i]). */
  keyEnds: Int32Array;
  /** Records that do not fit the Latin-1 form (a name in Greek, CJK …): [record, packStoredRecord string]. */
  wide: [number, string][];
}

const RECORD_KIND = MATCH_RECORD_KINDS.indexOf('Record');

/**
 * The kind's index in MATCH_RECORD_KINDS ('Record' for an unknown one). Compared with each kind
 * rather than looked up in a Map: a record's kind is a new string on a worker (read off the
 * wire), and a Map lookup computed its hash for each of millions of records. Every kind is
 * compared, with no early return: a loop that stopped at the first kind (every account) had
 * never advanced when the first lead came, and that threw the compiled bulk-load loop away.
 */
export function kindIndex(kind: MatchRecordKind): number {
  let index = RECORD_KIND;
  for (let i = 0; i < MATCH_RECORD_KINDS.length; i++) if (MATCH_RECORD_KINDS[i] === kind) index = i;
  return index;
}

/** Normalises records[start, end) into one batch. */
export function normalizeBatch(
  records: readonly MatchRecord[],
  defaultCountry: CountryCode,
  start = 0,
  end = records.length,
): NormalizedBatch {
  const count = end - start;
  const { batch, cursor } = emptyBatch(count, defaultCountry);
  for (let from = 0; from < count; from += RECORDS_PER_CALL)
    fillBatch(batch, cursor, records, start + from, from, Math.min(count, from + RECORDS_PER_CALL));
  return filledBatch(batch, cursor);
}

/**
 * normalizeBatch of `count` records encoded by encodeRecords (a worker's unit), decoded a call's
 * worth at a time rather than all at once. The unit's 4096 decoded records (~2 MB of objects and
 * strings) were alive through most of the worker's young-generation collections, each copied
 * them, and a second copied them into the old generation, which then needed a full collection
 * every few units (--trace-gc, full bench: 120 scavenges and 16 mark-compacts on the worker in
 * the build, ~0.5 s of pauses). A call's 128 records are dead before the next collection.
 */
export function normalizeEncodedBatch(wire: RecordWire, count: number, defaultCountry: CountryCode): NormalizedBatch {
  const { batch, cursor } = emptyBatch(count, defaultCountry);
  const decoder = new RecordDecoder(wirePieces(wire));
  const run: MatchRecord[] = [];
  for (let from = 0; from < count; from += RECORDS_PER_CALL) {
    const to = Math.min(count, from + RECORDS_PER_CALL);
    run.length = 0;
    if (decoder.decodeInto(run, to - from) !== to - from) throw new Error(`the unit's wire holds fewer than its ${count} records`);
    fillBatch(batch, cursor, run, 0, from, to);
  }
  return filledBatch(batch, cursor);
}

function emptyBatch(count: number, defaultCountry: CountryCode): { batch: NormalizedBatch; cursor: BatchCursor } {
  const keyHashes = new Int32Array(Math.max(16, count * 8));
  const batch: NormalizedBatch = {
    count,
    bytes: new Uint8Array(Math.max(256, count * 128)),
    offsets: new Int32Array(count + 1),
    kinds: new Uint8Array(count),
    keyHashes,
    keyEnds: new Int32Array(count),
    wide: [],
  };
  const cursor: BatchCursor = {
    used: 0,
    keys: 0,
    keyKinds: new Uint8Array(keyHashes.length),
    columns: storedRecordColumns(defaultCountry),
  };
  return { batch, cursor };
}

function filledBatch(batch: NormalizedBatch, cursor: BatchCursor): NormalizedBatch {
  // Views of the filled part, not exact-size copies: the batch is read once (installed) and
  // dropped, and a transfer to another thread costs the same whatever the buffer's size.
  batch.bytes = batch.bytes.subarray(0, cursor.used);
  batch.keyHashes = batch.keyHashes.subarray(0, cursor.keys);
  return batch;
}

/**
 * Records fillBatch normalises per call, a field at a time (StoredRecordColumns). V8 compiles a
 * long-running loop while it runs (on-stack replacement), and did so again at every batch: a
 * batch's 4096 records in one loop made up to 15 such compilations of it per build, each thrown
 * away where the loop ended (the code after it had no type feedback). A call this short never
 * gets there: the function is compiled once, whole, and every later call runs that code (4
 * compilations a build; build CPU 5.90–6.09 s against 5.99–6.24 s in four alternated full
 * pairs, 2026-12-04).
 */
const RECORDS_PER_CALL = STORED_COLUMN_ROWS;

/** Where fillBatch is in a batch: bytes and keys used so far, and the keys' kinds. */
interface BatchCursor {
  used: number;
  keys: number;
  /**
   * The keys' kinds are only a lookup's (BlockingKeys), but written here too: with the build's
   * calls never writing them, the first lookup on each thread threw the key writer's
   * compiled code away and compiled it again (twice 30–35 ms of compilation per batch match).
   */
  keyKinds: Uint8Array;
  columns: StoredRecordColumns;
}

/** Normalises the batch's records [from, to), which are records[first …], into it, from where the cursor is. */
function fillBatch(
  batch: NormalizedBatch,
  cursor: BatchCursor,
  records: readonly MatchRecord[],
  first: number,
  from: number,
  to: number,
): void {
  let { bytes, keyHashes } = batch;
  let keyKinds = cursor.keyKinds;
  let used = cursor.used;
  let keys = cursor.keys;
  const { offsets, kinds, keyEnds, wide } = batch;
  const columns = cursor.columns;
  columns.fill(records, first, first + to - from);
  for (let i = from; i < to; i++) {
    const stored = columns.storedAt(i - from);
    const length = packedLength(stored);
    if (used + length > bytes.length) batch.bytes = bytes = grown(bytes, Math.max(bytes.length * 2, used + length));
    const room = keys + maxBlockingKeys(stored);
    if (room > keyHashes.length) {
      batch.keyHashes = keyHashes = grown(keyHashes, Math.max(keyHashes.length * 2, room));
      cursor.keyKinds = keyKinds = new Uint8Array(keyHashes.length);
    }
    if (writePackedLatin1(stored, bytes, used)) {
      // The keys hashed off the bytes just written (cheaper than off the record's strings).
      keys = writePackedBlockingKeys(bytes, used, keyHashes, keys, keyKinds);
      used += length;
    } else {
      wide.push([i, packStoredRecord(stored)]);
      keys = writeBlockingKeys(stored, keyHashes, keys, keyKinds);
    }
    offsets[i + 1] = used;
    kinds[i] = kindIndex(stored.kind);
    keyEnds[i] = keys;
  }
  cursor.used = used;
  cursor.keys = keys;
}

/** The buffers a batch is made of, to transfer rather than copy when posting it to another thread. */
export function batchBuffers(batch: NormalizedBatch): ArrayBuffer[] {
  return [batch.bytes, batch.offsets, batch.kinds, batch.keyHashes, batch.keyEnds].map((array) => array.buffer as ArrayBuffer);
}

/**
 * A batch as it crosses from a worker thread: an array of its parts, read back into a
 * NormalizedBatch by batchFromMessage. An object read back from a message has a layout (V8
 * map) unlike the batches this thread makes, and one the garbage collector may drop once no
 * object of it is alive; the compiled code that installs batches was then thrown away
 * ("wrong map", "embedded weak objects cleared" in --trace-deopt) and compiled again: ten
 * compilations of installBatch in one benchmark build, five with this. An array's layout is
 * the engine's own and stays.
 */
export type BatchMessage = [
  count: number,
  bytes: Uint8Array,
  offsets: Int32Array,
  kinds: Uint8Array,
  keyHashes: Int32Array,
  keyEnds: Int32Array,
  wide: [number, string][],
];

export function batchMessage(batch: NormalizedBatch): BatchMessage {
  return [batch.count, batch.bytes, batch.offsets, batch.kinds, batch.keyHashes, batch.keyEnds, batch.wide];
}

export function batchFromMessage(message: BatchMessage): NormalizedBatch {
  const [count, bytes, offsets, kinds, keyHashes, keyEnds, wide] = message;
  return { count, bytes, offsets, kinds, keyHashes, keyEnds, wide };
}

/**
 * A unit's records as they cross to another thread: each field prefixed by its length in one
 * character (MISSING for null/undefined; LONG and four base-256 characters for 253 or more).
 * Read back a piece at a time (RecordDecoder), each piece a string of whole records of about
 * PIECE_LENGTH characters.
 *
 * - latin1: when every character of the unit is Latin-1, the encoding's bytes, one per
 *   character, written straight from the records' strings, and where each piece ends; the
 *   buffer is transferred, not copied, and the receiver reads each piece as a one-byte string.
 *   Concatenating the records' strings (the form below) cost this thread, the one that installs
 *   every batch, a tree of strings per record, their flattening and their collection: 280–500 ns
 *   a record against 200–265 ns (100k generated records, one thread, 2026-12-05).
 * - pieces: the strings themselves, for a unit with a character beyond Latin-1.
 *
 * Every prefix is below 256, so a piece of Latin-1 records is a one-byte string: with prefixes
 * beyond 255 (a first version) the whole piece became a two-byte string, and so did every value
 * the worker sliced from it, and normalising, packing and hashing them cost 6.7 µs per record
 * instead of 3.8.
 */
export type RecordWire = { latin1: Uint8Array; pieceEnds: number[] } | { pieces: string[] };

const MAX_SHORT = 252;
const MISSING = 253;
const LONG = 254;
/**
 * A unit's records cross as several pieces of about this many characters, not one string. A
 * string over V8's largest regular object (128 KB) is allocated in memory of its own, fresh each
 * time, on both threads (flattened for the message here, read back there), and on this kind of
 * VM a first touch of memory costs a page fault of 7–12 µs per 4 KB: one string per 4096-record
 * unit made ~33k of the build's 116k page faults at full size. Small pieces live in the young
 * generation, whose pages are reused.
 */
const PIECE_LENGTH = 16_384;
const MISSING_PREFIX = String.fromCharCode(MISSING);
const SHORT_PREFIXES = Array.from({ length: MAX_SHORT + 1 }, (_, length) => String.fromCharCode(length));
/** Fields of a record on the wire (RecordDecoder reads them in encodeAsStrings's order). */
const WIRE_FIELD_COUNT = 11;

/** records[start, end) encoded for another thread. */
export function encodeRecords(records: readonly MatchRecord[], start: number, end: number): RecordWire {
  return encodeLatin1(records, start, end) ?? { pieces: encodeAsStrings(records, start, end) };
}

/** The buffers of a wire to transfer with it (rather than copy). */
export function wireTransfers(wire: RecordWire): ArrayBuffer[] {
  return 'latin1' in wire ? [wire.latin1.buffer as ArrayBuffer] : [];
}

/** The wire's pieces as strings, for RecordDecoder. */
export function wirePieces(wire: RecordWire): string[] {
  if ('pieces' in wire) return wire.pieces;
  const bytes = Buffer.from(wire.latin1.buffer, wire.latin1.byteOffset, wire.latin1.length);
  let from = 0;
  return wire.pieceEnds.map((end) => bytes.toString('latin1', from, (from = end)));
}

function wireValue(value: unknown): string | undefined {
  return value == null ? undefined : typeof value === 'string' ? value : String(value);
}

/** Where encodeLatin1 is in a unit's bytes. */
interface WireCursor {
  bytes: Uint8Array;
  at: number;
  pieceStart: number;
  pieceEnds: number[];
}

/** The Latin-1 form of encodeRecords; undefined when a value has a character beyond it. */
function encodeLatin1(records: readonly MatchRecord[], start: number, end: number): RecordWire | undefined {
  const cursor: WireCursor = { bytes: new Uint8Array(Math.max(256, (end - start) * 160)), at: 0, pieceStart: 0, pieceEnds: [] };
  // A call's worth of records at a time, as fillBatch normalises them: a loop over a unit's
  // thousands was compiled while it ran (on-stack replacement), and the code after it, which had
  // no type feedback yet, threw that away at the end of the loop, at every unit (17 times a build).
  for (let from = start; from < end; from += RECORDS_PER_CALL)
    if (!encodeRunLatin1(records, from, Math.min(end, from + RECORDS_PER_CALL), cursor)) return undefined;
  if (cursor.at > cursor.pieceStart) cursor.pieceEnds.push(cursor.at);
  return { latin1: cursor.bytes.subarray(0, cursor.at), pieceEnds: cursor.pieceEnds };
}

/** Writes records[from, to) at the cursor; false when a value has a character beyond Latin-1. */
function encodeRunLatin1(records: readonly MatchRecord[], from: number, to: number, cursor: WireCursor): boolean {
  let { bytes, at, pieceStart } = cursor;
  for (let i = from; i < to; i++) {
    const r = records[i] as MatchRecord;
    // Field by field rather than by key: a keyed load over a dozen names is megamorphic (slow).
    const id = wireValue(r.id);
    const kind = wireValue(r.kind);
    const name = wireValue(r.name);
    const website = wireValue(r.website);
    const email = wireValue(r.email);
    const phone = wireValue(r.phone);
    const street = wireValue(r.street);
    const city = wireValue(r.city);
    const postalCode = wireValue(r.postalCode);
    const country = wireValue(r.country);
    const contactName = wireValue(r.contactName);
    const room =
      at +
      WIRE_FIELD_COUNT * 5 +
      lengthOf(id) +
      lengthOf(kind) +
      lengthOf(name) +
      lengthOf(website) +
      lengthOf(email) +
      lengthOf(phone) +
      lengthOf(street) +
      lengthOf(city) +
      lengthOf(postalCode) +
      lengthOf(country) +
      lengthOf(contactName);
    if (room > bytes.length) cursor.bytes = bytes = grown(bytes, Math.max(bytes.length * 2, room));
    at = writeWireField(id, bytes, at);
    at = writeWireField(kind, bytes, at);
    at = writeWireField(name, bytes, at);
    at = writeWireField(website, bytes, at);
    at = writeWireField(email, bytes, at);
    at = writeWireField(phone, bytes, at);
    at = writeWireField(street, bytes, at);
    at = writeWireField(city, bytes, at);
    at = writeWireField(postalCode, bytes, at);
    at = writeWireField(country, bytes, at);
    at = writeWireField(contactName, bytes, at);
    if (at < 0) return false;
    if (at - pieceStart >= PIECE_LENGTH) {
      cursor.pieceEnds.push(at);
      pieceStart = at;
    }
  }
  cursor.at = at;
  cursor.pieceStart = pieceStart;
  return true;
}

/** Writes a field's prefix and characters from `at` on; −1 (and from then on) for a character beyond Latin-1. */
function writeWireField(value: string | undefined, bytes: Uint8Array, at: number): number {
  if (at < 0) return at;
  if (value === undefined) {
    bytes[at] = MISSING;
    return at + 1;
  }
  const length = value.length;
  let to = at;
  if (length <= MAX_SHORT) bytes[to++] = length;
  else {
    bytes[to++] = LONG;
    bytes[to++] = (length >>> 24) & 0xff;
    bytes[to++] = (length >>> 16) & 0xff;
    bytes[to++] = (length >>> 8) & 0xff;
    bytes[to++] = length & 0xff;
  }
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code > 255) return -1;
    bytes[to++] = code;
  }
  return to;
}

function lengthPrefix(length: number): string {
  if (length <= MAX_SHORT) return SHORT_PREFIXES[length] as string;
  return String.fromCharCode(LONG, (length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff);
}

function encodeField(value: unknown): string {
  const text = wireValue(value);
  return text === undefined ? MISSING_PREFIX : lengthPrefix(text.length) + text;
}

/** The string form of encodeRecords: pieces that each end with a whole record. */
function encodeAsStrings(records: readonly MatchRecord[], start: number, end: number): string[] {
  const pieces: string[] = [];
  let wire = '';
  for (let i = start; i < end; i++) {
    const r = records[i] as MatchRecord;
    wire +=
      encodeField(r.id) +
      encodeField(r.kind) +
      encodeField(r.name) +
      encodeField(r.website) +
      encodeField(r.email) +
      encodeField(r.phone) +
      encodeField(r.street) +
      encodeField(r.city) +
      encodeField(r.postalCode) +
      encodeField(r.country) +
      encodeField(r.contactName);
    if (wire.length >= PIECE_LENGTH) {
      pieces.push(wire);
      wire = '';
    }
  }
  if (wire !== '') pieces.push(wire);
  return pieces;
}

/**
 * Reads encodeRecords's pieces, in order, a few records at a time (a worker's run), from where
 * the last read stopped.
 */
export class RecordDecoder {
  private readonly pieces: readonly string[];
  private piece = 0;
  private wire: string;
  private at = 0;

  constructor(pieces: readonly string[]) {
    this.pieces = pieces;
    this.wire = pieces[0] ?? '';
  }

  /** Appends up to `max` records to `records` (fewer at the end of the pieces); returns how many. */
  decodeInto(records: MatchRecord[], max: number): number {
    let decoded = 0;
    while (decoded < max) {
      if (this.at >= this.wire.length) {
        if (++this.piece >= this.pieces.length) break;
        this.wire = this.pieces[this.piece] as string;
        this.at = 0;
        continue;
      }
      // Every field is set, missing ones to undefined, in one order: records of one shape keep
      // the normalisers' property reads monomorphic (not one shape per combination of fields).
      records.push({
        id: this.next() ?? '',
        kind: this.next() as MatchRecordKind | undefined,
        name: this.next(),
        website: this.next(),
        email: this.next(),
        phone: this.next(),
        street: this.next(),
        city: this.next(),
        postalCode: this.next(),
        country: this.next(),
        contactName: this.next(),
      });
      decoded++;
    }
    return decoded;
  }

  private next(): string | undefined {
    const wire = this.wire;
    let at = this.at;
    let length = wire.charCodeAt(at++);
    if (length === MISSING) {
      this.at = at;
      return undefined;
    }
    if (length === LONG) {
      length =
        ((wire.charCodeAt(at) << 24) | (wire.charCodeAt(at + 1) << 16) | (wire.charCodeAt(at + 2) << 8) | wire.charCodeAt(at + 3)) >>> 0;
      at += 4;
    }
    this.at = at + length;
    return wire.slice(at, at + length);
  }
}
