/**
 * Starts an emulated org: schema from force-app, storage in SQLite, the REST / Bulk 2.0 /
 * OAuth / CometD API on a local port.
 */
import type { AddressInfo } from 'node:net';
import { DEFAULT_FORCE_APP_DIR, loadCustomMetadataRecords } from '@partner-lead-sync/model';
import { registerAuthRoutes } from './api/auth-routes.ts';
import { registerBulkRoutes } from './api/bulk-routes.ts';
import { registerCompositeRoutes } from './api/composite-routes.ts';
import { registerOrgRoutes } from './api/org-routes.ts';
import { registerQueryRoutes } from './api/query-routes.ts';
import { registerSObjectRoutes } from './api/sobject-routes.ts';
import { publicKeyFromPem } from './auth/jwt-bearer.ts';
import { SessionStore } from './auth/sessions.ts';
import { ChangeEventLog, EVENT_RETENTION_MS } from './cdc/change-event-log.ts';
import { CometdServer } from './cdc/cometd-server.ts';
import { MonotonicClock } from './clock.ts';
import { OrgData } from './data/org-data.ts';
import { generateDemoOrg } from './demo-data/generate-demo-org.ts';
import type { DemoScale } from './demo-data/generate-demo-org.ts';
import { FaultInjector } from './faults/fault-injector.ts';
import { ApiUsage, DEFAULT_DAILY_API_ALLOWANCE } from './http/api-usage.ts';
import { Outbox } from './http/outbox.ts';
import type { EmailMessage } from './http/outbox.ts';
import { Router } from './http/router.ts';
import { createHttpFront } from './http/server.ts';
import { makeRecordId } from './ids.ts';
import type { OrgContext } from './org-context.ts';
import { OrgSchema } from './schema/org-schema.ts';
import { QueryCursors } from './soql/query-cursors.ts';
import { QueryEngine } from './soql/query-engine.ts';
import { openDatabase } from './storage/database.ts';
import type { StorageOption } from './storage/database.ts';
import { RecordStore } from './storage/record-store.ts';
import type { FieldValue } from './storage/record-store.ts';

export const DEFAULT_USERNAME = 'integration@partner-lead-sync.emulator';
export const DEFAULT_STORAGE_FILE = '.org-emulator/org.sqlite';

export interface OrgEmulatorOptions {
  /** 0 (default) = any free port. */
  port?: number;
  host?: string;
  /** SQLite file (default .org-emulator/org.sqlite) or 'memory'. */
  storage?: StorageOption;
  forceAppDir?: string;
  /** Generates the demo org once (skipped when the storage already holds demo data). */
  demoData?: { seed: number; scale?: DemoScale };
  /** DailyApiRequests allowance (default 100,000). */
  apiDailyAllowance?: number;
  /** Connected app for the JWT bearer flow: consumer key, X.509 certificate (or public key) PEM, usernames that may log in. */
  jwt?: { consumerKey: string; certificatePem: string; usernames?: string[] };
}

export interface OrgEmulator {
  instanceUrl: string;
  loginUrl: string;
  /** A fresh access token for a user (default: the integration user), as after a login. */
  issueAccessToken(username?: string): string;
  /** A refresh token for the refresh_token grant. */
  issueRefreshToken(username?: string): string;
  faults: FaultInjector;
  outbox(): EmailMessage[];
  apiCallsUsed(): number;
  /** The org id (00D…) and the integration user's id. */
  orgId: string;
  defaultUserId: string;
  close(): Promise<void>;
}

export async function startOrgEmulator(options: OrgEmulatorOptions = {}): Promise<OrgEmulator> {
  const forceAppDir = options.forceAppDir ?? DEFAULT_FORCE_APP_DIR;
  const schema = OrgSchema.load(forceAppDir);
  const db = openDatabase(options.storage ?? { file: DEFAULT_STORAGE_FILE });
  const store = new RecordStore(db);
  const orgId = store.getMeta('org-id') ?? makeRecordId('00D', 1);
  store.setMeta('org-id', orgId);
  const lastStamp = Number((db.prepare('SELECT COALESCE(MAX(modstamp), 0) AS m FROM records').get() as { m: number }).m);
  const clock = new MonotonicClock(lastStamp);
  const changeEvents = new ChangeEventLog(db);
  changeEvents.pruneOlderThan(Date.now() - EVENT_RETENTION_MS);
  const data = new OrgData(schema, store, clock, changeEvents);

  const defaultUserId = store.transaction(() => {
    const id = ensureUser(data, clock, DEFAULT_USERNAME, { FirstName: 'Integration', LastName: 'User', Alias: 'integ' });
    for (const username of options.jwt?.usernames ?? []) ensureUser(data, clock, username, {});
    ensureOrganization(data, clock, orgId, id);
    loadCustomMetadata(data, forceAppDir, clock);
    return id;
  });
  if (options.demoData) {
    const marker = `demo-data:${options.demoData.seed}:${String(options.demoData.scale ?? 'demo')}`;
    if (!store.getMeta('demo-data')) {
      generateDemoOrg(data, clock, {
        seed: options.demoData.seed,
        scale: options.demoData.scale ?? 'demo',
        ownerId: defaultUserId,
        forceAppDir,
      });
      store.setMeta('demo-data', marker);
    }
  }

  const org: OrgContext = {
    orgId,
    schema,
    store,
    data,
    queries: new QueryEngine(schema, store),
    cursors: new QueryCursors(),
    sessions: new SessionStore(db, orgId),
    apiUsage: new ApiUsage(store, options.apiDailyAllowance ?? DEFAULT_DAILY_API_ALLOWANCE),
    faults: new FaultInjector(),
    changeEvents,
    outbox: new Outbox(db),
    urls: { instanceUrl: '', loginUrl: '' },
    jwt: options.jwt ? { ...options.jwt, publicKey: publicKeyFromPem(options.jwt.certificatePem) } : undefined,
    defaultUserId,
  };

  const router = new Router();
  const front = createHttpFront(org, router);
  registerAuthRoutes(router, org);
  registerOrgRoutes(router, org);
  registerQueryRoutes(router, org);
  registerCompositeRoutes(router, org, front.dispatch);
  registerSObjectRoutes(router, org);
  const bulk = registerBulkRoutes(router, org);
  const cometd = new CometdServer(org);
  front.setFallback((req, res, body) => cometd.handle(req, res, body));

  await new Promise<void>((resolve, reject) => {
    front.server.once('error', reject);
    front.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = front.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  org.urls.instanceUrl = `http://${host}:${address.port}`;
  org.urls.loginUrl = org.urls.instanceUrl;
  const pruneTimer = setInterval(() => changeEvents.pruneOlderThan(Date.now() - EVENT_RETENTION_MS), 60 * 60 * 1000);
  pruneTimer.unref();

  const userIdFor = (username: string | undefined): { id: string; username: string } => {
    if (!username) return { id: defaultUserId, username: DEFAULT_USERNAME };
    const user = schema.object('User')!;
    const id = data.findByKey(user, user.fields.Username!, username)[0];
    if (!id) throw new Error(`No user with username ${username} in the emulated org`);
    return { id, username };
  };

  return {
    instanceUrl: org.urls.instanceUrl,
    loginUrl: org.urls.loginUrl,
    orgId,
    defaultUserId,
    issueAccessToken: (username) => {
      const user = userIdFor(username);
      return org.sessions.issue('access', user.id, user.username).token;
    },
    issueRefreshToken: (username) => {
      const user = userIdFor(username);
      return org.sessions.issue('refresh', user.id, user.username).token;
    },
    faults: org.faults,
    outbox: () => org.outbox.all(),
    apiCallsUsed: () => org.apiUsage.usedToday(),
    close: async () => {
      clearInterval(pruneTimer);
      cometd.close();
      bulk.close();
      front.server.closeAllConnections();
      await new Promise<void>((resolve) => front.server.close(() => resolve()));
      db.close();
    },
  };
}

function ensureUser(
  data: OrgData,
  clock: MonotonicClock,
  username: string,
  names: { FirstName?: string; LastName?: string; Alias?: string },
): string {
  const user = data.schema.object('User')!;
  const existing = data.findByKey(user, user.fields.Username!, username)[0];
  if (existing) return existing;
  const localPart = username.split('@')[0] ?? username;
  const firstName = names.FirstName ?? null;
  const lastName = names.LastName ?? localPart;
  const stamp = clock.next();
  const iso = new Date(stamp).toISOString();
  const id = data.newRecordId(user);
  data.seed(
    user,
    {
      Id: id,
      Username: username,
      FirstName: firstName,
      LastName: lastName,
      Name: [firstName, lastName].filter(Boolean).join(' '),
      Email: username,
      Alias: names.Alias ?? localPart.slice(0, 8),
      IsActive: true,
      UserType: 'Standard',
      TimeZoneSidKey: 'GMT',
      CreatedDate: iso,
      LastModifiedDate: iso,
      SystemModstamp: iso,
      CreatedById: id,
      LastModifiedById: id,
      IsDeleted: false,
    },
    stamp,
  );
  return id;
}

/** The org's own Organization record: the Salesforce CLI reads it to tell whether an org is connected. */
function ensureOrganization(data: OrgData, clock: MonotonicClock, orgId: string, userId: string): void {
  const organization = data.schema.object('Organization')!;
  if (data.store.get(orgId)) return;
  const stamp = clock.next();
  const iso = new Date(stamp).toISOString();
  data.seed(
    organization,
    {
      Id: orgId,
      Name: 'Partner Lead Sync Emulator',
      OrganizationType: 'Developer Edition',
      IsSandbox: false,
      InstanceName: 'EMU1',
      NamespacePrefix: null,
      TrialExpirationDate: null,
      DefaultLocaleSidKey: 'en_US',
      TimeZoneSidKey: 'GMT',
      CreatedDate: iso,
      LastModifiedDate: iso,
      SystemModstamp: iso,
      CreatedById: userId,
      LastModifiedById: userId,
      IsDeleted: false,
    },
    stamp,
  );
}

/** Custom metadata records from force-app, re-read at every start (they are deployed metadata, not data). */
function loadCustomMetadata(data: OrgData, forceAppDir: string, clock: MonotonicClock): void {
  const records = loadCustomMetadataRecords(forceAppDir);
  data.store.database.prepare("DELETE FROM records WHERE object LIKE '%\\_\\_mdt' ESCAPE '\\'").run();
  records.forEach((record, index) => {
    const object = data.schema.object(record.type);
    if (!object) return;
    const values: Record<string, FieldValue> = {
      Id: makeRecordId(object.keyPrefix, index + 1),
      DeveloperName: record.developerName,
      MasterLabel: record.label,
      Label: record.label,
      QualifiedApiName: record.developerName,
    };
    for (const [field, value] of Object.entries(record.values)) if (object.fields[field]) values[field] = value;
    data.seed(object, values, clock.next());
  });
}
