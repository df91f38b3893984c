/**
 * The object API of the attribution engine: opportunities with their touches and registrations in,
 * one line per opportunity × partner × role × model out, each with its explanation. Pure: "now"
 * is an input. The influence models run in the columnar kernel, the same code the benchmark times.
 */
import { compareCodeUnits } from '../code-unit-order.ts';
import { commissionRateFor, type ProgramSettings } from '../settings/program-settings.ts';
import { asOfFor, buildTouchColumns, orderedTouches } from './columns.ts';
import { exp2NonPositive } from './exp2.ts';
import { countedRanges, DAY_MS, modelShares, type KernelModel, type KernelSettings } from './kernel.ts';
import { allocateCents, allocateShares, roundMoney, roundPercent, roundShare, roundTo } from './money.ts';
import { decideSourced, registrationStatus, type SourcedDecision } from './sourced.ts';
import { isoDay, isoInstant } from './time.ts';
import {
  INFLUENCE_MODELS,
  PAYABLE_MODEL,
  type AttributionExplanation,
  type AttributionInput,
  type AttributionLine,
  type AttributionModel,
  type AttributionOpportunity,
  type AttributionPartner,
  type AttributionResult,
  type AttributionRole,
  type AttributionTouch,
  type ExplainedTouch,
  type InfluenceModel,
  type TouchStatus,
} from './types.ts';

const KERNEL_MODEL_OF: Readonly<Record<InfluenceModel, KernelModel>> = Object.freeze({
  'Time Decay': 'time_decay',
  Linear: 'linear',
  'First Touch': 'first_touch',
  'Last Touch': 'last_touch',
  'Position Based': 'position_based',
});

const MODEL_RULES: Readonly<Record<InfluenceModel, string>> = Object.freeze({
  'Time Decay': 'weight 2^(−Δt/half-life) per counted touch, Δt in days to the reference, normalised over the opportunity',
  Linear: 'every counted touch gets an equal share',
  'First Touch': 'the first counted touch gets the whole pool',
  'Last Touch': 'the last counted touch gets the whole pool',
  'Position Based':
    'first counted touch positionFirstWeight, last positionLastWeight, the rest split evenly between the touches in the middle; one touch 100 %, two touches 50/50',
});

/** Up to this many touches on a deal, every explanation lists them all. */
const EXPLAIN_ALL_TOUCHES_UP_TO = 30;

/** Explanation__c is a 131,072-character long text area. */
const EXPLANATION_LIMIT = 131_072;

export function attributionKey(opportunityId: string, partnerId: string, role: AttributionRole, model: AttributionModel): string {
  return `${opportunityId}|${partnerId}|${role}|${model}`;
}

function stateOf(opportunity: AttributionOpportunity): 'Open' | 'Won' | 'Lost' {
  return opportunity.isWon ? 'Won' : opportunity.isClosed ? 'Lost' : 'Open';
}

interface CommissionTerms {
  ratePercent: number;
  source: string;
}

function commissionTerms(settings: ProgramSettings, partner: AttributionPartner | undefined): CommissionTerms {
  const rate = commissionRateFor(settings, { tier: partner?.tier ?? null, commissionRatePercent: partner?.commissionRatePercent ?? null });
  const source =
    partner?.commissionRatePercent != null
      ? 'partner override (Channel_Partner__c.Commission_Rate__c)'
      : partner?.tier && partner.tier in settings.tiers
        ? `tier default (${partner.tier})`
        : 'programme default';
  return { ratePercent: roundPercent(rate * 100), source };
}

interface LineDraft {
  opportunity: AttributionOpportunity;
  partnerId: string;
  role: AttributionRole;
  model: AttributionModel;
  share: number;
  creditedAmount: number;
  referralId?: string;
  reviewReasons: string[];
  explanation: Omit<AttributionExplanation, 'partnerShare' | 'commission'>;
  /** JSON of explanation.touches when it is the list every partner of the model shares: serialised once. */
  touchesJson?: string;
}

/** Stands in for the shared touch list while a line's explanation is serialised. */
const TOUCHES_PLACEHOLDER = '@@attribution-touches@@';

function explanationJsonOf(
  explanation: AttributionExplanation,
  sharedTouches: ExplainedTouch[] | undefined,
  touchesJson: string | undefined,
): string {
  if (touchesJson === undefined || explanation.touches !== sharedTouches) return JSON.stringify(explanation);
  // A function replacement: evidence text may contain "$&" and the like.
  return JSON.stringify({ ...explanation, touches: TOUCHES_PLACEHOLDER }).replace(`"${TOUCHES_PLACEHOLDER}"`, () => touchesJson);
}

function finishLine(draft: LineDraft, settings: ProgramSettings, partners: ReadonlyMap<string, AttributionPartner>): AttributionLine {
  const { opportunity, partnerId, role, model } = draft;
  const partner = partners.get(partnerId);
  const reviewReasons = [...draft.reviewReasons];
  if (!partner)
    reviewReasons.push(`Channel_Partner__c ${partnerId} was not among the loaded partners: the programme default rate was used.`);
  const payable = PAYABLE_MODEL[role] === model;
  let commissionRatePercent: number | null = null;
  let proposedCommission: number | null = null;
  let commission: AttributionExplanation['commission'];
  if (!payable) {
    commission = { none: `comparison model: commission is proposed on ${PAYABLE_MODEL[role]} rows only` };
  } else {
    const terms = commissionTerms(settings, partner);
    commissionRatePercent = terms.ratePercent;
    if (opportunity.isWon) {
      if (opportunity.amount == null)
        reviewReasons.push(`Opportunity ${opportunity.id} is won but Amount is empty: no commission proposed.`);
      proposedCommission = roundMoney((draft.creditedAmount * terms.ratePercent) / 100);
      commission = {
        rate: terms.ratePercent,
        source: terms.source,
        basis: 'credited amount × rate; proposed, approved only by the partner owner',
      };
    } else {
      commission = {
        none: `opportunity is ${stateOf(opportunity).toLowerCase()}: commission is proposed on won opportunities only (rate ${terms.ratePercent} %, ${terms.source})`,
      };
    }
  }
  const share = roundShare(draft.share);
  let explanation: AttributionExplanation = { ...draft.explanation, partnerShare: share, commission };
  // Only a crowded deal can come near the limit (each touch is a few hundred characters at most).
  if (
    explanation.touches &&
    explanation.touches.length > EXPLAIN_ALL_TOUCHES_UP_TO &&
    JSON.stringify(explanation).length > EXPLANATION_LIMIT
  ) {
    const own = explanation.touches.filter((t) => t.partnerId === partnerId);
    explanation = {
      ...explanation,
      touches: own,
      settings: { ...explanation.settings, omittedOtherPartnersTouches: explanation.touches.length - own.length },
    };
  }
  return {
    key: attributionKey(opportunity.id, partnerId, role, model),
    opportunityId: opportunity.id,
    partnerId,
    role,
    model,
    share,
    creditedAmount: draft.creditedAmount,
    commissionRatePercent,
    proposedCommission,
    halfLifeDays: model === 'Time Decay' ? roundPercent(settings.attributionHalfLifeDays) : null,
    needsReview: reviewReasons.length > 0,
    reviewReason: reviewReasons.length > 0 ? reviewReasons.join(' ') : null,
    referralId: draft.referralId ?? null,
    explanation,
    explanationJson: explanationJsonOf(explanation, draft.explanation.touches, draft.touchesJson),
  };
}

function opportunitySummary(opportunity: AttributionOpportunity): AttributionExplanation['opportunity'] {
  return {
    id: opportunity.id,
    amount: opportunity.amount,
    createdAt: isoInstant(opportunity.createdAt),
    inPlayAt: isoInstant(opportunity.inPlayAt),
    closeDate: opportunity.closeDate,
    state: stateOf(opportunity),
  };
}

function sourcedDraft(opportunity: AttributionOpportunity, decision: SourcedDecision, settings: ProgramSettings): LineDraft {
  return {
    opportunity,
    partnerId: decision.partnerId,
    role: 'Sourced',
    model: 'Registration Rule',
    share: 1,
    creditedAmount: roundMoney(opportunity.amount ?? 0),
    referralId: decision.registration.referralId,
    reviewReasons: decision.reviewReason ? [decision.reviewReason] : [],
    explanation: {
      version: 1,
      role: 'Sourced',
      model: 'Registration Rule',
      rule: `${decision.rule}; registration ${decision.registration.referralId}`,
      opportunity: opportunitySummary(opportunity),
      settings: { firstMeetingDays: settings.firstMeetingDays },
      registrations: [...opportunity.registrations]
        .sort((a, b) => a.approvedAt - b.approvedAt || compareCodeUnits(a.referralId, b.referralId))
        .map((r) => ({
          referralId: r.referralId,
          partnerId: r.partnerId,
          registeredAt: isoInstant(r.registeredAt),
          approvedAt: isoInstant(r.approvedAt),
          protection: `${isoDay(r.protectionStart)}..${isoDay(r.protectionEnd - DAY_MS)}${r.protectionDerived ? ' (derived from programme settings)' : ''}`,
          firstMeetingAt: r.firstMeetingAt === null ? null : isoInstant(r.firstMeetingAt),
          qualifies: r === decision.registration ? 'sourced' : registrationStatus(opportunity, r),
        })),
    },
  };
}

function resoldDraft(opportunity: AttributionOpportunity, partnerId: string): LineDraft {
  return {
    opportunity,
    partnerId,
    role: 'Resold',
    model: 'Reseller of Record',
    share: 1,
    creditedAmount: roundMoney(opportunity.amount ?? 0),
    reviewReasons: [],
    explanation: {
      version: 1,
      role: 'Resold',
      model: 'Reseller of Record',
      rule: 'the reseller of record (Opportunity.Reseller_Partner__c) holds the whole resold pool',
      opportunity: opportunitySummary(opportunity),
      settings: {},
    },
  };
}

function touchStatus(opportunity: AttributionOpportunity, touch: AttributionTouch, now: number): TouchStatus {
  if (touch.at < opportunity.inPlayAt) return 'before in play';
  if (touch.at > asOfFor(opportunity, now)) return opportunity.isClosed ? 'after close' : 'after now';
  return 'counted';
}

function influenceDrafts(
  opportunity: AttributionOpportunity,
  touches: readonly AttributionTouch[],
  sharesByModel: ReadonlyMap<InfluenceModel, Float64Array>,
  touchOffset: number,
  reference: number | null,
  settings: ProgramSettings,
  now: number,
): LineDraft[] {
  const drafts: LineDraft[] = [];
  const statuses = touches.map((touch) => touchStatus(opportunity, touch, now));
  const halfLifeMs = settings.attributionHalfLifeDays * DAY_MS;
  for (const model of INFLUENCE_MODELS) {
    const shares = sharesByModel.get(model) as Float64Array;
    // Sum per partner in touch order (deterministic), then emit partners in id order.
    const byPartner = new Map<string, number>();
    touches.forEach((touch, i) => {
      const share = shares[touchOffset + i] as number;
      if (share > 0) byPartner.set(touch.partnerId, (byPartner.get(touch.partnerId) ?? 0) + share);
    });
    const partnerIds = [...byPartner.keys()].sort(compareCodeUnits);
    if (partnerIds.length === 0) continue;
    const partnerShares = partnerIds.map((id) => byPartner.get(id) as number);
    const storedShares = allocateShares(partnerShares);
    const credited = allocateCents(opportunity.amount ?? 0, partnerShares);
    const explainedTouches: ExplainedTouch[] = touches.map((touch, i) => {
      const explained: ExplainedTouch = {
        key: touch.key,
        partnerId: touch.partnerId,
        type: touch.type,
        at: isoInstant(touch.at),
        evidence: touch.evidence,
        status: statuses[i] as TouchStatus,
        share: roundShare(shares[touchOffset + i] as number),
      };
      if (model === 'Time Decay' && reference !== null && explained.status === 'counted') {
        explained.daysBeforeReference = roundTo((reference - touch.at) / DAY_MS, 6);
        explained.weight = roundTo(exp2NonPositive((touch.at - reference) / halfLifeMs), 10);
      }
      return explained;
    });
    const modelSettings: Record<string, number | string | null> =
      model === 'Time Decay'
        ? { attributionHalfLifeDays: settings.attributionHalfLifeDays }
        : model === 'Position Based'
          ? { positionFirstWeight: settings.positionFirstWeight, positionLastWeight: settings.positionLastWeight }
          : {};
    const sharedJson = explainedTouches.length <= EXPLAIN_ALL_TOUCHES_UP_TO ? JSON.stringify(explainedTouches) : undefined;
    partnerIds.forEach((partnerId, p) => {
      // Every touch, with why it did or did not count; on a crowded deal only the counted ones (they explain
      // the split) and this partner's own ("why didn't mine count"), to keep each record small.
      const relevant =
        explainedTouches.length <= EXPLAIN_ALL_TOUCHES_UP_TO
          ? explainedTouches
          : explainedTouches.filter((touch) => touch.status === 'counted' || touch.partnerId === partnerId);
      drafts.push({
        opportunity,
        partnerId,
        role: 'Influenced',
        model,
        share: storedShares[p] as number,
        creditedAmount: credited[p] as number,
        reviewReasons: [],
        ...(relevant === explainedTouches && sharedJson !== undefined ? { touchesJson: sharedJson } : {}),
        explanation: {
          version: 1,
          role: 'Influenced',
          model,
          rule: `${MODEL_RULES[model]}; a touch counts from the moment the deal was in play until ${opportunity.isClosed ? 'the end of the close date' : 'now'}`,
          opportunity: opportunitySummary(opportunity),
          ...(model === 'Time Decay' && reference !== null
            ? {
                reference: {
                  at: isoInstant(reference),
                  basis: opportunity.isClosed ? ('close date' as const) : ('latest counted touch (open opportunity)' as const),
                },
              }
            : {}),
          settings: modelSettings,
          touches: relevant,
        },
      });
    });
  }
  return drafts;
}

/** Input the engine cannot compute on; the message names the record and the field. */
export class AttributionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttributionInputError';
  }
}

function validate(input: AttributionInput): void {
  if (!Number.isFinite(input.now)) throw new AttributionInputError(`now: expected epoch milliseconds, got ${input.now}`);
  const seen = new Set<string>();
  for (const opportunity of input.opportunities) {
    if (seen.has(opportunity.id)) throw new AttributionInputError(`Opportunity ${opportunity.id} appears twice in the input`);
    seen.add(opportunity.id);
    for (const field of ['createdAt', 'inPlayAt'] as const) {
      if (!Number.isFinite(opportunity[field]))
        throw new AttributionInputError(`Opportunity ${opportunity.id}.${field}: not a time (${opportunity[field]})`);
    }
    if (Number.isNaN(opportunity.closeAt) || (opportunity.isClosed && !Number.isFinite(opportunity.closeAt))) {
      throw new AttributionInputError(`Opportunity ${opportunity.id}.closeAt: a closed opportunity needs its close date`);
    }
    for (const touch of opportunity.touches) {
      if (!Number.isFinite(touch.at))
        throw new AttributionInputError(`Opportunity ${opportunity.id} touch ${touch.key}.at: not a time (${touch.at})`);
    }
  }
}

/** Every line for every opportunity, sorted by key. Same input → same output, bit for bit. */
export function computeAttributions(input: AttributionInput): AttributionResult {
  validate(input);
  const { settings, now } = input;
  const partners = new Map(input.partners.map((p) => [p.id, p]));
  const opportunities = [...input.opportunities].sort((a, b) => compareCodeUnits(a.id, b.id));
  const touchesByOpportunity = opportunities.map(orderedTouches);
  const partnerIds = new Set(partners.keys());
  for (const touches of touchesByOpportunity) for (const touch of touches) partnerIds.add(touch.partnerId);
  const partnerIndex = new Map([...partnerIds].sort(compareCodeUnits).map((id, i) => [id, i]));

  const columns = buildTouchColumns(opportunities, touchesByOpportunity, partnerIndex, now);
  const ranges = countedRanges(columns);
  const kernelSettings: KernelSettings = {
    halfLifeDays: settings.attributionHalfLifeDays,
    positionFirstWeight: settings.positionFirstWeight,
    positionLastWeight: settings.positionLastWeight,
  };
  const sharesByModel = new Map<InfluenceModel, Float64Array>();
  for (const model of INFLUENCE_MODELS) {
    const out = new Float64Array(columns.at.length);
    modelShares(KERNEL_MODEL_OF[model], columns, ranges, kernelSettings, out);
    sharesByModel.set(model, out);
  }

  const lines: AttributionLine[] = [];
  opportunities.forEach((opportunity, o) => {
    const touches = touchesByOpportunity[o] as AttributionTouch[];
    const first = ranges.first[o] as number;
    const end = ranges.end[o] as number;
    const reference = first === end ? null : opportunity.isClosed ? (columns.asOf[o] as number) : (columns.at[end - 1] as number);
    const drafts: LineDraft[] = [];
    const sourced = decideSourced(opportunity, settings.firstMeetingDays);
    if (sourced) drafts.push(sourcedDraft(opportunity, sourced, settings));
    if (opportunity.resellerPartnerId) drafts.push(resoldDraft(opportunity, opportunity.resellerPartnerId));
    drafts.push(...influenceDrafts(opportunity, touches, sharesByModel, columns.offsets[o] as number, reference, settings, now));
    for (const draft of drafts) lines.push(finishLine(draft, settings, partners));
  });
  lines.sort((a, b) => compareCodeUnits(a.key, b.key));
  return { opportunityIds: opportunities.map((o) => o.id), lines };
}
