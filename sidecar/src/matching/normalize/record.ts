import type { CountryCode } from 'libphonenumber-js';
import type { MatchRecord, MatchRecordKind } from '../types.ts';
import { addressParts, normalizeAddress, normalizeCity, normalizePostalCode } from './address.ts';
import type { AddressParts, NormalizedAddress } from './address.ts';
import { companyNameKey, normalizeCompanyName } from './company-name.ts';
import type { NormalizedCompanyName } from './company-name.ts';
import { normalizeCountry } from './country.ts';
import { companyDomainOfAddress, companyDomainOfWebsite, normalizeEmail } from './domain.ts';
import { normalizePersonName, personNameKey } from './person-name.ts';
import { normalizePhone } from './phone.ts';
import type { NormalizedPhone } from './phone.ts';
import type { StoredRecord } from '../scoring/stored-record.ts';

/** A record with every field normalised: what the index stores and the scorer compares. */
export interface NormalizedRecord {
  id: string;
  kind: MatchRecordKind;
  name: NormalizedCompanyName;
  /** Registrable domain of the website (never free mail). */
  domain?: string;
  /** Registrable domain of the contact email when corporate. */
  emailDomain?: string;
  email?: string;
  phone?: NormalizedPhone;
  address?: NormalizedAddress;
  postalCode?: string;
  city?: string;
  country?: CountryCode;
  contactName?: string;
}

/**
 * Values are compared on their first this many characters: Salesforce's own limit for an
 * account's name, website and street. A longer value is not a name but a pasted paragraph or a
 * CSV field whose closing quote went missing; compared whole it would cost milliseconds per
 * candidate (the long-string Jaro-Winkler is quadratic), on every query that meets it.
 */
export const MAX_COMPARED_LENGTH = 255;

const TEXT_FIELDS = ['name', 'website', 'email', 'phone', 'street', 'city', 'postalCode', 'country', 'contactName'] as const;
export type MatchTextField = (typeof TEXT_FIELDS)[number];

/** The fields of a record longer than MAX_COMPARED_LENGTH (compared on their first characters only). */
export function overlongFields(record: MatchRecord): MatchTextField[] {
  return TEXT_FIELDS.filter((field) => isOverlong(record[field]));
}

function isOverlong(value: unknown): value is string {
  return typeof value === 'string' && value.length > MAX_COMPARED_LENGTH;
}

/** The record as it is compared: itself, or a copy with its overlong fields cut to MAX_COMPARED_LENGTH. */
function asCompared(record: MatchRecord): MatchRecord {
  // Field by field, not over TEXT_FIELDS: every record of a bulk load passes here, and a keyed
  // read over nine names is megamorphic (slow).
  if (
    !isOverlong(record.name) &&
    !isOverlong(record.website) &&
    !isOverlong(record.email) &&
    !isOverlong(record.phone) &&
    !isOverlong(record.street) &&
    !isOverlong(record.city) &&
    !isOverlong(record.postalCode) &&
    !isOverlong(record.country) &&
    !isOverlong(record.contactName)
  )
    return record;
  const copy = { ...record };
  for (const field of overlongFields(record)) copy[field] = (record[field] as string).slice(0, MAX_COMPARED_LENGTH);
  return copy;
}

/**
 * The name without a parenthesised place that is the record's own city or country: restaurant
 * guides and franchise lists tell a chain's sites apart so ("Le Chardonnay (Los Angeles)",
 * "Coyote Cafe (Las Vegas)"), and groups their national companies ("Siemens (UK) Ltd",
 * "Acme (Deutschland) GmbH"), and the record's city or country field already says it; kept,
 * it is a word the other source's spelling lacks. Any other parenthesis stays ("Mary Crane
 * Center (Lake & Pulaski)" names which site), and so does a place the record does not name as
 * its own: "Acme (UK) Ltd" and "Acme (USA) Inc" are two companies.
 */
function withoutOwnPlace(
  name: string | null | undefined,
  city: string | undefined,
  country: CountryCode | undefined,
): string | null | undefined {
  if ((city === undefined && country === undefined) || name == null) return name;
  let text = String(name);
  // A name that is all parenthesis ("(Boston)") stays a name.
  for (let open = text.indexOf('('); open > 0;) {
    const close = text.indexOf(')', open);
    if (close < 0) break;
    const place = text.slice(open + 1, close);
    if ((city !== undefined && normalizeCity(place) === city) || (country !== undefined && normalizeCountry(place) === country)) {
      text = `${text.slice(0, open)} ${text.slice(close + 1)}`;
      open = text.indexOf('(', open);
    } else open = text.indexOf('(', close);
  }
  return text;
}

export function normalizeRecord(whole: MatchRecord, defaultCountry: CountryCode = 'US'): NormalizedRecord {
  const record = asCompared(whole);
  const country = normalizeCountry(record.country);
  const city = normalizeCity(record.city);
  const normalized: NormalizedRecord = {
    id: record.id,
    kind: record.kind ?? 'Record',
    name: normalizeCompanyName(withoutOwnPlace(record.name, city, country)),
  };
  const domain = companyDomainOfWebsite(record.website);
  if (domain) normalized.domain = domain;
  const email = normalizeEmail(record.email);
  if (email) {
    normalized.email = email;
    const emailDomain = companyDomainOfAddress(email);
    if (emailDomain) normalized.emailDomain = emailDomain;
  }
  const phone = normalizePhone(record.phone, country ?? defaultCountry);
  if (phone) normalized.phone = phone;
  const address = normalizeAddress(record.street);
  if (address) normalized.address = address;
  const postalCode = normalizePostalCode(record.postalCode) ?? normalizePostalCode(address?.postalCode);
  if (postalCode) normalized.postalCode = postalCode;
  if (city) normalized.city = city;
  if (country) normalized.country = country;
  const person = normalizePersonName(record.contactName);
  if (person) normalized.contactName = person.key;
  return normalized;
}

/**
 * The same values as normalizeRecord, flattened straight into the index's StoredRecord shape
 * (one object literal of one shape, no intermediate record): what the index computes for
 * every record it stores and every query. Bulk loads compute the same values a field at a
 * time over many records (StoredRecordColumns); both take each value from the helpers below.
 */
export function normalizeToStored(whole: MatchRecord, defaultCountry: CountryCode = 'US'): StoredRecord {
  const record = asCompared(whole);
  const country = normalizeCountry(record.country);
  const city = normalizeCity(record.city) || undefined;
  const email = emailOf(record);
  const address = addressParts(record.street);
  return storedRecord(
    record,
    country,
    city,
    nameKeyOf(record, city, country),
    websiteDomainOf(record),
    email,
    emailDomainOf(email),
    normalizePhone(record.phone, country ?? defaultCountry),
    address,
    postalCodeOf(record, address),
    personNameKey(record.contactName),
  );
}

function nameKeyOf(record: MatchRecord, city: string | undefined, country: CountryCode | undefined): string {
  return companyNameKey(withoutOwnPlace(record.name, city, country));
}

function websiteDomainOf(record: MatchRecord): string | undefined {
  return companyDomainOfWebsite(record.website) || undefined;
}

function emailOf(record: MatchRecord): string | undefined {
  return normalizeEmail(record.email) || undefined;
}

function emailDomainOf(email: string | undefined): string | undefined {
  return email ? companyDomainOfAddress(email) || undefined : undefined;
}

function postalCodeOf(record: MatchRecord, address: AddressParts | undefined): string | undefined {
  return (normalizePostalCode(record.postalCode) ?? normalizePostalCode(address?.postalCode)) || undefined;
}

function storedRecord(
  record: MatchRecord,
  country: CountryCode | undefined,
  city: string | undefined,
  nameKey: string,
  domain: string | undefined,
  email: string | undefined,
  emailDomain: string | undefined,
  phone: NormalizedPhone | undefined,
  address: AddressParts | undefined,
  postalCode: string | undefined,
  contactName: string | undefined,
): StoredRecord {
  return {
    id: record.id,
    kind: record.kind ?? 'Record',
    nameKey,
    domain,
    emailDomain,
    email,
    phone: phone?.e164,
    phoneLocal: phone && !phone.e164 ? phone.local : undefined,
    addressNumber: address?.number || undefined,
    streetHead: address?.streetHead || undefined,
    postalCode,
    city,
    country: country || undefined,
    contactName,
  };
}

/**
 * Up to STORED_COLUMN_ROWS records normalised a field at a time: every country, then every
 * city, every name and so on, then the StoredRecords (normalizeToStored's values, from the same
 * helpers). A bulk load normalises so: each normaliser's code, branches and word tables stay
 * warm in the core's caches over a run of records, where one record at a time runs through all
 * of them in turn. 1.3–1.4 µs per generated record against 1.8–1.9 for the same calls a record
 * at a time (150k records, one thread, alternated, 2026-12-04).
 */
export class StoredRecordColumns {
  private count = 0;
  private readonly records: MatchRecord[] = [];
  private readonly countries: (CountryCode | undefined)[] = [];
  private readonly cities: (string | undefined)[] = [];
  private readonly nameKeys: string[] = [];
  private readonly domains: (string | undefined)[] = [];
  private readonly emails: (string | undefined)[] = [];
  private readonly emailDomains: (string | undefined)[] = [];
  private readonly phones: (NormalizedPhone | undefined)[] = [];
  private readonly addresses: (AddressParts | undefined)[] = [];
  private readonly postalCodes: (string | undefined)[] = [];
  private readonly contactNames: (string | undefined)[] = [];

  private readonly defaultCountry: CountryCode;

  constructor(defaultCountry: CountryCode) {
    this.defaultCountry = defaultCountry;
  }

  /** Normalises records[from, to) (at most STORED_COLUMN_ROWS of them), read back by storedAt(0 … to - from - 1). */
  fill(records: readonly MatchRecord[], from: number, to: number): void {
    const count = to - from;
    if (count > STORED_COLUMN_ROWS) throw new RangeError(`StoredRecordColumns holds ${STORED_COLUMN_ROWS} records, not ${count}`);
    this.count = count;
    const {
      records: compared,
      countries,
      cities,
      nameKeys,
      domains,
      emails,
      emailDomains,
      phones,
      addresses,
      postalCodes,
      contactNames,
      // Read here, on every call: read only for a record without a country, it had no type
      // feedback where every record of a build had one, and the first query without a country
      // threw the compiled fill away.
      defaultCountry,
    } = this;
    for (let i = 0; i < count; i++) compared[i] = asCompared(records[from + i] as MatchRecord);
    for (let i = 0; i < count; i++) countries[i] = normalizeCountry((compared[i] as MatchRecord).country);
    for (let i = 0; i < count; i++) cities[i] = normalizeCity((compared[i] as MatchRecord).city) || undefined;
    for (let i = 0; i < count; i++) nameKeys[i] = nameKeyOf(compared[i] as MatchRecord, cities[i], countries[i]);
    for (let i = 0; i < count; i++) domains[i] = websiteDomainOf(compared[i] as MatchRecord);
    for (let i = 0; i < count; i++) emails[i] = emailOf(compared[i] as MatchRecord);
    for (let i = 0; i < count; i++) emailDomains[i] = emailDomainOf(emails[i]);
    for (let i = 0; i < count; i++) phones[i] = normalizePhone((compared[i] as MatchRecord).phone, countries[i] ?? defaultCountry);
    for (let i = 0; i < count; i++) addresses[i] = addressParts((compared[i] as MatchRecord).street);
    for (let i = 0; i < count; i++) postalCodes[i] = postalCodeOf(compared[i] as MatchRecord, addresses[i]);
    for (let i = 0; i < count; i++) contactNames[i] = personNameKey((compared[i] as MatchRecord).contactName);
  }

  /** The StoredRecord of the row-th record of the last fill. */
  storedAt(row: number): StoredRecord {
    if (row >= this.count) throw new RangeError(`row ${row} of ${this.count}`);
    return storedRecord(
      this.records[row] as MatchRecord,
      this.countries[row],
      this.cities[row],
      this.nameKeys[row] as string,
      this.domains[row],
      this.emails[row],
      this.emailDomains[row],
      this.phones[row],
      this.addresses[row],
      this.postalCodes[row],
      this.contactNames[row],
    );
  }
}

/** Rows of a StoredRecordColumns: a few hundred records' code paths fit the caches; see fillBatch. */
export const STORED_COLUMN_ROWS = 128;

/** One StoredRecordColumns per thread and default country, reused by every bulk job. */
const columnsByCountry = new Map<CountryCode, StoredRecordColumns>();

export function storedRecordColumns(defaultCountry: CountryCode): StoredRecordColumns {
  let columns = columnsByCountry.get(defaultCountry);
  if (!columns) columnsByCountry.set(defaultCountry, (columns = new StoredRecordColumns(defaultCountry)));
  return columns;
}

/**
 * map(normalizeToStored(record)) of records[from, to), in order, appended to `into`: normalised a
 * field at a time, a run of STORED_COLUMN_ROWS records mapped before the next run is normalised
 * (for batches of queries: a batch then never holds thousands of normalised records at once,
 * which each young-generation collection would copy). The thread's columns for the country are
 * shared (storedRecordColumns), so `map` must not normalise records itself: a run it refilled
 * would be read back wrong.
 */
export function mapStored<T>(
  records: readonly MatchRecord[],
  defaultCountry: CountryCode,
  from: number,
  to: number,
  map: (stored: StoredRecord) => T,
  into: T[] = [],
): T[] {
  const columns = storedRecordColumns(defaultCountry);
  for (let start = from; start < to; start += STORED_COLUMN_ROWS) {
    const end = Math.min(to, start + STORED_COLUMN_ROWS);
    columns.fill(records, start, end);
    for (let row = 0; row < end - start; row++) into.push(map(columns.storedAt(row)));
  }
  return into;
}
