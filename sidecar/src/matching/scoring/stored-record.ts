import type { MatchRecordKind } from '../types.ts';
import type { NormalizedRecord } from '../normalize/record.ts';

/**
 * The flat, fixed-shape form of a normalised record that the index keeps per record and the
 * scorer reads: one small object with strings only, so millions fit in memory and every
 * property access stays monomorphic.
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

/**
 * Fewer distinct strings per record mean less for the garbage collector to walk when
 * millions are held: equal domains share one string, the phone's local part is not kept
 * twice, the street is reduced to its head word (all the scorer compares).
 */
/**
 * Short values that repeat across millions of records (postal codes, house numbers, street
 * words) are kept once. Bounded: when full it is dropped and refilled, which only costs a
 * few duplicate strings.
 */
const internPool = new Map<string, string>();
const INTERN_POOL_SIZE = 200_000;

function intern(value: string | undefined): string | undefined {
  if (value === undefined || value.length > 12) return value;
  const known = internPool.get(value);
  if (known !== undefined) return known;
  if (internPool.size >= INTERN_POOL_SIZE) internPool.clear();
  internPool.set(value, value);
  return value;
}

/**
 * A copy of a string that does not point into a longer one. The public-suffix parser returns
 * the domain as a slice of the whole URL, which would keep every URL alive in the index.
 */
function detached(value: string | undefined): string | undefined {
  return value === undefined || value.length < 13 ? value : value.split('.').join('.');
}

export function toStoredRecord(record: NormalizedRecord): StoredRecord {
  const domain = detached(record.domain);
  return {
    id: record.id,
    kind: record.kind,
    nameKey: record.name.key,
    domain,
    emailDomain: record.emailDomain !== undefined && record.emailDomain === record.domain ? domain : record.emailDomain,
    email: record.email,
    phone: record.phone?.e164,
    phoneLocal: record.phone && !record.phone.e164 ? record.phone.local : undefined,
    addressNumber: intern(record.address?.number || undefined),
    streetHead: intern(record.address?.streetHead || undefined),
    postalCode: intern(record.postalCode),
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

/** The blocking value for a phone: its last seven digits. */
export function phoneTail(record: StoredRecord): string | undefined {
  if (record.phoneLocal !== undefined) return record.phoneLocal;
  return record.phone === undefined ? undefined : record.phone.slice(-7);
}
