import type { StoredRecord } from '../scoring/stored-record.ts';
import { packStoredRecord, packedLength, writePackedLatin1 } from '../scoring/stored-record.ts';
import { FNV_PRIME, hashStart } from '../string-hash.ts';

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

/** Digits of a phone number its block uses: the last seven. */
const PHONE_TAIL = 7;

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
 * first five letters: catches a typo late in a one-word name), "t" each name token. The record
 * is packed first (writePackedBlockingKeys reads the packed form). The caller makes room for
 * maxBlockingKeys(record).
 */
export function writeBlockingKeys(record: StoredRecord, hashes: Int32Array, at: number, kinds: Uint8Array): number {
  // The whole record, packed by the code that packs a bulk load's (compiled there already: a
  // packing of the key fields alone was more code for each thread to compile at its first query,
  // ~40 ms of compilation per batch match against ~20 ms of packing the other fields).
  const length = packedLength(record);
  if (length > latin1Scratch.length) latin1Scratch = new Uint8Array(Math.max(length, latin1Scratch.length * 2));
  if (writePackedLatin1(record, latin1Scratch, 0)) return writePackedBlockingKeys(latin1Scratch, 0, hashes, at, kinds);
  // A character beyond Latin-1, or a field over 255 characters: packStoredRecord's string form,
  // each field prefixed by its length in one UTF-16 unit, read as its character codes.
  const packed = packStoredRecord(record);
  const codes = new Uint16Array(packed.length);
  for (let i = 0; i < packed.length; i++) codes[i] = packed.charCodeAt(i);
  return writePackedBlockingKeys(codes, 0, hashes, at, kinds);
}

let latin1Scratch = new Uint8Array(512);

/**
 * writeBlockingKeys of the record packed at codes[offset…] (writePackedLatin1's bytes, or
 * packStoredRecord's character codes): hashed off the packed form, without building key strings,
 * the name's three kinds in one pass. A bulk load hashes each record's keys off the bytes it has
 * just packed: reading a typed array costs about half of reading the same characters off the
 * record's strings (many of them slices of a longer string, which every charCodeAt resolves):
 * 110 against 205 ns a generated record, one thread, 2026-12-05. The word and prefix keys leave
 * out an umlaut's "e" (isUmlautE).
 */
export function writePackedBlockingKeys(
  codes: Uint8Array | Uint16Array,
  offset: number,
  hashes: Int32Array,
  at: number,
  kinds: Uint8Array,
): number {
  // The packed fields, in order: id, nameKey, domain, emailDomain, email, phone, phoneLocal,
  // addressNumber, streetHead, … (stored-record.ts); each is its length, then its characters.
  // Read into locals one by one: a loop over the fields into small typed arrays cost ~250 ns a
  // record more (normalising from the wire, in-process, alternated).
  let field = offset + 1 + (codes[offset] as number);
  const nameLength = codes[field] as number;
  const nameAt = field + 1;
  field = nameAt + nameLength;
  const domainLength = codes[field] as number;
  const domainAt = field + 1;
  field = domainAt + domainLength;
  const emailDomainLength = codes[field] as number;
  const emailDomainAt = field + 1;
  field = emailDomainAt + emailDomainLength;
  field += 1 + (codes[field] as number);
  const phoneLength = codes[field] as number;
  const phoneAt = field + 1;
  field = phoneAt + phoneLength;
  const phoneLocalLength = codes[field] as number;
  const phoneLocalAt = field + 1;
  field = phoneLocalAt + phoneLocalLength;
  const numberLength = codes[field] as number;
  const numberAt = field + 1;
  field = numberAt + numberLength;
  const streetHeadLength = codes[field] as number;
  const streetHeadAt = field + 1;

  // The wide keys are each hashed and written for every record, and counted only when the
  // record has them: a step taken only for some records had no type feedback where an index's
  // first million records (accounts) never took it, and the first lead (the first email) threw
  // the compiled code away on both threads.
  let end = at;
  const domainHash = hashCodes(DOMAIN, codes, domainAt, domainLength);
  end = putWhen(hashes, kinds, end, domainHash, domainLength);
  // The email's domain is a key of its own unless it is the website's: the same hash is the
  // same key (an index tells keys apart by hash only), which would be a posting twice over.
  const emailDomainHash = hashCodes(DOMAIN, codes, emailDomainAt, emailDomainLength);
  end = putWhen(
    hashes,
    kinds,
    end,
    emailDomainHash,
    Math.min(emailDomainLength, (domainLength === 0 ? 1 : 0) + (emailDomainHash !== domainHash ? 1 : 0)),
  );
  // The last seven digits of the E.164 number when there is one, else of the local digits (only
  // one of the two is stored).
  const phoneDigits = phoneLength > 0 ? phoneLength : phoneLocalLength;
  const phoneEnd = (phoneLength > 0 ? phoneAt : phoneLocalAt) + phoneDigits;
  const tail = Math.min(PHONE_TAIL, phoneDigits);
  end = putWhen(hashes, kinds, end, hashCodes(PHONE, codes, phoneEnd - tail, tail), phoneDigits >= PHONE_TAIL ? 1 : 0);
  const numberHash = Math.imul(hashCodes(ADDRESS, codes, numberAt, numberLength) ^ SPACE, FNV_PRIME);
  end = putWhen(hashes, kinds, end, hashCodes(numberHash, codes, streetHeadAt, streetHeadLength), Math.min(numberLength, streetHeadLength));
  if (nameLength === 0) return end;
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
  for (let i = nameAt; i < nameAt + nameLength; i++) {
    const code = codes[i] as number;
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

/** hashRange over codes[from, from + length). */
function hashCodes(hash: number, codes: Uint8Array | Uint16Array, from: number, length: number): number {
  let h = hash;
  for (let i = from; i < from + length; i++) h = Math.imul(h ^ (codes[i] as number), FNV_PRIME);
  return h | 0;
}

/** Writes a wide key at `at` whatever `present` is; counts it (returns at + 1) only when present > 0. */
function putWhen(hashes: Int32Array, kinds: Uint8Array, at: number, hash: number, present: number): number {
  kinds[at] = WIDE;
  hashes[at] = hash;
  return present > 0 ? at + 1 : at;
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
