import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import PartnerAttributionPanel from 'c/partnerAttributionPanel';
import getAttributionPanel from '@salesforce/apex/AttributionPanelController.getAttributionPanel';
import approveAttribution from '@salesforce/apex/AttributionPanelController.approveAttribution';
import disputeAttribution from '@salesforce/apex/AttributionPanelController.disputeAttribution';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEventName } from 'lightning/platformShowToastEvent';

type AttributionPanel = Apex.AttributionPanelController.AttributionPanel;
type DecisionResult = Apex.AttributionPanelController.DecisionResult;

interface WireAdapterMock {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): Record<string, unknown> | null;
}
interface ValidatableElement extends HTMLElement {
  reportValidity(): boolean;
}

jest.mock(
  '@salesforce/apex/AttributionPanelController.getAttributionPanel',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true },
);
jest.mock('@salesforce/apex/AttributionPanelController.approveAttribution', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/AttributionPanelController.disputeAttribution', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });
jest.mock('@salesforce/customPermission/Approve_Partner_Attribution', () => ({ default: true }), { virtual: true });

const PANEL = jest.requireActual<AttributionPanel>('./data/getAttributionPanel.json');
const PANEL_EMPTY = jest.requireActual<AttributionPanel>('./data/getAttributionPanelEmpty.json');
const PANEL_NOT_OWNER = jest.requireActual<AttributionPanel>('./data/getAttributionPanelNotOwner.json');
const APPROVED = jest.requireActual<DecisionResult>('./data/approveAttribution.json');
const DISPUTED = jest.requireActual<DecisionResult>('./data/disputeAttribution.json');

const panelAdapter = getAttributionPanel as unknown as WireAdapterMock;
const approveMock = approveAttribution as unknown as jest.Mock;
const disputeMock = disputeAttribution as unknown as jest.Mock;
const refreshMock = refreshApex as unknown as jest.Mock;

const OPPORTUNITY_ID = '006000000000001AAA';
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function render(): LightningHTMLElement<PartnerAttributionPanel> {
  const element = createElement('c-partner-attribution-panel', { is: PartnerAttributionPanel });
  element.recordId = OPPORTUNITY_ID;
  document.body.appendChild(element);
  return element;
}

function query<T extends HTMLElement = HTMLElement>(element: HTMLElement, selector: string): T | null {
  return element.shadowRoot!.querySelector<T>(selector);
}

async function renderWith(panel: AttributionPanel): Promise<LightningHTMLElement<PartnerAttributionPanel>> {
  const element = render();
  panelAdapter.emit(panel);
  await flush();
  return element;
}

async function startDecision(element: HTMLElement, decision: 'approve' | 'dispute', reason: string): Promise<void> {
  query(element, 'c-attribution-share-list')!.dispatchEvent(
    new CustomEvent('decide', { detail: { attributionId: 'a07000000000001AAA', decision } }),
  );
  await flush();
  const textarea = query<ValidatableElement>(element, 'lightning-textarea.reason')!;
  textarea.reportValidity = jest.fn(() => reason.trim().length > 0);
  textarea.dispatchEvent(new CustomEvent('change', { detail: { value: reason } }));
  await flush();
}

describe('c-partner-attribution-panel', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows a spinner until the panel arrives', () => {
    const element = render();

    expect(query(element, 'lightning-spinner')).not.toBeNull();
  });

  it('asks for the page opportunity and shows shares and the touch timeline', async () => {
    const element = await renderWith(PANEL);

    expect(panelAdapter.getLastConfig()).toEqual({ opportunityId: OPPORTUNITY_ID });
    expect(query<HTMLElement & { attributions: unknown }>(element, 'c-attribution-share-list')!.attributions).toEqual(PANEL.attributions);
    const timeline = query<HTMLElement & { entries: unknown; timeZone: string }>(element, 'c-evidence-timeline')!;
    expect(timeline.entries).toEqual(PANEL.touches);
    expect(timeline.timeZone).toBe('Europe/London');
    expect(query(element, '.owner-only')).toBeNull();
  });

  it('shows the empty state when the opportunity has no partner attribution', async () => {
    const element = await renderWith(PANEL_EMPTY);

    expect(query(element, '.empty')).not.toBeNull();
    expect(query(element, 'c-attribution-share-list')).toBeNull();
  });

  it('shows the shared error panel when the panel cannot be loaded', async () => {
    const element = render();
    panelAdapter.error({ message: 'Insufficient access' });
    await flush();

    expect(query<HTMLElement & { friendlyMessage: string }>(element, 'c-error-panel.load-error')!.friendlyMessage).toBe(
      'c.Attribution_Error_Load',
    );
  });

  it('tells a permitted manager who owns none of the partners why there are no buttons', async () => {
    const element = await renderWith(PANEL_NOT_OWNER);

    expect(query(element, '.owner-only')).not.toBeNull();
  });

  it('approves with the reason, confirms and refreshes', async () => {
    approveMock.mockResolvedValue(APPROVED);
    const element = await renderWith(PANEL);
    const toast = jest.fn();
    element.addEventListener(ShowToastEventName, toast);
    await startDecision(element, 'approve', '  Registration verified  ');

    query(element, 'lightning-button.confirm')!.click();
    await flush();

    expect(approveMock).toHaveBeenCalledWith({ attributionId: 'a07000000000001AAA', reason: 'Registration verified' });
    expect(disputeMock).not.toHaveBeenCalled();
    expect((toast.mock.calls[0][0] as CustomEvent<{ variant: string }>).detail.variant).toBe('success');
    expect(refreshMock).toHaveBeenCalledTimes(1);
    expect(query(element, '.decision')).toBeNull();
  });

  it('disputes with the reason', async () => {
    disputeMock.mockResolvedValue(DISPUTED);
    const element = await renderWith(PANEL);
    await startDecision(element, 'dispute', 'Touch belongs to another opportunity');

    query(element, 'lightning-button.confirm')!.click();
    await flush();

    expect(disputeMock).toHaveBeenCalledWith({ attributionId: 'a07000000000001AAA', reason: 'Touch belongs to another opportunity' });
    expect(approveMock).not.toHaveBeenCalled();
  });

  it('does not call Apex without a reason', async () => {
    const element = await renderWith(PANEL);
    await startDecision(element, 'approve', '   ');

    query(element, 'lightning-button.confirm')!.click();
    await flush();

    expect(approveMock).not.toHaveBeenCalled();
    expect(query(element, '.decision')).not.toBeNull();
  });

  it('cancels a decision without calling Apex', async () => {
    const element = await renderWith(PANEL);
    await startDecision(element, 'approve', 'Looks right');

    query(element, 'lightning-button.cancel')!.click();
    await flush();

    expect(query(element, '.decision')).toBeNull();
    expect(approveMock).not.toHaveBeenCalled();
  });

  it('keeps the decision open and shows why when Apex refuses it', async () => {
    approveMock.mockRejectedValue({ body: { message: 'Only the partner manager who owns this partner can approve.' }, status: 400 });
    const element = await renderWith(PANEL);
    const toast = jest.fn();
    element.addEventListener(ShowToastEventName, toast);
    await startDecision(element, 'approve', 'Looks right');

    query(element, 'lightning-button.confirm')!.click();
    await flush();

    expect((toast.mock.calls[0][0] as CustomEvent<{ variant: string; message: string }>).detail).toMatchObject({
      variant: 'error',
      message: 'Only the partner manager who owns this partner can approve.',
    });
    expect(query(element, 'c-error-panel.decision-error')).not.toBeNull();
    expect(refreshMock).not.toHaveBeenCalled();
  });

  it('is accessible with a decision open', async () => {
    const element = await renderWith(PANEL);
    await startDecision(element, 'dispute', 'Reason');

    await expect(element).toBeAccessible();
  });
});
