/**
 * Runs the org emulator standalone:
 *   npx node emulator/src/main.ts [--port 8787] [--host 127.0.0.1] [--data .org-emulator/demo.sqlite | --memory]
 *     [--demo] [--seed 20261124] [--scale demo|small|<accounts>] [--partner-lists <dir>]
 *     [--jwt-consumer-key <key> --jwt-cert <pem file> [--jwt-username <username>]...] [--api-allowance <n>]
 * Prints the instance URL and an access token, then serves until interrupted.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_SEED, writePartnerAccountLists } from './demo-data/index.ts';
import type { DemoScale } from './demo-data/index.ts';
import { DEFAULT_STORAGE_FILE, DEFAULT_USERNAME, startOrgEmulator } from './org-emulator.ts';
import type { OrgEmulatorOptions } from './org-emulator.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    memory: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
    seed: { type: 'string' },
    scale: { type: 'string' },
    'partner-lists': { type: 'string' },
    'jwt-consumer-key': { type: 'string' },
    'jwt-cert': { type: 'string' },
    'jwt-username': { type: 'string', multiple: true },
    'api-allowance': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(
    readFileSync(new URL(import.meta.url), 'utf8')
      .split('*/')[0]!
      .replace(/^\/\*\*?/, '')
      .replace(/^ \* ?/gm, ''),
  );
  process.exit(0);
}

const seed = values.seed === undefined ? DEMO_SEED : Number(values.seed);
const scale: DemoScale =
  values.scale === undefined ? 'demo' : values.scale === 'demo' || values.scale === 'small' ? values.scale : Number(values.scale);
const options: OrgEmulatorOptions = {
  port: Number(values.port),
  host: values.host,
  storage: values.memory ? 'memory' : { file: values.data ?? (values.demo ? '.org-emulator/demo.sqlite' : DEFAULT_STORAGE_FILE) },
};
if (values.demo) options.demoData = { seed, scale };
if (values['api-allowance']) options.apiDailyAllowance = Number(values['api-allowance']);
if (values['jwt-consumer-key'] || values['jwt-cert']) {
  if (!values['jwt-consumer-key'] || !values['jwt-cert']) throw new Error('--jwt-consumer-key and --jwt-cert go together');
  options.jwt = {
    consumerKey: values['jwt-consumer-key'],
    certificatePem: readFileSync(values['jwt-cert'], 'utf8'),
    ...(values['jwt-username'] ? { usernames: values['jwt-username'] } : {}),
  };
}

const started = Date.now();
const org = await startOrgEmulator(options);
if (values['partner-lists']) {
  const files = writePartnerAccountLists(values['partner-lists'], seed, scale);
  console.log(`partner account lists: ${files.length} CSV files in ${values['partner-lists']}`);
}
console.log(`org emulator ready in ${Date.now() - started} ms`);
console.log(`instanceUrl  ${org.instanceUrl}`);
console.log(`loginUrl     ${org.loginUrl}`);
console.log(`username     ${DEFAULT_USERNAME}`);
console.log(`accessToken  ${org.issueAccessToken()}`);
console.log(`storage      ${options.storage === 'memory' ? 'memory' : options.storage?.file}`);

const stop = () => {
  void org.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
