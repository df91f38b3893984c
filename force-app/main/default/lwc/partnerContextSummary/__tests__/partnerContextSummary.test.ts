import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import PartnerContextSummary from 'c/partnerContextSummary';

type PartnerContext = Apex.PartnerContextController.PartnerContext;
type PartnerSummary = Apex.PartnerContextController.PartnerSummary;

jest.mock('@salesforce/label/c.Context_Protection_Days_Left', () => ({ default: 'Protected: {0} days left' }), { virtual: true });
jest.mock('@salesforce/label/c.Context_Protection_Ended', () => ({ default: 'Protection ended {0} days ago' }), { virtual: true });
jest.mock('@salesforce/label/c.Context_Overlap_Line', () => ({ default: 'Us: {0} · Partner: {1}' }), { virtual: true });

const CONTEXT = jest.requireActual<PartnerContext>('./data/getPartnerContext.json');
const [SOURCING_PARTNER, INFLUENCING_PARTNER] = CONTEXT.partners as PartnerSummary[];

function render(partner: PartnerSummary | null): LightningHTMLElement<PartnerContextSummary> {
  const element = createElement('c-partner-context-summary', { is: PartnerContextSummary });
  element.partner = partner;
  document.body.appendChild(element);
  return element;
}

function texts(element: HTMLElement, selector: string): Array<string | null> {
  return Array.from(element.shadowRoot!.querySelectorAll<HTMLElement & { label?: string }>(selector)).map(
    (node) => node.label ?? node.textContent,
  );
}

describe('c-partner-context-summary', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('names the partner and its roles, most significant first', () => {
    const element = render(SOURCING_PARTNER!);

    expect(element.shadowRoot!.querySelector('.partner-heading')!.textContent).toBe('Northwind Partners · Gold');
    expect(texts(element, '.role')).toEqual(['c.Attribution_Role_Sourced', 'c.Context_Role_Referred', 'c.Context_Role_Overlap']);
    expect(element.shadowRoot!.querySelector('.strategic')).toBeNull();
  });

  it('shows the overlap populations on both sides and how they matched', () => {
    const element = render(SOURCING_PARTNER!);

    expect(element.shadowRoot!.querySelector('.overlap')!.textContent).toContain('Us: Open Opportunity · Partner: Customer');
  });

  it('shows the referral status and the protection window with days left', () => {
    const element = render(SOURCING_PARTNER!);

    expect(element.shadowRoot!.querySelector('.referral-status')!.textContent).toBe('Approved');
    expect(element.shadowRoot!.querySelector('.protection')!.textContent).toContain('Protected: 116 days left');
    expect(element.shadowRoot!.querySelector('.overdue')).toBeNull();
  });

  it('shows an ended window and an overdue decision', () => {
    const element = render(INFLUENCING_PARTNER!);

    expect(element.shadowRoot!.querySelector('.protection')!.textContent).toContain('Protection ended 23 days ago');
    expect(element.shadowRoot!.querySelector('.overdue')).not.toBeNull();
    expect(element.shadowRoot!.querySelector('.strategic')).not.toBeNull();
  });

  it('gives the partner contact and a mail link to the partner manager', () => {
    const element = render(SOURCING_PARTNER!);

    expect(element.shadowRoot!.querySelector('.contact')!.textContent).toContain('Priya Shah');
    const link = element.shadowRoot!.querySelector<HTMLAnchorElement>('.manager a')!;
    expect(link.getAttribute('href')).toBe('mailto:morgan.manager@vendor.example');
    expect(link.textContent).toBe('Morgan Manager');
  });

  it('names the manager without a link when there is no email', () => {
    const element = render(INFLUENCING_PARTNER!);

    expect(element.shadowRoot!.querySelector('.manager a')).toBeNull();
    expect(element.shadowRoot!.querySelector('.manager')!.textContent).toContain('Jamie Channel');
  });

  it('renders nothing without a partner', () => {
    const element = render(null);

    expect(element.shadowRoot!.querySelector('article')).toBeNull();
  });

  it('is accessible', async () => {
    const element = render(SOURCING_PARTNER!);

    await expect(element).toBeAccessible();
  });
});
