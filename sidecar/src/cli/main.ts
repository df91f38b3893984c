/**
 * `partner-sync`: the sidecar's command line. Each subcommand lives in cli/commands/ and is
 * loaded only when used, so `--help` and the file commands start fast.
 */
import { pathToFileURL } from 'node:url';
import { UsageError, type CliCommand, type CliIo } from './command.ts';

interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CliCommand>;
}

const COMMANDS: CommandEntry[] = [
  {
    name: 'run',
    summary: 'one full cycle: referral check, overlap refresh, lead distribution, attribution recompute',
    load: async () => (await import('./commands/sync-commands.ts')).runCommand,
  },
  {
    name: 'watch',
    summary: 'run continuously: real-time referral checks (CDC), polling fallback, health and metrics',
    load: async () => (await import('./commands/watch.ts')).watchCommand,
  },
  {
    name: 'check',
    summary: 'check new and changed referrals for duplicates and channel conflict',
    load: async () => (await import('./commands/sync-commands.ts')).checkCommand,
  },
  {
    name: 'overlaps',
    summary: "refresh account overlap from partners' account lists",
    load: async () => (await import('./commands/sync-commands.ts')).overlapsCommand,
  },
  {
    name: 'attribute',
    summary: 'recompute partner attribution and proposed commission',
    load: async () => (await import('./commands/sync-commands.ts')).attributeCommand,
  },
  {
    name: 'distribute',
    summary: 'offer partner leads and enforce follow-up SLAs (reminders, reclaim)',
    load: async () => (await import('./commands/sync-commands.ts')).distributeCommand,
  },
  {
    name: 'report',
    summary: 'partner attribution report (table or CSV) from the org',
    load: async () => (await import('./commands/report-wiring.ts')).reportCommand(),
  },
  {
    name: 'status',
    summary: 'recent runs, watermarks, pending errors and API usage',
    load: async () => (await import('./commands/status.ts')).statusCommand,
  },
  {
    name: 'match',
    summary: 'match company records in CSV files (no org needed)',
    load: async () => (await import('./commands/match.ts')).matchCommand,
  },
  {
    name: 'demo',
    summary: 'start the local org emulator with demo data and watch it (npm start)',
    load: async () => (await import('./commands/demo.ts')).demoCommand,
  },
  {
    name: 'submit',
    summary: 'submit a partner referral to the target org (to watch it get flagged)',
    load: async () => (await import('./commands/submit.ts')).submitCommand,
  },
];

export function commandNames(): string[] {
  return COMMANDS.map((command) => command.name);
}

function mainUsage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'Usage: partner-sync <command> [options]',
    '',
    'Partner Lead Sync sidecar: checks partner referrals for duplicates and channel conflict, keeps',
    'account overlap and partner attribution current, and writes the results back to Salesforce.',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    "Run `partner-sync <command> --help` for a command's options. Without --target-org the commands",
    'talk to the local org emulator started by `partner-sync demo` (npm start).',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainUsage());
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((command) => command.name === name);
  if (!entry) {
    io.stderr.write(`partner-sync: unknown command "${name}"\n\n${mainUsage()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || (error as Error).name === 'UsageError') {
      io.stderr.write(`partner-sync ${name}: ${(error as Error).message}\n\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly || process.env.PARTNER_SYNC_BIN === '1') {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`partner-sync: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
