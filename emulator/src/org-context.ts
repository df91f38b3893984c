/**
 * Everything one emulated org holds, shared by the API handlers: schema, data, queries,
 * sessions, limits, faults, change events and the email outbox.
 */
import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { SessionStore } from './auth/sessions.ts';
import type { ChangeEventLog } from './cdc/change-event-log.ts';
import type { OrgData, WriteContext } from './data/org-data.ts';
import type { FaultInjector } from './faults/fault-injector.ts';
import type { ApiUsage } from './http/api-usage.ts';
import type { Outbox } from './http/outbox.ts';
import type { OrgSchema } from './schema/org-schema.ts';
import type { QueryCursors } from './soql/query-cursors.ts';
import type { QueryEngine } from './soql/query-engine.ts';
import type { RecordStore } from './storage/record-store.ts';

export const DEFAULT_API_VERSION = '63.0';

export interface OrgContext {
  orgId: string;
  schema: OrgSchema;
  store: RecordStore;
  data: OrgData;
  queries: QueryEngine;
  cursors: QueryCursors;
  sessions: SessionStore;
  apiUsage: ApiUsage;
  faults: FaultInjector;
  changeEvents: ChangeEventLog;
  outbox: Outbox;
  urls: { instanceUrl: string; loginUrl: string };
  jwt: { consumerKey: string; certificatePem: string; publicKey: KeyObject } | undefined;
  /** The user an unnamed session or write belongs to (the integration user). */
  defaultUserId: string;
}

export function newWriteContext(userId: string): WriteContext {
  return { userId, transactionKey: randomUUID(), sequence: { next: 1 } };
}
