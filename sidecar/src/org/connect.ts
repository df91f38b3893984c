/**
 * Opens the connection the configuration names: the local emulator (default; found through
 * the connection file the demo writes), a Connected App via JWT, or an `sf` CLI alias.
 */
import fs from 'node:fs';
import path from 'node:path';
import jsforce from 'jsforce';
import type { SidecarConfig } from '../config/config.ts';
import { CONNECTION_FILE_NAME } from '../config/config.ts';
import { requestJwtToken, type JwtBearerSettings } from './jwt-bearer.ts';
import { OrgClient, type RetryEvent } from './org-client.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { displaySfCliOrg, type CommandRunner } from './sf-cli-org.ts';

/** What the demo writes under .org-emulator/ so other terminals can reach the running emulator. */
export interface EmulatorConnectionFile {
  instanceUrl: string;
  loginUrl: string;
  clientId: string;
  username: string;
  privateKeyFile: string;
  pid?: number;
}

export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionError';
  }
}

export interface OpenOrgOptions {
  cwd?: string;
  retry?: Partial<RetryPolicy>;
  onRetry?: (event: RetryEvent) => void;
  runCommand?: CommandRunner;
}

export function emulatorConnectionFilePath(config: Pick<SidecarConfig, 'emulatorDir'>, cwd = process.cwd()): string {
  return path.resolve(cwd, config.emulatorDir, CONNECTION_FILE_NAME);
}

export function readEmulatorConnectionFile(file: string): EmulatorConnectionFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConnectionError(
      `no running org emulator found (${file} is missing). Start the demo with \`npm start\` in another terminal, ` +
        'or connect to an org with --target-org <alias> or the PARTNER_SYNC_LOGIN_URL / CLIENT_ID / USERNAME / JWT_KEY_FILE settings.',
    );
  }
  const parsed = JSON.parse(text) as Partial<EmulatorConnectionFile>;
  for (const key of ['instanceUrl', 'loginUrl', 'clientId', 'username', 'privateKeyFile'] as const) {
    if (typeof parsed[key] !== 'string') throw new ConnectionError(`${file}: "${key}" is missing; restart the demo to rewrite it`);
  }
  return parsed as EmulatorConnectionFile;
}

function userIdFromIdentityUrl(identityUrl: string | undefined): string | undefined {
  return identityUrl?.split('/').filter(Boolean).pop();
}

export async function connectWithJwt(settings: JwtBearerSettings, apiVersion: string, options: OpenOrgOptions = {}): Promise<OrgClient> {
  const token = await requestJwtToken(settings);
  let recentRefreshes: number[] = [];
  const connection = new jsforce.Connection({
    instanceUrl: token.instance_url,
    accessToken: token.access_token,
    version: apiVersion,
    // JWT has no refresh token: sign a new assertion. Refuse to spin if the org keeps saying 401.
    refreshFn: (_connection, callback) => {
      const now = Date.now();
      recentRefreshes = recentRefreshes.filter((at) => now - at < 10_000).concat(now);
      if (recentRefreshes.length > 5) {
        callback(
          new Error(
            `the org rejected ${recentRefreshes.length} fresh sessions within 10 s; check the Connected App and user ${settings.username}`,
          ),
        );
        return;
      }
      requestJwtToken(settings).then(
        (fresh) => callback(null, fresh.access_token, fresh as never),
        (error: Error) => callback(error),
      );
    },
  });
  const userId = userIdFromIdentityUrl(token.id);
  return new OrgClient({
    connection,
    apiVersion,
    ...(userId ? { userId } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });
}

export async function openOrg(config: SidecarConfig, options: OpenOrgOptions = {}): Promise<OrgClient> {
  const retry = { ...config.retry, ...options.retry };
  const withRetry = { ...options, retry };
  if (config.connection === 'sf-cli') {
    const targetOrg = config.targetOrg!;
    const org = await displaySfCliOrg(targetOrg, options.runCommand);
    const connection = new jsforce.Connection({
      instanceUrl: org.instanceUrl,
      accessToken: org.accessToken,
      version: config.apiVersion,
      refreshFn: (_connection, callback) => {
        displaySfCliOrg(targetOrg, options.runCommand).then(
          (fresh) => callback(null, fresh.accessToken),
          (error: Error) => callback(error),
        );
      },
    });
    return new OrgClient({ connection, apiVersion: config.apiVersion, retry, ...(options.onRetry ? { onRetry: options.onRetry } : {}) });
  }
  if (config.connection === 'jwt') {
    const jwt = config.jwt!;
    let privateKeyPem = jwt.privateKey;
    if (!privateKeyPem) {
      try {
        privateKeyPem = fs.readFileSync(path.resolve(options.cwd ?? process.cwd(), jwt.privateKeyFile!), 'utf8');
      } catch (error) {
        throw new ConnectionError(
          `jwt.privateKeyFile (PARTNER_SYNC_JWT_KEY_FILE): cannot read ${jwt.privateKeyFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        );
      }
    }
    return connectWithJwt(
      { loginUrl: jwt.loginUrl, clientId: jwt.clientId, username: jwt.username, privateKeyPem },
      config.apiVersion,
      withRetry,
    );
  }
  const file = emulatorConnectionFilePath(config, options.cwd);
  const emulator = readEmulatorConnectionFile(file);
  const privateKeyPem = fs.readFileSync(path.resolve(path.dirname(file), emulator.privateKeyFile), 'utf8');
  return connectWithJwt(
    { loginUrl: emulator.loginUrl, clientId: emulator.clientId, username: emulator.username, privateKeyPem },
    config.apiVersion,
    withRetry,
  );
}
