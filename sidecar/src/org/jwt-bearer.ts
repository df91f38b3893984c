/**
 * OAuth 2.0 JWT bearer flow (a Connected App with a certificate). JWT has no refresh token,
 * so the connection's `refreshFn` signs a fresh assertion whenever the session expires.
 * The private key is only ever passed to the signer: never logged, never in an error.
 */
import crypto from 'node:crypto';

export interface JwtBearerSettings {
  loginUrl: string;
  clientId: string;
  username: string;
  privateKeyPem: string;
  /** Token lifetime of the assertion itself, seconds (Salesforce allows at most 3 minutes). */
  assertionTtlSeconds?: number;
}

export interface TokenResponse {
  access_token: string;
  instance_url: string;
  id: string;
  token_type?: string;
  scope?: string;
}

export class JwtAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwtAuthError';
  }
}

const base64url = (input: Buffer | string): string => Buffer.from(input).toString('base64url');

export function signJwtAssertion(settings: JwtBearerSettings, now: Date = new Date()): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({
      iss: settings.clientId,
      sub: settings.username,
      aud: settings.loginUrl.replace(/\/$/, ''),
      exp: Math.floor(now.getTime() / 1000) + (settings.assertionTtlSeconds ?? 180),
    }),
  );
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(settings.privateKeyPem);
  } catch {
    throw new JwtAuthError('the JWT private key is not a valid PEM private key (PARTNER_SYNC_JWT_KEY_FILE / PARTNER_SYNC_JWT_KEY)');
  }
  const signature = crypto.sign('RSA-SHA256', Buffer.from(`${header}.${claims}`), key);
  return `${header}.${claims}.${base64url(signature)}`;
}

/** Exchanges a signed assertion for an access token at `${loginUrl}/services/oauth2/token`. */
export async function requestJwtToken(settings: JwtBearerSettings, fetchImpl: typeof fetch = fetch): Promise<TokenResponse> {
  const tokenUrl = `${settings.loginUrl.replace(/\/$/, '')}/services/oauth2/token`;
  const body = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: signJwtAssertion(settings),
  });
  let response: Response;
  try {
    response = await fetchImpl(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
    });
  } catch (error) {
    throw new JwtAuthError(`cannot reach ${tokenUrl}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // fall through with the raw text in the message
  }
  if (!response.ok || typeof parsed.access_token !== 'string') {
    const reason =
      typeof parsed.error === 'string'
        ? `${parsed.error}${parsed.error_description ? `: ${String(parsed.error_description)}` : ''}`
        : `HTTP ${response.status} ${text.slice(0, 200)}`;
    throw new JwtAuthError(`JWT bearer login as ${settings.username} (client ${settings.clientId}) at ${tokenUrl} failed: ${reason}`);
  }
  return parsed as unknown as TokenResponse;
}
