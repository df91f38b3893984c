import type { Account_Overlap__c, Channel_Conflict__c, Partner_Referral__c } from '@partner-lead-sync/model';
import { compareCodeUnits } from '../../code-unit-order.ts';
import type { ConflictFinding, EvidenceEvent, SubmissionCheck } from '../classify/result.ts';
import type { OverlapResult } from '../overlap/compute-overlaps.ts';

/** Long text areas: Match_Reasons__c / Recommendation_Reasons__c 32,768, Evidence__c 131,072 characters. */
const MATCH_REASONS_MAX = 32_768;
const EVIDENCE_MAX = 131_072;

/**
 * The fields the sidecar writes on the Partner_Referral__c it checked. Status, decision and
 * protection fields are not touched: a person decides.
 */
export function referralFieldsFromCheck(check: SubmissionCheck): Partner_Referral__c {
  return {
    Id: check.referralId,
    Duplicate_Status__c: check.duplicateStatus,
    Classification__c: check.classification,
    Recommendation__c: check.recommendation,
    Recommendation_Reasons__c: clip(check.recommendationReasons.join('\n'), MATCH_REASONS_MAX),
    Stop_Gates__c: check.stopGates.length > 0 ? check.stopGates.join(';') : null,
    Match_Confidence__c: check.confidence,
    Match_Reasons__c: jsonWithin(
      check.matches.map((m) => ({
        id: m.id,
        kind: m.kind,
        confidence: m.confidence,
        decision: m.decision,
        method: m.method,
        reasons: m.reasons,
      })),
      MATCH_REASONS_MAX,
    ),
    Partner_Visible_Reason__c: check.partnerVisibleReason,
    Matched_Account__c: check.matchedAccountId ?? null,
    Matched_Lead__c: check.matchedLeadId ?? null,
    Matched_Opportunity__c: check.matchedOpportunityId ?? null,
    Duplicate_Of__c: check.duplicateOfId ?? null,
    Company_Domain__c: check.companyDomain ?? null,
    Checked_At__c: check.checkedAt,
    Decision_SLA_Due__c: check.decisionSlaDue ?? null,
  };
}

/**
 * Channel_Conflict__c rows to upsert on Conflict_Key__c, one per conflict found. Detection
 * fields only: Status__c (set it to "Open" when inserting), resolution and winner fields
 * belong to the partner manager and are never sent, so a re-check never reopens or
 * overwrites a decision.
 */
export function conflictRecordsFromCheck(check: SubmissionCheck): Channel_Conflict__c[] {
  return check.conflicts.map((conflict) => conflictRecord(check, conflict, conflict.evidence, conflict.partnerIds.length));
}

/** The row of one conflict a check found, with the evidence and partner count given. */
function conflictRecord(
  check: SubmissionCheck,
  conflict: ConflictFinding,
  evidence: EvidenceEvent[],
  partnerCount: number,
): Channel_Conflict__c {
  return {
    Conflict_Key__c: conflict.key,
    Conflict_Type__c: conflict.type,
    Company_Name__c: conflict.companyName ? conflict.companyName.slice(0, 255) : null,
    Company_Domain__c: conflict.companyDomain ?? null,
    Account__c: conflict.accountId ?? null,
    Opportunity__c: conflict.opportunityId ?? null,
    Lead__c: conflict.leadId ?? null,
    Direct_Owner__c: conflict.directOwnerId ?? null,
    Partner_Count__c: partnerCount,
    Evidence__c: jsonWithin(evidence, EVIDENCE_MAX),
    Detected_At__c: check.checkedAt,
    Decision_Due__c: check.decisionSlaDue ?? null,
  };
}

/** A check, with what orders its submission among others (submission date, then id). */
export interface CheckedSubmission {
  check: SubmissionCheck;
  submissionOrder: string;
}

/** The Channel_Conflict__c row for one conflict several checks found, and whose check it is based on. */
export interface MergedConflict {
  record: Channel_Conflict__c;
  /** The referral whose check gave the row's fields: the earliest submission that found the conflict. */
  baseReferralId: string;
}

/**
 * The Channel_Conflict__c rows for a set of checks, one per Conflict_Key__c. Every check that
 * finds a conflict describes it from its own submission's side, and the row must not depend on
 * which of them happened to be checked first: its fields come from the earliest submission's
 * check, its evidence (each event once, in time order) and partner count from all of them.
 */
export function mergedConflictRecords(checked: Iterable<CheckedSubmission>): Map<string, MergedConflict> {
  const byKey = new Map<string, CheckedSubmission[]>();
  for (const entry of checked) {
    for (const finding of entry.check.conflicts) {
      const entries = byKey.get(finding.key);
      if (entries) entries.push(entry);
      else byKey.set(finding.key, [entry]);
    }
  }
  const merged = new Map<string, MergedConflict>();
  for (const [key, entries] of byKey) {
    entries.sort((a, b) => compareCodeUnits(a.submissionOrder, b.submissionOrder));
    const base = entries[0] as CheckedSubmission;
    const findings = entries.flatMap((entry) => entry.check.conflicts.filter((finding) => finding.key === key));
    const evidence = new Map<string, EvidenceEvent>();
    for (const finding of findings)
      for (const event of finding.evidence) evidence.set(`${event.at}|${event.recordId}|${event.kind}`, event);
    const events = [...evidence.entries()].sort(([a], [b]) => compareCodeUnits(a, b)).map(([, event]) => event);
    // The base check's own finding comes first among the findings (its entry sorts first).
    const record = conflictRecord(
      base.check,
      findings[0] as ConflictFinding,
      events,
      new Set(findings.flatMap((finding) => finding.partnerIds)).size,
    );
    merged.set(key, { record, baseReferralId: base.check.referralId });
  }
  return merged;
}

/** Account_Overlap__c rows to upsert on Overlap_Key__c. */
export function overlapRecords(overlaps: OverlapResult[], partnerId: string, seenAt: string): Account_Overlap__c[] {
  return overlaps.map((overlap) => ({
    Overlap_Key__c: overlap.key,
    Channel_Partner__c: partnerId,
    Account__c: overlap.accountId,
    Partner_Record_Id__c: overlap.partnerRecordId,
    Partner_Record_Name__c: overlap.partnerRecordName ? overlap.partnerRecordName.slice(0, 255) : null,
    Partner_Record_Domain__c: overlap.partnerRecordDomain ?? null,
    Our_Population__c: overlap.ourPopulation,
    Partner_Population__c: overlap.partnerPopulation,
    Match_Method__c: overlap.method,
    Match_Score__c: overlap.score,
    Match_Reasons__c: jsonWithin(overlap.reasons, MATCH_REASONS_MAX),
    Visible_To_Partner__c: overlap.visibleToPartner,
    Active__c: true,
    Last_Seen__c: seenAt,
  }));
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** JSON that fits the field: drops trailing array items rather than cutting JSON in half. */
function jsonWithin(items: unknown[], max: number): string {
  let kept = items;
  let text = JSON.stringify(kept);
  while (text.length > max && kept.length > 0) {
    kept = kept.slice(0, -1);
    text = JSON.stringify(kept);
  }
  return text;
}
