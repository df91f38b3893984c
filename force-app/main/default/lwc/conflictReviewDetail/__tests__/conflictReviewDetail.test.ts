import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import ConflictReviewDetail from 'c/conflictReviewDetail';

type ReviewDetail = Apex.ConflictReviewController.ReviewDetail;

interface ValidatableElement extends HTMLElement {
  reportValidity(): boolean;
}

const DETAIL = jest.requireActual<ReviewDetail>('./data/getReviewDetail.json');
const DETAIL_REFERRAL = jest.requireActual<ReviewDetail>('./data/getReviewDetailReferral.json');
const DETAIL_RESOLVED = jest.requireActual<ReviewDetail>('./data/getReviewDetailResolved.json');

function render(detail: ReviewDetail | null): LightningHTMLElement<ConflictReviewDetail> {
  const element = createElement('c-conflict-review-detail', { is: ConflictReviewDetail });
  element.detail = detail;
  document.body.appendChild(element);
  return element;
}

const flush = (): Promise<void> => Promise.resolve();

function query<T extends HTMLElement = HTMLElement>(element: HTMLElement, selector: string): T | null {
  return element.shadowRoot!.querySelector<T>(selector);
}

function change(element: HTMLElement, selector: string, value: unknown): void {
  query(element, selector)!.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function validInputs(element: HTMLElement): void {
  element.shadowRoot!.querySelectorAll<ValidatableElement>('.decision-input').forEach((input) => {
    input.reportValidity = jest.fn(() => true);
  });
}

async function decide(element: HTMLElement, steps: Array<[string, unknown]>): Promise<jest.Mock> {
  const handler = jest.fn();
  element.addEventListener('resolve', handler);
  // One step at a time: an input (winner, split) only renders after the action that shows it.
  await steps.reduce(
    (previous, [selector, value]) =>
      previous.then(() => {
        change(element, selector, value);
        return flush();
      }),
    Promise.resolve(),
  );
  validInputs(element);
  query(element, 'lightning-button.apply')!.click();
  await flush();
  return handler;
}

describe('c-conflict-review-detail', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows the competing submissions side by side', () => {
    const element = render(DETAIL);

    const headings = Array.from(element.shadowRoot!.querySelectorAll('.submission-heading')).map((node) => node.textContent);
    expect(headings).toEqual(['REF-000001 · Northwind Partners · Gold', 'REF-000002 · Contoso Resellers · Platinum']);
    expect(query(element, '.overdue')).not.toBeNull();
  });

  it('shows the direct-sales history and the evidence in the user time zone', () => {
    const element = render(DETAIL);

    expect(query(element, '.direct-owner')!.textContent).toBe('c.Review_Direct_Owner');
    expect(element.shadowRoot!.querySelectorAll('.open-opportunity')).toHaveLength(1);
    const timeline = query<HTMLElement & { entries: unknown; timeZone: string }>(element, 'c-evidence-timeline')!;
    expect(timeline.entries).toEqual(DETAIL.timeline);
    expect(timeline.timeZone).toBe('Europe/London');
    const times = Array.from(element.shadowRoot!.querySelectorAll<HTMLElement & { timeZone: string }>('lightning-formatted-date-time'));
    expect(new Set(times.map((time) => time.timeZone))).toEqual(new Set(['Europe/London']));
    expect(query(element, '.evidence-notes li')!.textContent).toBe('Domain match: globex.example (score 1.0)');
  });

  it('offers every available action, the split only for conflicts with two submissions', () => {
    const element = render(DETAIL);

    const actions = query<HTMLElement & { options: Array<{ value: string }> }>(element, '.action')!;
    expect(actions.options.map((option) => option.value)).toEqual(['AWARD', 'SPLIT', 'KEEP_DIRECT', 'REJECT_ALL', 'NOT_A_CONFLICT']);
  });

  it('uses referral wording for a referral reviewed on its own (no split)', () => {
    const element = render(DETAIL_REFERRAL);

    const actions = query<HTMLElement & { options: Array<{ value: string; label: string }> }>(element, '.action')!;
    expect(actions.options).toEqual([
      { label: 'c.Review_Action_Award_Referral', value: 'AWARD' },
      { label: 'c.Review_Action_Keep_Direct', value: 'KEEP_DIRECT' },
      { label: 'c.Review_Action_Reject_Referral', value: 'REJECT_ALL' },
      { label: 'c.Review_Action_Not_A_Conflict_Referral', value: 'NOT_A_CONFLICT' },
    ]);
    expect(query(element, '.no-opportunities')).not.toBeNull();
  });

  it('emits an award with the winning submission and the reason', async () => {
    const element = render(DETAIL);
    const handler = await decide(element, [
      ['.action', 'AWARD'],
      ['.winner', 'a05000000000002AAA'],
      ['.reason', '  First approved registration with a meeting inside 14 days.  '],
    ]);

    expect(handler).toHaveBeenCalledTimes(1);
    expect((handler.mock.calls[0][0] as CustomEvent).detail).toEqual({
      recordId: 'a03000000000001AAA',
      action: 'AWARD',
      winningReferralId: 'a05000000000002AAA',
      splitReferralIds: null,
      reason: 'First approved registration with a meeting inside 14 days.',
    });
  });

  it('emits a split with the submissions that share the deal', async () => {
    const element = render(DETAIL);
    const handler = await decide(element, [
      ['.action', 'SPLIT'],
      ['.split', ['a05000000000001AAA', 'a05000000000002AAA']],
      ['.reason', 'Different solutions'],
    ]);

    expect((handler.mock.calls[0][0] as CustomEvent).detail).toEqual({
      recordId: 'a03000000000001AAA',
      action: 'SPLIT',
      winningReferralId: null,
      splitReferralIds: ['a05000000000001AAA', 'a05000000000002AAA'],
      reason: 'Different solutions',
    });
  });

  it.each(['KEEP_DIRECT', 'REJECT_ALL', 'NOT_A_CONFLICT'])('emits %s with its reason and no winners', async (action) => {
    const element = render(DETAIL);
    const handler = await decide(element, [
      ['.action', action],
      ['.reason', 'Reviewed the evidence'],
    ]);

    expect((handler.mock.calls[0][0] as CustomEvent).detail).toEqual({
      recordId: 'a03000000000001AAA',
      action,
      winningReferralId: null,
      splitReferralIds: null,
      reason: 'Reviewed the evidence',
    });
  });

  it.each([
    ['no action', [['.reason', 'A reason']], 'c.Review_Error_Action_Required'],
    ['no reason', [['.action', 'REJECT_ALL']], 'c.Common_Reason_Required'],
    [
      'a blank reason',
      [
        ['.action', 'REJECT_ALL'],
        ['.reason', '   '],
      ],
      'c.Common_Reason_Required',
    ],
    [
      'an award without a winner',
      [
        ['.action', 'AWARD'],
        ['.reason', 'A reason'],
      ],
      'c.Review_Error_Winner_Required',
    ],
    [
      'a split of one',
      [
        ['.action', 'SPLIT'],
        ['.split', ['a05000000000001AAA']],
        ['.reason', 'A reason'],
      ],
      'c.Review_Error_Split_Needs_Two',
    ],
  ] as Array<[string, Array<[string, unknown]>, string]>)('refuses %s and says why', async (_case, steps, message) => {
    const element = render(DETAIL);
    const handler = await decide(element, steps);

    expect(handler).not.toHaveBeenCalled();
    expect(query(element, '.form-error')!.textContent).toBe(message);
  });

  it('does not emit while a base input reports itself invalid', async () => {
    const element = render(DETAIL);
    const handler = jest.fn();
    element.addEventListener('resolve', handler);
    change(element, '.action', 'REJECT_ALL');
    change(element, '.reason', 'A reason');
    await flush();
    element.shadowRoot!.querySelectorAll<ValidatableElement>('.decision-input').forEach((input) => {
      input.reportValidity = jest.fn(() => false);
    });
    query(element, 'lightning-button.apply')!.click();
    await flush();

    expect(handler).not.toHaveBeenCalled();
  });

  it('disables the apply button while saving', async () => {
    const element = render(DETAIL);
    element.saving = true;
    await flush();

    expect(query<HTMLElement & { disabled: boolean }>(element, 'lightning-button.apply')!.disabled).toBe(true);
  });

  it('starts an empty decision when another record is shown', async () => {
    const element = render(DETAIL);
    change(element, '.action', 'SPLIT');
    await flush();
    element.detail = DETAIL_REFERRAL;
    await flush();

    expect(query<HTMLElement & { value: unknown }>(element, '.action')!.value).toBeUndefined();
    expect(query(element, '.split')).toBeNull();
  });

  it('shows a resolved conflict read-only with its resolution and reason', () => {
    const element = render(DETAIL_RESOLVED);

    expect(query(element, '.resolved-title')!.textContent).toBe('c.Review_Resolved_Title');
    expect(query(element, '.resolution-reason')!.textContent).toBe(DETAIL_RESOLVED.resolutionReason);
    expect(query(element, '.action')).toBeNull();
    expect(query(element, 'lightning-button.apply')).toBeNull();
  });

  it('renders nothing without a detail', () => {
    const element = render(null);

    expect(query(element, 'article')).toBeNull();
  });

  it('is accessible with the decision form open', async () => {
    const element = render(DETAIL);
    change(element, '.action', 'AWARD');
    await flush();

    await expect(element).toBeAccessible();
  });
});
