import { LightningElement, api } from 'lwc';
import HINT_TITLE from '@salesforce/label/c.Intake_Hint_Title';
import CHECKING from '@salesforce/label/c.Intake_Checking';

type Hint = Apex.ReferralIntakeController.ConflictHint;

/**
 * The duplicate / conflict hint shown while a partner fills in the intake form. Presentational:
 * it shows exactly the partner-safe text the server chose for the partner's sharing level.
 */
export default class ReferralConflictHint extends LightningElement {
  @api hint: Hint | null | undefined;
  @api checking = false;

  labels = { title: HINT_TITLE, checking: CHECKING };

  get hasHint(): boolean {
    return !this.checking && !!this.hint && this.hint.severity !== 'none' && !!this.hint.message;
  }

  get details(): Array<{ key: string; text: string }> {
    return (this.hint?.details ?? []).map((text, index) => ({ key: `detail-${index}`, text }));
  }

  get hasDetails(): boolean {
    return this.details.length > 0;
  }

  get isWarning(): boolean {
    return this.hint?.severity === 'warning';
  }

  get containerClass(): string {
    return `slds-notify slds-notify_alert slds-m-bottom_small ${this.isWarning ? 'slds-alert_warning' : 'slds-alert_offline slds-theme_info'}`;
  }

  get iconName(): string {
    return this.isWarning ? 'utility:warning' : 'utility:info';
  }
}
