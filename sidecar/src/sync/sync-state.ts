/**
 * Watermarks and CDC replay ids live in the org (Sync_State__c, one row per stream keyed by
 * Stream_Key__c), so any sidecar instance can pick up where the last one stopped.
 */
import type { OrgClient } from '../org/org-client.ts';
import type { Watermark } from './extract.ts';
import type { OrgRecord } from './record-values.ts';
import { restQueryAll } from './rest-query.ts';
import { writeRecords, type WriteSettings } from './write-back.ts';

export interface StreamState {
  streamKey: string;
  objectName: string;
  watermark: Watermark | null;
  replayId: string | null;
}

export class SyncStateStore {
  private readonly states = new Map<string, StreamState>();

  static async load(client: OrgClient): Promise<SyncStateStore> {
    return SyncStateStore.fromRows(
      await restQueryAll(
        client,
        'Sync_State__c',
        'SELECT Id, Stream_Key__c, Object_Name__c, Watermark_Modstamp__c, Watermark_Id__c, Replay_Id__c FROM Sync_State__c',
      ),
    );
  }

  static fromRows(rows: OrgRecord[]): SyncStateStore {
    const store = new SyncStateStore();
    for (const row of rows) {
      const key = row.Stream_Key__c as string | null;
      if (!key) continue;
      const modstamp = row.Watermark_Modstamp__c as string | null;
      const id = row.Watermark_Id__c as string | null;
      store.states.set(key, {
        streamKey: key,
        objectName: (row.Object_Name__c as string | null) ?? '',
        watermark: modstamp && id ? { modstamp: new Date(modstamp).toISOString(), id } : null,
        replayId: (row.Replay_Id__c as string | null) ?? null,
      });
    }
    return store;
  }

  get(streamKey: string): StreamState | undefined {
    return this.states.get(streamKey);
  }

  watermark(streamKey: string): Watermark | null {
    return this.states.get(streamKey)?.watermark ?? null;
  }

  /** Persists the given streams (one Composite call for up to 1,000 streams). */
  async save(client: OrgClient, states: StreamState[], settings: WriteSettings): Promise<void> {
    if (states.length === 0) return;
    const result = await writeRecords(
      client,
      [
        {
          objectName: 'Sync_State__c',
          kind: 'upsert',
          externalIdField: 'Stream_Key__c',
          records: states.map((state) => ({
            Stream_Key__c: state.streamKey,
            Name: state.streamKey.slice(0, 80),
            Object_Name__c: state.objectName,
            Watermark_Modstamp__c: state.watermark?.modstamp ?? null,
            Watermark_Id__c: state.watermark?.id ?? null,
            Replay_Id__c: state.replayId,
          })),
        },
      ],
      settings,
    );
    const failure = result.failures[0];
    // A watermark that cannot be saved must stop the run: the next run re-reads from the old one.
    if (failure) throw new Error(`cannot save sync state ${failure.recordKey}: ${failure.code} ${failure.field ?? ''} ${failure.message}`);
    for (const state of states) this.states.set(state.streamKey, state);
  }
}
