// Jest stub for lightning/refresh: RefreshEvent is a real DOM event a test can listen for.
export const RefreshEventName = 'lightning__refreshevent';

export class RefreshEvent extends CustomEvent {
  constructor() {
    super(RefreshEventName, { composed: true, cancelable: true, bubbles: true });
  }
}
export const registerRefreshHandler = jest.fn(() => 1);
export const unregisterRefreshHandler = jest.fn();
