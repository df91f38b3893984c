import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import ConflictQueueList from 'c/conflictQueueList';

type ReviewQueueItem = Apex.ConflictReviewController.ReviewQueueItem;

const QUEUE = jest.requireActual<ReviewQueueItem[]>('./data/getReviewQueue.json');
const QUEUE_EMPTY = jest.requireActual<ReviewQueueItem[]>('./data/getReviewQueueEmpty.json');

function render(items: ReviewQueueItem[], selectedId?: string): LightningHTMLElement<ConflictQueueList> {
  const element = createElement('c-conflict-queue-list', { is: ConflictQueueList });
  element.items = items;
  element.selectedId = selectedId;
  document.body.appendChild(element);
  return element;
}

describe('c-conflict-queue-list', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows one row per item in the order given, with partners, age and SLA', () => {
    const element = render(QUEUE);

    const rows = element.shadowRoot!.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(Array.from(element.shadowRoot!.querySelectorAll('.select-item')).map((button) => button.textContent)).toEqual([
      'CON-00001',
      'REF-000007',
    ]);
    expect(element.shadowRoot!.querySelector('.partner-list')!.textContent).toBe('Contoso Resellers, Northwind Partners');
    expect(element.shadowRoot!.querySelector('.age')!.textContent).toBe('8');
    const slaDue = element.shadowRoot!.querySelector<HTMLElement & { value: string }>('lightning-formatted-date-time')!;
    expect(slaDue.value).toBe('2026-11-18T17:00:00.000Z');
  });

  it('flags overdue items only', () => {
    const element = render(QUEUE);

    expect(element.shadowRoot!.querySelectorAll('.overdue')).toHaveLength(1);
  });

  it('marks the selected row for assistive technology', () => {
    const element = render(QUEUE, 'a05000000000007AAA');

    const rows = Array.from(element.shadowRoot!.querySelectorAll('tbody tr'));
    expect(rows.map((row) => row.getAttribute('aria-current'))).toEqual([null, 'true']);
  });

  it('emits select with the record id when a row is opened', () => {
    const element = render(QUEUE);
    const handler = jest.fn();
    element.addEventListener('select', handler);

    element.shadowRoot!.querySelectorAll<HTMLButtonElement>('.select-item')[1]!.click();

    expect(handler).toHaveBeenCalledTimes(1);
    expect((handler.mock.calls[0][0] as CustomEvent).detail).toEqual({ recordId: 'a05000000000007AAA' });
  });

  it('renders no rows for an empty queue', () => {
    const element = render(QUEUE_EMPTY);

    expect(element.shadowRoot!.querySelectorAll('tbody tr')).toHaveLength(0);
  });

  it('is accessible', async () => {
    const element = render(QUEUE, 'a03000000000001AAA');

    await expect(element).toBeAccessible();
  });
});
