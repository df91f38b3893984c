// Types for the @salesforce/* scoped modules. Per-method Apex modules and per-label modules are
// generated into types/generated/ by `npm run build:lwc` from the Apex classes and labels in
// force-app, so a misspelled import fails the type check. @salesforce/schema/* comes from the
// package model (model/generated/lwc-schema.d.ts); @salesforce/user/Id from @salesforce/lightning-types.

declare module '@salesforce/apex' {
  import type { WireAdapterConstructor } from 'lwc';
  import type { FetchResponseError, FieldId, WireResult } from 'lightning/uiRecordApi';

  /** An Apex method imported from `@salesforce/apex/Class.method`: callable, and a wire adapter. */
  export type ApexMethod<Params extends object, Result> = ((
    ...args: object extends Params ? [params?: Params] : [params: Params]
  ) => Promise<Result>) &
    WireAdapterConstructor<Params, WireResult<Result>>;
  export type ApexError = FetchResponseError;
  export type WiredApexResult<Result> = WireResult<Result>;
  export function refreshApex(wiredValue: unknown): Promise<void>;
  export function getSObjectValue(record: object, field: FieldId | string): unknown;
}

declare module '@salesforce/customPermission/*' {
  const hasPermission: boolean;
  export default hasPermission;
}

declare module '@salesforce/userPermission/*' {
  const hasPermission: boolean;
  export default hasPermission;
}

declare module '@salesforce/messageChannel/*' {
  import type { MessageChannel } from 'lightning/messageService';
  const channel: MessageChannel;
  export default channel;
}

declare module '@salesforce/resourceUrl/*' {
  const url: string;
  export default url;
}

declare module '@salesforce/i18n/*' {
  const value: string;
  export default value;
}
