import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/labelUtils';
import SUBMISSIONS from '@salesforce/label/c.Review_Submissions';
import DIRECT_HISTORY from '@salesforce/label/c.Review_Direct_History';
import DIRECT_OWNER from '@salesforce/label/c.Review_Direct_Owner';
import NO_OPEN_OPPORTUNITIES from '@salesforce/label/c.Review_No_Open_Opportunities';
import EVIDENCE_NOTES from '@salesforce/label/c.Review_Evidence_Notes';
import SUBMITTED_AT from '@salesforce/label/c.Review_Submitted_At';
import FIRST_MEETING from '@salesforce/label/c.Review_First_Meeting';
import CONTACT from '@salesforce/label/c.Review_Contact';
import DEAL_SIZE from '@salesforce/label/c.Review_Deal_Size';
import TIMELINE from '@salesforce/label/c.Review_Timeline';
import USE_CASE from '@salesforce/label/c.Review_Use_Case';
import HOW_MET from '@salesforce/label/c.Review_How_Met';
import RECOMMENDATION from '@salesforce/label/c.Review_Recommendation';
import STRATEGIC_PARTNER from '@salesforce/label/c.Review_Strategic_Partner';
import ACCOUNT from '@salesforce/label/c.Review_Account';
import SLA_DUE from '@salesforce/label/c.Review_Sla_Due';
import SLA_OVERDUE from '@salesforce/label/c.Review_Sla_Overdue';
import DECISION_TITLE from '@salesforce/label/c.Review_Decision_Title';
import ACTION from '@salesforce/label/c.Review_Action';
import ACTION_AWARD from '@salesforce/label/c.Review_Action_Award';
import ACTION_SPLIT from '@salesforce/label/c.Review_Action_Split';
import ACTION_KEEP_DIRECT from '@salesforce/label/c.Review_Action_Keep_Direct';
import ACTION_REJECT_ALL from '@salesforce/label/c.Review_Action_Reject_All';
import ACTION_NOT_A_CONFLICT from '@salesforce/label/c.Review_Action_Not_A_Conflict';
import ACTION_AWARD_REFERRAL from '@salesforce/label/c.Review_Action_Award_Referral';
import ACTION_REJECT_REFERRAL from '@salesforce/label/c.Review_Action_Reject_Referral';
import ACTION_NOT_A_CONFLICT_REFERRAL from '@salesforce/label/c.Review_Action_Not_A_Conflict_Referral';
import WINNER from '@salesforce/label/c.Review_Winner';
import SPLIT_BETWEEN from '@salesforce/label/c.Review_Split_Between';
import REASON from '@salesforce/label/c.Common_Reason';
import REASON_REQUIRED from '@salesforce/label/c.Common_Reason_Required';
import REASON_HELP from '@salesforce/label/c.Review_Reason_Help';
import APPLY from '@salesforce/label/c.Review_Apply';
import APPLYING from '@salesforce/label/c.Review_Applying';
import RESOLVED_TITLE from '@salesforce/label/c.Review_Resolved_Title';
import WINNER_REQUIRED from '@salesforce/label/c.Review_Error_Winner_Required';
import SPLIT_NEEDS_TWO from '@salesforce/label/c.Review_Error_Split_Needs_Two';
import ACTION_REQUIRED from '@salesforce/label/c.Review_Error_Action_Required';

type ReviewDetail = Apex.ConflictReviewController.ReviewDetail;
type Submission = Apex.ConflictReviewController.Submission;
type OpportunitySummary = Apex.ConflictReviewController.OpportunitySummary;
type ResolutionRequest = Apex.ConflictResolutionService.ResolutionRequest;

interface ValidatableInput extends HTMLElement {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
}

const CONFLICT_ACTION_LABELS: Readonly<Record<string, string>> = {
  AWARD: ACTION_AWARD,
  SPLIT: ACTION_SPLIT,
  KEEP_DIRECT: ACTION_KEEP_DIRECT,
  REJECT_ALL: ACTION_REJECT_ALL,
  NOT_A_CONFLICT: ACTION_NOT_A_CONFLICT,
};
const REFERRAL_ACTION_LABELS: Readonly<Record<string, string>> = {
  ...CONFLICT_ACTION_LABELS,
  AWARD: ACTION_AWARD_REFERRAL,
  REJECT_ALL: ACTION_REJECT_REFERRAL,
  NOT_A_CONFLICT: ACTION_NOT_A_CONFLICT_REFERRAL,
};

/**
 * One conflict (or referral) side by side: the competing submissions, the direct-sales history,
 * the evidence timeline in the user's time zone, and the decision form. Presentational: it emits
 * `resolve` with the ResolutionRequest; the container applies it.
 */
export default class ConflictReviewDetail extends LightningElement {
  private detailValue: ReviewDetail | null | undefined;

  @api
  get detail(): ReviewDetail | null | undefined {
    return this.detailValue;
  }
  set detail(value: ReviewDetail | null | undefined) {
    // Another record in the same panel starts with an empty decision form.
    if (value?.recordId !== this.detailValue?.recordId) {
      this.action = undefined;
      this.winningReferralId = undefined;
      this.splitReferralIds = [];
      this.reason = '';
      this.formError = undefined;
    }
    this.detailValue = value;
  }
  /** True while the container applies the decision. */
  @api saving = false;

  labels = {
    submissions: SUBMISSIONS,
    directHistory: DIRECT_HISTORY,
    noOpenOpportunities: NO_OPEN_OPPORTUNITIES,
    evidenceNotes: EVIDENCE_NOTES,
    submittedAt: SUBMITTED_AT,
    firstMeeting: FIRST_MEETING,
    contact: CONTACT,
    dealSize: DEAL_SIZE,
    timeline: TIMELINE,
    useCase: USE_CASE,
    howMet: HOW_MET,
    recommendation: RECOMMENDATION,
    strategicPartner: STRATEGIC_PARTNER,
    account: ACCOUNT,
    slaDue: SLA_DUE,
    overdue: SLA_OVERDUE,
    decisionTitle: DECISION_TITLE,
    action: ACTION,
    winner: WINNER,
    splitBetween: SPLIT_BETWEEN,
    reason: REASON,
    reasonRequired: REASON_REQUIRED,
    reasonHelp: REASON_HELP,
  };

  action: string | undefined;
  winningReferralId: string | undefined;
  splitReferralIds: string[] = [];
  reason = '';
  formError: string | undefined;

  get isConflict(): boolean {
    return this.detail?.itemType === 'conflict';
  }

  get submissions(): Array<Submission & { heading: string }> {
    return (this.detail?.submissions ?? []).map((submission) => ({
      ...submission,
      heading: [submission.caseNumber, submission.partnerName, submission.partnerTier].filter(Boolean).join(' · '),
    }));
  }

  get openOpportunities(): OpportunitySummary[] {
    return this.detail?.openOpportunities ?? [];
  }

  get hasOpenOpportunities(): boolean {
    return this.openOpportunities.length > 0;
  }

  get directOwner(): string | undefined {
    return this.detail?.directOwnerName ? formatLabel(DIRECT_OWNER, this.detail.directOwnerName) : undefined;
  }

  get evidenceNotes(): Array<{ key: string; text: string }> {
    return (this.detail?.evidenceNotes ?? []).map((text, index) => ({ key: `note-${index}`, text }));
  }

  get hasEvidenceNotes(): boolean {
    return this.evidenceNotes.length > 0;
  }

  get isResolved(): boolean {
    return !!this.detail?.resolution;
  }

  get resolvedTitle(): string {
    return formatLabel(RESOLVED_TITLE, this.detail?.resolution);
  }

  get canDecide(): boolean {
    return (this.detail?.availableActions ?? []).length > 0;
  }

  get actionOptions(): Array<{ label: string; value: string }> {
    const labels = this.isConflict ? CONFLICT_ACTION_LABELS : REFERRAL_ACTION_LABELS;
    return (this.detail?.availableActions ?? []).map((value) => ({ label: labels[value] ?? value, value }));
  }

  get submissionOptions(): Array<{ label: string; value: string }> {
    return this.submissions.map((submission) => ({ label: submission.heading, value: submission.referralId ?? '' }));
  }

  get showWinner(): boolean {
    return this.isConflict && this.action === 'AWARD';
  }

  get showSplit(): boolean {
    return this.action === 'SPLIT';
  }

  get applyLabel(): string {
    return this.saving ? APPLYING : APPLY;
  }

  handleActionChange(event: CustomEvent<{ value: string }>): void {
    this.action = event.detail.value;
    this.formError = undefined;
  }

  handleWinnerChange(event: CustomEvent<{ value: string }>): void {
    this.winningReferralId = event.detail.value;
  }

  handleSplitChange(event: CustomEvent<{ value: string[] }>): void {
    this.splitReferralIds = event.detail.value;
  }

  handleReasonChange(event: CustomEvent<{ value: string }>): void {
    this.reason = event.detail.value;
  }

  handleApply(): void {
    const inputs = Array.from(this.template?.querySelectorAll<ValidatableInput>('.decision-input') ?? []);
    const inputsValid = inputs.map((input) => input.reportValidity()).every(Boolean);
    this.formError = this.decisionProblem();
    if (!inputsValid || this.formError || !this.detail?.recordId || !this.action) return;
    const request: ResolutionRequest = {
      recordId: this.detail.recordId,
      action: this.action,
      winningReferralId: this.showWinner ? this.winningReferralId : null,
      splitReferralIds: this.showSplit ? this.splitReferralIds : null,
      reason: this.reason.trim(),
    };
    this.dispatchEvent(new CustomEvent('resolve', { detail: request }));
  }

  private decisionProblem(): string | undefined {
    if (!this.action) return ACTION_REQUIRED;
    if (this.showWinner && !this.winningReferralId) return WINNER_REQUIRED;
    if (this.showSplit && this.splitReferralIds.length < 2) return SPLIT_NEEDS_TWO;
    if (!this.reason.trim()) return REASON_REQUIRED;
    return undefined;
  }
}
