import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/labelUtils';
import TIME_ZONE_NOTE from '@salesforce/label/c.Common_Time_Zone_Note';
import EMPTY from '@salesforce/label/c.Timeline_Empty';
import TITLE from '@salesforce/label/c.Timeline_Title';

type TimelineEntry = Apex.TimelineBuilder.Entry;

const ICON_BY_KIND: Readonly<Record<string, string>> = {
  submitted: 'standard:lead',
  meeting: 'standard:event',
  decision: 'standard:approval',
  detected: 'standard:incident',
  activity: 'standard:task',
  opportunity: 'standard:opportunity',
  evidence: 'standard:record',
  resolved: 'standard:approval',
  touch: 'standard:partners',
};

/**
 * A timeline of dated evidence, oldest first, every time shown in one time zone (the user's,
 * named under the title) so events from different sources line up. Presentational.
 */
export default class EvidenceTimeline extends LightningElement {
  @api entries: TimelineEntry[] | null | undefined;
  /** An IANA / Salesforce time zone id, e.g. "Europe/London". */
  @api timeZone: string | undefined;
  @api heading: string = TITLE;

  labels = { empty: EMPTY };

  get items(): Array<TimelineEntry & { iconName: string; itemClass: string }> {
    return (this.entries ?? []).map((entry) => ({
      ...entry,
      iconName: ICON_BY_KIND[entry.kind ?? ''] ?? 'standard:record',
      itemClass: `slds-timeline__item_expandable slds-timeline__item_${entry.kind === 'activity' ? 'task' : 'event'}`,
    }));
  }

  get hasItems(): boolean {
    return this.items.length > 0;
  }

  get timeZoneNote(): string {
    return formatLabel(TIME_ZONE_NOTE, this.timeZone);
  }
}
