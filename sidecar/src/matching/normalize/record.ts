import type { CountryCode } from 'libphonenumber-js';
import type { MatchRecord, MatchRecordKind } from '../types.ts';
import { addressParts, normalizeAddress, normalizeCity, normalizePostalCode } from './address.ts';
import type { NormalizedAddress } from './address.ts';
import { companyNameKey, normalizeCompanyName } from './company-name.ts';
import type { NormalizedCompanyName } from './company-name.ts';
import { normalizeCountry } from './country.ts';
import { companyDomainOfEmail, companyDomainOfWebsite, normalizeEmail } from './domain.ts';
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

export function normalizeRecord(record: MatchRecord, defaultCountry: CountryCode = 'US'): NormalizedRecord {
  const country = normalizeCountry(record.country);
  const normalized: NormalizedRecord = { id: record.id, kind: record.kind ?? 'Record', name: normalizeCompanyName(record.name) };
  const domain = companyDomainOfWebsite(record.website);
  if (domain) normalized.domain = domain;
  const email = normalizeEmail(record.email);
  if (email) {
    normalized.email = email;
    const emailDomain = companyDomainOfEmail(email);
    if (emailDomain) normalized.emailDomain = emailDomain;
  }
  const phone = normalizePhone(record.phone, country ?? defaultCountry);
  if (phone) normalized.phone = phone;
  const address = normalizeAddress(record.street);
  if (address) normalized.address = address;
  const postalCode = normalizePostalCode(record.postalCode) ?? address?.postalCode;
  if (postalCode) normalized.postalCode = postalCode;
  const city = normalizeCity(record.city);
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
export function normalizeToStored(record: MatchRecord, defaultCountry: CountryCode = 'US'): StoredRecord {
  const country = normalizeCountry(record.country);
  const nameKey = companyNameKey(record.name);
  const domain = companyDomainOfWebsite(record.website) || undefined;
  const email = normalizeEmail(record.email) || undefined;
  const emailDomain = email ? companyDomainOfEmail(email) || undefined : undefined;
  const phone = normalizePhone(record.phone, country ?? defaultCountry);
  const address = addressParts(record.street);
  const postalCode = (normalizePostalCode(record.postalCode) ?? address?.postalCode) || undefined;
  const city = normalizeCity(record.city) || undefined;
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
