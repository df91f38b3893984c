/**
 * Change Data Capture events, stored with their replay ids so a subscriber that restarts can
 * catch up (an org retains events for 72 hours). Listeners are woken after each write.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { FieldValue } from '../storage/record-store.ts';

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';

export const EVENT_RETENTION_MS = 72 * 60 * 60 * 1000;

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: ChangeType;
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
  nulledFields: string[];
  diffFields: string[];
  changedFields: string[];
}

export interface StoredChangeEvent {
  replayId: number;
  entityName: string;
  payload: { ChangeEventHeader: ChangeEventHeader } & Record<string, unknown>;
}

export interface ChangeToRecord {
  entityName: string;
  recordId: string;
  changeType: ChangeType;
  commitTimestamp: number;
  commitUser: string;
  transactionKey: string;
  sequenceNumber: number;
  /** CREATE: all non-null fields; UPDATE: the changed fields; DELETE: none. */
  fields: Record<string, FieldValue>;
  changedFields: string[];
}

/** The CometD channel of an object's change events: Partner_Referral__c → Partner_Referral__ChangeEvent. */
export function changeEventChannelName(objectName: string): string {
  return objectName.endsWith('__c') ? `${objectName.slice(0, -3)}__ChangeEvent` : `${objectName}ChangeEvent`;
}

export class ChangeEventLog {
  private readonly insert: StatementSync;
  private readonly after: StatementSync;
  private readonly latest: StatementSync;
  private readonly prune: StatementSync;
  private readonly listeners = new Set<() => void>();
  private wakeScheduled = false;

  constructor(db: DatabaseSync) {
    this.insert = db.prepare('INSERT INTO change_events (entity, created_at, payload) VALUES (?, ?, ?)');
    this.after = db.prepare('SELECT replay_id, entity, payload FROM change_events WHERE replay_id > ? ORDER BY replay_id LIMIT ?');
    this.latest = db.prepare('SELECT COALESCE(MAX(replay_id), 0) AS replay_id FROM change_events');
    this.prune = db.prepare('DELETE FROM change_events WHERE created_at < ?');
  }

  record(change: ChangeToRecord): void {
    const header: ChangeEventHeader = {
      entityName: change.entityName,
      recordIds: [change.recordId],
      changeType: change.changeType,
      changeOrigin: 'com/salesforce/api/rest/63.0;client=org-emulator',
      transactionKey: change.transactionKey,
      sequenceNumber: change.sequenceNumber,
      commitTimestamp: change.commitTimestamp,
      commitNumber: change.commitTimestamp * 1000 + change.sequenceNumber,
      commitUser: change.commitUser,
      nulledFields: change.changeType === 'UPDATE' ? change.changedFields.filter((f) => change.fields[f] === null) : [],
      diffFields: [],
      changedFields: change.changedFields,
    };
    const payload = { ChangeEventHeader: header, ...change.fields };
    this.insert.run(change.entityName, change.commitTimestamp, JSON.stringify(payload));
    this.scheduleWake();
  }

  /** Events with replayId greater than the given one, oldest first. */
  eventsAfter(replayId: number, limit = 1000): StoredChangeEvent[] {
    return (this.after.all(replayId, limit) as { replay_id: number; entity: string; payload: string }[]).map((row) => ({
      replayId: Number(row.replay_id),
      entityName: row.entity,
      payload: JSON.parse(row.payload) as StoredChangeEvent['payload'],
    }));
  }

  latestReplayId(): number {
    return Number((this.latest.get() as { replay_id: number }).replay_id);
  }

  pruneOlderThan(ms: number): void {
    this.prune.run(ms);
  }

  onEvent(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private scheduleWake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    // After the request's synchronous work, so a rolled-back write never reaches a subscriber.
    setImmediate(() => {
      this.wakeScheduled = false;
      for (const listener of this.listeners) listener();
    });
  }
}
