/**
 * Change Data Capture on referrals over CometD (jsforce's streaming client) with replay: the
 * subscriber starts from the replay id saved in Sync_State__c, so events published while the
 * sidecar was down are delivered on restart. Events caused only by the sidecar's own writes
 * are dropped here, or every check would trigger another.
 */
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import type { OrgClient } from '../org/org-client.ts';

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE' | string;
  commitUser?: string;
  commitTimestamp?: number;
  changedFields?: string[];
}

export interface ChangeEvent {
  replayId: number;
  header: ChangeEventHeader;
}

export interface ChangeSubscription {
  close(): Promise<void>;
}

interface FayeClientLike {
  disconnect(): PromiseLike<unknown> | undefined;
  _dispatcher?: { close?: () => void };
}

/** Disconnects politely, then closes the transport whatever the server said, so no retry timer outlives us. */
async function shutDown(client: FayeClientLike | undefined): Promise<void> {
  if (!client) return;
  try {
    const pending = client.disconnect();
    if (pending) await Promise.race([Promise.resolve(pending), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  } catch {
    // the server may already be gone
  }
  client._dispatcher?.close?.();
}

export function changeEventChannel(objectName: string): string {
  const base = objectName.endsWith('__c') ? `${objectName.slice(0, -3)}__ChangeEvent` : `${objectName}ChangeEvent`;
  return `/data/${base}`;
}

/**
 * True when an event needs a check: a create, or an update touching a field the sidecar does
 * not write itself. Updates by the integration user that only touch our own fields are echoes.
 */
export function needsCheck(header: ChangeEventHeader, ownFields: ReadonlySet<string>, integrationUserId: string | undefined): boolean {
  if (header.changeType === 'CREATE' || header.changeType === 'UNDELETE') return true;
  if (header.changeType !== 'UPDATE') return false;
  // Someone else changed it (a person, another integration): always worth a look.
  if (integrationUserId !== undefined && header.commitUser !== undefined && header.commitUser !== integrationUserId) return true;
  const changed = (header.changedFields ?? []).filter(
    (field) => field !== 'LastModifiedDate' && field !== 'SystemModstamp' && field !== 'LastModifiedById',
  );
  return !changed.every((field) => ownFields.has(field));
}

interface StreamingMessage {
  event?: { replayId?: number };
  payload?: { ChangeEventHeader?: ChangeEventHeader };
}

/**
 * Subscribes from `replayId` (−1: new events only; −2: all retained). `onEvents` is called
 * for each event in order; the caller persists the replay id once the event is handled.
 */
export function subscribeToChanges(
  client: OrgClient,
  objectName: string,
  replayId: number,
  onEvent: (event: ChangeEvent) => void,
  onError: (error: Error) => void,
): ChangeSubscription {
  const channel = changeEventChannel(objectName);
  let closed = false;
  let current: FayeClientLike | undefined;
  let lastReplayId = replayId;
  const connect = () => {
    const replay = new StreamingExtension.Replay(channel, lastReplayId);
    // A session that expires mid-stream: refresh it (a cheap identity call through jsforce) and reconnect.
    const authFailure = new StreamingExtension.AuthFailure(() => {
      if (closed) return;
      void shutDown(current);
      client.request({ method: 'GET', url: '/limits' }, { idempotent: true }).then(
        () => {
          if (!closed) connect();
        },
        (error: Error) => onError(error),
      );
    });
    const fayeClient = client.connection.streaming.createClient([replay, authFailure]);
    current = fayeClient as unknown as FayeClientLike;
    const subscription = fayeClient.subscribe(channel, (message: StreamingMessage) => {
      const header = message.payload?.ChangeEventHeader;
      const id = message.event?.replayId;
      if (!header || typeof id !== 'number') return;
      lastReplayId = id;
      onEvent({ replayId: id, header });
    }) as unknown as { errback?: (callback: (error: Error) => void) => void };
    subscription.errback?.((error: Error) => onError(error));
  };
  connect();
  return {
    async close() {
      closed = true;
      await shutDown(current);
    },
  };
}
