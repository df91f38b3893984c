/**
 * Change Data Capture over CometD (Bayeux, long-polling) at /cometd/NN.N: handshake,
 * subscribe with the replay extension (-1 new events, -2 all retained, or after a replayId),
 * connect long-polls that deliver events, unsubscribe and disconnect. Channels:
 * /data/ChangeEvents (all objects) and /data/<Object>ChangeEvent (Partner_Referral__ChangeEvent).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrgContext } from '../org-context.ts';
import { changeEventChannelName } from './change-event-log.ts';
import type { StoredChangeEvent } from './change-event-log.ts';

interface BayeuxMessage {
  channel: string;
  clientId?: string;
  id?: string;
  subscription?: string;
  connectionType?: string;
  advice?: { timeout?: number };
  ext?: { replay?: Record<string, number | string> };
  [key: string]: unknown;
}

interface Subscription {
  channel: string;
  /** Entity the channel carries, or undefined for /data/ChangeEvents. */
  entityName: string | undefined;
  /** The last replayId this subscription has looked at. */
  cursor: number;
}

interface HeldConnect {
  res: ServerResponse;
  message: BayeuxMessage;
  timer: NodeJS.Timeout;
}

interface Client {
  id: string;
  subscriptions: Map<string, Subscription>;
  held: HeldConnect | undefined;
  lastSeen: number;
}

/** How long a connect is held before it returns empty (an org holds ~110 s). */
export const CONNECT_TIMEOUT_MS = 110_000;
const CLIENT_EXPIRY_MS = 5 * 60 * 1000;
const ADVICE = { interval: 0, timeout: CONNECT_TIMEOUT_MS, reconnect: 'retry' };

export class CometdServer {
  private readonly org: OrgContext;
  private readonly clients = new Map<string, Client>();
  private readonly unsubscribeEvents: () => void;

  constructor(org: OrgContext) {
    this.org = org;
    this.unsubscribeEvents = org.changeEvents.onEvent(() => this.flushAll());
  }

  /** Handles /cometd/NN.N requests; returns false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, body: string): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!/^\/cometd\/\d+\.\d+(\/.*)?$/.test(url.pathname)) return false;
    let messages: BayeuxMessage[];
    try {
      const parsed: unknown = JSON.parse(body || url.searchParams.get('message') || '[]');
      messages = (Array.isArray(parsed) ? parsed : [parsed]) as BayeuxMessage[];
    } catch {
      reply(res, 400, [{ successful: false, error: '400::Bad request' }]);
      return true;
    }
    const token = /^(?:OAuth|Bearer)\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const session = token ? this.org.sessions.lookup('access', token) : undefined;
    if (!session) {
      reply(
        res,
        401,
        messages.map((m) => ({
          channel: m.channel,
          id: m.id,
          successful: false,
          error: '401::Authentication invalid',
          advice: { reconnect: 'none' },
        })),
      );
      return true;
    }
    this.expireIdleClients();
    const replies: unknown[] = [];
    let connect: BayeuxMessage | undefined;
    for (const message of messages) {
      if (message.channel === '/meta/connect') connect = message;
      else replies.push(this.answer(message));
    }
    if (!connect) {
      reply(res, 200, replies);
      return true;
    }
    const client = connect.clientId ? this.clients.get(connect.clientId) : undefined;
    if (!client) {
      reply(res, 200, [
        ...replies,
        {
          channel: '/meta/connect',
          id: connect.id,
          successful: false,
          error: '403::Unknown client',
          advice: { reconnect: 'handshake', interval: 0 },
        },
      ]);
      return true;
    }
    client.lastSeen = Date.now();
    this.releaseHeld(client);
    const events = this.pendingEvents(client);
    if (events.length > 0 || replies.length > 0 || connect.advice?.timeout === 0) {
      reply(res, 200, [...replies, ...events, connectReply(client, connect)]);
      return true;
    }
    const timer = setTimeout(() => this.releaseHeld(client), CONNECT_TIMEOUT_MS);
    timer.unref();
    client.held = { res, message: connect, timer };
    res.on('close', () => {
      if (client.held?.res === res) {
        clearTimeout(client.held.timer);
        client.held = undefined;
      }
    });
    return true;
  }

  close(): void {
    this.unsubscribeEvents();
    for (const client of this.clients.values()) this.releaseHeld(client);
    this.clients.clear();
  }

  private answer(message: BayeuxMessage): unknown {
    const base = { channel: message.channel, id: message.id };
    switch (message.channel) {
      case '/meta/handshake': {
        const id = randomBytes(16).toString('base64url');
        this.clients.set(id, { id, subscriptions: new Map(), held: undefined, lastSeen: Date.now() });
        return {
          ...base,
          clientId: id,
          version: '1.0',
          minimumVersion: '1.0',
          supportedConnectionTypes: ['long-polling'],
          successful: true,
          ext: { replay: true, 'payload.format': true },
          advice: ADVICE,
        };
      }
      case '/meta/subscribe':
        return this.subscribe(message);
      case '/meta/unsubscribe': {
        const client = message.clientId ? this.clients.get(message.clientId) : undefined;
        if (!client) return { ...base, successful: false, error: '403::Unknown client', advice: { reconnect: 'handshake' } };
        client.subscriptions.delete(String(message.subscription));
        return { ...base, clientId: client.id, subscription: message.subscription, successful: true };
      }
      case '/meta/disconnect': {
        const client = message.clientId ? this.clients.get(message.clientId) : undefined;
        if (client) {
          this.releaseHeld(client);
          this.clients.delete(client.id);
        }
        return { ...base, clientId: message.clientId, successful: true };
      }
      default:
        return { ...base, successful: false, error: `403::Publishing to ${message.channel} is not supported` };
    }
  }

  private subscribe(message: BayeuxMessage): unknown {
    const base = { channel: '/meta/subscribe', id: message.id, subscription: message.subscription };
    const client = message.clientId ? this.clients.get(message.clientId) : undefined;
    if (!client) return { ...base, successful: false, error: '403::Unknown client', advice: { reconnect: 'handshake' } };
    const channel = String(message.subscription ?? '');
    const entityName = this.entityOf(channel);
    if (entityName === null)
      return { ...base, clientId: client.id, successful: false, error: `400::The channel you subscribed to is not valid: ${channel}` };
    const requested = Number(message.ext?.replay?.[channel] ?? -1);
    const latest = this.org.changeEvents.latestReplayId();
    let cursor: number;
    if (requested === -1) cursor = latest;
    else if (requested === -2) cursor = 0;
    else if (Number.isInteger(requested) && requested >= 0 && requested <= latest && this.retained(requested)) cursor = requested;
    else {
      return {
        ...base,
        clientId: client.id,
        successful: false,
        error: `400::The replayId {${requested}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`,
      };
    }
    client.subscriptions.set(channel, { channel, entityName, cursor });
    // A replay subscription may have retained events waiting while a connect is already held.
    setImmediate(() => this.flushClient(client));
    return { ...base, clientId: client.id, successful: true };
  }

  /** A replayId is valid while the event after it is still retained (or nothing was pruned). */
  private retained(replayId: number): boolean {
    const next = this.org.changeEvents.eventsAfter(replayId, 1)[0];
    return next === undefined || next.replayId === replayId + 1 || replayId === 0;
  }

  /** The entity behind a channel; undefined = every entity; null = not a change event channel. */
  private entityOf(channel: string): string | undefined | null {
    if (channel === '/data/ChangeEvents') return undefined;
    const match = /^\/data\/(\w+)$/.exec(channel);
    if (!match) return null;
    const object = this.org.schema.objects.find((o) => !o.customMetadata && changeEventChannelName(o.name) === match[1]);
    return object ? object.name : null;
  }

  private pendingEvents(client: Client): unknown[] {
    const delivered: unknown[] = [];
    for (const subscription of client.subscriptions.values()) {
      let events: StoredChangeEvent[];
      do {
        events = this.org.changeEvents.eventsAfter(subscription.cursor, 500);
        for (const event of events) {
          subscription.cursor = event.replayId;
          if (subscription.entityName !== undefined && event.entityName !== subscription.entityName) continue;
          delivered.push({
            channel: subscription.channel,
            data: { schema: schemaId(event.entityName), payload: event.payload, event: { replayId: event.replayId } },
          });
        }
      } while (events.length === 500 && delivered.length < 500);
    }
    return delivered;
  }

  private flushAll(): void {
    for (const client of this.clients.values()) this.flushClient(client);
  }

  /** Answers the client's held connect with its pending events, if it has any. */
  private flushClient(client: Client): void {
    if (!client.held) return;
    const events = this.pendingEvents(client);
    if (events.length === 0) return;
    const held = client.held;
    clearTimeout(held.timer);
    client.held = undefined;
    reply(held.res, 200, [...events, connectReply(client, held.message)]);
  }

  private releaseHeld(client: Client): void {
    const held = client.held;
    if (!held) return;
    clearTimeout(held.timer);
    client.held = undefined;
    if (!held.res.writableEnded) reply(held.res, 200, [...this.pendingEvents(client), connectReply(client, held.message)]);
  }

  private expireIdleClients(): void {
    const cutoff = Date.now() - CLIENT_EXPIRY_MS;
    for (const [id, client] of this.clients) if (!client.held && client.lastSeen < cutoff) this.clients.delete(id);
  }
}

function connectReply(client: Client, message: BayeuxMessage): unknown {
  return { channel: '/meta/connect', clientId: client.id, id: message.id, successful: true, advice: ADVICE };
}

function schemaId(entityName: string): string {
  return createHash('sha256').update(entityName).digest('base64url').slice(0, 22);
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}
