/**
 * `sf project convert source` of force-app into Metadata API format: the offline half of a
 * deploy (SDR resolves every component and its type). Returns the members of the generated
 * package.xml by type.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export interface ConvertResult {
  status: number | null;
  output: string;
  outputDir: string;
  members: Map<string, Set<string>>;
}

/** `projectRoot` holds sfdx-project.json; the CLI is the repository's @salesforce/cli. */
export function convertSource(projectRoot: string, rootDir = 'force-app', cliRoot = projectRoot): ConvertResult {
  const outputDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'convert-source-')), 'mdapi');
  const sfRun = path.join(cliRoot, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');
  const result = spawnSync(
    process.execPath,
    [sfRun, 'project', 'convert', 'source', '--root-dir', rootDir, '--output-dir', outputDir, '--json'],
    {
      cwd: projectRoot,
      encoding: 'utf8',
      env: {
        ...process.env,
        SF_DISABLE_TELEMETRY: 'true',
        SF_AUTOUPDATE_DISABLE: 'true',
        SF_SKIP_NEW_VERSION_CHECK: 'true',
        SF_LOG_LEVEL: 'fatal',
      },
      timeout: 120_000,
    },
  );
  const members = new Map<string, Set<string>>();
  if (result.status === 0) {
    const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'types' || name === 'members' });
    const xml = parser.parse(readFileSync(path.join(outputDir, 'package.xml'), 'utf8')) as {
      Package: { types: Array<{ name: string; members: string[] }> };
    };
    for (const type of xml.Package.types) members.set(type.name, new Set(type.members));
  }
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, outputDir, members };
}
