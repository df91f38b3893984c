import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/labelUtils';
import COLUMN_ITEM from '@salesforce/label/c.Review_Column_Item';
import COLUMN_COMPANY from '@salesforce/label/c.Review_Column_Company';
import COLUMN_TYPE from '@salesforce/label/c.Review_Column_Type';
import COLUMN_PARTNERS from '@salesforce/label/c.Review_Column_Partners';
import COLUMN_AGE from '@salesforce/label/c.Review_Column_Age';
import COLUMN_SLA from '@salesforce/label/c.Review_Column_Sla';
import COLUMN_STATUS from '@salesforce/label/c.Review_Column_Status';
import SLA_OVERDUE from '@salesforce/label/c.Review_Sla_Overdue';
import SELECT_ITEM from '@salesforce/label/c.Review_Select_Item';
import QUEUE_TITLE from '@salesforce/label/c.Review_Queue_Title';

type ReviewQueueItem = Apex.ConflictReviewController.ReviewQueueItem;

/** The review queue as a table, oldest first as given; emits `select` with the record id. */
export default class ConflictQueueList extends LightningElement {
  @api items: ReviewQueueItem[] | null | undefined;
  @api selectedId: string | undefined;

  labels = {
    caption: QUEUE_TITLE,
    item: COLUMN_ITEM,
    company: COLUMN_COMPANY,
    type: COLUMN_TYPE,
    partners: COLUMN_PARTNERS,
    age: COLUMN_AGE,
    sla: COLUMN_SLA,
    status: COLUMN_STATUS,
    overdue: SLA_OVERDUE,
  };

  get rows(): Array<ReviewQueueItem & { partnerList: string; rowClass: string; selectLabel: string; ariaCurrent: string | null }> {
    return (this.items ?? []).map((item) => {
      const selected = item.recordId === this.selectedId;
      return {
        ...item,
        partnerList: (item.partnerNames ?? []).join(', '),
        rowClass: `slds-hint-parent${selected ? ' slds-is-selected' : ''}`,
        selectLabel: formatLabel(SELECT_ITEM, item.name),
        ariaCurrent: selected ? 'true' : null,
      };
    });
  }

  handleSelect(event: Event): void {
    const recordId = (event.currentTarget as HTMLElement).dataset.id;
    this.dispatchEvent(new CustomEvent('select', { detail: { recordId } }));
  }
}
