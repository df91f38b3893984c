import { LightningElement, api } from 'lwc';
import { formatLabel, parseJson } from 'c/labelUtils';
import ROLE_SOURCED from '@salesforce/label/c.Attribution_Role_Sourced';
import ROLE_INFLUENCED from '@salesforce/label/c.Attribution_Role_Influenced';
import ROLE_RESOLD from '@salesforce/label/c.Attribution_Role_Resold';
import SHARE from '@salesforce/label/c.Attribution_Share';
import CREDITED from '@salesforce/label/c.Attribution_Credited';
import COMMISSION from '@salesforce/label/c.Attribution_Commission';
import COMMISSION_RATE from '@salesforce/label/c.Attribution_Commission_Rate';
import MODEL from '@salesforce/label/c.Attribution_Model';
import EXPLANATION from '@salesforce/label/c.Attribution_Explanation';
import APPROVE from '@salesforce/label/c.Attribution_Approve';
import DISPUTE from '@salesforce/label/c.Attribution_Dispute';
import APPROVE_LABEL from '@salesforce/label/c.Attribution_Approve_Label';
import DISPUTE_LABEL from '@salesforce/label/c.Attribution_Dispute_Label';
import APPROVED_BY from '@salesforce/label/c.Attribution_Approved_By';
import DISPUTED_BY from '@salesforce/label/c.Attribution_Disputed_By';
import NEEDS_REVIEW from '@salesforce/label/c.Attribution_Needs_Review';

type AttributionRow = Apex.AttributionPanelController.AttributionRow;

const ROLES: ReadonlyArray<{ role: string; label: string }> = [
  { role: 'Sourced', label: ROLE_SOURCED },
  { role: 'Influenced', label: ROLE_INFLUENCED },
  { role: 'Resold', label: ROLE_RESOLD },
];

const STATUS_BADGE_CLASS: Readonly<Record<string, string>> = {
  Approved: 'slds-theme_success',
  Disputed: 'slds-theme_error',
  Proposed: 'slds-theme_info',
};

/** Shown elsewhere on the row (role, model) or only for machines (version). */
const EXPLANATION_KEYS_SKIPPED: ReadonlySet<string> = new Set(['version', 'role', 'model', 'summary', 'rule']);

/**
 * Reads the sidecar's Explanation__c JSON (see docs/attribution.md: rule, settings, touches,
 * registrations, partnerShare, commission) into readable lines: the rule (or a "summary") first,
 * then every other entry as "key: value", arrays one line per item. Text that is not JSON is shown
 * as it is, so nothing the sidecar wrote is hidden.
 */
export function explanationLines(explanation: string | null | undefined): string[] {
  if (!explanation) return [];
  const parsed = parseJson(explanation);
  if (parsed === undefined || parsed === null || typeof parsed !== 'object') return [explanation];
  const record = parsed as Record<string, unknown>;
  const headline = record.summary ?? record.rule;
  const lines: string[] = typeof headline === 'string' ? [headline] : [];
  for (const [key, value] of Object.entries(record)) {
    if (EXPLANATION_KEYS_SKIPPED.has(key)) continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => lines.push(`${key} ${index + 1}: ${describe(item)}`));
    } else {
      lines.push(`${key}: ${describe(value)}`);
    }
  }
  return lines;
}

function describe(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${key} ${inner !== null && typeof inner === 'object' ? JSON.stringify(inner) : String(inner)}`)
      .join(', ');
  }
  return String(value);
}

interface DisplayRow extends AttributionRow {
  commissionFraction: number | null;
  statusClass: string;
  explanationItems: Array<{ key: string; text: string }>;
  hasExplanation: boolean;
  approvedNote: string | null;
  disputedNote: string | null;
  approveLabel: string;
  disputeLabel: string;
}

function toDisplayRow(row: AttributionRow): DisplayRow {
  return {
    ...row,
    commissionFraction: typeof row.commissionRate === 'number' ? row.commissionRate / 100 : null,
    statusClass: `slds-m-left_x-small status ${STATUS_BADGE_CLASS[row.status ?? ''] ?? ''}`,
    explanationItems: explanationLines(row.explanation).map((text, index) => ({ key: `${row.attributionId}-${index}`, text })),
    hasExplanation: !!row.explanation,
    approvedNote: row.status === 'Approved' && row.approvedByName ? formatLabel(APPROVED_BY, row.approvedByName) : null,
    disputedNote: row.status === 'Disputed' ? formatLabel(DISPUTED_BY, row.disputedByName, row.disputeReason) : null,
    approveLabel: formatLabel(APPROVE_LABEL, row.name, row.partnerName),
    disputeLabel: formatLabel(DISPUTE_LABEL, row.name, row.partnerName),
  };
}

/**
 * The attributions of one opportunity grouped by role (sourced, influenced, resold are separate
 * credits), each with share, credited amount, proposed commission, status and explanation.
 * Presentational: emits `decide` with { attributionId, decision: 'approve' | 'dispute' }.
 */
export default class AttributionShareList extends LightningElement {
  @api attributions: AttributionRow[] | null | undefined;

  labels = {
    share: SHARE,
    credited: CREDITED,
    commission: COMMISSION,
    commissionRate: COMMISSION_RATE,
    model: MODEL,
    explanation: EXPLANATION,
    approve: APPROVE,
    dispute: DISPUTE,
    needsReview: NEEDS_REVIEW,
  };

  get groups(): Array<{ role: string; label: string; rows: DisplayRow[] }> {
    const rows = this.attributions ?? [];
    return ROLES.map(({ role, label }) => ({
      role,
      label,
      rows: rows.filter((row) => row.role === role).map(toDisplayRow),
    })).filter((group) => group.rows.length > 0);
  }

  handleApprove(event: Event): void {
    this.emitDecision(event, 'approve');
  }

  handleDispute(event: Event): void {
    this.emitDecision(event, 'dispute');
  }

  private emitDecision(event: Event, decision: 'approve' | 'dispute'): void {
    const attributionId = (event.currentTarget as HTMLElement).dataset.id;
    this.dispatchEvent(new CustomEvent('decide', { detail: { attributionId, decision } }));
  }
}
