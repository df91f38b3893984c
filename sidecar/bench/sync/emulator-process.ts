/**
 * The benchmark's org emulator, in its own process so its memory (a million records) is not
 * the sidecar's. Prints one JSON line with its URLs, then serves until stdin closes.
 */
import { startOrgEmulator } from '@partner-lead-sync/org-emulator';

const [consumerKey, username] = process.argv.slice(2) as [string, string];
const certificatePem = Buffer.from(process.env.BENCH_PUBLIC_KEY_B64 ?? '', 'base64').toString('utf8');
const org = await startOrgEmulator({
  port: 0,
  host: '127.0.0.1',
  storage: 'memory',
  apiDailyAllowance: 100_000_000,
  jwt: { consumerKey, certificatePem, usernames: [username] },
});
process.stdout.write(`${JSON.stringify({ instanceUrl: org.instanceUrl, loginUrl: org.loginUrl })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void org.close().then(() => process.exit(0));
});
