import type { MatchRecordKind } from '../types.ts';
import type { NormalizedRecord } from '../normalize/record.ts';

/**
 * The flat, fixed-shape form of a normalised record that the scorer reads: one small object
 * with strings only, so every property access stays monomorphic. The index does not keep
 * these objects: it keeps each record packed into bytes (writePackedLatin1) and unpacks the
 * few that become candidates.
 */
export interface StoredRecord {
  id: string;
  kind: MatchRecordKind;
  nameKey: string;
  domain: string | undefined;
  emailDomain: string | undefined;
  email: string | undefined;
  /** E.164 when the number is complete. */
  phone: string | undefined;
  /** Last seven digits, kept only when there is no E.164 (else they are its tail). */
  phoneLocal: string | undefined;
  addressNumber: string | undefined;
  /** First word of the street name: compared for address agreement and used as blocking key. */
  streetHead: string | undefined;
  postalCode: string | undefined;
  city: string | undefined;
  country: string | undefined;
  contactName: string | undefined;
}

/** The stored form of a normalised record (normalizeToStored builds it in one step). */
export function toStoredRecord(record: NormalizedRecord): StoredRecord {
  return {
    id: record.id,
    kind: record.kind,
    nameKey: record.name.key,
    domain: record.domain,
    emailDomain: record.emailDomain,
    email: record.email,
    phone: record.phone?.e164,
    phoneLocal: record.phone && !record.phone.e164 ? record.phone.local : undefined,
    addressNumber: record.address?.number || undefined,
    streetHead: record.address?.streetHead || undefined,
    postalCode: record.postalCode,
    city: record.city,
    country: record.country,
    contactName: record.contactName,
  };
}

/** Both records have a phone number (complete or local). */
export function hasPhone(record: StoredRecord): boolean {
  return record.phone !== undefined || record.phoneLocal !== undefined;
}

/** Whether the last seven digits of the two phone numbers agree, without slicing strings. */
export function samePhoneTail(a: StoredRecord, b: StoredRecord): boolean {
  const x = (a.phone ?? a.phoneLocal) as string;
  const y = (b.phone ?? b.phoneLocal) as string;
  if (x.length < 7 || y.length < 7) return false;
  for (let i = 1; i <= 7; i++) if (x.charCodeAt(x.length - i) !== y.charCodeAt(y.length - i)) return false;
  return true;
}

/**
 * Whether two numbers differ only in their last two digits: lines of one switchboard (a main
 * number and a direct line, "773-508-3440" and "773-508-3444"), which do not tell two
 * organisations apart. Compared on the whole number when both have one, else on the last seven.
 */
export function sameSwitchboard(a: StoredRecord, b: StoredRecord): boolean {
  const x = (a.phone ?? a.phoneLocal) as string;
  const y = (b.phone ?? b.phoneLocal) as string;
  const compared = a.phone !== undefined && b.phone !== undefined ? x.length : 7;
  if (x.length < 7 || y.length < 7 || (compared === x.length && x.length !== y.length)) return false;
  for (let i = 3; i <= compared; i++) if (x.charCodeAt(x.length - i) !== y.charCodeAt(y.length - i)) return false;
  return true;
}

/** The blocking value for a phone: its last seven digits. */
export function phoneTail(record: StoredRecord): string | undefined {
  if (record.phoneLocal !== undefined) return record.phoneLocal;
  return record.phone === undefined ? undefined : record.phone.slice(-7);
}

/**
 * The fields of a StoredRecord but its kind, in the order they are packed. An index of
 * millions of records keeps each one as ONE string (each field prefixed by its length as one
 * UTF-16 unit) instead of an object and a dozen small strings: the garbage collector then
 * has two objects per record to copy and trace instead of ~12, which was most of the build
 * time. Candidates are unpacked when scored (a handful per query).
 */
type PackedField = Exclude<keyof StoredRecord, 'kind'>;
const PACKED_FIELDS: readonly PackedField[] = [
  'id',
  'nameKey',
  'domain',
  'emailDomain',
  'email',
  'phone',
  'phoneLocal',
  'addressNumber',
  'streetHead',
  'postalCode',
  'city',
  'country',
  'contactName',
];
const MAX_FIELD_LENGTH = 0xffff;

function lengthPrefixed(value: string | undefined): string {
  if (value === undefined || value === '') return '\u0000';
  const text = value.length > MAX_FIELD_LENGTH ? value.slice(0, MAX_FIELD_LENGTH) : value;
  return String.fromCharCode(text.length) + text;
}

/** Reused by packStoredRecord: join() builds a flat string, never a tree of the parts. */
const packScratch: string[] = [];

/** One flat string holding every field of the record but its kind. */
export function packStoredRecord(record: StoredRecord): string {
  // A concatenation would be a tree of its parts, and a part may be a slice of a long input
  // string (tldts returns the domain as a slice of the URL) that would then stay alive.
  for (let i = 0; i < PACKED_FIELDS.length; i++) packScratch[i] = lengthPrefixed(record[PACKED_FIELDS[i] as PackedField]);
  return packScratch.join('');
}

/** Bytes packStoredRecord's string takes, one per character. */
export function packedLength(r: StoredRecord): number {
  // Field by field rather than by key: a keyed load over a dozen names is megamorphic (slow).
  // Each optional field's length through lengthOf, whose one `.length` has the type feedback of
  // every field: a length read only for an email had none where an index's first records
  // (accounts) had no email, and the first lead threw the compiled bulk-load loop away.
  return (
    PACKED_FIELDS.length +
    r.id.length +
    r.nameKey.length +
    lengthOf(r.domain) +
    lengthOf(r.emailDomain) +
    lengthOf(r.email) +
    lengthOf(r.phone) +
    lengthOf(r.phoneLocal) +
    lengthOf(r.addressNumber) +
    lengthOf(r.streetHead) +
    lengthOf(r.postalCode) +
    lengthOf(r.city) +
    lengthOf(r.country) +
    lengthOf(r.contactName)
  );
}

/** A field's length, 0 when it is missing. */
export function lengthOf(value: string | undefined): number {
  return value === undefined ? 0 : value.length;
}

/**
 * Writes packStoredRecord's string straight into a byte buffer as Latin-1, without building
 * it. Returns false (having written garbage past offset, which the caller does not count)
 * when a field has a character beyond Latin-1 or is longer than 255: such a record is kept
 * as a string instead. The caller makes sure packedLength(record) bytes fit.
 */
export function writePackedLatin1(r: StoredRecord, target: Uint8Array, offset: number): boolean {
  let at = writeField(r.id, target, offset);
  if (at >= 0) at = writeField(r.nameKey, target, at);
  if (at >= 0) at = writeField(r.domain, target, at);
  if (at >= 0) at = writeField(r.emailDomain, target, at);
  if (at >= 0) at = writeField(r.email, target, at);
  if (at >= 0) at = writeField(r.phone, target, at);
  if (at >= 0) at = writeField(r.phoneLocal, target, at);
  if (at >= 0) at = writeField(r.addressNumber, target, at);
  if (at >= 0) at = writeField(r.streetHead, target, at);
  if (at >= 0) at = writeField(r.postalCode, target, at);
  if (at >= 0) at = writeField(r.city, target, at);
  if (at >= 0) at = writeField(r.country, target, at);
  if (at >= 0) at = writeField(r.contactName, target, at);
  return at >= 0;
}

/** Writes length + Latin-1 characters; −1 when the value does not fit that form. */
function writeField(value: string | undefined, target: Uint8Array, offset: number): number {
  const length = lengthOf(value);
  if (length > 255) return -1;
  let at = offset;
  target[at++] = length;
  for (let i = 0; i < length; i++) {
    const code = (value as string).charCodeAt(i);
    if (code > 255) return -1;
    target[at++] = code;
  }
  return at;
}

/** The record back from packStoredRecord; empty fields come back undefined (as stored). */
export function unpackStoredRecord(kind: MatchRecordKind, packed: string): StoredRecord {
  let position = 0;
  const next = (): string | undefined => {
    const length = packed.charCodeAt(position);
    const start = position + 1;
    position = start + length;
    return length === 0 ? undefined : packed.slice(start, position);
  };
  return {
    id: next() ?? '',
    kind,
    nameKey: next() ?? '',
    domain: next(),
    emailDomain: next(),
    email: next(),
    phone: next(),
    phoneLocal: next(),
    addressNumber: next(),
    streetHead: next(),
    postalCode: next(),
    city: next(),
    country: next(),
    contactName: next(),
  };
}
