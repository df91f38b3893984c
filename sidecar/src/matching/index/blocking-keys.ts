import type { StoredRecord } from '../scoring/stored-record.ts';
import { hashRange, hashStart } from '../string-hash.ts';

const DOMAIN = hashStart('d');
const PHONE = hashStart('p');
const ADDRESS = hashStart('a');
const NAME = hashStart('n');
const PREFIX = hashStart('k');
const TOKEN = hashStart('t');
const SPACE = 32;

/** The weight lookup key of one name token. */
export function tokenHash(token: string): number {
  return hashRange(TOKEN, token, 0, token.length);
}

/** How many characters of the name (without spaces) the prefix block uses. */
const PREFIX_LENGTH = 5;

/** Hash of the first PREFIX_LENGTH non-space characters: catches a typo late in a one-word name. */
function prefixHash(nameKey: string): number {
  let hash = PREFIX;
  let taken = 0;
  for (let i = 0; i < nameKey.length && taken < PREFIX_LENGTH; i++) {
    if (nameKey.charCodeAt(i) === SPACE) continue;
    hash = hashRange(hash, nameKey, i, i + 1);
    taken++;
  }
  return hash;
}

/**
 * Calls visit(hash, kind) for each blocking key of a record: "d" domain (website and corporate
 * email share it), "p" last seven phone digits, "a" house number + street head, "n" whole
 * name, "k" name prefix, "t" each name token. Hashed without building key strings: building
 * an index over millions of records is mostly this loop.
 */
export function forEachBlockingKey(record: StoredRecord, visit: (hash: number, kind: BlockKind) => void): void {
  if (record.domain) visit(hashRange(DOMAIN, record.domain, 0, record.domain.length), 'wide');
  if (record.emailDomain && record.emailDomain !== record.domain)
    visit(hashRange(DOMAIN, record.emailDomain, 0, record.emailDomain.length), 'wide');
  const phone = record.phone ?? record.phoneLocal;
  if (phone !== undefined && phone.length >= 7) visit(hashRange(PHONE, phone, phone.length - 7, phone.length), 'wide');
  if (record.addressNumber && record.streetHead) {
    const numberHash = hashRange(ADDRESS, record.addressNumber, 0, record.addressNumber.length);
    visit(hashRange(hashRange(numberHash, ' ', 0, 1), record.streetHead, 0, record.streetHead.length), 'wide');
  }
  const name = record.nameKey;
  if (name === '') return;
  visit(hashRange(NAME, name, 0, name.length), 'wide');
  visit(prefixHash(name), 'narrow');
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    if (i < name.length && name.charCodeAt(i) !== SPACE) continue;
    if (i > start) visit(hashRange(TOKEN, name, start, i), 'token');
    start = i + 1;
  }
}

export type BlockKind = 'wide' | 'narrow' | 'token';
