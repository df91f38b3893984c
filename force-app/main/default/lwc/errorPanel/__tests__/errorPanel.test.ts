import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import ErrorPanel from 'c/errorPanel';

const APEX_ERROR = { status: 500, statusText: 'Server Error', body: { message: 'Referral a0B000000000001 is locked.' } };

function renderPanel(properties: Partial<Pick<ErrorPanel, 'errors' | 'friendlyMessage'>>): LightningHTMLElement<ErrorPanel> {
  const element = createElement('c-error-panel', { is: ErrorPanel });
  Object.assign(element, properties);
  document.body.appendChild(element);
  return element;
}

function query<T extends Element>(element: HTMLElement, selector: string): T | null {
  return element.shadowRoot!.querySelector<T>(selector);
}

describe('c-error-panel', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows the friendly message and hides the details until asked', async () => {
    const element = renderPanel({ errors: APEX_ERROR, friendlyMessage: 'Could not load the referral.' });

    expect(query(element, '.friendly-message')?.textContent).toBe('Could not load the referral.');
    expect(query(element, '.error-details')).toBeNull();

    query<HTMLButtonElement>(element, 'button.toggle-details')!.click();
    await Promise.resolve();

    const details = Array.from(element.shadowRoot!.querySelectorAll('.error-details li')).map((item) => item.textContent);
    expect(details).toEqual(['Referral a0B000000000001 is locked.']);
    expect(query(element, 'button.toggle-details')?.getAttribute('aria-expanded')).toBe('true');
  });

  it('offers no details toggle when the errors carry no message', () => {
    const element = renderPanel({ errors: [undefined, null] });

    expect(query(element, 'button.toggle-details')).toBeNull();
  });

  it('is accessible with the details open', async () => {
    const element = renderPanel({ errors: [APEX_ERROR, new Error('Network unreachable')] });
    query<HTMLButtonElement>(element, 'button.toggle-details')!.click();
    await Promise.resolve();

    await expect(element).toBeAccessible();
  });
});
