/**
 * Wires the attribution engineer's `report` command (report.ts, which does no I/O itself) to
 * the org: connection flags are taken here, the rest is passed through, and the loader reads
 * the records from the target org.
 */
import { loadReportRecords } from '../../org/report-loader.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { createReportCommand } from './report.ts';
import { COMMON_USAGE, configFromFlags, loggerFor, openFromConfig } from './shared.ts';

const CONNECTION_FLAGS = new Set(['--target-org', '--config', '--emulator-dir', '--log-level', '--budget']);

/** Splits `--flag value` / `--flag=value` connection flags from the report's own arguments. */
export function splitConnectionFlags(args: string[]): { connection: Record<string, string>; rest: string[] } {
  const connection: Record<string, string> = {};
  const rest: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!CONNECTION_FLAGS.has(flag)) {
      rest.push(arg);
      continue;
    }
    const value = inline ?? args[++index];
    if (value !== undefined) connection[flag.slice(2)] = value;
  }
  return { connection, rest };
}

export function reportCommand(): CliCommand {
  let connection: Record<string, string> = {};
  const inner = createReportCommand({
    loadReportInput: async (_request, io: CliIo) => {
      const config = configFromFlags(connection, io);
      const logger = loggerFor(config, io, connection);
      const client = await openFromConfig(config, logger);
      return loadReportRecords(client, config);
    },
  });
  return {
    name: inner.name,
    summary: inner.summary,
    usage: `${inner.usage}\n\n${COMMON_USAGE.split('\n')
      .filter((line) => !/--budget|--json/.test(line))
      .join('\n')}\n`,
    async run(args, io) {
      const split = splitConnectionFlags(args);
      connection = split.connection;
      try {
        return await inner.run(split.rest, io);
      } catch (error) {
        const name = (error as Error).name;
        if (['ConfigError', 'ConnectionError', 'SfCliOrgError', 'JwtAuthError'].includes(name)) {
          io.stderr.write(`partner-sync report: ${(error as Error).message}\n`);
          return 2;
        }
        throw error;
      }
    },
  };
}
