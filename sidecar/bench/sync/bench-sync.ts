/**
 * `npm run bench:sync`: API calls the sidecar spends to read 1M records and write back 50k,
 * against the org emulator over real HTTP, beside a one-call-per-record baseline measured in
 * the same run.
 *
 *  - read: the sidecar's first-load path (extractChanges, mode auto: one REST page shows the
 *    result is large, then Bulk API 2.0 with Sforce-Locator paging);
 *  - write: the sidecar's write-back (writeRecords: Bulk API 2.0 ingest above the threshold,
 *    Composite + sObject Collections below it — measured too, on a sample);
 *  - baseline: one REST call per record (GET sobjects/Account/{id}; PATCH sobjects/…/{key}),
 *    done for real on a sample of BENCH_BASELINE_SAMPLE records and scaled linearly (it is
 *    exactly one call per record, so scaling is exact).
 *
 * Sizes: BENCH_READ_RECORDS (default 1,000,000), BENCH_WRITE_RECORDS (50,000). The last line
 * is one JSON object with the figures.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiCallMeter } from '../../src/org/api-call-meter.ts';
import { connectWithJwt } from '../../src/org/connect.ts';
import type { OrgClient } from '../../src/org/org-client.ts';
import { extractChanges } from '../../src/sync/extract.ts';
import { writeRecords } from '../../src/sync/write-back.ts';

const READ_RECORDS = Number(process.env.BENCH_READ_RECORDS ?? 1_000_000);
const WRITE_RECORDS = Number(process.env.BENCH_WRITE_RECORDS ?? 50_000);
const BASELINE_SAMPLE = Number(process.env.BENCH_BASELINE_SAMPLE ?? 1_000);
const COMPOSITE_SAMPLE = Number(process.env.BENCH_COMPOSITE_SAMPLE ?? 5_000);
const SEED_CHUNK = 100_000;
const CLIENT_ID = 'PartnerSyncBench';
const USERNAME = 'bench@partner-lead-sync.bench';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function startEmulatorProcess(publicKeyPem: string) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const child = spawn(process.execPath, [path.join(here, 'emulator-process.ts'), CLIENT_ID, USERNAME], {
    env: { ...process.env, BENCH_PUBLIC_KEY_B64: Buffer.from(publicKeyPem).toString('base64') },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const urls = await new Promise<{ instanceUrl: string; loginUrl: string }>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n')[0];
      if (buffered.includes('\n') && line) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return {
    ...urls,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

async function bulkInsert(client: OrgClient, objectName: string, header: string, rows: string[]): Promise<void> {
  const job = await client.request<{ id: string }>(
    {
      method: 'POST',
      url: '/jobs/ingest',
      body: JSON.stringify({ object: objectName, operation: 'insert', contentType: 'CSV', lineEnding: 'LF' }),
    },
    { idempotent: true },
  );
  await client.request(
    {
      method: 'PUT',
      url: `/jobs/ingest/${job.body.id}/batches`,
      body: `${header}\n${rows.join('\n')}\n`,
      headers: { 'Content-Type': 'text/csv' },
    },
    { idempotent: true, text: true },
  );
  await client.request(
    { method: 'PATCH', url: `/jobs/ingest/${job.body.id}`, body: JSON.stringify({ state: 'UploadComplete' }) },
    { idempotent: true },
  );
  for (;;) {
    await sleep(500);
    const info = await client.get<{ state: string; numberRecordsFailed?: number; errorMessage?: string }>(`/jobs/ingest/${job.body.id}`);
    if (info.state === 'JobComplete') {
      if (info.numberRecordsFailed) throw new Error(`seeding ${objectName}: ${info.numberRecordsFailed} rows failed`);
      return;
    }
    if (info.state === 'Failed' || info.state === 'Aborted')
      throw new Error(`seeding ${objectName}: ${info.state} ${info.errorMessage ?? ''}`);
  }
}

function measured<T>(client: OrgClient, work: () => Promise<T>): Promise<{ result: T; calls: number; seconds: number }> {
  const meter = new ApiCallMeter({ budget: Number.MAX_SAFE_INTEGER });
  client.startRun(meter);
  const started = performance.now();
  return work().then((result) => ({ result, calls: meter.used, seconds: (performance.now() - started) / 1000 }));
}

const wallStarted = performance.now();
const keys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const emulator = await startEmulatorProcess(keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
const connect = () =>
  connectWithJwt({ loginUrl: emulator.loginUrl, clientId: CLIENT_ID, username: USERNAME, privateKeyPem }, '63.0', {
    retry: { maxAttempts: 6 },
  });
try {
  const seeder = await connect();
  process.stderr.write(`seeding ${READ_RECORDS} accounts…\n`);
  for (let start = 0; start < READ_RECORDS; start += SEED_CHUNK) {
    const rows: string[] = [];
    for (let i = start; i < Math.min(READ_RECORDS, start + SEED_CHUNK); i++)
      rows.push(`Company ${i} Holdings,company${i}.example.com,City ${i % 997},United States`);
    await bulkInsert(seeder, 'Account', 'Name,Website,BillingCity,BillingCountry', rows);
    process.stderr.write(`  seeded ${Math.min(READ_RECORDS, start + SEED_CHUNK)}\n`);
  }
  const partner = await seeder.request<{ id: string }>(
    {
      method: 'POST',
      url: '/sobjects/Channel_Partner__c',
      body: JSON.stringify({ Name: 'Bench Partner', Partner_Key__c: 'BENCH', Status__c: 'Active', Tier__c: 'Gold' }),
    },
    { idempotent: false },
  );
  const partnerId = partner.body.id;

  const sidecar = await connect();
  process.stderr.write('sidecar read (first load)…\n');
  const read = await measured(sidecar, async () => {
    let count = 0;
    let via = '';
    const fields = ['Id', 'Name', 'Website', 'BillingCity', 'BillingCountry', 'SystemModstamp'];
    for await (const page of extractChanges(
      sidecar,
      { objectName: 'Account', fields, since: null, mode: 'auto' },
      { bulkQueryThreshold: 10_000, bulkQueryPageSize: 250_000, sleep },
    )) {
      count += page.records.length;
      via = page.via;
    }
    return { count, via };
  });
  if (read.result.count !== READ_RECORDS) throw new Error(`read ${read.result.count} records, expected ${READ_RECORDS}`);

  const overlap = (i: number, suffix: string) => ({
    Overlap_Key__c: `BENCH-${suffix}-${i}`,
    Channel_Partner__c: partnerId,
    Partner_Record_Id__c: `p-${i}`,
    Partner_Record_Name__c: `Company ${i} Holdings`,
    Active__c: true,
    Match_Score__c: 0.97,
  });
  process.stderr.write(`sidecar write-back of ${WRITE_RECORDS} records…\n`);
  const write = await measured(sidecar, () =>
    writeRecords(
      sidecar,
      [
        {
          objectName: 'Account_Overlap__c',
          kind: 'upsert',
          externalIdField: 'Overlap_Key__c',
          records: Array.from({ length: WRITE_RECORDS }, (_, i) => overlap(i, 'W')),
        },
      ],
      { bulkIngestThreshold: 10_000, sleep },
    ),
  );
  if (write.result.written !== WRITE_RECORDS)
    throw new Error(`wrote ${write.result.written} of ${WRITE_RECORDS}: ${JSON.stringify(write.result.failures.slice(0, 3))}`);
  const composite = await measured(sidecar, () =>
    writeRecords(
      sidecar,
      [
        {
          objectName: 'Account_Overlap__c',
          kind: 'upsert',
          externalIdField: 'Overlap_Key__c',
          records: Array.from({ length: COMPOSITE_SAMPLE }, (_, i) => overlap(i, 'C')),
        },
      ],
      { bulkIngestThreshold: Number.MAX_SAFE_INTEGER, sleep },
    ),
  );

  process.stderr.write(`baseline: ${BASELINE_SAMPLE} single-record reads and writes…\n`);
  const [sampleIds] = [
    (
      await sidecar.get<{ records: { Id: string }[] }>(`/query?q=${encodeURIComponent(`SELECT Id FROM Account LIMIT ${BASELINE_SAMPLE}`)}`)
    ).records.map((r) => r.Id),
  ];
  const baselineRead = await measured(sidecar, async () => {
    for (const id of sampleIds) await sidecar.get(`/sobjects/Account/${id}`);
  });
  const baselineWrite = await measured(sidecar, async () => {
    for (let i = 0; i < BASELINE_SAMPLE; i++) {
      const { Overlap_Key__c: key, ...fields } = overlap(i, 'B');
      await sidecar.request(
        { method: 'PATCH', url: `/sobjects/Account_Overlap__c/Overlap_Key__c/${key}`, body: JSON.stringify(fields) },
        { idempotent: true },
      );
    }
  });

  const per1000 = (calls: number, records: number) => Math.round((calls / records) * 1000 * 1000) / 1000;
  const figures = {
    read_calls_per_1000: per1000(read.calls, READ_RECORDS),
    write_calls_per_1000: per1000(write.calls, WRITE_RECORDS),
    baseline_read_calls_per_1000: per1000(baselineRead.calls, sampleIds.length),
    baseline_write_calls_per_1000: per1000(baselineWrite.calls, BASELINE_SAMPLE),
    wall_s: Math.round((performance.now() - wallStarted) / 100) / 10,
  };
  const line = (label: string, calls: number, records: number, seconds: number, note: string) =>
    `${label.padEnd(34)} ${String(calls).padStart(9)} calls  ${String(records).padStart(9)} records  ${per1000(calls, records).toFixed(3).padStart(9)} per 1,000  ${seconds.toFixed(1).padStart(6)} s  ${note}`;
  console.log(`Sync API-call benchmark (${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)})`);
  console.log(line('sidecar read (first load)', read.calls, READ_RECORDS, read.seconds, `via ${read.result.via}, 250k rows a page`));
  console.log(
    line(
      'baseline read (1 call/record)',
      baselineRead.calls,
      sampleIds.length,
      baselineRead.seconds,
      `sample; ${READ_RECORDS} records would take ${Math.round((baselineRead.calls / sampleIds.length) * READ_RECORDS)} calls`,
    ),
  );
  console.log(line('sidecar write-back', write.calls, WRITE_RECORDS, write.seconds, 'Bulk API 2.0 ingest (above the 10k threshold)'));
  console.log(
    line('sidecar write-back, composite path', composite.calls, COMPOSITE_SAMPLE, composite.seconds, '5 × 200 records per Composite call'),
  );
  console.log(
    line(
      'baseline write (1 call/record)',
      baselineWrite.calls,
      BASELINE_SAMPLE,
      baselineWrite.seconds,
      `sample; ${WRITE_RECORDS} records would take ${Math.round((baselineWrite.calls / BASELINE_SAMPLE) * WRITE_RECORDS)} calls`,
    ),
  );
  console.log(
    `read: ${(figures.baseline_read_calls_per_1000 / figures.read_calls_per_1000).toFixed(0)}× fewer calls than the baseline; write: ${(figures.baseline_write_calls_per_1000 / figures.write_calls_per_1000).toFixed(0)}× fewer. Targets: read ≤ 0.5, write ≤ 1 per 1,000.`,
  );
  console.log(JSON.stringify(figures));
} finally {
  await emulator.stop();
}
