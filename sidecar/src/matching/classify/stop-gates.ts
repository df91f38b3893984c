import { companyDomainOfEmail, companyDomainOfWebsite, registrableDomain } from '../normalize/domain.ts';
import { daysBetween, parseDate } from './business-days.ts';
import type { AccountFacts, PartnerFacts, ReferralFacts } from './facts.ts';
import type { StopGate } from './result.ts';

/** A need shorter than this is not "one sentence of need". */
const MIN_NEED_LENGTH = 12;

export interface GateFinding {
  gate: StopGate;
  /** Internal explanation (partner manager). */
  reason: string;
  /** What the partner may be told to fix, when it is theirs to fix. */
  partnerHint?: string;
}

/**
 * The qualification seed's stop gates: pause on missing, contradictory, stale or
 * out-of-policy data, and say which. Pure: the facts in, the findings out.
 */
export function findStopGates(
  referral: ReferralFacts,
  partner: PartnerFacts | undefined,
  matchedAccount: AccountFacts | undefined,
  now: Date,
  staleDataDays: number,
): GateFinding[] {
  const findings: GateFinding[] = [];
  const missing: string[] = [];
  if (!present(referral.companyName)) missing.push('company');
  if (!present(referral.contactEmail) && !present(referral.contactPhone) && !present(referral.contactLastName)) missing.push('contact');
  if (!present(referral.useCase) || (referral.useCase ?? '').trim().length < MIN_NEED_LENGTH) missing.push('need');
  if (missing.length > 0) {
    findings.push({
      gate: 'Missing Customer Context',
      reason: `End-customer context incomplete: missing ${missing.join(', ')}.`,
      partnerHint: `Please add the end customer's ${missing.join(', ')}${missing.includes('need') ? ' (one sentence on what they need)' : ''}.`,
    });
  }
  if (!present(referral.partnerSource)) {
    findings.push({
      gate: 'Missing Partner Source',
      reason: 'Partner source is not set.',
      partnerHint: 'Please say how this lead was sourced.',
    });
  }
  if (!present(referral.howMet)) {
    findings.push({
      gate: 'Missing Introduction Path',
      reason: 'Introduction path (how the partner met the customer) is missing.',
      partnerHint: 'Please describe how you were introduced to the customer.',
    });
  }
  if (!referral.consent) {
    findings.push({
      gate: 'Missing Consent',
      reason: 'The partner has not confirmed the customer agreed to be contacted.',
      partnerHint: 'Please confirm the customer agreed to be contacted.',
    });
  }

  const websiteDomain = companyDomainOfWebsite(referral.website);
  const emailDomain = companyDomainOfEmail(referral.contactEmail);
  if (websiteDomain && emailDomain && websiteDomain !== emailDomain) {
    findings.push({
      gate: 'Contradictory Data',
      reason: `Contact email domain ${emailDomain} differs from the company website domain ${websiteDomain}.`,
      partnerHint: 'The contact email domain does not match the company website; please check both.',
    });
  }
  if (present(referral.website) && !registrableDomain(referral.website)) {
    findings.push({
      gate: 'Contradictory Data',
      reason: `Company website "${referral.website}" is not a valid domain.`,
      partnerHint: 'The company website is not a valid web address.',
    });
  }

  const submitted = parseDate(referral.submittedAt);
  if (submitted && daysBetween(submitted, now) > staleDataDays) {
    findings.push({
      gate: 'Stale Data',
      reason: `Submitted ${Math.floor(daysBetween(submitted, now))} days ago (over ${staleDataDays}).`,
      partnerHint: 'This submission is old; please confirm the details are still current.',
    });
  }

  if (matchedAccount?.registrationBlocked) {
    findings.push({ gate: 'Out of Policy', reason: 'The matched account is blocked for partner registration.' });
  }
  if (partner && partner.status && partner.status !== 'Active') {
    findings.push({ gate: 'Out of Policy', reason: `Partner status is ${partner.status}, not Active.` });
  }
  const submitterDomain = registrableDomain(referral.submitterEmail);
  if (
    partner &&
    partner.allowedEmailDomains.length > 0 &&
    present(referral.submitterEmail) &&
    (!submitterDomain || !partner.allowedEmailDomains.includes(submitterDomain))
  ) {
    findings.push({
      gate: 'Out of Policy',
      reason: `Submitter email domain ${submitterDomain ?? '(invalid)'} is not one of the partner's allowed domains.`,
    });
  }
  if (partner?.strategic) findings.push({ gate: 'Strategic Review', reason: 'Strategic partner: owner review required.' });
  if (matchedAccount?.strategic) findings.push({ gate: 'Strategic Review', reason: 'Strategic account: owner review required.' });
  return findings;
}

function present(value: string | undefined | null): boolean {
  return value != null && value.trim() !== '';
}
