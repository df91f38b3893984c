// Types for the lightning/* modules our components import that @salesforce/lightning-types
// does not declare. Shapes follow the LWC developer guide; the Jest stubs in
// force-app/test/jest-mocks and @salesforce/sfdx-lwc-jest implement the same modules.

declare module 'lightning/uiRecordApi' {
  import type { WireAdapterConstructor } from 'lwc';

  /** What `import FIELD from '@salesforce/schema/Object.Field'` gives. */
  export interface FieldId {
    objectApiName: string;
    fieldApiName: string;
  }
  export interface ObjectId {
    objectApiName: string;
  }
  export interface FieldValueRepresentation {
    displayValue: string | null;
    value: unknown;
  }
  export interface RecordRepresentation {
    apiName: string;
    id: string;
    childRelationships: Record<string, unknown>;
    fields: Record<string, FieldValueRepresentation>;
    lastModifiedById: string | null;
    lastModifiedDate: string | null;
    systemModstamp: string | null;
    recordTypeId: string | null;
  }
  /** The error a wire adapter or a UI API call reports (a FetchResponse). */
  export interface FetchResponseError {
    status: number;
    statusText?: string;
    body: unknown;
  }
  export interface WireResult<T> {
    data?: T;
    error?: FetchResponseError;
  }
  export interface GetRecordConfig {
    recordId: string | undefined;
    fields?: FieldId | string | ReadonlyArray<FieldId | string>;
    optionalFields?: FieldId | string | ReadonlyArray<FieldId | string>;
    layoutTypes?: ReadonlyArray<'Compact' | 'Full'>;
    modes?: ReadonlyArray<'Create' | 'Edit' | 'View'>;
  }
  export interface RecordInput {
    apiName?: string;
    fields: Record<string, unknown>;
    allowSaveOnDuplicate?: boolean;
  }
  export interface ClientOptions {
    ifUnmodifiedSince?: string;
  }

  export const getRecord: WireAdapterConstructor<GetRecordConfig, WireResult<RecordRepresentation>>;
  export const getRecords: WireAdapterConstructor<
    {
      records: ReadonlyArray<{
        recordIds: ReadonlyArray<string | undefined>;
        fields?: ReadonlyArray<FieldId | string>;
        optionalFields?: ReadonlyArray<FieldId | string>;
      }>;
    },
    WireResult<{ results: ReadonlyArray<{ statusCode: number; result: RecordRepresentation }> }>
  >;
  export function getFieldValue(record: RecordRepresentation | undefined | null, field: FieldId | string): unknown;
  export function getFieldDisplayValue(record: RecordRepresentation | undefined | null, field: FieldId | string): string | null | undefined;
  export function createRecord(recordInput: RecordInput & { apiName: string }): Promise<RecordRepresentation>;
  export function updateRecord(recordInput: RecordInput, clientOptions?: ClientOptions): Promise<RecordRepresentation>;
  export function deleteRecord(recordId: string): Promise<void>;
  export function notifyRecordUpdateAvailable(recordIds: ReadonlyArray<{ recordId: string }>): Promise<void>;
  export function generateRecordInputForUpdate(record: RecordRepresentation, objectInfo?: unknown): RecordInput;
}

declare module 'lightning/uiObjectInfoApi' {
  import type { WireAdapterConstructor } from 'lwc';
  import type { FieldId, ObjectId, WireResult } from 'lightning/uiRecordApi';

  export interface PicklistValue {
    label: string;
    value: string;
    validFor: number[];
    attributes: unknown;
  }
  export interface PicklistValues {
    controllerValues: Record<string, number>;
    defaultValue: PicklistValue | null;
    url: string;
    values: PicklistValue[];
  }
  export interface ObjectInfo {
    apiName: string;
    label: string;
    labelPlural: string;
    keyPrefix: string | null;
    defaultRecordTypeId: string;
    fields: Record<
      string,
      { apiName: string; label: string; dataType: string; required: boolean; updateable: boolean; createable: boolean }
    >;
  }
  export const getObjectInfo: WireAdapterConstructor<{ objectApiName: ObjectId | string | undefined }, WireResult<ObjectInfo>>;
  export const getPicklistValues: WireAdapterConstructor<
    { recordTypeId: string | undefined; fieldApiName: FieldId | string },
    WireResult<PicklistValues>
  >;
}

declare module 'lightning/platformShowToastEvent' {
  export type ToastVariant = 'info' | 'success' | 'warning' | 'error';
  export interface ShowToastEventInit {
    title?: string;
    message?: string;
    messageData?: ReadonlyArray<string | { url: string; label: string }>;
    variant?: ToastVariant;
    mode?: 'dismissible' | 'pester' | 'sticky';
  }
  export class ShowToastEvent extends CustomEvent<ShowToastEventInit> {
    constructor(toast: ShowToastEventInit);
  }
}

declare module 'lightning/navigation' {
  import type { WireAdapterConstructor } from 'lwc';

  export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, string | undefined>;
  }
  type Constructor<T = object> = abstract new (...args: any[]) => T;
  const Navigate: unique symbol;
  const GenerateUrl: unique symbol;
  export interface NavigationCapable {
    [Navigate](pageReference: PageReference, replace?: boolean): void;
    [GenerateUrl](pageReference: PageReference): Promise<string>;
  }
  export const NavigationMixin: {
    <Base extends Constructor>(base: Base): Base & Constructor<NavigationCapable>;
    readonly Navigate: typeof Navigate;
    readonly GenerateUrl: typeof GenerateUrl;
  };
  export const CurrentPageReference: WireAdapterConstructor<Record<string, never>, PageReference>;
}

declare module 'lightning/messageService' {
  import type { WireAdapterConstructor } from 'lwc';

  /** What `import CHANNEL from '@salesforce/messageChannel/Name__c'` gives. */
  export interface MessageChannel {
    readonly channelName?: string;
  }
  export interface MessageContext {
    readonly contextId?: string;
  }
  export interface Subscription {
    readonly subscriptionId?: string;
  }
  export const APPLICATION_SCOPE: unique symbol;
  export const MessageContext: WireAdapterConstructor<Record<string, never>, MessageContext>;
  export function publish(context: MessageContext | undefined, channel: MessageChannel, message?: unknown): void;
  export function subscribe(
    context: MessageContext | undefined,
    channel: MessageChannel,
    listener: (message: any) => void,
    options?: { scope?: typeof APPLICATION_SCOPE },
  ): Subscription;
  export function unsubscribe(subscription: Subscription): void;
  export function createMessageContext(): MessageContext;
  export function releaseMessageContext(context: MessageContext): void;
}

declare module 'lightning/refresh' {
  export class RefreshEvent extends CustomEvent<unknown> {
    constructor();
  }
  export function registerRefreshHandler(element: unknown, handler: () => Promise<boolean> | boolean | void): number;
  export function unregisterRefreshHandler(element: unknown, handlerId: number): void;
}
