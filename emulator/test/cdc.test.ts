import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import type { Connection } from 'jsforce';
import type { OrgEmulator } from '../src/index.ts';
import { connect, startTestOrg } from './helpers.ts';

interface ChangeEventMessage {
  payload: {
    ChangeEventHeader: {
      entityName: string;
      changeType: string;
      recordIds: string[];
      changedFields: string[];
      commitTimestamp: number;
      transactionKey: string;
    };
    [field: string]: unknown;
  };
  event: { replayId: number };
}

const CHANNEL = '/data/Partner_Referral__ChangeEvent';

/** Faye's disconnect (missing from jsforce's typings) answers once the org acknowledged it. */
function disconnect(client: unknown): Promise<void> {
  return (client as { disconnect(): Promise<void> }).disconnect();
}

/** Collects messages until `count` have arrived. */
function collector() {
  const messages: ChangeEventMessage[] = [];
  let waiting: { count: number; resolve: () => void } | undefined;
  return {
    messages,
    listener: (message: unknown) => {
      messages.push(message as ChangeEventMessage);
      if (waiting && messages.length >= waiting.count) waiting.resolve();
    },
    waitFor: (count: number) =>
      new Promise<void>((resolve, reject) => {
        if (messages.length >= count) return resolve();
        const timer = setTimeout(() => reject(new Error(`only ${messages.length} of ${count} events arrived`)), 5000);
        waiting = { count, resolve: () => (clearTimeout(timer), resolve()) };
      }),
  };
}

describe('Change Data Capture over CometD', () => {
  let org: OrgEmulator;
  let conn: Connection;
  let partnerId: string;
  before(async () => {
    org = await startTestOrg();
    conn = connect(org);
    partnerId = (await conn.sobject('Channel_Partner__c').create({ Name: 'Tailspin', Partner_Key__c: 'tailspin' })).id!;
  });
  after(() => org.close());

  const referral = (key: string) => ({
    Channel_Partner__c: partnerId,
    Company_Name__c: 'Acme',
    Contact_First_Name__c: 'Wile',
    Contact_Last_Name__c: 'Coyote',
    Contact_Email__c: 'wile@acme.example',
    Referral_Key__c: key,
  });

  it('streams CREATE, UPDATE and DELETE events to a jsforce topic subscriber', async () => {
    const events = collector();
    const subscription = conn.streaming.topic(CHANNEL).subscribe(events.listener);
    await subscription;
    const created = await conn.sobject('Partner_Referral__c').create(referral('cdc-1'));
    await conn.sobject('Partner_Referral__c').update({ Id: created.id!, Company_Name__c: 'Acme Corp' });
    await conn.sobject('Partner_Referral__c').destroy(created.id!);
    await conn.sobject('Account').create({ Name: 'Not on this channel' });
    await events.waitFor(3);
    subscription.cancel();
    // The topic API keeps one shared client per connection; disconnect it (and wait) so the test can end.
    await disconnect((conn.streaming as unknown as { _fayeClients: Record<string, unknown> })._fayeClients.pushTopic);
    const [create, update, remove] = events.messages;
    assert.equal(create!.payload.ChangeEventHeader.changeType, 'CREATE');
    assert.equal(create!.payload.ChangeEventHeader.entityName, 'Partner_Referral__c');
    assert.deepEqual(create!.payload.ChangeEventHeader.recordIds, [created.id]);
    assert.equal(create!.payload.Company_Name__c, 'Acme');
    assert.equal(update!.payload.ChangeEventHeader.changeType, 'UPDATE');
    assert.ok(update!.payload.ChangeEventHeader.changedFields.includes('Company_Name__c'));
    assert.equal(update!.payload.Company_Name__c, 'Acme Corp');
    assert.equal(remove!.payload.ChangeEventHeader.changeType, 'DELETE');
    assert.ok(update!.event.replayId > create!.event.replayId);
    assert.equal(events.messages.length, 3);
  });

  it('replays retained events for a restarted subscriber (-2 all, or after a replayId)', async () => {
    const all = collector();
    const replayAll = conn.streaming.createClient([new StreamingExtension.Replay(CHANNEL, -2)]);
    const allSubscription = replayAll.subscribe(CHANNEL, all.listener);
    await all.waitFor(3);
    allSubscription.cancel();
    await disconnect(replayAll);
    const secondReplayId = all.messages[1]!.event.replayId;

    const resumed = collector();
    const client = conn.streaming.createClient([new StreamingExtension.Replay(CHANNEL, secondReplayId)]);
    const subscription = client.subscribe(CHANNEL, resumed.listener);
    await subscription;
    await conn.sobject('Partner_Referral__c').create(referral('cdc-2'));
    await resumed.waitFor(2);
    subscription.cancel();
    await disconnect(client);
    assert.equal(resumed.messages[0]!.event.replayId, all.messages[2]!.event.replayId);
    assert.equal(resumed.messages[1]!.payload.ChangeEventHeader.changeType, 'CREATE');
  });

  it('carries every object on /data/ChangeEvents', async () => {
    const events = collector();
    const client = conn.streaming.createClient([new StreamingExtension.Replay('/data/ChangeEvents', -1)]);
    const subscription = client.subscribe('/data/ChangeEvents', events.listener);
    await subscription;
    await conn.sobject('Lead').create({ LastName: 'Streamed', Company: 'Stream Co' });
    await events.waitFor(1);
    subscription.cancel();
    await disconnect(client);
    assert.equal(events.messages[0]!.payload.ChangeEventHeader.entityName, 'Lead');
  });
});
