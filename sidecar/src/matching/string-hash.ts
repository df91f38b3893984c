/**
 * 32-bit FNV-1a hashes of strings and of ranges of strings, computed without building the
 * substring: the index's blocking keys and ids, and the company-name normaliser's word table.
 */
const FNV_OFFSET = 0x811c9dc5;
/** One step of the hash per character: hash = Math.imul(hash ^ code, FNV_PRIME). */
export const FNV_PRIME = 0x01000193;

export function hashKey(key: string): number {
  return hashRange(FNV_OFFSET, key, 0, key.length);
}

/** hashKey(text.slice(start, end)) without the slice. */
export function hashSlice(text: string, start: number, end: number): number {
  return hashRange(FNV_OFFSET, text, start, end);
}

/** Starts a key hash with a one-character key type ("d" domain, "t" token, …). */
export function hashStart(type: string): number {
  return hashRange(FNV_OFFSET, type, 0, 1);
}

/**
 * Continues an FNV-1a hash over text[start, end) — so "t" + token can be hashed straight
 * out of the name without building the token or the concatenated key.
 */
export function hashRange(hash: number, text: string, start: number, end: number): number {
  let h = hash;
  for (let i = start; i < end; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  }
  return h | 0;
}
