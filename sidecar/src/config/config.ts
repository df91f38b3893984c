/**
 * Sidecar configuration: defaults < config file < environment < command-line flags, validated
 * with zod so a bad value fails at start with the setting named, never half-way through a run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const DEFAULT_EMULATOR_DIR = '.org-emulator';
export const CONNECTION_FILE_NAME = 'connection.json';

const positiveInt = z.coerce.number().int().positive();

const jwtSchema = z
  .object({
    loginUrl: z.url(),
    clientId: z.string().min(1),
    username: z.string().min(1),
    /** Path to the PEM private key; or `privateKey` with the PEM itself (from the environment). */
    privateKeyFile: z.string().min(1).optional(),
    privateKey: z.string().min(1).optional(),
  })
  .refine((jwt) => jwt.privateKeyFile || jwt.privateKey, {
    message: 'set a private key: PARTNER_SYNC_JWT_KEY_FILE (a PEM file) or PARTNER_SYNC_JWT_KEY (the PEM)',
    path: ['privateKeyFile'],
  });

export const sidecarConfigSchema = z.object({
  /** `emulator` (the default: the local demo org), `jwt` (a Connected App) or `sf-cli` (an alias authorised with `sf`). */
  connection: z.enum(['emulator', 'jwt', 'sf-cli']).default('emulator'),
  targetOrg: z.string().min(1).optional(),
  jwt: jwtSchema.optional(),
  /** Where the demo writes its connection file (emulator URL and JWT key). */
  emulatorDir: z.string().min(1).default(DEFAULT_EMULATOR_DIR),
  apiVersion: z
    .string()
    .regex(/^\d+\.\d$/, 'expected a version like 63.0')
    .default('63.0'),
  /** Maximum API calls one run may use; the run stops cleanly ("Stopped at Budget") when spent. */
  apiCallBudget: positiveInt.default(5000),
  /** Deltas larger than this are read with Bulk API 2.0 instead of REST query. */
  bulkQueryThreshold: positiveInt.default(10000),
  /** Writes larger than this go through Bulk API 2.0 ingest instead of Composite. */
  bulkIngestThreshold: positiveInt.default(10000),
  /** Records per Bulk API 2.0 query result page. */
  bulkQueryPageSize: positiveInt.default(100000),
  retry: z
    .object({
      maxAttempts: positiveInt.default(6),
      baseDelayMs: z.coerce.number().int().nonnegative().default(500),
      maxDelayMs: positiveInt.default(30000),
    })
    .prefault({}),
  /** Folder with partner account lists (CSV) for the overlap refresh. */
  overlapsDir: z.string().min(1).optional(),
  pollIntervalSeconds: positiveInt.default(60),
  /** Health and Prometheus metrics in watch mode (0 = any free port). */
  metricsPort: z.coerce.number().int().nonnegative().max(65535).default(9464),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type SidecarConfig = z.infer<typeof sidecarConfigSchema>;
export type SidecarConfigInput = z.input<typeof sidecarConfigSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Environment variables and the setting each one feeds. */
const ENVIRONMENT_SETTINGS: Record<string, string> = {
  PARTNER_SYNC_CONNECTION: 'connection',
  PARTNER_SYNC_TARGET_ORG: 'targetOrg',
  PARTNER_SYNC_EMULATOR_DIR: 'emulatorDir',
  PARTNER_SYNC_API_VERSION: 'apiVersion',
  PARTNER_SYNC_API_CALL_BUDGET: 'apiCallBudget',
  PARTNER_SYNC_BULK_QUERY_THRESHOLD: 'bulkQueryThreshold',
  PARTNER_SYNC_BULK_INGEST_THRESHOLD: 'bulkIngestThreshold',
  PARTNER_SYNC_OVERLAPS_DIR: 'overlapsDir',
  PARTNER_SYNC_POLL_INTERVAL_SECONDS: 'pollIntervalSeconds',
  PARTNER_SYNC_METRICS_PORT: 'metricsPort',
  PARTNER_SYNC_LOG_LEVEL: 'logLevel',
  PARTNER_SYNC_LOGIN_URL: 'jwt.loginUrl',
  PARTNER_SYNC_CLIENT_ID: 'jwt.clientId',
  PARTNER_SYNC_USERNAME: 'jwt.username',
  PARTNER_SYNC_JWT_KEY_FILE: 'jwt.privateKeyFile',
  PARTNER_SYNC_JWT_KEY: 'jwt.privateKey',
};

/** The environment variable (or file key) behind a setting path, for error messages. */
function settingLabel(settingPath: string): string {
  const variable = Object.entries(ENVIRONMENT_SETTINGS).find(([, setting]) => setting === settingPath)?.[0];
  return variable ? `${settingPath} (${variable})` : settingPath;
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

function mergeDeep(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
        ? mergeDeep(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return merged;
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** A JSON config file; PARTNER_SYNC_CONFIG in the environment names one too. */
  file?: string;
  /** Values from command-line flags (highest precedence). */
  overrides?: Record<string, unknown>;
  cwd?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): SidecarConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  let fromFile: Record<string, unknown> = {};
  const file = options.file ?? env.PARTNER_SYNC_CONFIG;
  if (file) {
    const filePath = path.resolve(cwd, file);
    let text: string;
    try {
      text = fs.readFileSync(filePath, 'utf8');
    } catch (error) {
      throw new ConfigError(`config file ${filePath}: ${(error as Error).message}`);
    }
    try {
      fromFile = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`config file ${filePath}: not valid JSON (${(error as Error).message})`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [variable, setting] of Object.entries(ENVIRONMENT_SETTINGS)) {
    const value = env[variable];
    if (value !== undefined && value !== '') setPath(fromEnv, setting, value);
  }
  let input = mergeDeep(mergeDeep(fromFile, fromEnv), options.overrides ?? {});
  // Naming an org implies how to reach it, unless the connection was chosen explicitly.
  if (input.connection === undefined) {
    if (input.targetOrg) input = { ...input, connection: 'sf-cli' };
    else if (input.jwt) input = { ...input, connection: 'jwt' };
  }
  const parsed = sidecarConfigSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const where = issue.path.join('.') || '(config)';
      return `${settingLabel(where)}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const config = parsed.data;
  if (config.connection === 'jwt' && !config.jwt) {
    throw new ConfigError(
      'invalid configuration:\n  jwt: the JWT connection needs PARTNER_SYNC_LOGIN_URL, PARTNER_SYNC_CLIENT_ID, PARTNER_SYNC_USERNAME and a key',
    );
  }
  if (config.connection === 'sf-cli' && !config.targetOrg) {
    throw new ConfigError(
      'invalid configuration:\n  targetOrg (PARTNER_SYNC_TARGET_ORG): the sf-cli connection needs an org alias or username (--target-org)',
    );
  }
  return config;
}
