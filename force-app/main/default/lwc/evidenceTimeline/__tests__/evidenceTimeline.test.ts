import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import EvidenceTimeline from 'c/evidenceTimeline';

type ReviewDetail = Apex.ConflictReviewController.ReviewDetail;
type TimelineEntry = Apex.TimelineBuilder.Entry;

jest.mock('@salesforce/label/c.Common_Time_Zone_Note', () => ({ default: 'Times shown in {0}' }), { virtual: true });

const DETAIL = jest.requireActual<ReviewDetail>('./data/getReviewDetail.json');
const ENTRIES = DETAIL.timeline as TimelineEntry[];

function render(entries: TimelineEntry[] | null, timeZone = 'Europe/London'): LightningHTMLElement<EvidenceTimeline> {
  const element = createElement('c-evidence-timeline', { is: EvidenceTimeline });
  element.entries = entries;
  element.timeZone = timeZone;
  document.body.appendChild(element);
  return element;
}

describe('c-evidence-timeline', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('lists every entry in the given order with its title and detail', () => {
    const element = render(ENTRIES);

    const titles = Array.from(element.shadowRoot!.querySelectorAll('.entry-title')).map((node) => node.textContent);
    expect(titles).toEqual(ENTRIES.map((entry) => entry.title));
    expect(element.shadowRoot!.querySelectorAll('.entry-detail')).toHaveLength(ENTRIES.filter((entry) => entry.detail).length);
  });

  it('shows every time in the one time zone it is given, and names it', () => {
    const element = render(ENTRIES, 'Europe/London');

    const times = Array.from(
      element.shadowRoot!.querySelectorAll<HTMLElement & { timeZone: string; value: string }>('lightning-formatted-date-time'),
    );
    expect(times.map((time) => time.timeZone)).toEqual(ENTRIES.map(() => 'Europe/London'));
    expect(times.map((time) => time.value)).toEqual(ENTRIES.map((entry) => entry.occurredAt));
    expect(element.shadowRoot!.querySelector('.time-zone-note')!.textContent).toBe('Times shown in Europe/London');
  });

  it('says there is no evidence yet when empty', () => {
    const element = render([]);

    expect(element.shadowRoot!.querySelector('.empty')).not.toBeNull();
    expect(element.shadowRoot!.querySelector('.timeline-entry')).toBeNull();
  });

  it('treats a missing list as empty', () => {
    const element = render(null);

    expect(element.shadowRoot!.querySelector('.empty')).not.toBeNull();
  });

  it('is accessible', async () => {
    const element = render(ENTRIES);

    await expect(element).toBeAccessible();
  });
});
