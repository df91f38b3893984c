import { hashKey, hashSlice } from '../string-hash.ts';

/**
 * Words looked up by a range of a text, without slicing the word out: the normalisers' fast
 * paths classify every word of millions of names and addresses, and a slice plus a Map lookup
 * (a new string, then its hash) cost more than the rest of their scan. An open-addressing
 * table of at most a quarter load, so a word that is not in it usually ends at an empty bucket.
 */
export class WordTable<V> {
  private readonly buckets: Int32Array;
  private readonly mask: number;
  private readonly words: string[] = [];
  private readonly values: V[] = [];
  /**
   * The words' shapes, as bits: bit (last character & 31) of [(length & 31) × 32 + (first
   * character & 31)] is set for each word. Most words looked up (a company's own name, a street's)
   * are not in a table, and this rules out nearly all of them with one read, before the hash of
   * the word and the probe (in the company-name key, the lookups were a third of its time).
   */
  private readonly shapes = new Int32Array(32 * 32);

  constructor(entries: Iterable<readonly [string, V]>) {
    const list = [...entries];
    let size = 16;
    while (size < list.length * 4) size *= 2;
    this.buckets = new Int32Array(size);
    this.mask = size - 1;
    for (const [word, value] of list) {
      if (word === '') throw new RangeError('a WordTable holds no empty word');
      let bucket = hashKey(word) & this.mask;
      while (this.buckets[bucket] !== 0) bucket = (bucket + 1) & this.mask;
      this.words.push(word);
      this.values.push(value);
      this.buckets[bucket] = this.words.length;
      const shape = shapeOf(word, 0, word.length);
      this.shapes[shape >>> 5] = (this.shapes[shape >>> 5] as number) | (1 << (shape & 31));
    }
  }

  /** The value of text.slice(start, end), if that word is in the table (no word is empty). */
  get(text: string, start: number, end: number): V | undefined {
    const length = end - start;
    if (length <= 0) return undefined;
    const shape = shapeOf(text, start, end);
    if ((((this.shapes[shape >>> 5] as number) >>> (shape & 31)) & 1) === 0) return undefined;
    for (let bucket = hashSlice(text, start, end) & this.mask; ; bucket = (bucket + 1) & this.mask) {
      const entry = this.buckets[bucket] as number;
      if (entry === 0) return undefined;
      const word = this.words[entry - 1] as string;
      if (word.length !== length) continue;
      let i = 0;
      while (i < length && word.charCodeAt(i) === text.charCodeAt(start + i)) i++;
      if (i === length) return this.values[entry - 1];
    }
  }
}

/** A word's length, first and last character, 5 bits each (a word of text[start, end), end > start). */
function shapeOf(text: string, start: number, end: number): number {
  return ((end - start) & 31) * 1024 + (text.charCodeAt(start) & 31) * 32 + (text.charCodeAt(end - 1) & 31);
}

/**
 * A set of a few short values ("n/a", "none.com") that millions of field values are checked
 * against: most values are ruled out by their length and first character, one read of a
 * small table, without the slice and the hash of a Set lookup.
 */
export class ShortValueSet {
  private readonly values: ReadonlySet<string>;
  private readonly longest: number;
  /** 1 at [length × 128 + (first character's code & 127)] of each value. */
  private readonly shapes: Uint8Array;

  constructor(values: Iterable<string>) {
    this.values = new Set(values);
    this.longest = Math.max(0, ...[...this.values].map((value) => value.length));
    this.shapes = new Uint8Array((this.longest + 1) * 128);
    for (const value of this.values) this.shapes[value.length * 128 + (value.charCodeAt(0) & 127)] = 1;
  }

  /** Whether text from `start` to its end is one of the values. */
  has(text: string, start = 0): boolean {
    const length = text.length - start;
    return (
      length <= this.longest &&
      this.shapes[length * 128 + (text.charCodeAt(start) & 127)] === 1 &&
      this.values.has(start === 0 ? text : text.slice(start))
    );
  }
}
