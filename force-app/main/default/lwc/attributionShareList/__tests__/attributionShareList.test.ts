import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import AttributionShareList, { explanationLines } from 'c/attributionShareList';

type AttributionPanel = Apex.AttributionPanelController.AttributionPanel;
type AttributionRow = Apex.AttributionPanelController.AttributionRow;

const PANEL = jest.requireActual<AttributionPanel>('./data/getAttributionPanel.json');
const PANEL_EMPTY = jest.requireActual<AttributionPanel>('./data/getAttributionPanelEmpty.json');
const ROWS = PANEL.attributions as AttributionRow[];

function render(attributions: AttributionRow[]): LightningHTMLElement<AttributionShareList> {
  const element = createElement('c-attribution-share-list', { is: AttributionShareList });
  element.attributions = attributions;
  document.body.appendChild(element);
  return element;
}

function rowOf(element: HTMLElement, attributionId: string): HTMLElement {
  return element.shadowRoot!.querySelector<HTMLElement>(`li.attribution[data-id="${attributionId}"]`)!;
}

describe('c-attribution-share-list', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('groups attributions by role, sourced before influenced, and leaves out empty roles', () => {
    const element = render(ROWS);

    const headings = Array.from(element.shadowRoot!.querySelectorAll('.role-heading')).map((node) => node.textContent);
    expect(headings).toEqual(['c.Attribution_Role_Sourced', 'c.Attribution_Role_Influenced']);
    const partners = Array.from(element.shadowRoot!.querySelectorAll('.partner-name')).map((node) => node.textContent);
    expect(partners).toEqual(['Northwind Partners', 'Contoso Resellers', 'Fabrikam Strategic']);
  });

  it('shows share, credited amount, proposed commission and the rate as a fraction', () => {
    const element = render(ROWS);
    const row = rowOf(element, 'a07000000000002AAA');

    const numbers = Array.from(row.querySelectorAll<HTMLElement & { value: number }>('lightning-formatted-number')).map(
      (node) => node.value,
    );
    expect(numbers).toEqual([0.6, 72000, 3600, 0.05]);
  });

  it('shows approved and disputed states with who and why', () => {
    const element = render(ROWS);

    expect(rowOf(element, 'a07000000000002AAA').querySelector('.approved-note')!.textContent).toBe('c.Attribution_Approved_By');
    expect(rowOf(element, 'a07000000000003AAA').querySelector('.disputed-note')).not.toBeNull();
    expect(rowOf(element, 'a07000000000003AAA').querySelector('.needs-review')).not.toBeNull();
    expect(rowOf(element, 'a07000000000003AAA').querySelector('.review-reason')!.textContent).toBe('Touch logged after close date.');
  });

  it('offers approve and dispute only where the row allows it', () => {
    const element = render(ROWS);

    expect(rowOf(element, 'a07000000000001AAA').querySelector('.approve')).not.toBeNull();
    expect(rowOf(element, 'a07000000000001AAA').querySelector('.dispute')).not.toBeNull();
    expect(rowOf(element, 'a07000000000002AAA').querySelector('.approve')).toBeNull();
    expect(rowOf(element, 'a07000000000002AAA').querySelector('.dispute')).toBeNull();
    expect(rowOf(element, 'a07000000000003AAA').querySelector('.approve')).not.toBeNull();
    expect(rowOf(element, 'a07000000000003AAA').querySelector('.dispute')).toBeNull();
  });

  it.each([
    ['.approve', 'approve'],
    ['.dispute', 'dispute'],
  ])('emits decide when %s is clicked', (selector, decision) => {
    const element = render(ROWS);
    const handler = jest.fn();
    element.addEventListener('decide', handler);

    rowOf(element, 'a07000000000001AAA').querySelector<HTMLElement>(selector)!.click();

    expect((handler.mock.calls[0][0] as CustomEvent).detail).toEqual({ attributionId: 'a07000000000001AAA', decision });
  });

  it('explains the number from the explanation JSON', () => {
    const element = render(ROWS);

    const lines = Array.from(rowOf(element, 'a07000000000002AAA').querySelectorAll('.explanation-line')).map((node) => node.textContent);
    expect(lines).toEqual([
      'Two touches, half-life 30 days.',
      'touches 1: type Co-Sell Meeting, weight 0.71',
      'touches 2: type Technical Assist, weight 0.29',
    ]);
  });

  it('reads explanations tolerantly', () => {
    expect(explanationLines(null)).toEqual([]);
    expect(explanationLines('not json')).toEqual(['not json']);
    expect(explanationLines('{"settings":{"halfLifeDays":30,"nested":{"a":1}}}')).toEqual(['settings: halfLifeDays 30, nested {"a":1}']);
  });

  it('reads the sidecar explanation shape: rule first, role/model/version left to the row', () => {
    const explanation = JSON.stringify({
      version: 1,
      role: 'Influenced',
      model: 'Time Decay',
      rule: 'Time decay over counted touches after the deal was in play.',
      settings: { attributionHalfLifeDays: 30 },
      touches: [{ key: 't1', type: 'Co-Sell Meeting', at: '2026-10-20T15:00:00.000Z', share: 0.71, weight: 0.5 }],
      partnerShare: 0.71,
      commission: { rate: 5, source: 'tier Gold', basis: 'credited amount' },
    });

    expect(explanationLines(explanation)).toEqual([
      'Time decay over counted touches after the deal was in play.',
      'settings: attributionHalfLifeDays 30',
      'touches 1: key t1, type Co-Sell Meeting, at 2026-10-20T15:00:00.000Z, share 0.71, weight 0.5',
      'partnerShare: 0.71',
      'commission: rate 5, source tier Gold, basis credited amount',
    ]);
  });

  it('renders nothing for no attributions', () => {
    const element = render(PANEL_EMPTY.attributions as AttributionRow[]);

    expect(element.shadowRoot!.querySelector('.role-group')).toBeNull();
  });

  it('is accessible', async () => {
    const element = render(ROWS);

    await expect(element).toBeAccessible();
  });
});
