import { LightningElement, api, wire } from 'lwc';
import type { WireResult } from 'lightning/uiRecordApi';
import getPartnerContext from '@salesforce/apex/PartnerContextController.getPartnerContext';
import TITLE from '@salesforce/label/c.Context_Title';
import EMPTY from '@salesforce/label/c.Context_Empty';
import ERROR_LOAD from '@salesforce/label/c.Context_Error_Load';
import LOADING from '@salesforce/label/c.Common_Loading';

type PartnerContext = Apex.PartnerContextController.PartnerContext;
type PartnerSummary = Apex.PartnerContextController.PartnerSummary;

/**
 * Partner context for reps on Opportunity and Account pages (container): every partner involved
 * with its role, most involved first; an empty state when there is none.
 */
export default class PartnerContextCard extends LightningElement {
  @api recordId: string | undefined;

  labels = { title: TITLE, empty: EMPTY, errorLoad: ERROR_LOAD, loading: LOADING };

  context: PartnerContext | undefined;
  loadError: unknown;

  @wire(getPartnerContext, { recordId: '$recordId' })
  wiredContext({ data, error }: WireResult<PartnerContext>): void {
    this.context = data ?? undefined;
    this.loadError = error;
  }

  get isLoading(): boolean {
    return !this.context && !this.loadError;
  }

  get partners(): PartnerSummary[] {
    return this.context?.partners ?? [];
  }

  get hasPartners(): boolean {
    return this.context?.hasPartner === true && this.partners.length > 0;
  }

  get isEmpty(): boolean {
    return !!this.context && !this.hasPartners;
  }
}
