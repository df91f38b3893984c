/**
 * Computed lines + the Partner_Attribution__c rows already in the org → the exact records to
 * upsert on Attribution_Key__c. Rules:
 *  - a row the partner owner Approved, or one under dispute, is never written (a dispute keeps its
 *    history); a differing recompute is reported in `held` for a person to look at;
 *  - a Proposed row that no longer applies, on an opportunity this computation covered, becomes
 *    Superseded; rows on opportunities outside the computation are left alone;
 *  - a row whose stored values already equal the computed ones is not written, so a second
 *    recompute of the same data plans nothing. Computed_At__c records when values last changed
 *    and is not compared.
 */
import { createHash } from 'node:crypto';
import type { Partner_Attribution__c, Partner_Decision_Log__c } from '@partner-lead-sync/model';
import { compareCodeUnits } from '../code-unit-order.ts';
import { isoInstant } from './time.ts';
import type { AttributionLine, AttributionResult } from './types.ts';

export type AttributionStatus = NonNullable<Partner_Attribution__c['Status__c']>;

/** The fields an attribution write sets; Computed_At__c aside, all of them are compared. */
export const COMPARED_FIELDS = [
  'Opportunity__c',
  'Channel_Partner__c',
  'Role__c',
  'Model__c',
  'Share__c',
  'Credited_Amount__c',
  'Commission_Rate__c',
  'Proposed_Commission__c',
  'Half_Life_Days__c',
  'Needs_Review__c',
  'Review_Reason__c',
  'Explanation__c',
  'Status__c',
] as const satisfies readonly (keyof Partner_Attribution__c)[];

export interface HeldAttribution {
  key: string;
  status: 'Approved' | 'Disputed';
  /** True when the recompute would have changed the row. */
  differs: boolean;
  /** Null when the row no longer applies at all. */
  line: AttributionLine | null;
}

export interface AttributionWritePlan {
  /** Upsert these on Attribution_Key__c: new and changed proposals, then supersessions. Sorted by key. */
  upserts: Partner_Attribution__c[];
  /** Upsert on Log_Key__c after the attributions (Attribution__r refers to them by key). */
  decisionLogs: Partner_Decision_Log__c[];
  /**
   * The log of every current proposal, changed or unchanged (held rows excluded). Log keys are a
   * fingerprint of the proposal, so a caller can write the ones an interrupted run never wrote.
   */
  proposalLogs: Partner_Decision_Log__c[];
  created: string[];
  updated: string[];
  superseded: string[];
  unchanged: string[];
  held: HeldAttribution[];
}

/** The record a line is written as (without Computed_At__c). */
export function attributionRecord(line: AttributionLine): Partner_Attribution__c {
  return {
    Attribution_Key__c: line.key,
    Opportunity__c: line.opportunityId,
    Channel_Partner__c: line.partnerId,
    Role__c: line.role,
    Model__c: line.model,
    Share__c: line.share,
    Credited_Amount__c: line.creditedAmount,
    Commission_Rate__c: line.commissionRatePercent,
    Proposed_Commission__c: line.proposedCommission,
    Half_Life_Days__c: line.halfLifeDays,
    Needs_Review__c: line.needsReview,
    Review_Reason__c: line.reviewReason,
    Explanation__c: line.explanationJson,
    Status__c: 'Proposed',
  };
}

function normalised(field: (typeof COMPARED_FIELDS)[number], value: unknown): unknown {
  if (field === 'Needs_Review__c') return value === true;
  if (value === undefined || value === '') return null;
  return value;
}

function sameValue(field: (typeof COMPARED_FIELDS)[number], a: unknown, b: unknown): boolean {
  const x = normalised(field, a);
  const y = normalised(field, b);
  if (typeof x === 'number' && typeof y === 'number') return x === y;
  if (typeof x === 'string' && typeof y === 'number') return Number(x) === y;
  if (typeof x === 'number' && typeof y === 'string') return x === Number(y);
  return x === y;
}

/** True when the stored row already holds these values. */
export function storedMatches(stored: Partner_Attribution__c, wanted: Partner_Attribution__c): boolean {
  return COMPARED_FIELDS.every((field) => sameValue(field, stored[field], wanted[field]));
}

/**
 * cyrb53: a fast 53-bit string hash (public domain). Hashing the long explanations with
 * node:crypto costs more than computing them; a fingerprint only has to change when content does.
 */
function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A stable fingerprint of the written values: the same proposal always gives the same log key. */
function fingerprint(record: Partner_Attribution__c): string {
  const hash = createHash('sha256');
  for (const field of COMPARED_FIELDS) {
    const value = record[field];
    const text = value == null ? 'null' : String(value);
    hash.update(`${field}=${text.length}:${field === 'Explanation__c' ? hash53(text).toString(16) : text}\n`);
  }
  return hash.digest('hex').slice(0, 32);
}

function money(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

function decisionLog(line: AttributionLine, record: Partner_Attribution__c, computedAt: string): Partner_Decision_Log__c {
  const commission =
    line.proposedCommission === null
      ? 'no commission proposed'
      : `proposed commission ${money(line.proposedCommission)} at ${line.commissionRatePercent} %`;
  return {
    Log_Key__c: `Attribution Proposed:${line.key}:${fingerprint(record)}`.slice(0, 255),
    Event_Type__c: 'Attribution Proposed',
    Actor__c: 'Sidecar',
    Status__c: 'Proposed',
    Channel_Partner__c: line.partnerId,
    ...(line.referralId ? { Referral__c: line.referralId } : {}),
    Attribution__r: { Attribution_Key__c: line.key },
    Decided_At__c: computedAt,
    Reason__c: `${line.role} · ${line.model}: share ${line.share} of opportunity ${line.opportunityId}, credited ${money(line.creditedAmount)}; ${commission}.${line.needsReview ? ` Needs review: ${line.reviewReason}` : ''}`,
    Details__c: record.Explanation__c ?? null,
  };
}

export function planAttributionWrites(
  result: AttributionResult,
  existing: readonly Partner_Attribution__c[],
  computedAt: number | Date,
): AttributionWritePlan {
  const computedAtIso = isoInstant(typeof computedAt === 'number' ? computedAt : computedAt.getTime());
  const stored = new Map<string, Partner_Attribution__c>();
  for (const row of existing) if (row.Attribution_Key__c && !stored.has(row.Attribution_Key__c)) stored.set(row.Attribution_Key__c, row);

  const plan: AttributionWritePlan = {
    upserts: [],
    decisionLogs: [],
    proposalLogs: [],
    created: [],
    updated: [],
    superseded: [],
    unchanged: [],
    held: [],
  };
  const wantedKeys = new Set<string>();
  for (const line of result.lines) {
    wantedKeys.add(line.key);
    const record = attributionRecord(line);
    const current = stored.get(line.key);
    if (current?.Status__c === 'Approved' || current?.Status__c === 'Disputed') {
      plan.held.push({
        key: line.key,
        status: current.Status__c,
        differs: !storedMatches({ ...current, Status__c: 'Proposed' }, record),
        line,
      });
      continue;
    }
    const log = decisionLog(line, record, computedAtIso);
    plan.proposalLogs.push(log);
    if (current && storedMatches(current, record)) {
      plan.unchanged.push(line.key);
      continue;
    }
    plan.upserts.push({ ...record, Computed_At__c: computedAtIso });
    plan.decisionLogs.push(log);
    (current ? plan.updated : plan.created).push(line.key);
  }

  const covered = new Set(result.opportunityIds);
  for (const [key, row] of [...stored.entries()].sort(([a], [b]) => compareCodeUnits(a, b))) {
    if (wantedKeys.has(key) || !row.Opportunity__c || !covered.has(row.Opportunity__c)) continue;
    if (row.Status__c === 'Approved' || row.Status__c === 'Disputed') {
      plan.held.push({ key, status: row.Status__c, differs: true, line: null });
    } else if (row.Status__c !== 'Superseded') {
      plan.upserts.push({ Attribution_Key__c: key, Status__c: 'Superseded', Computed_At__c: computedAtIso });
      plan.superseded.push(key);
    }
  }
  plan.upserts.sort((a, b) => ((a.Attribution_Key__c as string) < (b.Attribution_Key__c as string) ? -1 : 1));
  plan.held.sort((a, b) => (a.key < b.key ? -1 : 1));
  return plan;
}
