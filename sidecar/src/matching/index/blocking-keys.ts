import type { StoredRecord } from '../scoring/stored-record.ts';
import { FNV_PRIME, hashRange, hashStart } from '../string-hash.ts';

const DOMAIN = hashStart('d');
const PHONE = hashStart('p');
const ADDRESS = hashStart('a');
const NAME = hashStart('n');
const PREFIX = hashStart('k');
const TOKEN_START = hashStart('t');
const SPACE = 32;

/** The weight lookup key of one name token: its "t" block's (writeBlockingKeys). */
export function tokenHash(token: string): number {
  let hash = TOKEN_START;
  let previous = SPACE;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (!isUmlautE(code, previous)) hash = Math.imul(hash ^ code, FNV_PRIME);
    previous = code;
  }
  return hash | 0;
}

const LETTER_E = 101;

/**
 * Whether an "e" is the one German writes after a, o or u for an umlaut where the letter has
 * none ("Mueller" for "Müller", "Koeln" for "Köln"). Folded, "Müller" is "muller": the name's
 * word and prefix blocks leave such an "e" out, so both spellings share them; the names are
 * still compared as written (a typo's distance apart). English words lose an "e" too ("blue",
 * "joe"): their blocks are a little wider.
 */
function isUmlautE(code: number, previous: number): boolean {
  return code === LETTER_E && (previous === 97 || previous === 111 || previous === 117);
}

/** How many characters of the name (without spaces) the prefix block uses. */
const PREFIX_LENGTH = 5;

export type BlockKind = 'wide' | 'narrow' | 'token';
/** Kinds as writeBlockingKeys stores them. */
export const WIDE = 0;
export const NARROW = 1;
export const TOKEN = 2;
const KIND_NAMES: readonly BlockKind[] = ['wide', 'narrow', 'token'];

/** The most keys a record can have: five wide ones, the name prefix, and one per name token. */
export function maxBlockingKeys(record: StoredRecord): number {
  return 6 + ((record.nameKey.length + 1) >> 1);
}

/**
 * Writes the hashes of a record's blocking keys from `at` on (and their kinds into `kinds` at the
 * same places) and returns where they end: "d" domain (website and corporate email share it), "p"
 * last seven phone digits, "a" house number + street head, "n" whole name, "k" name prefix (the
 * first five letters: catches a typo late in a one-word name), "t" each name token. Hashed without
 * building key strings, the name's three kinds in one pass: building an index over millions of
 * records is mostly this and the normalisers. The word and prefix keys leave out an umlaut's
 * "e" (isUmlautE). The caller makes room for maxBlockingKeys(record).
 */
export function writeBlockingKeys(record: StoredRecord, hashes: Int32Array, at: number, kinds: Uint8Array): number {
  // Both domains through one function, every call: a key written only for an email's domain
  // had no type feedback where an index's first million records (accounts) had none, and the
  // first lead with one threw the compiled function away on both threads.
  let end = putDomainKey(hashes, kinds, at, record.domain);
  end = putDomainKey(hashes, kinds, end, record.emailDomain === record.domain ? undefined : record.emailDomain);
  const phone = record.phone ?? record.phoneLocal;
  if (phone !== undefined && phone.length >= 7)
    end = put(hashes, kinds, end, hashRange(PHONE, phone, phone.length - 7, phone.length), WIDE);
  if (record.addressNumber && record.streetHead) {
    const numberHash = hashRange(ADDRESS, record.addressNumber, 0, record.addressNumber.length);
    end = put(hashes, kinds, end, hashRange(hashRange(numberHash, ' ', 0, 1), record.streetHead, 0, record.streetHead.length), WIDE);
  }
  const name = record.nameKey;
  if (name === '') return end;
  // Whole name and prefix go first (filled in after the scan); the tokens follow as it finds them.
  const wholeAt = end;
  end = put(hashes, kinds, end, 0, WIDE);
  end = put(hashes, kinds, end, 0, NARROW);
  let whole = NAME;
  let prefix = PREFIX;
  let taken = 0;
  let token = TOKEN_START;
  let tokenLength = 0;
  let previous = SPACE;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    whole = Math.imul(whole ^ code, FNV_PRIME);
    const before = previous;
    previous = code;
    if (code === SPACE) {
      if (tokenLength > 0) end = put(hashes, kinds, end, token, TOKEN);
      token = TOKEN_START;
      tokenLength = 0;
      continue;
    }
    if (isUmlautE(code, before)) continue;
    if (taken < PREFIX_LENGTH) {
      prefix = Math.imul(prefix ^ code, FNV_PRIME);
      taken++;
    }
    token = Math.imul(token ^ code, FNV_PRIME);
    tokenLength++;
  }
  if (tokenLength > 0) end = put(hashes, kinds, end, token, TOKEN);
  hashes[wholeAt] = whole;
  hashes[wholeAt + 1] = prefix;
  return end;
}

function putDomainKey(hashes: Int32Array, kinds: Uint8Array, at: number, domain: string | undefined): number {
  return domain ? put(hashes, kinds, at, hashRange(DOMAIN, domain, 0, domain.length), WIDE) : at;
}

function put(hashes: Int32Array, kinds: Uint8Array, at: number, hash: number, kind: number): number {
  kinds[at] = kind;
  hashes[at] = hash;
  return at + 1;
}

/** One record's blocking keys at a time, in arrays reused from record to record. */
export class BlockingKeys {
  hashes = new Int32Array(64);
  kinds = new Uint8Array(64);
  count = 0;

  /** Replaces the keys with the record's (writeBlockingKeys) and returns how many there are. */
  of(record: StoredRecord): number {
    const needed = maxBlockingKeys(record);
    if (needed > this.hashes.length) {
      this.hashes = new Int32Array(needed * 2);
      this.kinds = new Uint8Array(needed * 2);
    }
    this.count = writeBlockingKeys(record, this.hashes, 0, this.kinds);
    return this.count;
  }
}

const scratchKeys = new BlockingKeys();

/** Calls visit(hash, kind) for each blocking key of a record, in writeBlockingKeys's order. */
export function forEachBlockingKey(record: StoredRecord, visit: (hash: number, kind: BlockKind) => void): void {
  const count = scratchKeys.of(record);
  const { hashes, kinds } = scratchKeys;
  for (let i = 0; i < count; i++) visit(hashes[i] as number, KIND_NAMES[kinds[i] as number] as BlockKind);
}
