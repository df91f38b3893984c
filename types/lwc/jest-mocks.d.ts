// Test helpers exported by the Jest stubs in force-app/test/jest-mocks. They exist only under
// Jest; components must not import them.

declare module 'lightning/navigation' {
  export function getNavigateCalledWith(): { pageReference: PageReference | undefined; replace: boolean | undefined };
  export function getGenerateUrlCalledWith(): { pageReference: PageReference | undefined };
  export function setGeneratedUrl(url: string): void;
}

declare module 'lightning/platformShowToastEvent' {
  export const ShowToastEventName: 'lightning__showtoast';
}

declare module 'lightning/refresh' {
  export const RefreshEventName: 'lightning__refreshevent';
}

declare module '@salesforce/sfdx-lwc-jest' {
  /** What a wire adapter mocked for Jest offers the test (cast the imported adapter to it). */
  export interface TestWireAdapter<Value = unknown, Config = Record<string, unknown>> {
    emit(value: Value): void;
    getLastConfig(): Config;
  }
  /** LDS adapters (getRecord, …): `error()` reports a FetchResponse-shaped error. */
  export interface LdsTestWireAdapter<Value = unknown, Config = Record<string, unknown>> extends TestWireAdapter<Value, Config> {
    error(body?: unknown, status?: number, statusText?: string): void;
  }
  /** Apex methods mocked with createApexTestWireAdapter. */
  export type ApexTestWireAdapter<Value = unknown, Config = Record<string, unknown>> = LdsTestWireAdapter<Value, Config>;
  export function createApexTestWireAdapter(adapterId?: unknown): ApexTestWireAdapter;
  export function createLdsTestWireAdapter(adapterId?: unknown): LdsTestWireAdapter;
  export function createTestWireAdapter(adapterId?: unknown): TestWireAdapter;
}
