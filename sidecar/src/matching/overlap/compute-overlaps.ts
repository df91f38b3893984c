import type { DataSharingLevel, PartnerFacts, Population } from '../classify/facts.ts';
import type { MatchIndex } from '../index/match-index.ts';
import { companyDomainOfWebsite } from '../normalize/domain.ts';
import { companyMatchRecord } from '../types.ts';
import type { MatchCandidate, MatchReason } from '../types.ts';
import type { PartnerAccount } from './partner-account-list.ts';

export interface OverlapResult {
  /** Partner key (or id) + partner record id: the Overlap_Key__c, stable across refreshes. */
  key: string;
  accountId: string;
  partnerRecordId: string;
  partnerRecordName?: string;
  partnerRecordDomain?: string;
  ourPopulation: Population;
  partnerPopulation: Population;
  method: MatchCandidate['method'];
  score: number;
  reasons: MatchReason[];
  visibleToPartner: boolean;
}

export interface OverlapInput {
  partner: PartnerFacts;
  accounts: readonly PartnerAccount[];
  /** An index holding our Accounts (e.g. SubmissionChecker.index). */
  index: MatchIndex;
  /** Our side's population of an account (e.g. SubmissionChecker.populationOf). */
  populationOf: (accountId: string) => Population;
}

export interface OverlapSummary {
  overlaps: OverlapResult[];
  /** Counts per "our population × partner population", always safe to show as counts. */
  counts: Record<`${Population} × ${Population}`, number>;
}

/** Full and Overlap Only partners may see which accounts overlap; Counts Only and None may not. */
export function overlapVisibleTo(level: DataSharingLevel): boolean {
  return level === 'Full' || level === 'Overlap Only';
}

/**
 * Matches a partner's account list against our Accounts (domain first, then name with
 * corroboration; only confirmed matches count: a false overlap is worse than a missed one)
 * and labels both sides' populations.
 */
export async function computeOverlaps(input: OverlapInput): Promise<OverlapSummary> {
  const visible = overlapVisibleTo(input.partner.dataSharingLevel);
  const partnerKey = input.partner.key ?? input.partner.id;
  const overlaps: OverlapResult[] = [];
  const counts = {} as OverlapSummary['counts'];
  // One batch: a large list is matched on worker threads too (MatchIndex.findMany).
  const answers = await input.index.findMany(
    input.accounts.map((account) => companyMatchRecord(`partner-list:${account.recordId}`, 'Partner Account', account)),
    { kinds: ['Account'], limit: 1 },
  );
  for (const [i, account] of input.accounts.entries()) {
    const best = answers[i]?.[0];
    if (!best || best.decision !== 'match') continue;
    const ourPopulation = input.populationOf(best.id);
    const overlap: OverlapResult = {
      key: `${partnerKey}:${account.recordId}`.slice(0, 255),
      accountId: best.id,
      partnerRecordId: account.recordId,
      ourPopulation,
      partnerPopulation: account.population,
      method: best.method,
      score: best.confidence,
      reasons: best.reasons,
      visibleToPartner: visible,
    };
    if (account.name) overlap.partnerRecordName = account.name;
    const domain = companyDomainOfWebsite(account.website);
    if (domain) overlap.partnerRecordDomain = domain;
    overlaps.push(overlap);
    const cell = `${ourPopulation} × ${account.population}` as const;
    counts[cell] = (counts[cell] ?? 0) + 1;
  }
  return { overlaps, counts };
}
