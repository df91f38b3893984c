/**
 * A fresh in-memory org emulator with a Connected App for the JWT bearer flow, and a sidecar
 * client connected to it the way production connects (real jsforce over HTTP).
 */
import crypto from 'node:crypto';
import { startOrgEmulator, type OrgEmulator, type OrgEmulatorOptions } from '@partner-lead-sync/org-emulator';
import { connectWithJwt } from '../../src/org/connect.ts';
import type { OrgClient } from '../../src/org/org-client.ts';
import type { RetryPolicy } from '../../src/org/retry-policy.ts';

export const TEST_CLIENT_ID = 'PartnerSyncTestApp';
export const TEST_USERNAME = 'sidecar@partner-lead-sync.test';

let keys: { privateKeyPem: string; publicKeyPem: string } | undefined;

export function testKeys(): { privateKeyPem: string; publicKeyPem: string } {
  if (!keys) {
    const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    keys = {
      privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }
  return keys;
}

export async function startTestOrg(options: Partial<OrgEmulatorOptions> = {}): Promise<OrgEmulator> {
  const { publicKeyPem } = testKeys();
  return startOrgEmulator({
    port: 0,
    host: '127.0.0.1',
    storage: 'memory',
    jwt: { consumerKey: TEST_CLIENT_ID, certificatePem: publicKeyPem, usernames: [TEST_USERNAME] },
    ...options,
  });
}

/** Instant, deterministic retries for tests. */
export const instantRetry: Partial<RetryPolicy> = {
  sleep: async () => {},
  random: () => 0.5,
  maxAttempts: 6,
  baseDelayMs: 1,
  maxDelayMs: 5,
};

export async function connectTestClient(org: OrgEmulator, retry: Partial<RetryPolicy> = instantRetry): Promise<OrgClient> {
  return connectWithJwt(
    { loginUrl: org.loginUrl, clientId: TEST_CLIENT_ID, username: TEST_USERNAME, privateKeyPem: testKeys().privateKeyPem },
    '63.0',
    { retry },
  );
}

/**
 * Seeds an org once into a SQLite file; `startCopy` then opens an identical org (same ids,
 * same timestamps) from a copy, so many runs can each start from exactly the same state.
 */
export async function seededOrgTemplate(
  seed: (client: OrgClient) => Promise<unknown>,
): Promise<{ file: string; startCopy(): Promise<OrgEmulator>; cleanup(): void }> {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-sync-org-'));
  const file = path.join(dir, 'template.sqlite');
  const org = await startTestOrg({ storage: { file } });
  const client = await connectTestClient(org);
  await seed(client);
  await org.close();
  let copies = 0;
  return {
    file,
    async startCopy() {
      const copy = path.join(dir, `copy-${++copies}.sqlite`);
      fs.copyFileSync(file, copy);
      for (const suffix of ['-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, copy + suffix);
      return startTestOrg({ storage: { file: copy } });
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
