/**
 * The OAuth 2.0 JWT bearer flow as an org checks it: RS256 signature against the connected
 * app's certificate, iss = consumer key, sub = a known username, aud = the login URL, exp in
 * the future (with the few minutes of clock skew an org tolerates).
 */
import { X509Certificate, createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export interface JwtBearerConfig {
  consumerKey: string;
  certificatePem: string;
}

export interface OAuthError {
  error: string;
  error_description: string;
}

export type JwtCheck = { ok: true; username: string } | { ok: false; error: OAuthError };

const CLOCK_SKEW_MS = 3 * 60 * 1000;

export function publicKeyFromPem(pem: string): KeyObject {
  return pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const invalidGrant = (description: string): JwtCheck => ({ ok: false, error: { error: 'invalid_grant', error_description: description } });

export function checkJwtAssertion(
  assertion: string,
  config: JwtBearerConfig,
  publicKey: KeyObject,
  audiences: string[],
  now = Date.now(),
): JwtCheck {
  const parts = assertion.split('.');
  if (parts.length !== 3) return invalidGrant('invalid assertion');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeSegment(headerPart);
  const claims = decodeSegment(payloadPart);
  if (!header || !claims) return invalidGrant('invalid assertion');
  if (header.alg !== 'RS256') return invalidGrant(`invalid assertion: unsupported algorithm ${String(header.alg)}`);
  const signatureValid = verify(
    'RSA-SHA256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    publicKey,
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!signatureValid) return invalidGrant('invalid assertion: signature does not verify against the connected app certificate');
  if (claims.iss !== config.consumerKey)
    return { ok: false, error: { error: 'invalid_client_id', error_description: 'client identifier invalid' } };
  const audience = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud ?? '')];
  const trimmed = audiences.map((a) => a.replace(/\/$/, ''));
  if (!audience.some((a) => trimmed.includes(a.replace(/\/$/, '')))) return invalidGrant(`audience is invalid: expected ${audiences[0]}`);
  if (typeof claims.exp !== 'number') return invalidGrant('invalid assertion: exp is missing');
  if (claims.exp * 1000 + CLOCK_SKEW_MS < now) return invalidGrant('expired authorization code');
  if (typeof claims.sub !== 'string' || claims.sub === '') return invalidGrant('invalid assertion: sub is missing');
  return { ok: true, username: claims.sub };
}
