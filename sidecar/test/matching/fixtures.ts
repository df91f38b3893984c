import { SubmissionChecker } from '../../src/matching/index.ts';
import type { AccountFacts, MatchRecord, PartnerFacts, ReferralFacts } from '../../src/matching/index.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';
import type { ProgramSettings } from '../../src/settings/program-settings.ts';

/** Tuesday 24 November 2026, 10:00 UTC: the clock every classification test runs at. */
export const NOW = new Date('2026-11-24T10:00:00Z');

export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * 86_400_000).toISOString();
}

export const northwind: PartnerFacts = {
  id: 'a0C000000000001',
  name: 'Northwind Consulting',
  key: 'northwind',
  tier: 'Gold',
  status: 'Active',
  strategic: false,
  dataSharingLevel: 'Full',
  allowedEmailDomains: ['northwind.example'],
};

export const contoso: PartnerFacts = {
  id: 'a0C000000000002',
  name: 'Contoso Partners',
  key: 'contoso',
  tier: 'Silver',
  status: 'Active',
  strategic: false,
  dataSharingLevel: 'Overlap Only',
  allowedEmailDomains: [],
};

export const globexAccount: AccountFacts = {
  id: '001000000000001',
  name: 'Globex Corporation',
  website: 'https://www.globex.com',
  phone: '(312) 555-0100',
  street: '100 W Randolph St',
  city: 'Chicago',
  postalCode: '60601',
  country: 'US',
  ownerId: '005000000000001',
  type: 'Prospect',
  strategic: false,
  registrationBlocked: false,
};

/** A complete, in-policy registration of Globex by Northwind. */
export function globexReferral(overrides: Partial<ReferralFacts> = {}): ReferralFacts {
  return {
    id: 'a0R000000000001',
    key: 'NW-1001',
    partnerId: northwind.id,
    companyName: 'Globex Corp',
    website: 'globex.com',
    contactFirstName: 'Hank',
    contactLastName: 'Scorpio',
    contactEmail: 'hank.scorpio@globex.com',
    contactPhone: '+1 312 555 0100',
    city: 'Chicago',
    country: 'US',
    useCase: 'Needs to consolidate three CRMs before the spring sales kickoff.',
    howMet: 'Introduced by their CFO at our customer advisory board.',
    partnerSource: 'Existing Relationship',
    consent: true,
    submittedAt: daysAgo(0.1),
    submitterEmail: 'sam@northwind.example',
    status: 'Submitted',
    ...overrides,
  };
}

export function checker(settings: ProgramSettings = DEFAULT_PROGRAM_SETTINGS, partnerUserIds: string[] = []): SubmissionChecker {
  const result = new SubmissionChecker({ settings, partnerUserIds });
  result.upsertPartner(northwind);
  result.upsertPartner(contoso);
  return result;
}

/** `count` distinct companies in Chicago, each with a name and a website: bulk loads of a known size. */
export function numberedCompanies(count: number): MatchRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `001${i}`,
    name: `Company ${i} Holdings`,
    website: `company-${i}.example.com`,
    city: 'Chicago',
  }));
}
