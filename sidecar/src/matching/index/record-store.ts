import { Buffer } from 'node:buffer';
import { sharedBuffer, sharedInt32 } from './shared-arrays.ts';
import { packStoredRecord, packedLength, writePackedLatin1 } from '../scoring/stored-record.ts';
import type { StoredRecord } from '../scoring/stored-record.ts';

const NONE = -1;
const MIN_CAPACITY = 4096;

/** The store's shared memory and its records beyond Latin-1, for a reader on another thread. */
export interface RecordStoreState {
  bytes: SharedArrayBuffer;
  starts: Int32Array;
  lengths: Int32Array;
  slotCount: number;
  wide: [number, string][];
}

/**
 * The packed records of the index, one string per slot, kept as Latin-1 bytes in one growing
 * buffer instead of as millions of JS strings: the garbage collector never sees them, which
 * is what made building a large index slow (it copied and traced every retained string).
 * A record with a character beyond Latin-1 (a name in Greek, Cyrillic, CJK …) is kept as a
 * string in a side map. Space of replaced and removed records is reclaimed by compaction.
 */
export class RecordStore {
  private bytes: Buffer;
  private used = 0;
  private wasted = 0;
  private starts: Int32Array;
  private lengths: Int32Array;
  private slotCount = 0;
  private readonly wide = new Map<number, string>();

  constructor(expectedSlots: number, expectedBytesPerSlot = 96) {
    const slots = Math.max(16, expectedSlots);
    this.bytes = sharedBuffer(Math.max(MIN_CAPACITY, slots * expectedBytesPerSlot));
    this.starts = sharedInt32(slots).fill(NONE);
    this.lengths = sharedInt32(slots);
  }

  state(): RecordStoreState {
    return {
      bytes: this.bytes.buffer as SharedArrayBuffer,
      starts: this.starts,
      lengths: this.lengths,
      slotCount: this.slotCount,
      wide: [...this.wide],
    };
  }

  /** A store over another thread's state, for reading only. */
  static fromState(state: RecordStoreState): RecordStore {
    const store = new RecordStore(16);
    store.bytes = Buffer.from(state.bytes);
    store.starts = state.starts;
    store.lengths = state.lengths;
    store.slotCount = state.slotCount;
    for (const [slot, packed] of state.wide) store.wide.set(slot, packed);
    return store;
  }

  has(slot: number): boolean {
    return slot < this.slotCount && (this.starts[slot] !== NONE || this.wide.has(slot));
  }

  /**
   * Whether the slot's record has this id, read from the bytes (the id is the packed string's
   * first field) without building a string.
   */
  idEquals(slot: number, id: string): boolean {
    if (slot >= this.slotCount) return false;
    const start = this.starts[slot] as number;
    if (start === NONE) {
      const packed = this.wide.get(slot);
      return packed !== undefined && packed.charCodeAt(0) === id.length && packed.startsWith(id, 1);
    }
    const bytes = this.bytes;
    if (bytes[start] !== id.length) return false;
    for (let i = 0; i < id.length; i++) if (bytes[start + 1 + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  /**
   * Reads the first and last byte of each slot's record and returns them combined: a caller
   * about to decode several records calls this first, so their cache misses overlap.
   */
  touch(slots: Int32Array, count: number): number {
    const { starts, lengths, bytes } = this;
    let combined = 0;
    for (let i = 0; i < count; i++) {
      const slot = slots[i] as number;
      const start = slot < this.slotCount ? (starts[slot] as number) : NONE;
      if (start !== NONE) combined ^= (bytes[start] as number) ^ (bytes[start + (lengths[slot] as number) - 1] as number);
    }
    return combined;
  }

  get(slot: number): string | undefined {
    if (slot >= this.slotCount) return undefined;
    const start = this.starts[slot] as number;
    if (start === NONE) return this.wide.get(slot);
    return this.bytes.toString('latin1', start, start + (this.lengths[slot] as number));
  }

  /** Stores the record's packed form (packStoredRecord) for the slot, replacing what was there. */
  set(slot: number, record: StoredRecord): void {
    this.prepare(slot);
    const length = packedLength(record);
    if (this.used + length > this.bytes.length) this.makeRoom(length);
    if (!writePackedLatin1(record, this.bytes, this.used)) {
      this.wide.set(slot, packStoredRecord(record));
      return;
    }
    this.starts[slot] = this.used;
    this.lengths[slot] = length;
    this.used += length;
  }

  /**
   * Copies a bulk load's packed records (writePackedLatin1, one after another) into the buffer
   * in one go; returns where they start, for assignBytes.
   */
  appendBytes(source: Uint8Array): number {
    if (this.used + source.length > this.bytes.length) this.makeRoom(source.length);
    const at = this.used;
    this.bytes.set(source, at);
    this.used += source.length;
    return at;
  }

  /** Points the slot at bytes [start, start + length) placed by appendBytes, replacing what it held. */
  assignBytes(slot: number, start: number, length: number): void {
    this.prepare(slot);
    this.starts[slot] = start;
    this.lengths[slot] = length;
  }

  /** Stores a record's packStoredRecord string that does not fit the Latin-1 form. */
  setPacked(slot: number, packed: string): void {
    this.prepare(slot);
    this.wide.set(slot, packed);
  }

  delete(slot: number): void {
    if (slot >= this.slotCount) return;
    const start = this.starts[slot] as number;
    if (start === NONE) {
      this.wide.delete(slot);
      return;
    }
    this.wasted += this.lengths[slot] as number;
    this.starts[slot] = NONE;
    this.lengths[slot] = 0;
  }

  /** Empties the slot, making room for it first. */
  private prepare(slot: number): void {
    this.delete(slot);
    if (slot >= this.starts.length) this.growSlots(slot + 1);
    if (slot >= this.slotCount) this.slotCount = slot + 1;
  }

  /** Bytes held in the buffer (live and reclaimable), for stats and tests. */
  get byteSize(): number {
    return this.used;
  }

  private makeRoom(needed: number): void {
    const live = this.used - this.wasted;
    // Compact in place of growing when at least half of the buffer is dead space.
    const capacity =
      this.wasted * 2 >= this.used
        ? Math.max(this.bytes.length, (live + needed) * 2)
        : Math.max(Math.ceil(this.bytes.length * 1.5), this.used + needed);
    const bytes = sharedBuffer(capacity);
    let used = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      const start = this.starts[slot] as number;
      if (start === NONE) continue;
      const length = this.lengths[slot] as number;
      this.bytes.copy(bytes, used, start, start + length);
      this.starts[slot] = used;
      used += length;
    }
    this.bytes = bytes;
    this.used = used;
    this.wasted = 0;
  }

  private growSlots(minimum: number): void {
    let size = this.starts.length * 2;
    while (size < minimum) size *= 2;
    const starts = sharedInt32(size).fill(NONE);
    starts.set(this.starts);
    this.starts = starts;
    const lengths = sharedInt32(size);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }
}
