import { LightningElement, wire } from 'lwc';
import type { WireResult } from 'lightning/uiRecordApi';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getReviewQueue from '@salesforce/apex/ConflictReviewController.getReviewQueue';
import getPartnerOptions from '@salesforce/apex/ConflictReviewController.getPartnerOptions';
import getReviewDetail from '@salesforce/apex/ConflictReviewController.getReviewDetail';
import resolveConflict from '@salesforce/apex/ConflictReviewController.resolveConflict';
import { reduceErrors } from 'c/ldsUtils';
import { formatLabel } from 'c/labelUtils';
import QUEUE_TITLE from '@salesforce/label/c.Review_Queue_Title';
import QUEUE_EMPTY from '@salesforce/label/c.Review_Queue_Empty';
import QUEUE_ERROR from '@salesforce/label/c.Review_Queue_Error';
import DETAIL_ERROR from '@salesforce/label/c.Review_Detail_Error';
import SELECT_PROMPT from '@salesforce/label/c.Review_Select_Prompt';
import FILTER_PARTNER from '@salesforce/label/c.Review_Filter_Partner';
import FILTER_TYPE from '@salesforce/label/c.Review_Filter_Type';
import FILTER_AGE from '@salesforce/label/c.Review_Filter_Age';
import ALL_PARTNERS from '@salesforce/label/c.Review_Filter_All_Partners';
import ALL_TYPES from '@salesforce/label/c.Review_Filter_All_Types';
import ANY_AGE from '@salesforce/label/c.Review_Filter_Any_Age';
import AGE_DAYS from '@salesforce/label/c.Review_Filter_Age_Days';
import TYPE_PARTNER_VS_PARTNER from '@salesforce/label/c.Review_Type_Partner_Vs_Partner';
import TYPE_PARTNER_VS_DIRECT from '@salesforce/label/c.Review_Type_Partner_Vs_Direct';
import TYPE_EXISTING_CUSTOMER from '@salesforce/label/c.Review_Type_Existing_Customer';
import TYPE_OPEN_OPPORTUNITY from '@salesforce/label/c.Review_Type_Open_Opportunity';
import TYPE_OWNER_REVIEW from '@salesforce/label/c.Review_Type_Owner_Review';
import RESOLVED_SUCCESS from '@salesforce/label/c.Review_Resolved_Success';
import RESOLVE_ERROR from '@salesforce/label/c.Review_Resolve_Error';
import LOADING from '@salesforce/label/c.Common_Loading';

type ReviewQueueItem = Apex.ConflictReviewController.ReviewQueueItem;
type ReviewQueueFilter = Apex.ConflictReviewController.ReviewQueueFilter;
type ReviewDetail = Apex.ConflictReviewController.ReviewDetail;
type Option = Apex.ConflictReviewController.Option;
type ResolutionRequest = Apex.ConflictResolutionService.ResolutionRequest;

/** "All" in a filter combobox (a combobox value cannot be null). */
const ALL = '';
const AGE_THRESHOLDS = [1, 2, 7, 30];

/**
 * The conflict review console (container): the queue of open conflicts and referrals needing a
 * decision, oldest first with filters by partner, type and age; the selected item side by side;
 * and the decision, applied atomically by Apex. Children are presentational.
 */
export default class ConflictReviewQueue extends LightningElement {
  labels = {
    title: QUEUE_TITLE,
    empty: QUEUE_EMPTY,
    queueError: QUEUE_ERROR,
    detailError: DETAIL_ERROR,
    selectPrompt: SELECT_PROMPT,
    partner: FILTER_PARTNER,
    type: FILTER_TYPE,
    age: FILTER_AGE,
    resolveError: RESOLVE_ERROR,
    loading: LOADING,
  };

  typeOptions = [
    { label: ALL_TYPES, value: ALL },
    { label: TYPE_PARTNER_VS_PARTNER, value: 'Partner vs Partner' },
    { label: TYPE_PARTNER_VS_DIRECT, value: 'Partner vs Direct' },
    { label: TYPE_EXISTING_CUSTOMER, value: 'Existing Customer' },
    { label: TYPE_OPEN_OPPORTUNITY, value: 'Open Opportunity' },
    { label: TYPE_OWNER_REVIEW, value: 'Owner Review' },
  ];
  ageOptions = [
    { label: ANY_AGE, value: ALL },
    ...AGE_THRESHOLDS.map((days) => ({ label: formatLabel(AGE_DAYS, days), value: String(days) })),
  ];

  partnerFilter = ALL;
  typeFilter = ALL;
  ageFilter = ALL;
  /** The Apex filter; a new object on every change so the wire re-runs. */
  filter: ReviewQueueFilter = {};

  items: ReviewQueueItem[] | undefined;
  queueError: unknown;
  partnerOptions: Array<{ label: string; value: string }> = [{ label: ALL_PARTNERS, value: ALL }];
  selectedId: string | undefined;
  detail: ReviewDetail | undefined;
  detailError: unknown;
  saving = false;
  resolveError: unknown;

  private queueResult: WireResult<ReviewQueueItem[]> | undefined;
  private detailResult: WireResult<ReviewDetail> | undefined;

  @wire(getReviewQueue, { filter: '$filter' })
  wiredQueue(result: WireResult<ReviewQueueItem[]>): void {
    this.queueResult = result;
    this.items = result.data ?? undefined;
    this.queueError = result.error;
    const stillListed = this.items?.some((item) => item.recordId === this.selectedId);
    if (this.items && !stillListed) {
      this.selectedId = this.items[0]?.recordId ?? undefined;
    }
  }

  @wire(getPartnerOptions)
  wiredPartnerOptions({ data }: WireResult<Option[]>): void {
    const partners = (data ?? []).map((option) => ({ label: option.label ?? '', value: option.value ?? '' }));
    this.partnerOptions = [{ label: ALL_PARTNERS, value: ALL }, ...partners];
  }

  @wire(getReviewDetail, { recordId: '$selectedId' })
  wiredDetail(result: WireResult<ReviewDetail>): void {
    this.detailResult = result;
    this.detail = result.data ?? undefined;
    this.detailError = result.error;
  }

  get isLoading(): boolean {
    return !this.items && !this.queueError;
  }

  get isEmpty(): boolean {
    return !!this.items && this.items.length === 0;
  }

  get hasItems(): boolean {
    return !!this.items && this.items.length > 0;
  }

  get showSelectPrompt(): boolean {
    return this.hasItems && !this.detail && !this.detailError;
  }

  handlePartnerFilter(event: CustomEvent<{ value: string }>): void {
    this.partnerFilter = event.detail.value;
    this.applyFilters();
  }

  handleTypeFilter(event: CustomEvent<{ value: string }>): void {
    this.typeFilter = event.detail.value;
    this.applyFilters();
  }

  handleAgeFilter(event: CustomEvent<{ value: string }>): void {
    this.ageFilter = event.detail.value;
    this.applyFilters();
  }

  handleSelect(event: CustomEvent<{ recordId: string }>): void {
    this.selectedId = event.detail.recordId;
    this.resolveError = undefined;
  }

  async handleResolve(event: CustomEvent<ResolutionRequest>): Promise<void> {
    this.saving = true;
    this.resolveError = undefined;
    try {
      const result = await resolveConflict({ request: event.detail });
      this.dispatchEvent(
        new ShowToastEvent({
          title: formatLabel(RESOLVED_SUCCESS, this.detail?.name, result.resolution),
          variant: 'success',
        }),
      );
      await Promise.all([refreshApex(this.queueResult), refreshApex(this.detailResult)]);
    } catch (error) {
      this.resolveError = error;
      this.dispatchEvent(new ShowToastEvent({ title: RESOLVE_ERROR, message: reduceErrors(error).join(' '), variant: 'error' }));
    } finally {
      this.saving = false;
    }
  }

  private applyFilters(): void {
    this.filter = {
      partnerId: this.partnerFilter || null,
      reviewType: this.typeFilter || null,
      minAgeDays: this.ageFilter ? Number(this.ageFilter) : null,
    };
  }
}
