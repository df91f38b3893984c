/**
 * Typed arrays over SharedArrayBuffers: the index keeps its records and postings in these, so
 * worker threads can look up in the same memory while a batch is matched (findMany), with
 * nothing copied. Plain reads and writes cost what they cost on ordinary typed arrays. Also
 * the growth of ordinary scratch arrays and the sizing rule the index's hash tables share.
 */
import { Buffer } from 'node:buffer';

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

export function sharedUint8(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

/** A Buffer (for its Latin-1 decoding) over shared memory, zero-filled. */
export function sharedBuffer(length: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(length));
}

/** A shared copy of `array` with room for `length` elements. */
export function grownShared<T extends Int32Array | Uint8Array>(array: T, length: number): T {
  const copy = (array instanceof Int32Array ? sharedInt32(length) : sharedUint8(length)) as T;
  copy.set(array);
  return copy;
}

/** A copy of `array` (ordinary memory) with room for `length` elements: scratch arrays that grow. */
export function grown<T extends Int32Array | Uint8Array>(array: T, length: number): T {
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}

/** The smallest power of two ≥ n: table sizes, so a bucket is a hash masked. */
export function powerOfTwoAtLeast(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}
