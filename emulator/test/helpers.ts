/** Shared test set-up: an in-memory emulated org and a jsforce connection to it. */
import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from 'jsforce';
import { startOrgEmulator } from '../src/index.ts';
import type { OrgEmulator, OrgEmulatorOptions } from '../src/index.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const TEST_PRIVATE_KEY = readFileSync(path.join(fixtures, 'test-only-jwt-key.pem'), 'utf8');
export const TEST_CERTIFICATE = readFileSync(path.join(fixtures, 'test-only-jwt-cert.pem'), 'utf8');
export const TEST_CONSUMER_KEY = '3MVG9-test-only-consumer-key';
export const TEST_USERNAME = 'sync@partner-lead-sync.test';

export async function startTestOrg(options: OrgEmulatorOptions = {}): Promise<OrgEmulator> {
  return startOrgEmulator({
    storage: 'memory',
    jwt: { consumerKey: TEST_CONSUMER_KEY, certificatePem: TEST_CERTIFICATE, usernames: [TEST_USERNAME] },
    ...options,
  });
}

export function connect(org: OrgEmulator, options: { accessToken?: string } = {}): Connection {
  return new Connection({ instanceUrl: org.instanceUrl, accessToken: options.accessToken ?? org.issueAccessToken(), version: '63.0' });
}

export function signJwt(claims: Record<string, unknown>, privateKey = TEST_PRIVATE_KEY): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url');
  return `${unsigned}.${signature}`;
}

export function jwtClaims(org: OrgEmulator, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: TEST_CONSUMER_KEY, sub: TEST_USERNAME, aud: org.loginUrl, exp: Math.floor(Date.now() / 1000) + 300, ...overrides };
}

/** A Salesforce API error as jsforce raises it. */
export interface ApiError {
  errorCode: string;
  message: string;
  fields?: string[];
}

export async function apiError(promise: PromiseLike<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    const failure = error as ApiError & { data?: { fields?: string[] } };
    return { errorCode: failure.errorCode, message: failure.message, ...(failure.data?.fields ? { fields: failure.data.fields } : {}) };
  }
  throw new Error('expected the call to fail');
}
