/**
 * Structured JSON logs (pino) go to stderr or a file; people read the one-line summaries
 * commands print on stdout. Secrets never reach a log: the redaction list covers the
 * fields that could carry them.
 */
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      name: 'partner-sync',
      level: options.level ?? 'info',
      base: { service: 'partner-sync' },
      redact: {
        paths: [
          'privateKey',
          'privateKeyPem',
          'accessToken',
          'access_token',
          'assertion',
          '*.privateKey',
          '*.accessToken',
          'headers.Authorization',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
}

export const silentLogger = (): Logger => pino({ level: 'silent' });
