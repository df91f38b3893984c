import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import ReferralConflictHint from 'c/referralConflictHint';

type ConflictHint = Apex.ReferralIntakeController.ConflictHint;

const HINT_WARNING = jest.requireActual<ConflictHint>('./data/checkForConflictsWarning.json');
const HINT_COUNTS_ONLY = jest.requireActual<ConflictHint>('./data/checkForConflictsCountsOnly.json');
const HINT_NONE = jest.requireActual<ConflictHint>('./data/checkForConflictsNone.json');

function render(properties: { hint?: ConflictHint | null; checking?: boolean }): LightningHTMLElement<ReferralConflictHint> {
  const element = createElement('c-referral-conflict-hint', { is: ReferralConflictHint });
  Object.assign(element, properties);
  document.body.appendChild(element);
  return element;
}

function query(element: HTMLElement, selector: string): HTMLElement | null {
  return element.shadowRoot!.querySelector<HTMLElement>(selector);
}

describe('c-referral-conflict-hint', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows the warning message and every partner-safe detail', () => {
    const element = render({ hint: HINT_WARNING });

    expect(query(element, '.hint-message')!.textContent).toBe(HINT_WARNING.message);
    const details = Array.from(element.shadowRoot!.querySelectorAll('.hint-details li')).map((item) => item.textContent);
    expect(details).toEqual(HINT_WARNING.details);
    expect(query(element, '.slds-alert_warning')).not.toBeNull();
  });

  it('shows only the count message when the sharing level allows counts only', () => {
    const element = render({ hint: HINT_COUNTS_ONLY });

    expect(query(element, '.hint-message')!.textContent).toBe(HINT_COUNTS_ONLY.message);
    expect(query(element, '.hint-details')).toBeNull();
  });

  it('shows nothing when there is no match (empty)', () => {
    const element = render({ hint: HINT_NONE });

    expect(query(element, '.hint-message')).toBeNull();
  });

  it('shows nothing before a check has run', () => {
    const element = render({ hint: null });

    expect(query(element, '[role="status"]')).toBeNull();
    expect(query(element, '.checking')).toBeNull();
  });

  it('says a check is running instead of showing an older hint', () => {
    const element = render({ hint: HINT_WARNING, checking: true });

    expect(query(element, '.checking')).not.toBeNull();
    expect(query(element, '.hint-message')).toBeNull();
  });

  it('is accessible', async () => {
    const element = render({ hint: HINT_WARNING });

    await expect(element).toBeAccessible();
  });
});
