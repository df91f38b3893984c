import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import PartnerReferralIntake from 'c/partnerReferralIntake';
import getIntakeContext from '@salesforce/apex/ReferralIntakeController.getIntakeContext';
import checkForConflicts from '@salesforce/apex/ReferralIntakeController.checkForConflicts';
import submitReferral from '@salesforce/apex/ReferralIntakeController.submitReferral';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';

type IntakeContext = Apex.ReferralIntakeController.IntakeContext;
type ConflictHint = Apex.ReferralIntakeController.ConflictHint;
type SubmissionResult = Apex.ReferralIntakeController.SubmissionResult;

interface WireAdapterMock {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): Record<string, unknown> | null;
}
interface ValidatableElement extends HTMLElement {
  reportValidity(): boolean;
  setCustomValidity(message: string): void;
}

jest.mock(
  '@salesforce/apex/ReferralIntakeController.getIntakeContext',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true },
);
jest.mock('@salesforce/label/c.Intake_Submitting_As', () => ({ default: 'Submitting for {0} as {1}' }), { virtual: true });
jest.mock('@salesforce/label/c.Intake_Success_Message', () => ({ default: 'Case {0}, status {1}.' }), { virtual: true });
jest.mock('@salesforce/apex/ReferralIntakeController.checkForConflicts', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ReferralIntakeController.submitReferral', () => ({ default: jest.fn() }), { virtual: true });

const CONTEXT = jest.requireActual<IntakeContext>('./data/getIntakeContext.json');
const CONTEXT_NO_PARTNER = jest.requireActual<IntakeContext>('./data/getIntakeContextNoPartner.json');
const HINT_WARNING = jest.requireActual<ConflictHint>('./data/checkForConflictsWarning.json');
const HINT_NONE = jest.requireActual<ConflictHint>('./data/checkForConflictsNone.json');
const SUBMIT_SUCCESS = jest.requireActual<SubmissionResult>('./data/submitReferralSuccess.json');
const SUBMIT_FIELD_ERRORS = jest.requireActual<SubmissionResult>('./data/submitReferralFieldErrors.json');
const OBJECT_INFO = jest.requireActual<object>('./data/getObjectInfo.json');
const PICKLIST_VALUES = jest.requireActual<object>('./data/getPicklistValues.json');

const contextAdapter = getIntakeContext as unknown as WireAdapterMock;
const objectInfoAdapter = getObjectInfo as unknown as WireAdapterMock;
const picklistAdapter = getPicklistValues as unknown as WireAdapterMock;
const checkMock = checkForConflicts as unknown as jest.Mock;
const submitMock = submitReferral as unknown as jest.Mock;

const APEX_ERROR = { body: { message: 'Insufficient access to Partner_Referral__c' }, status: 500, statusText: 'Server Error' };

function render(recordId?: string): LightningHTMLElement<PartnerReferralIntake> {
  const element = createElement('c-partner-referral-intake', { is: PartnerReferralIntake });
  if (recordId) element.recordId = recordId;
  document.body.appendChild(element);
  return element;
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function shadow(element: HTMLElement): ShadowRoot {
  return element.shadowRoot!;
}

function field<T extends HTMLElement = ValidatableElement>(element: HTMLElement, name: string): T {
  return shadow(element).querySelector<T>(`[data-field="${name}"]`)!;
}

function type(element: HTMLElement, name: string, value: unknown): void {
  const input = field(element, name);
  const detail = name === 'consentConfirmed' ? { checked: value } : { value };
  input.dispatchEvent(new CustomEvent('change', { detail }));
}

function fillRequired(element: HTMLElement): void {
  type(element, 'contactFirstName', 'Ada');
  type(element, 'contactLastName', 'Lovelace');
  type(element, 'contactEmail', 'ada@globex.example');
  type(element, 'companyName', 'Globex Corporation');
  type(element, 'consentConfirmed', true);
}

/** The stubs of lightning-input & co. do not validate; each test says what validity to report. */
function reportValidityAs(element: HTMLElement, invalidField?: string): void {
  shadow(element)
    .querySelectorAll<ValidatableElement>('[data-field]')
    .forEach((input) => {
      input.reportValidity = jest.fn(() => input.dataset.field !== invalidField);
      input.setCustomValidity = jest.fn();
    });
}

function clickSubmit(element: HTMLElement): void {
  shadow(element).querySelector<HTMLElement>('lightning-button.submit')!.click();
}

async function renderReady(): Promise<LightningHTMLElement<PartnerReferralIntake>> {
  const element = render();
  contextAdapter.emit(CONTEXT);
  objectInfoAdapter.emit(OBJECT_INFO);
  picklistAdapter.emit(PICKLIST_VALUES);
  await flush();
  return element;
}

describe('c-partner-referral-intake', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows a spinner until the intake context arrives', () => {
    const element = render();
    expect(shadow(element).querySelector('lightning-spinner')).not.toBeNull();
  });

  it('asks the context for the page record and shows who submits for which partner', async () => {
    const element = render('a01000000000001AAA');
    contextAdapter.emit(CONTEXT);
    await flush();

    expect(contextAdapter.getLastConfig()).toEqual({ recordId: 'a01000000000001AAA' });
    expect(shadow(element).querySelector('.submitting-as')!.textContent).toBe('Submitting for Northwind Partners (Gold) as Priya Shah');
    expect(shadow(element).querySelector('lightning-spinner')).toBeNull();
    expect(field(element, 'contactFirstName')).not.toBeNull();
    expect(field<HTMLElement & { required: boolean }>(element, 'companyName').required).toBe(true);
  });

  it('loads the timeline options through the object info and picklist wires', async () => {
    const element = await renderReady();

    expect(objectInfoAdapter.getLastConfig()).toEqual({ objectApiName: { objectApiName: 'Partner_Referral__c' } });
    expect(picklistAdapter.getLastConfig()).toEqual({
      recordTypeId: '012000000000000AAA',
      fieldApiName: { objectApiName: 'Partner_Referral__c', fieldApiName: 'Timeline__c' },
    });
    const timeline = field<HTMLElement & { options: Array<{ value: string }> }>(element, 'timeline');
    expect(timeline.options.map((option) => option.value)).toEqual(['Immediate', 'This Quarter', 'Unknown']);
  });

  it('explains, instead of a form, when the user is linked to no partner (empty state)', async () => {
    const element = render();
    contextAdapter.emit(CONTEXT_NO_PARTNER);
    await flush();

    expect(shadow(element).querySelector('.no-partner')).not.toBeNull();
    expect(shadow(element).querySelector('[data-field]')).toBeNull();
  });

  it('shows the shared error panel when the context cannot be loaded', async () => {
    const element = render();
    contextAdapter.error(APEX_ERROR.body, 500, 'Server Error');
    await flush();

    const panel = shadow(element).querySelector<HTMLElement & { errors: unknown; friendlyMessage: string }>('c-error-panel')!;
    expect(panel).not.toBeNull();
    expect(panel.friendlyMessage).toBe('c.Intake_Error_Load');
    expect(shadow(element).querySelector('[data-field]')).toBeNull();
  });

  it('checks for duplicates when the company, website or email loses focus and shows the hint', async () => {
    checkMock.mockResolvedValue(HINT_WARNING);
    const element = await renderReady();
    type(element, 'companyName', 'Globex Corporation');
    type(element, 'companyWebsite', 'https://www.globex.example');
    field(element, 'companyWebsite').dispatchEvent(new CustomEvent('blur'));
    await flush();

    expect(checkMock).toHaveBeenCalledTimes(1);
    expect(checkMock).toHaveBeenCalledWith({
      referral: { companyName: 'Globex Corporation', companyWebsite: 'https://www.globex.example' },
      recordId: undefined,
    });
    const hint = shadow(element).querySelector<HTMLElement & { hint: ConflictHint }>('c-referral-conflict-hint')!;
    expect(hint.hint).toEqual(HINT_WARNING);
  });

  it('does not check while nothing identifying has been typed, nor on other fields', async () => {
    const element = await renderReady();
    field(element, 'companyName').dispatchEvent(new CustomEvent('blur'));
    type(element, 'contactFirstName', 'Ada');
    field(element, 'contactFirstName').dispatchEvent(new CustomEvent('blur'));
    await flush();

    expect(checkMock).not.toHaveBeenCalled();
  });

  it('keeps only the newest duplicate check answer', async () => {
    let resolveFirst: (hint: ConflictHint) => void = () => undefined;
    checkMock.mockReturnValueOnce(new Promise((resolve) => (resolveFirst = resolve))).mockResolvedValueOnce(HINT_NONE);
    const element = await renderReady();
    type(element, 'companyName', 'Globex');
    field(element, 'companyName').dispatchEvent(new CustomEvent('blur'));
    type(element, 'contactEmail', 'ada@initech.example');
    field(element, 'contactEmail').dispatchEvent(new CustomEvent('blur'));
    await flush();
    resolveFirst(HINT_WARNING);
    await flush();

    const hint = shadow(element).querySelector<HTMLElement & { hint: ConflictHint }>('c-referral-conflict-hint')!;
    expect(hint.hint).toEqual(HINT_NONE);
  });

  it('says the duplicate check is unavailable when it fails, and still lets the partner submit', async () => {
    checkMock.mockRejectedValue(APEX_ERROR);
    const element = await renderReady();
    type(element, 'companyName', 'Globex');
    field(element, 'companyName').dispatchEvent(new CustomEvent('blur'));
    await flush();

    expect(shadow(element).querySelector('.check-error')).not.toBeNull();
    expect(shadow(element).querySelector<HTMLElement & { disabled: boolean }>('lightning-button.submit')!.disabled).toBe(false);
  });

  it('does not submit while a field is invalid and says so', async () => {
    const element = await renderReady();
    reportValidityAs(element, 'contactEmail');
    clickSubmit(element);
    await flush();

    expect(submitMock).not.toHaveBeenCalled();
    expect(shadow(element).querySelector('.form-error')!.textContent).toBe('c.Intake_Fix_Errors');
  });

  it('submits every value and shows the case number and status', async () => {
    submitMock.mockResolvedValue(SUBMIT_SUCCESS);
    const element = await renderReady();
    fillRequired(element);
    type(element, 'contactPhone', '+44 20 7946 0958');
    type(element, 'contactTitle', 'CTO');
    type(element, 'companyWebsite', 'globex.example');
    type(element, 'estimatedDealSize', '25000');
    type(element, 'timeline', 'This Quarter');
    type(element, 'useCase', 'Consolidate partner data');
    type(element, 'howMet', 'Met at our partner summit');
    type(element, 'additionalNotes', 'Budget approved');
    reportValidityAs(element);
    clickSubmit(element);
    await flush();

    expect(submitMock).toHaveBeenCalledWith({
      referral: {
        contactFirstName: 'Ada',
        contactLastName: 'Lovelace',
        contactEmail: 'ada@globex.example',
        companyName: 'Globex Corporation',
        consentConfirmed: true,
        contactPhone: '+44 20 7946 0958',
        contactTitle: 'CTO',
        companyWebsite: 'globex.example',
        estimatedDealSize: 25000,
        timeline: 'This Quarter',
        useCase: 'Consolidate partner data',
        howMet: 'Met at our partner summit',
        additionalNotes: 'Budget approved',
      },
      recordId: undefined,
    });
    expect(shadow(element).querySelector('.success-message')!.textContent).toBe('Case REF-000042, status Submitted.');
    expect(shadow(element).querySelector('[data-field]')).toBeNull();
  });

  it('puts server errors on the field they name and the rest above the form', async () => {
    submitMock.mockResolvedValue(SUBMIT_FIELD_ERRORS);
    const element = await renderReady();
    fillRequired(element);
    reportValidityAs(element);
    clickSubmit(element);
    await flush();

    expect(field(element, 'contactEmail').setCustomValidity).toHaveBeenCalledWith('Enter a valid email address, like name@company.com.');
    expect(shadow(element).querySelector('.form-error')!.textContent).toBe('A validation rule rejected the referral.');
    expect(shadow(element).querySelector('.confirmation')).toBeNull();
  });

  it('shows the shared error panel when the submission fails', async () => {
    submitMock.mockRejectedValue(APEX_ERROR);
    const element = await renderReady();
    fillRequired(element);
    reportValidityAs(element);
    clickSubmit(element);
    await flush();

    const panel = shadow(element).querySelector<HTMLElement & { friendlyMessage: string }>('c-error-panel')!;
    expect(panel.friendlyMessage).toBe('c.Intake_Error_Submit');
  });

  it('starts a fresh form after "refer another customer"', async () => {
    submitMock.mockResolvedValue(SUBMIT_SUCCESS);
    const element = await renderReady();
    fillRequired(element);
    reportValidityAs(element);
    clickSubmit(element);
    await flush();
    shadow(element).querySelector<HTMLElement>('lightning-button.submit-another')!.click();
    await flush();

    expect(shadow(element).querySelector('.confirmation')).toBeNull();
    expect(field<HTMLElement & { value: unknown }>(element, 'companyName').value).toBeUndefined();
  });

  it('is accessible with the form and a hint showing', async () => {
    checkMock.mockResolvedValue(HINT_WARNING);
    const element = await renderReady();
    type(element, 'companyName', 'Globex');
    field(element, 'companyName').dispatchEvent(new CustomEvent('blur'));
    await flush();

    await expect(element).toBeAccessible();
  });

  it('is accessible after submitting', async () => {
    submitMock.mockResolvedValue(SUBMIT_SUCCESS);
    const element = await renderReady();
    fillRequired(element);
    reportValidityAs(element);
    clickSubmit(element);
    await flush();

    await expect(element).toBeAccessible();
  });
});
