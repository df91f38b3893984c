import type { CountryCode } from 'libphonenumber-js';
import type { MatchRecord, MatchRecordKind } from '../types.ts';
import { addressParts, normalizeAddress, normalizeCity, normalizePostalCode } from './address.ts';
import type { NormalizedAddress } from './address.ts';
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
 * every record it stores and every query.
 */
export function normalizeToStored(whole: MatchRecord, defaultCountry: CountryCode = 'US'): StoredRecord {
  const record = asCompared(whole);
  const country = normalizeCountry(record.country);
  const city = normalizeCity(record.city) || undefined;
  const nameKey = companyNameKey(withoutOwnPlace(record.name, city, country));
  const domain = companyDomainOfWebsite(record.website) || undefined;
  const email = normalizeEmail(record.email) || undefined;
  const emailDomain = email ? companyDomainOfAddress(email) || undefined : undefined;
  const phone = normalizePhone(record.phone, country ?? defaultCountry);
  const address = addressParts(record.street);
  const postalCode = (normalizePostalCode(record.postalCode) ?? normalizePostalCode(address?.postalCode)) || undefined;
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
    contactName: personNameKey(record.contactName),
  };
}
