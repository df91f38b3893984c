import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';

/**
 * Shows a friendly message for one or more LDS / Apex errors, with the platform's own
 * messages behind a "Show details" toggle. Presentational: the parent passes the errors.
 */
export default class ErrorPanel extends LightningElement {
  /** A single error or a list of them, in any shape the platform reports. */
  @api errors: unknown;
  @api friendlyMessage = 'Something went wrong while loading partner data.';

  detailsVisible = false;

  get errorMessages(): string[] {
    return reduceErrors(this.errors);
  }

  get hasDetails(): boolean {
    return this.errorMessages.length > 0;
  }

  /** aria-expanded needs the strings "true"/"false", not a boolean attribute. */
  get detailsExpanded(): string {
    return String(this.detailsVisible);
  }

  get toggleLabel(): string {
    return this.detailsVisible ? 'Hide details' : 'Show details';
  }

  handleToggleDetails(): void {
    this.detailsVisible = !this.detailsVisible;
  }
}
