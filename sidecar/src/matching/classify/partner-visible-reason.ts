import type { DataSharingLevel } from './facts.ts';
import type { Classification, ConflictFinding, Recommendation } from './result.ts';
import type { GateFinding } from './stop-gates.ts';

/** Partner_Visible_Reason__c is a 255-character text area. */
const MAX_LENGTH = 255;

export interface VisibleReasonInput {
  classification: Classification;
  recommendation: Recommendation;
  conflicts: ConflictFinding[];
  gates: GateFinding[];
  sharing: DataSharingLevel;
  /** The partner's own earlier submission (its key): theirs to know. */
  duplicateOfKey?: string | undefined;
}

/**
 * What the submitting partner may be told. Never another partner's name or data, and what
 * kind of overlap exists only as far as the partner's data-sharing level allows: Full names
 * the kind (another partner, our sales team, a customer), Overlap Only says there is an
 * overlap, Counts Only and None say only that it is under review. Missing data the partner
 * can fix is always listed: it is their own submission.
 */
export function partnerVisibleReason(input: VisibleReasonInput): string {
  const parts: string[] = [];
  if (input.classification === 'Duplicate Submission') {
    parts.push(`You already registered this company${input.duplicateOfKey ? ` (${input.duplicateOfKey})` : ''}.`);
  } else if (input.conflicts.length > 0) {
    parts.push(conflictSentence(input.conflicts, input.sharing));
  }
  const hints = input.gates.map((g) => g.partnerHint).filter((h): h is string => !!h);
  parts.push(...hints);
  if (parts.length === 0) {
    parts.push(
      input.recommendation === 'Accept'
        ? 'Your registration passed our checks and awaits approval.'
        : 'Your registration is under review by your partner manager.',
    );
  }
  return truncate(parts.join(' '));
}

function conflictSentence(conflicts: ConflictFinding[], sharing: DataSharingLevel): string {
  const review = 'A partner manager will review it and get back to you.';
  if (sharing === 'Counts Only' || sharing === 'None') return `Your registration needs a review. ${review}`;
  if (sharing === 'Overlap Only') return `This company overlaps with an existing relationship. ${review}`;
  const kinds = new Set(conflicts.map((c) => c.type));
  const what: string[] = [];
  if (kinds.has('Partner vs Partner')) what.push('is already registered by another partner');
  if (kinds.has('Partner vs Direct')) what.push('is being worked by our sales team');
  if (kinds.has('Open Opportunity') && !kinds.has('Partner vs Direct')) what.push('has an open opportunity with us');
  if (kinds.has('Existing Customer')) what.push('is an existing customer');
  return `This company ${joinWithAnd(what)}. ${review}`;
}

function joinWithAnd(items: string[]): string {
  if (items.length <= 1) return items[0] ?? 'overlaps with an existing relationship';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function truncate(text: string): string {
  return text.length <= MAX_LENGTH ? text : `${text.slice(0, MAX_LENGTH - 1)}…`;
}
