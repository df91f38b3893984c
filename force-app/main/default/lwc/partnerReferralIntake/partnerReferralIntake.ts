import { LightningElement, api, wire } from 'lwc';
import type { WireResult } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo, PicklistValues } from 'lightning/uiObjectInfoApi';
import getIntakeContext from '@salesforce/apex/ReferralIntakeController.getIntakeContext';
import checkForConflicts from '@salesforce/apex/ReferralIntakeController.checkForConflicts';
import submitReferral from '@salesforce/apex/ReferralIntakeController.submitReferral';
import PARTNER_REFERRAL_OBJECT from '@salesforce/schema/Partner_Referral__c';
import TIMELINE_FIELD from '@salesforce/schema/Partner_Referral__c.Timeline__c';
import { formatLabel } from 'c/labelUtils';
import TITLE from '@salesforce/label/c.Intake_Title';
import INTRO from '@salesforce/label/c.Intake_Intro';
import SUBMITTING_AS from '@salesforce/label/c.Intake_Submitting_As';
import NO_PARTNER from '@salesforce/label/c.Intake_No_Partner';
import SECTION_CONTACT from '@salesforce/label/c.Intake_Section_Contact';
import SECTION_COMPANY from '@salesforce/label/c.Intake_Section_Company';
import SECTION_OPPORTUNITY from '@salesforce/label/c.Intake_Section_Opportunity';
import FIELD_FIRST_NAME from '@salesforce/label/c.Intake_Field_First_Name';
import FIELD_LAST_NAME from '@salesforce/label/c.Intake_Field_Last_Name';
import FIELD_EMAIL from '@salesforce/label/c.Intake_Field_Email';
import FIELD_PHONE from '@salesforce/label/c.Intake_Field_Phone';
import FIELD_TITLE from '@salesforce/label/c.Intake_Field_Title';
import FIELD_COMPANY from '@salesforce/label/c.Intake_Field_Company';
import FIELD_WEBSITE from '@salesforce/label/c.Intake_Field_Website';
import FIELD_DEAL_SIZE from '@salesforce/label/c.Intake_Field_Deal_Size';
import FIELD_TIMELINE from '@salesforce/label/c.Intake_Field_Timeline';
import FIELD_USE_CASE from '@salesforce/label/c.Intake_Field_Use_Case';
import FIELD_HOW_MET from '@salesforce/label/c.Intake_Field_How_Met';
import FIELD_NOTES from '@salesforce/label/c.Intake_Field_Notes';
import FIELD_CONSENT from '@salesforce/label/c.Intake_Field_Consent';
import TIMELINE_PLACEHOLDER from '@salesforce/label/c.Intake_Timeline_Placeholder';
import SUBMIT from '@salesforce/label/c.Intake_Submit';
import SUBMITTING from '@salesforce/label/c.Intake_Submitting';
import SUCCESS_TITLE from '@salesforce/label/c.Intake_Success_Title';
import SUCCESS_MESSAGE from '@salesforce/label/c.Intake_Success_Message';
import SUBMIT_ANOTHER from '@salesforce/label/c.Intake_Submit_Another';
import ERROR_LOAD from '@salesforce/label/c.Intake_Error_Load';
import ERROR_SUBMIT from '@salesforce/label/c.Intake_Error_Submit';
import ERROR_CHECK from '@salesforce/label/c.Intake_Error_Check';
import FIX_ERRORS from '@salesforce/label/c.Intake_Fix_Errors';
import ERROR_REQUIRED from '@salesforce/label/c.Intake_Error_Required';
import ERROR_EMAIL from '@salesforce/label/c.Intake_Error_Email';
import ERROR_PHONE from '@salesforce/label/c.Intake_Error_Phone';
import ERROR_WEBSITE from '@salesforce/label/c.Intake_Error_Website';
import ERROR_DEAL_SIZE from '@salesforce/label/c.Intake_Error_Deal_Size';
import ERROR_CONSENT from '@salesforce/label/c.Intake_Error_Consent';
import LOADING from '@salesforce/label/c.Common_Loading';

type ReferralInput = Apex.ReferralIntakeController.ReferralInput;
type IntakeContext = Apex.ReferralIntakeController.IntakeContext;
type ConflictHint = Apex.ReferralIntakeController.ConflictHint;
type SubmissionResult = Apex.ReferralIntakeController.SubmissionResult;
type InputName = keyof ReferralInput & string;

/** The base input components (lightning-input, -textarea, -combobox) as this form uses them. */
interface FormInput extends HTMLElement {
  value: unknown;
  checked?: boolean;
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
  focus(): void;
}

/** The inputs whose values the duplicate check looks at. */
const CHECKED_INPUTS: ReadonlySet<InputName> = new Set<InputName>(['companyName', 'companyWebsite', 'contactEmail']);
/** Loose enough for international numbers; the server applies the same rule. */
const PHONE_PATTERN = '^\\+?[0-9 ().\\-/]{7,40}$';

/**
 * Referral intake (container): the seed's form with partner and submitter taken from the
 * running user, an instant duplicate / conflict hint before submitting, client and server
 * validation shown on the field, and the case number and status once submitted.
 */
export default class PartnerReferralIntake extends LightningElement {
  /** Set on record pages: an internal user then submits for the partner whose page this is. */
  @api recordId: string | undefined;

  labels = {
    title: TITLE,
    intro: INTRO,
    noPartner: NO_PARTNER,
    sectionContact: SECTION_CONTACT,
    sectionCompany: SECTION_COMPANY,
    sectionOpportunity: SECTION_OPPORTUNITY,
    firstName: FIELD_FIRST_NAME,
    lastName: FIELD_LAST_NAME,
    email: FIELD_EMAIL,
    phone: FIELD_PHONE,
    jobTitle: FIELD_TITLE,
    company: FIELD_COMPANY,
    website: FIELD_WEBSITE,
    dealSize: FIELD_DEAL_SIZE,
    timeline: FIELD_TIMELINE,
    useCase: FIELD_USE_CASE,
    howMet: FIELD_HOW_MET,
    notes: FIELD_NOTES,
    consent: FIELD_CONSENT,
    timelinePlaceholder: TIMELINE_PLACEHOLDER,
    submit: SUBMIT,
    submitting: SUBMITTING,
    successTitle: SUCCESS_TITLE,
    submitAnother: SUBMIT_ANOTHER,
    errorLoad: ERROR_LOAD,
    errorSubmit: ERROR_SUBMIT,
    errorCheck: ERROR_CHECK,
    fixErrors: FIX_ERRORS,
    required: ERROR_REQUIRED,
    invalidEmail: ERROR_EMAIL,
    invalidPhone: ERROR_PHONE,
    invalidWebsite: ERROR_WEBSITE,
    invalidDealSize: ERROR_DEAL_SIZE,
    consentRequired: ERROR_CONSENT,
    loading: LOADING,
  };
  phonePattern = PHONE_PATTERN;

  context: IntakeContext | undefined;
  loadError: unknown;
  recordTypeId: string | undefined;
  timelineOptions: Array<{ label: string; value: string }> = [];

  values: ReferralInput = {};
  hint: ConflictHint | undefined;
  checking = false;
  checkError: unknown;
  submitting = false;
  submitError: unknown;
  formError: string | undefined;
  result: SubmissionResult | undefined;
  /** Answers to an older duplicate check are dropped when a newer one is under way. */
  private checkSequence = 0;

  @wire(getIntakeContext, { recordId: '$recordId' })
  wiredContext({ data, error }: WireResult<IntakeContext>): void {
    this.context = data ?? undefined;
    this.loadError = error;
  }

  @wire(getObjectInfo, { objectApiName: PARTNER_REFERRAL_OBJECT })
  wiredObjectInfo({ data }: WireResult<ObjectInfo>): void {
    this.recordTypeId = data?.defaultRecordTypeId;
  }

  @wire(getPicklistValues, { recordTypeId: '$recordTypeId', fieldApiName: TIMELINE_FIELD })
  wiredTimelineValues({ data }: WireResult<PicklistValues>): void {
    this.timelineOptions = data ? data.values.map(({ label, value }) => ({ label, value })) : [];
  }

  get isLoading(): boolean {
    return !this.context && !this.loadError;
  }

  get canSubmit(): boolean {
    return this.context?.canSubmit === true;
  }

  get showNoPartner(): boolean {
    return !!this.context && !this.context.canSubmit;
  }

  get submitted(): boolean {
    return this.result?.success === true;
  }

  get showForm(): boolean {
    return this.canSubmit && !this.submitted;
  }

  get submittingAs(): string {
    const partner = this.context?.partnerTier ? `${this.context.partnerName} (${this.context.partnerTier})` : this.context?.partnerName;
    return formatLabel(SUBMITTING_AS, partner, this.context?.submitterName);
  }

  get successMessage(): string {
    return formatLabel(SUCCESS_MESSAGE, this.result?.caseNumber, this.result?.status);
  }

  get submitLabel(): string {
    return this.submitting ? SUBMITTING : SUBMIT;
  }

  handleChange(event: CustomEvent<{ value?: unknown; checked?: boolean }>): void {
    const input = event.target as FormInput;
    const name = input.dataset.field as InputName;
    const value = name === 'consentConfirmed' ? event.detail.checked === true : event.detail.value;
    this.values = { ...this.values, [name]: name === 'estimatedDealSize' ? toNumber(value) : value };
    // A server message belongs to the value it was about; editing the field clears it.
    input.setCustomValidity('');
  }

  handleCheckedInputBlur(event: FocusEvent): void {
    const name = (event.target as FormInput).dataset.field as InputName;
    if (CHECKED_INPUTS.has(name)) {
      void this.checkConflicts();
    }
  }

  async checkConflicts(): Promise<void> {
    const { companyName, companyWebsite, contactEmail } = this.values;
    if (!companyName && !companyWebsite && !contactEmail) return;
    const sequence = ++this.checkSequence;
    this.checking = true;
    this.checkError = undefined;
    try {
      const hint = await checkForConflicts({ referral: this.values, recordId: this.recordId });
      if (sequence === this.checkSequence) this.hint = hint;
    } catch (error) {
      if (sequence === this.checkSequence) {
        this.hint = undefined;
        this.checkError = error;
      }
    } finally {
      if (sequence === this.checkSequence) this.checking = false;
    }
  }

  async handleSubmit(event: Event): Promise<void> {
    event.preventDefault();
    this.formError = undefined;
    this.submitError = undefined;
    if (!this.reportAllValid()) {
      this.formError = FIX_ERRORS;
      return;
    }
    this.submitting = true;
    try {
      const result = await submitReferral({ referral: this.values, recordId: this.recordId });
      if (result.success) {
        this.result = result;
      } else {
        this.showServerErrors(result);
      }
    } catch (error) {
      this.submitError = error;
    } finally {
      this.submitting = false;
    }
  }

  handleSubmitAnother(): void {
    this.values = {};
    this.hint = undefined;
    this.result = undefined;
    this.formError = undefined;
  }

  private inputs(): FormInput[] {
    return Array.from(this.template?.querySelectorAll<FormInput>('[data-field]') ?? []);
  }

  private reportAllValid(): boolean {
    let firstInvalid: FormInput | undefined;
    for (const input of this.inputs()) {
      if (!input.reportValidity() && !firstInvalid) firstInvalid = input;
    }
    firstInvalid?.focus();
    return !firstInvalid;
  }

  /** Puts each server message on the input it names; the rest goes above the form. */
  private showServerErrors(result: SubmissionResult): void {
    const inputsByName = new Map(this.inputs().map((input) => [input.dataset.field, input]));
    const unplaced: string[] = [];
    for (const fieldError of result.fieldErrors ?? []) {
      const input = fieldError.fieldName ? inputsByName.get(fieldError.fieldName) : undefined;
      if (input) {
        input.setCustomValidity(fieldError.message ?? '');
        input.reportValidity();
      } else if (fieldError.message) {
        unplaced.push(fieldError.message);
      }
    }
    const messages = [result.formError, ...unplaced].filter((message): message is string => !!message);
    this.formError = messages.length > 0 ? messages.join(' ') : FIX_ERRORS;
  }
}

function toNumber(value: unknown): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
