/**
 * Evidence weights in log-odds (a Fellegi–Sunter style sum): confidence = logistic(PRIOR +
 * Σ weights). Chosen so that the name alone, even exact, stays below a match (logistic(−3 +
 * 4.2) ≈ 0.77: shown for review at most) and needs one independent corroboration — domain,
 * email, phone or street address, or for a rare exact name (few records hold it), its city or
 * postal code — to reach one; a country or address that disagrees pulls a pair down hard,
 * because a wrong "someone else owns this" costs far more than a miss.
 */
export const PRIOR = -3;

export const WEIGHTS = {
  nameExact: 4.2,
  /** Added to a rare exact name (PreparedQuery.nameIsRare), when no other field disagrees. */
  nameExactRare: 1,
  /** Name similarity at the programme's nameSimilarityThreshold … just below exact. */
  nameSimilarLow: 2.2,
  nameSimilarHigh: 3.8,
  /** Similarity between 0.75 and the threshold: weak support. */
  nameWeak: 0.8,
  /** Clearly different names (similarity below 0.6). */
  nameDifferent: -2.5,
  acronym: 2.8,
  /** Every word of one name is in the other, and the street addresses agree. */
  nameContainedSameAddress: 2.5,

  domainSame: 5.5,
  /** Both have a corporate domain and they differ. */
  domainDifferent: -2.5,
  emailDomainSame: 4.5,
  emailSame: 5,

  phoneSame: 4,
  /** Same last seven digits, one side without an area code. */
  phoneLocalSame: 3,
  phoneDifferent: -1,
  /** Numbers that differ only in their last two digits: one switchboard, no evidence either way. */
  phoneSameSwitchboard: 0,

  addressSame: 3.5,
  /** Same house number, street word one typo away. */
  addressClose: 3,
  /** Same street, other house number: a neighbour, not the same site. */
  addressOtherNumber: -2.5,
  addressDifferent: -3,

  postalSame: 0.8,
  postalDifferent: -1.5,
  citySame: 0.5,
  cityDifferent: -1.5,
  countryDifferent: -8,
  contactNameSame: 1.5,
} as const;
