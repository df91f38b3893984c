/**
 * The engine's input and output shapes. Inputs are plain records any source can fill (org
 * records through org/record-mappers.ts, CSV rows through the CLI, partner account lists).
 */

/** What an indexed record is; the index can be asked for some kinds only. */
export const MATCH_RECORD_KINDS = ['Account', 'Lead', 'Contact', 'Partner_Referral__c', 'Partner Account', 'Record'] as const;
export type MatchRecordKind = (typeof MATCH_RECORD_KINDS)[number];

/** A company as any source describes it. Every field but `id` is optional. */
export interface MatchRecord {
  id: string;
  kind?: MatchRecordKind;
  /** Company name. */
  name?: string | null;
  website?: string | null;
  /** A contact's email: an exact address corroborates, a corporate domain acts as the company domain. */
  email?: string | null;
  phone?: string | null;
  street?: string | null;
  city?: string | null;
  postalCode?: string | null;
  /** Country code or name; phones are read with this country (else the index default). */
  country?: string | null;
  /** A contact person's name ("Jane Doe", "Doe, Jane"). */
  contactName?: string | null;
}

/** The company fields sources share under MatchRecord's names (accounts, partner account lists). */
export type CompanyFields = Pick<MatchRecord, 'name' | 'website' | 'phone' | 'street' | 'city' | 'postalCode' | 'country'>;

/** A MatchRecord of a source that has the company fields under their MatchRecord names. */
export function companyMatchRecord(id: string, kind: MatchRecordKind, source: CompanyFields): MatchRecord {
  return {
    id,
    kind,
    name: source.name,
    website: source.website,
    phone: source.phone,
    street: source.street,
    city: source.city,
    postalCode: source.postalCode,
    country: source.country,
  };
}

export type MatchSignal =
  'domain' | 'email_domain' | 'email' | 'name' | 'acronym' | 'phone' | 'address' | 'postal_code' | 'city' | 'country' | 'contact_name';

/** One piece of evidence for or against a match, with its weight in log-odds. */
export interface MatchReason {
  signal: MatchSignal;
  outcome: 'match' | 'partial' | 'mismatch';
  /** Similarity of the compared values, in [0, 1], where it is graded. */
  similarity?: number;
  /** Contribution to the log-odds of a match (positive: for; negative: against). */
  weight: number;
  /** The compared (normalised) value when both sides agree on it, e.g. the shared domain. */
  value?: string;
}

export type MatchDecision = 'match' | 'review' | 'none';

export interface MatchCandidate {
  id: string;
  kind: MatchRecordKind;
  /** Probability-like confidence in [0, 1]: a logistic of the summed evidence. */
  confidence: number;
  decision: MatchDecision;
  /** The strongest signal that brought the pair together: how it would be written on an overlap row. */
  method: 'Domain' | 'Email Domain' | 'Name and Location' | 'Name';
  reasons: MatchReason[];
}

export interface MatchThresholds {
  matchThreshold: number;
  reviewThreshold: number;
  nameSimilarityThreshold: number;
}
