/**
 * The shape every `partner-sync` subcommand has. Each command lives in its own file under
 * cli/commands/ and is listed in cli/main.ts.
 */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  name: string;
  /** One line for `partner-sync --help`. */
  summary: string;
  /** Full usage text for `partner-sync <name> --help`. */
  usage: string;
  /** Returns the process exit code. Bad input: print a clear message to stderr and return 2. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** A usage error: the CLI prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
