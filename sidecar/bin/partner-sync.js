#!/usr/bin/env node
// The `partner-sync` bin. Node 24 runs the TypeScript sources directly (type stripping), so the
// shim only checks the runtime and hands over to src/cli/main.ts.
const [major] = process.versions.node.split('.').map(Number);
if (major < 23) {
  process.stderr.write(
    `partner-sync needs Node 24 (this is ${process.version}); run it through npx (npx partner-sync …) or npm scripts.\n`,
  );
  process.exit(1);
}
process.env.PARTNER_SYNC_BIN = '1';
await import('../src/cli/main.ts');
