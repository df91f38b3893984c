import { LightningElement, api, wire } from 'lwc';
import type { WireResult } from 'lightning/uiRecordApi';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getAttributionPanel from '@salesforce/apex/AttributionPanelController.getAttributionPanel';
import approveAttribution from '@salesforce/apex/AttributionPanelController.approveAttribution';
import disputeAttribution from '@salesforce/apex/AttributionPanelController.disputeAttribution';
import hasApprovePermission from '@salesforce/customPermission/Approve_Partner_Attribution';
import { reduceErrors } from 'c/ldsUtils';
import { formatLabel } from 'c/labelUtils';
import TITLE from '@salesforce/label/c.Attribution_Title';
import EMPTY from '@salesforce/label/c.Attribution_Empty';
import ERROR_LOAD from '@salesforce/label/c.Attribution_Error_Load';
import SEPARATE_NOTE from '@salesforce/label/c.Attribution_Separate_Note';
import TOUCHES from '@salesforce/label/c.Attribution_Touches';
import APPROVE_LABEL from '@salesforce/label/c.Attribution_Approve_Label';
import DISPUTE_LABEL from '@salesforce/label/c.Attribution_Dispute_Label';
import CONFIRM from '@salesforce/label/c.Attribution_Confirm';
import DECISION_SUCCESS from '@salesforce/label/c.Attribution_Decision_Success';
import DECISION_ERROR from '@salesforce/label/c.Attribution_Decision_Error';
import OWNER_ONLY from '@salesforce/label/c.Attribution_Owner_Only';
import REASON from '@salesforce/label/c.Common_Reason';
import REASON_REQUIRED from '@salesforce/label/c.Common_Reason_Required';
import CANCEL from '@salesforce/label/c.Common_Cancel';
import LOADING from '@salesforce/label/c.Common_Loading';

type AttributionPanel = Apex.AttributionPanelController.AttributionPanel;
type AttributionRow = Apex.AttributionPanelController.AttributionRow;
type Decision = 'approve' | 'dispute';

interface ValidatableInput extends HTMLElement {
  reportValidity(): boolean;
}

/**
 * Attribution on the Opportunity page (container): partner touches on a timeline, sourced /
 * influenced / resold shares with credited amounts, explanation and proposed commission, and the
 * partner owner's approve / dispute with a reason. Apex enforces who may decide; the custom
 * permission here only decides whether to explain that the buttons are for partner owners.
 */
export default class PartnerAttributionPanel extends LightningElement {
  @api recordId: string | undefined;

  labels = {
    title: TITLE,
    empty: EMPTY,
    errorLoad: ERROR_LOAD,
    separateNote: SEPARATE_NOTE,
    touches: TOUCHES,
    confirm: CONFIRM,
    cancel: CANCEL,
    reason: REASON,
    reasonRequired: REASON_REQUIRED,
    decisionError: DECISION_ERROR,
    ownerOnly: OWNER_ONLY,
    loading: LOADING,
  };

  panel: AttributionPanel | undefined;
  loadError: unknown;
  pending: { attributionId: string; decision: Decision } | undefined;
  reason = '';
  saving = false;
  decisionError: unknown;
  private panelResult: WireResult<AttributionPanel> | undefined;

  @wire(getAttributionPanel, { opportunityId: '$recordId' })
  wiredPanel(result: WireResult<AttributionPanel>): void {
    this.panelResult = result;
    this.panel = result.data ?? undefined;
    this.loadError = result.error;
  }

  get isLoading(): boolean {
    return !this.panel && !this.loadError;
  }

  get attributions(): AttributionRow[] {
    return this.panel?.attributions ?? [];
  }

  get hasAttributions(): boolean {
    return this.attributions.length > 0;
  }

  get isEmpty(): boolean {
    return !!this.panel && !this.hasAttributions && (this.panel.touches ?? []).length === 0;
  }

  get showContent(): boolean {
    return !!this.panel && !this.isEmpty;
  }

  /** Managers with the permission who own none of these partners are told why they see no buttons. */
  get showOwnerOnlyNote(): boolean {
    return hasApprovePermission && this.hasAttributions && !this.attributions.some((row) => row.canApprove || row.canDispute);
  }

  get pendingTitle(): string {
    const row = this.attributions.find((candidate) => candidate.attributionId === this.pending?.attributionId);
    return formatLabel(this.pending?.decision === 'dispute' ? DISPUTE_LABEL : APPROVE_LABEL, row?.name, row?.partnerName);
  }

  handleDecide(event: CustomEvent<{ attributionId: string; decision: Decision }>): void {
    this.pending = event.detail;
    this.reason = '';
    this.decisionError = undefined;
  }

  handleReasonChange(event: CustomEvent<{ value: string }>): void {
    this.reason = event.detail.value;
  }

  handleCancel(): void {
    this.pending = undefined;
  }

  async handleConfirm(): Promise<void> {
    const reasonInput = this.template?.querySelector<ValidatableInput>('.reason');
    const reason = this.reason.trim();
    if (!this.pending || !reason || reasonInput?.reportValidity() === false) {
      reasonInput?.reportValidity();
      return;
    }
    this.saving = true;
    this.decisionError = undefined;
    const params = { attributionId: this.pending.attributionId, reason };
    try {
      const result = this.pending.decision === 'approve' ? await approveAttribution(params) : await disputeAttribution(params);
      const row = this.attributions.find((candidate) => candidate.attributionId === result.attributionId);
      this.dispatchEvent(new ShowToastEvent({ title: formatLabel(DECISION_SUCCESS, row?.name, result.status), variant: 'success' }));
      this.pending = undefined;
      await refreshApex(this.panelResult);
    } catch (error) {
      this.decisionError = error;
      this.dispatchEvent(new ShowToastEvent({ title: DECISION_ERROR, message: reduceErrors(error).join(' '), variant: 'error' }));
    } finally {
      this.saving = false;
    }
  }
}
