import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import PartnerContextCard from 'c/partnerContextCard';
import getPartnerContext from '@salesforce/apex/PartnerContextController.getPartnerContext';

type PartnerContext = Apex.PartnerContextController.PartnerContext;

interface WireAdapterMock {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): Record<string, unknown> | null;
}

jest.mock(
  '@salesforce/apex/PartnerContextController.getPartnerContext',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true },
);

const CONTEXT = jest.requireActual<PartnerContext>('./data/getPartnerContext.json');
const CONTEXT_EMPTY = jest.requireActual<PartnerContext>('./data/getPartnerContextEmpty.json');
const contextAdapter = getPartnerContext as unknown as WireAdapterMock;
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function render(recordId = '006000000000001AAA'): LightningHTMLElement<PartnerContextCard> {
  const element = createElement('c-partner-context-card', { is: PartnerContextCard });
  element.recordId = recordId;
  document.body.appendChild(element);
  return element;
}

describe('c-partner-context-card', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows a spinner until the context arrives', () => {
    const element = render();

    expect(element.shadowRoot!.querySelector('lightning-spinner')).not.toBeNull();
  });

  it('asks for the page record and shows one summary per partner, in the order given', async () => {
    const element = render('001000000000001AAA');
    contextAdapter.emit(CONTEXT);
    await flush();

    expect(contextAdapter.getLastConfig()).toEqual({ recordId: '001000000000001AAA' });
    const summaries = Array.from(element.shadowRoot!.querySelectorAll<HTMLElement & { partner: unknown }>('c-partner-context-summary'));
    expect(summaries.map((summary) => summary.partner)).toEqual(CONTEXT.partners);
    expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
  });

  it('shows the empty state when no partner is involved', async () => {
    const element = render();
    contextAdapter.emit(CONTEXT_EMPTY);
    await flush();

    expect(element.shadowRoot!.querySelector('.empty')).not.toBeNull();
    expect(element.shadowRoot!.querySelector('c-partner-context-summary')).toBeNull();
  });

  it('shows the shared error panel when the context cannot be loaded', async () => {
    const element = render();
    contextAdapter.error({ message: 'Insufficient access to Channel_Partner__c' });
    await flush();

    const panel = element.shadowRoot!.querySelector<HTMLElement & { friendlyMessage: string }>('c-error-panel')!;
    expect(panel.friendlyMessage).toBe('c.Context_Error_Load');
  });

  it('is accessible', async () => {
    const element = render();
    contextAdapter.emit(CONTEXT);
    await flush();

    await expect(element).toBeAccessible();
  });
});
