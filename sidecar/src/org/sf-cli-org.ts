/**
 * An org the admin already authorised with the Salesforce CLI (`sf org login web|jwt`):
 * we ask `sf org display --target-org X --json` for its instance URL and a current access
 * token. The CLI refreshes the token itself, so refreshing means asking again.
 */
import { execFile } from 'node:child_process';

export interface SfCliOrg {
  accessToken: string;
  instanceUrl: string;
  username: string;
  apiVersion?: string;
  userId?: string;
}

export type CommandRunner = (command: string, args: string[]) => Promise<{ stdout: string; stderr: string; exitCode: number }>;

export const runCommand: CommandRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, args, { timeout: 120_000, maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      resolve({ stdout: String(stdout), stderr: String(stderr) + (error && !stdout ? ` ${error.message}` : ''), exitCode });
    });
  });

export class SfCliOrgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SfCliOrgError';
  }
}

export async function displaySfCliOrg(targetOrg: string, run: CommandRunner = runCommand): Promise<SfCliOrg> {
  const how = `Authorise it first: \`sf org login web --alias ${targetOrg}\` (or \`sf org login jwt …\`), then check with \`sf org list\`.`;
  const { stdout, stderr, exitCode } = await run('npx', ['sf', 'org', 'display', '--target-org', targetOrg, '--json']);
  let parsed: { status?: number; result?: Record<string, unknown>; message?: string; name?: string } | undefined;
  // sf prints the JSON document on stdout (errors too, in recent versions), sometimes after warnings.
  for (const text of [stdout, stderr]) {
    const start = text.indexOf('{');
    if (start < 0) continue;
    try {
      parsed = JSON.parse(text.slice(start));
      break;
    } catch {
      parsed = undefined;
    }
  }
  if (!parsed) {
    throw new SfCliOrgError(
      `--target-org ${targetOrg}: the Salesforce CLI gave no readable answer (exit ${exitCode}${stderr.trim() ? `: ${stderr.trim().slice(0, 300)}` : ''}). ${how}`,
    );
  }
  if (parsed.status !== 0 || !parsed.result) {
    const reason = [parsed.name, parsed.message?.replace(/\s+/g, ' ').trim()].filter(Boolean).join(': ') || `exit ${exitCode}`;
    throw new SfCliOrgError(`--target-org ${targetOrg}: the Salesforce CLI cannot use this org (${reason}). ${how}`);
  }
  const result = parsed.result;
  const accessToken = typeof result.accessToken === 'string' ? result.accessToken : undefined;
  const instanceUrl = typeof result.instanceUrl === 'string' ? result.instanceUrl : undefined;
  if (!accessToken || !instanceUrl) {
    const status = typeof result.connectedStatus === 'string' ? ` (status: ${result.connectedStatus})` : '';
    throw new SfCliOrgError(
      `--target-org ${targetOrg}: the Salesforce CLI has no access token or instance URL for this org${status}. ${how}`,
    );
  }
  return {
    accessToken,
    instanceUrl,
    username: typeof result.username === 'string' ? result.username : targetOrg,
    ...(typeof result.apiVersion === 'string' ? { apiVersion: result.apiVersion } : {}),
  };
}
