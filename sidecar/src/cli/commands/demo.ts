/**
 * `partner-sync demo` (npm start): the quick start. Starts the org emulator in this process
 * with the demo org (persistent SQLite under .org-emulator/), writes a connection file so other
 * terminals can reach it (`partner-sync submit …`), and runs the sidecar in watch mode.
 * Without a terminal, or with --once, it runs one cycle and exits.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CONNECTION_FILE_NAME, DEFAULT_EMULATOR_DIR } from '../../config/config.ts';
import { watchJobs } from '../../jobs/index.ts';
import { SidecarMetrics, startObservabilityServer } from '../../observability/metrics.ts';
import { connectWithJwt, type EmulatorConnectionFile } from '../../org/connect.ts';
import { createLogger } from '../../observability/logger.ts';
import type { OrgMirror } from '../../sync/org-mirror.ts';
import type { OrgRecord } from '../../sync/record-values.ts';
import type { RunReport } from '../../sync/sync-run.ts';
import { SidecarWatcher } from '../../sync/watcher.ts';
import { UsageError, type CliCommand, type CliIo } from '../command.ts';
import { configFromFlags, parseFlags, printReport, reportError } from './shared.ts';

export const DEMO_PORT = 8787;
export const DEMO_CLIENT_ID = 'PartnerLeadSyncDemo';
export const DEMO_USERNAME = 'sidecar@partner-lead-sync.demo';
export const DEMO_SEED = 42;

const USAGE = `Usage: partner-sync demo [--once] [options]

Starts a local org emulator with a seeded demo org (partners, accounts, leads, opportunities,
referrals with duplicates and conflicts), runs the sidecar against it and prints what the
first cycle did. Then it keeps watching: submit a referral from another terminal with
  npx partner-sync submit --company "…" --website …
and watch it get flagged. Data persists in .org-emulator/ between runs.

  --once                 one cycle, then exit (the default without a terminal, e.g. in CI)
  --port <port>          emulator port (default ${DEMO_PORT}; 0 = any free port)
  --dir <dir>            emulator data and connection file (default ${DEFAULT_EMULATOR_DIR})
  --fresh                delete the demo org's data first and generate it again
  --scale demo|small     size of a newly generated demo org (default demo: 40 partners, 3,000
                         accounts, 400 referrals; small: 12 partners, 200 accounts — for CI)
  --metrics-port <port>  health and metrics port in watch mode (default 9464; 0 = any)
  --log-level <level>    JSON log level (logs go to <dir>/sidecar.log)
  --json                 print the first cycle's report as JSON
`;

interface DemoKeys {
  privateKeyFile: string;
  publicKeyPem: string;
  privateKeyPem: string;
}

/** The demo's Connected App key pair, made once and kept (0600) beside the data. */
function demoKeys(dir: string): DemoKeys {
  const privateKeyFile = path.join(dir, 'jwt-private-key.pem');
  const publicKeyFile = path.join(dir, 'jwt-public-key.pem');
  if (!fs.existsSync(privateKeyFile) || !fs.existsSync(publicKeyFile)) {
    const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.writeFileSync(privateKeyFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
    fs.writeFileSync(publicKeyFile, pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  }
  return { privateKeyFile, publicKeyPem: fs.readFileSync(publicKeyFile, 'utf8'), privateKeyPem: fs.readFileSync(privateKeyFile, 'utf8') };
}

/** How many of the demo partners share an account list (the emulator's demo data has one per partner). */
const DEMO_PARTNER_LISTS = 6;

/**
 * Writes the demo partners' account lists (Crossbeam-style CSVs the emulator's demo data
 * generates) where the overlap refresh reads them, once.
 */
async function writeDemoPartnerLists(dir: string, scale: 'demo' | 'small'): Promise<void> {
  if (fs.existsSync(dir)) return;
  const emulatorModule = (await import('@partner-lead-sync/org-emulator')) as Record<string, unknown>;
  const listCsv = emulatorModule.partnerAccountListCsv as
    ((seed: number, scale: 'demo' | 'small', partnerIndex: number) => string) | undefined;
  const keyOf = emulatorModule.partnerKey as ((index: number) => string) | undefined;
  if (!listCsv || !keyOf) return;
  fs.mkdirSync(dir, { recursive: true });
  for (let index = 0; index < DEMO_PARTNER_LISTS; index++)
    fs.writeFileSync(path.join(dir, `${keyOf(index)}.csv`), listCsv(DEMO_SEED, scale, index));
}

/** The first cycle's figures; on an org kept from an earlier run they count only what changed since. */
function firstCycleLines(report: RunReport, orgFromEarlierRun: boolean): string[] {
  const c = report.counts;
  return [
    orgFromEarlierRun ? 'First cycle (on the org of an earlier run: only what changed since; --fresh starts anew):' : 'First cycle:',
    `  records read          ${c.recordsRead}`,
    `  duplicates flagged    ${c.duplicatesFound}`,
    `  conflicts found       ${c.conflictsFound}`,
    `  recommendations made  ${c.recommendationsMade}`,
    `  account overlaps      ${Number(report.jobs.find((job) => job.job === 'overlaps')?.overlaps ?? 0)} (from the partners' account lists)`,
    `  leads offered         ${Number(report.jobs.find((job) => job.job === 'distribution')?.offered ?? 0)} to partners (follow-up SLA with reclaim)`,
    `  attributions written  ${c.attributionsWritten}`,
    `  records written       ${c.recordsWritten}${c.recordsFailed ? ` (${c.recordsFailed} failed, kept in Sync_Error__c)` : ''}`,
    `  API calls used        ${report.apiCalls}${report.orgCountedCalls !== undefined ? ` (the org counted ${report.orgCountedCalls})` : ''}`,
    `  status                ${report.status} in ${(report.durationMs / 1000).toFixed(1)} s`,
  ];
}

/** What the org holds after the cycle (a second start writes nothing new, but the flags are there). */
function orgStateLines(mirror: OrgMirror): string[] {
  const referrals = mirror.records('Partner_Referral__c');
  const count = (predicate: (record: OrgRecord) => boolean) => referrals.filter(predicate).length;
  const openConflicts = mirror.records('Channel_Conflict__c').filter((row) => row.Status__c !== 'Resolved').length;
  const proposals = mirror.records('Partner_Attribution__c').filter((row) => row.Status__c === 'Proposed').length;
  return [
    'In the org now:',
    `  referrals checked     ${count((r) => !!r.Checked_At__c)} of ${referrals.length} (${count((r) => r.Status__c === 'In Review')} in review)`,
    `  duplicates            ${count((r) => r.Duplicate_Status__c === 'Duplicate')} (+ ${count((r) => r.Duplicate_Status__c === 'Possible Duplicate')} possible)`,
    `  channel conflicts     ${openConflicts} open`,
    `  account overlaps      ${mirror.records('Account_Overlap__c').filter((row) => row.Active__c === true).length} active`,
    `  lead assignments      ${mirror.records('Lead_Assignment__c').filter((row) => ['Offered', 'Accepted', 'Contacted'].includes(String(row.Status__c))).length} open with partners`,
    `  attributions          ${proposals} proposed (none approved automatically)`,
  ];
}

/** Two submissions to try: a company the org already knows (it gets flagged) and a new one. */
function submitSuggestions(mirror: OrgMirror, dir: string): string[] {
  const dirFlag = path.resolve(dir) === path.resolve(DEFAULT_EMULATOR_DIR) ? '' : ` --emulator-dir ${dir}`;
  const openAccounts = new Set(
    mirror
      .records('Opportunity')
      .filter((row) => row.IsClosed === false && row.AccountId)
      .map((row) => String(row.AccountId)),
  );
  const known = mirror
    .records('Account')
    .filter((row) => openAccounts.has(String(row.Id)) && typeof row.Website === 'string' && typeof row.Name === 'string')
    .sort((a, b) => String(a.Name).localeCompare(String(b.Name)))[0];
  const lines: string[] = [];
  if (known) {
    const website = String(known.Website)
      .replace(/^https?:\/\//, '')
      .replace(/\/$/, '');
    lines.push(
      `  npx partner-sync submit --company "${String(known.Name).replace(/"/g, '')}" --website ${website} --how-met "Met their CIO at our partner summit" --need "Evaluating a new routing tool"${dirFlag}`,
    );
  }
  lines.push(
    `  npx partner-sync submit --company "Northwind Traders" --website northwindtraders.com --how-met "Existing customer of ours" --need "Replace their lead routing"${dirFlag}`,
  );
  return lines;
}

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'start the local org emulator with demo data and watch it (npm start)',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseFlags(args, {
      once: { type: 'boolean' },
      port: { type: 'string' },
      dir: { type: 'string' },
      fresh: { type: 'boolean' },
      'metrics-port': { type: 'string' },
      scale: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const scale = values.scale ?? 'demo';
    if (scale !== 'demo' && scale !== 'small') throw new UsageError(`--scale must be demo or small, got ${values.scale}`);
    const port = values.port === undefined ? DEMO_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got ${values.port}`);
    const once = values.once === true || !io.stdout.isTTY;
    const dir = path.resolve(values.dir ?? values['emulator-dir'] ?? DEFAULT_EMULATOR_DIR);
    try {
      const config = configFromFlags(
        { ...values, 'emulator-dir': dir },
        io,
        values['metrics-port'] ? { metricsPort: values['metrics-port'] } : {},
      );
      fs.mkdirSync(dir, { recursive: true });
      const storageFile = path.join(dir, 'org.sqlite');
      if (values.fresh) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${storageFile}${suffix}`, { force: true });
      const orgFromEarlierRun = fs.existsSync(storageFile);
      const keys = demoKeys(dir);
      const { startOrgEmulator } = await import('@partner-lead-sync/org-emulator');
      const startedAt = Date.now();
      let emulator;
      try {
        emulator = await startOrgEmulator({
          port,
          host: '127.0.0.1',
          storage: { file: storageFile },
          demoData: { seed: DEMO_SEED, scale },
          jwt: { consumerKey: DEMO_CLIENT_ID, certificatePem: keys.publicKeyPem, usernames: [DEMO_USERNAME] },
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          io.stderr.write(
            `partner-sync demo: port ${port} is in use — is a demo already running? Use it (npx partner-sync submit …) or start this one with --port 0.\n`,
          );
          return 2;
        }
        throw error;
      }
      const connectionFile = path.join(dir, CONNECTION_FILE_NAME);
      const connection: EmulatorConnectionFile = {
        instanceUrl: emulator.instanceUrl,
        loginUrl: emulator.loginUrl,
        clientId: DEMO_CLIENT_ID,
        username: DEMO_USERNAME,
        privateKeyFile: path.basename(keys.privateKeyFile),
        pid: process.pid,
      };
      fs.writeFileSync(connectionFile, `${JSON.stringify(connection, null, 2)}\n`);
      const shownDir = path.relative(process.cwd(), dir);
      io.stdout.write(
        `Org emulator with the demo org on ${emulator.instanceUrl} (data in ${shownDir && !shownDir.startsWith('..') ? shownDir : dir}, started in ${Date.now() - startedAt} ms)\n`,
      );

      const logFile = path.join(dir, 'sidecar.log');
      const logger = createLogger({ level: config.logLevel, destination: fs.createWriteStream(logFile, { flags: 'a' }) });
      const client = await connectWithJwt(
        { loginUrl: emulator.loginUrl, clientId: DEMO_CLIENT_ID, username: DEMO_USERNAME, privateKeyPem: keys.privateKeyPem },
        config.apiVersion,
        {
          retry: config.retry,
          onRetry: (event) => logger.warn(event, 'retry'),
        },
      );
      const partnerLists = path.join(dir, 'partner-lists');
      await writeDemoPartnerLists(partnerLists, scale);
      const overlapsDir = config.overlapsDir ?? (fs.existsSync(partnerLists) ? partnerLists : undefined);
      const metrics = new SidecarMetrics();
      let firstDone = false;
      const watcher = new SidecarWatcher({
        client,
        config,
        logger,
        metrics,
        ...watchJobs(),
        realTime: !once,
        ...(overlapsDir ? { overlapsDir } : {}),
        onReport: (report, trigger) => {
          if (!firstDone) return;
          io.stdout.write(`[${new Date().toLocaleTimeString()}] ${trigger === 'event' ? 'referral change' : 'poll'}: `);
          printReport(report, io, values.json === true);
        },
      });
      const cleanup = async () => {
        await watcher.stop();
        try {
          const current = JSON.parse(fs.readFileSync(connectionFile, 'utf8')) as EmulatorConnectionFile;
          if (current.pid === process.pid) fs.rmSync(connectionFile, { force: true });
        } catch {
          // already gone
        }
        await emulator.close();
      };
      let first: RunReport;
      try {
        first = await watcher.start();
      } catch (error) {
        await cleanup();
        throw error;
      }
      firstDone = true;
      if (values.json) io.stdout.write(`${JSON.stringify(first)}\n`);
      else io.stdout.write(`${[...firstCycleLines(first, orgFromEarlierRun), ...orgStateLines(watcher.records)].join('\n')}\n`);
      if (once) {
        await cleanup();
        return first.status === 'Failed' ? 1 : 0;
      }
      const server = await startObservabilityServer(metrics, () => watcher.health, config.metricsPort).catch(() =>
        startObservabilityServer(metrics, () => watcher.health, 0),
      );
      io.stdout.write(
        [
          '',
          'Watching for new referrals (real time, with a full cycle every ' +
            config.pollIntervalSeconds +
            ' s). In another terminal, submit one:',
          ...submitSuggestions(watcher.records, dir),
          'and watch it get flagged here within a second or two. Also: npx partner-sync status, npx partner-sync report attribution',
          `Health http://127.0.0.1:${server.port}/healthz · metrics http://127.0.0.1:${server.port}/metrics · logs ${logFile} · Ctrl-C to stop`,
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      io.stdout.write('Stopping…\n');
      await server.close();
      await cleanup();
      return 0;
    } catch (error) {
      return reportError(error, io);
    }
  },
};
