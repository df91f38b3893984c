import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import ConflictReviewQueue from 'c/conflictReviewQueue';
import getReviewQueue from '@salesforce/apex/ConflictReviewController.getReviewQueue';
import getPartnerOptions from '@salesforce/apex/ConflictReviewController.getPartnerOptions';
import getReviewDetail from '@salesforce/apex/ConflictReviewController.getReviewDetail';
import resolveConflict from '@salesforce/apex/ConflictReviewController.resolveConflict';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEventName } from 'lightning/platformShowToastEvent';

type ReviewQueueItem = Apex.ConflictReviewController.ReviewQueueItem;
type ReviewDetail = Apex.ConflictReviewController.ReviewDetail;
type Option = Apex.ConflictReviewController.Option;
type ResolutionResult = Apex.ConflictResolutionService.ResolutionResult;

interface WireAdapterMock {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): Record<string, unknown> | null;
}

function mockWire(): { default: unknown } {
  const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
  return { default: createApexTestWireAdapter(jest.fn()) };
}
jest.mock('@salesforce/apex/ConflictReviewController.getReviewQueue', () => mockWire(), { virtual: true });
jest.mock('@salesforce/apex/ConflictReviewController.getPartnerOptions', () => mockWire(), { virtual: true });
jest.mock('@salesforce/apex/ConflictReviewController.getReviewDetail', () => mockWire(), { virtual: true });
jest.mock('@salesforce/apex/ConflictReviewController.resolveConflict', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });

const QUEUE = jest.requireActual<ReviewQueueItem[]>('./data/getReviewQueue.json');
const QUEUE_EMPTY = jest.requireActual<ReviewQueueItem[]>('./data/getReviewQueueEmpty.json');
const PARTNER_OPTIONS = jest.requireActual<Option[]>('./data/getPartnerOptions.json');
const DETAIL = jest.requireActual<ReviewDetail>('./data/getReviewDetail.json');
const DETAIL_REFERRAL = jest.requireActual<ReviewDetail>('./data/getReviewDetailReferral.json');
const RESOLVED = jest.requireActual<ResolutionResult>('./data/resolveConflict.json');

const queueAdapter = getReviewQueue as unknown as WireAdapterMock;
const partnerAdapter = getPartnerOptions as unknown as WireAdapterMock;
const detailAdapter = getReviewDetail as unknown as WireAdapterMock;
const resolveMock = resolveConflict as unknown as jest.Mock;
const refreshMock = refreshApex as unknown as jest.Mock;

const APEX_ERROR_BODY = { message: 'Insufficient access to Channel_Conflict__c' };

function render(): LightningHTMLElement<ConflictReviewQueue> {
  const element = createElement('c-conflict-review-queue', { is: ConflictReviewQueue });
  document.body.appendChild(element);
  return element;
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function query<T extends HTMLElement = HTMLElement>(element: HTMLElement, selector: string): T | null {
  return element.shadowRoot!.querySelector<T>(selector);
}

function changeFilter(element: HTMLElement, selector: string, value: string): void {
  query(element, selector)!.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

async function renderLoaded(): Promise<LightningHTMLElement<ConflictReviewQueue>> {
  const element = render();
  queueAdapter.emit(QUEUE);
  partnerAdapter.emit(PARTNER_OPTIONS);
  await flush();
  detailAdapter.emit(DETAIL);
  await flush();
  return element;
}

const REQUEST = {
  recordId: 'a03000000000001AAA',
  action: 'AWARD',
  winningReferralId: 'a05000000000002AAA',
  splitReferralIds: null,
  reason: 'First approved registration with a meeting',
};

describe('c-conflict-review-queue', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows a spinner until the queue arrives', () => {
    const element = render();

    expect(query(element, 'lightning-spinner')).not.toBeNull();
  });

  it('asks for the unfiltered queue, lists it and opens the oldest item', async () => {
    const element = await renderLoaded();

    expect(queueAdapter.getLastConfig()).toEqual({ filter: {} });
    expect(query<HTMLElement & { items: unknown }>(element, 'c-conflict-queue-list')!.items).toEqual(QUEUE);
    expect(detailAdapter.getLastConfig()).toEqual({ recordId: 'a03000000000001AAA' });
    expect(query<HTMLElement & { detail: unknown }>(element, 'c-conflict-review-detail')!.detail).toEqual(DETAIL);
  });

  it('offers every partner plus "all" in the partner filter', async () => {
    const element = await renderLoaded();

    const options = query<HTMLElement & { options: Array<{ value: string }> }>(element, '.filter-partner')!.options;
    expect(options.map((option) => option.value)).toEqual(['', 'a01000000000002AAA', 'a01000000000003AAA', 'a01000000000001AAA']);
  });

  it('filters by partner, type and age through the queue wire', async () => {
    const element = await renderLoaded();
    changeFilter(element, '.filter-partner', 'a01000000000002AAA');
    await flush();
    expect(queueAdapter.getLastConfig()).toEqual({ filter: { partnerId: 'a01000000000002AAA', reviewType: null, minAgeDays: null } });

    changeFilter(element, '.filter-type', 'Partner vs Partner');
    await flush();
    expect(queueAdapter.getLastConfig()).toEqual({
      filter: { partnerId: 'a01000000000002AAA', reviewType: 'Partner vs Partner', minAgeDays: null },
    });

    changeFilter(element, '.filter-age', '7');
    changeFilter(element, '.filter-partner', '');
    await flush();
    expect(queueAdapter.getLastConfig()).toEqual({ filter: { partnerId: null, reviewType: 'Partner vs Partner', minAgeDays: 7 } });
  });

  it('opens the item the user selects', async () => {
    const element = await renderLoaded();
    query(element, 'c-conflict-queue-list')!.dispatchEvent(new CustomEvent('select', { detail: { recordId: 'a05000000000007AAA' } }));
    await flush();
    detailAdapter.emit(DETAIL_REFERRAL);
    await flush();

    expect(detailAdapter.getLastConfig()).toEqual({ recordId: 'a05000000000007AAA' });
    expect(query<HTMLElement & { selectedId: string }>(element, 'c-conflict-queue-list')!.selectedId).toBe('a05000000000007AAA');
    expect(query<HTMLElement & { detail: unknown }>(element, 'c-conflict-review-detail')!.detail).toEqual(DETAIL_REFERRAL);
  });

  it('shows the empty state when nothing needs review', async () => {
    const element = render();
    queueAdapter.emit(QUEUE_EMPTY);
    await flush();

    expect(query(element, '.empty')).not.toBeNull();
    expect(query(element, 'c-conflict-queue-list')).toBeNull();
    expect(query(element, 'c-conflict-review-detail')).toBeNull();
  });

  it('shows the shared error panel when the queue cannot be loaded', async () => {
    const element = render();
    queueAdapter.error(APEX_ERROR_BODY);
    await flush();

    const panel = query<HTMLElement & { friendlyMessage: string }>(element, 'c-error-panel.queue-error')!;
    expect(panel.friendlyMessage).toBe('c.Review_Queue_Error');
    expect(query(element, 'lightning-spinner')).toBeNull();
  });

  it('shows the shared error panel when the selected item cannot be loaded', async () => {
    const element = render();
    queueAdapter.emit(QUEUE);
    await flush();
    detailAdapter.error(APEX_ERROR_BODY);
    await flush();

    expect(query<HTMLElement & { friendlyMessage: string }>(element, 'c-error-panel.detail-error')!.friendlyMessage).toBe(
      'c.Review_Detail_Error',
    );
  });

  it('applies the decision through Apex, confirms it and refreshes queue and detail', async () => {
    resolveMock.mockResolvedValue(RESOLVED);
    const element = await renderLoaded();
    const toast = jest.fn();
    element.addEventListener(ShowToastEventName, toast);

    query(element, 'c-conflict-review-detail')!.dispatchEvent(new CustomEvent('resolve', { detail: REQUEST }));
    await flush();

    expect(resolveMock).toHaveBeenCalledWith({ request: REQUEST });
    expect(toast).toHaveBeenCalledTimes(1);
    expect((toast.mock.calls[0][0] as CustomEvent<{ variant: string }>).detail.variant).toBe('success');
    expect(refreshMock).toHaveBeenCalledTimes(2);
    expect(query<HTMLElement & { saving: boolean }>(element, 'c-conflict-review-detail')!.saving).toBe(false);
  });

  it('keeps the conflict open and shows why when the decision fails', async () => {
    resolveMock.mockRejectedValue({ body: { message: 'CON-00001 has already been resolved.' }, status: 400 });
    const element = await renderLoaded();
    const toast = jest.fn();
    element.addEventListener(ShowToastEventName, toast);

    query(element, 'c-conflict-review-detail')!.dispatchEvent(new CustomEvent('resolve', { detail: REQUEST }));
    await flush();

    expect((toast.mock.calls[0][0] as CustomEvent<{ variant: string; message: string }>).detail).toMatchObject({
      variant: 'error',
      message: 'CON-00001 has already been resolved.',
    });
    expect(query(element, 'c-error-panel.resolve-error')).not.toBeNull();
    expect(refreshMock).not.toHaveBeenCalled();
  });

  it('is accessible with the queue and a conflict open', async () => {
    const element = await renderLoaded();

    await expect(element).toBeAccessible();
  });
});
