/**
 * Which partners may receive a lead: geography, vertical, tier, product expertise and
 * capacity (the lifecycle seed's rules). Every exclusion says why, so a channel manager can
 * see why a partner got nothing.
 */
import { regionOfCountry } from './regions.ts';
import type { DistributableLead, DistributionPartner } from './types.ts';

const TIER_RANK: Record<string, number> = { Registered: 1, Silver: 2, Gold: 3, Platinum: 4 };

export interface EligibilityResult {
  eligible: DistributionPartner[];
  excluded: Array<{ partnerId: string; reason: string }>;
}

export function exclusionReason(lead: DistributableLead, partner: DistributionPartner, openAssignments: number): string | null {
  if (!partner.active) return 'partner is not active';
  const region = regionOfCountry(lead.country);
  if (partner.regions.length > 0 && (!region || !partner.regions.includes(region))) {
    return `lead region ${region ?? `unknown (${lead.country ?? 'no country'})`} is outside the partner's regions`;
  }
  if (partner.verticals.length > 0 && lead.industry && !partner.verticals.includes(lead.industry)) {
    return `lead vertical ${lead.industry} is outside the partner's verticals`;
  }
  if (partner.products.length > 0 && lead.products.length > 0 && !lead.products.some((p) => partner.products.includes(p))) {
    return 'no product expertise for the products the lead wants';
  }
  if (lead.minimumTier && (TIER_RANK[partner.tier ?? ''] ?? 0) < (TIER_RANK[lead.minimumTier] ?? 0)) {
    return `partner tier ${partner.tier ?? 'none'} is below ${lead.minimumTier}`;
  }
  if (partner.capacity !== null && openAssignments >= partner.capacity) {
    return `partner is at capacity (${openAssignments}/${partner.capacity})`;
  }
  return null;
}

export function eligiblePartners(
  lead: DistributableLead,
  partners: DistributionPartner[],
  openAssignmentsByPartner: ReadonlyMap<string, number>,
  excludedPartnerIds: ReadonlySet<string> = new Set(),
): EligibilityResult {
  const result: EligibilityResult = { eligible: [], excluded: [] };
  for (const partner of partners) {
    if (excludedPartnerIds.has(partner.id)) {
      result.excluded.push({ partnerId: partner.id, reason: 'the lead was already reclaimed from this partner' });
      continue;
    }
    const reason = exclusionReason(lead, partner, openAssignmentsByPartner.get(partner.id) ?? partner.openAssignments);
    if (reason) result.excluded.push({ partnerId: partner.id, reason });
    else result.eligible.push(partner);
  }
  return result;
}
