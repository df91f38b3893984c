// Jest stub for lightning/platformShowToastEvent: a real DOM event, so a test can listen for
// 'lightning__showtoast' on the component and read event.detail.
export const ShowToastEventName = 'lightning__showtoast';

export class ShowToastEvent extends CustomEvent {
  constructor(toast) {
    super(ShowToastEventName, { composed: true, cancelable: true, bubbles: true, detail: toast });
  }
}
