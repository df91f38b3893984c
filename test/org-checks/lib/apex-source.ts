/**
 * Apex source checks that need no org: every class and trigger parses with the Apex grammar
 * (@apexdevtools/apex-parser, pure JavaScript) and is formatted by Prettier with
 * prettier-plugin-apex (its native parser binary ships in the npm package; no Java needed).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { findApexFiles, parseApexClass, parseApexTrigger } from '../../../scripts/lwc/apex-signatures.ts';
import { finding } from './findings.ts';
import type { Finding } from './findings.ts';
import type { ProjectLayout } from './project.ts';

export function apexFiles(layout: ProjectLayout): string[] {
  return [...findApexFiles(layout.forceAppDir, '.cls'), ...findApexFiles(layout.forceAppDir, '.trigger')];
}

const nameOf = (file: string): string => file.split(/[\\/]/).pop() ?? file;

export function checkApexSyntax(layout: ProjectLayout, files = apexFiles(layout)): Finding[] {
  return files.flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    const errors = file.endsWith('.trigger') ? parseApexTrigger(source) : parseApexClass(source, file).errors;
    return errors
      .slice(0, 3)
      .map((error) =>
        finding('apex-syntax', layout.root, file, nameOf(file), `line ${error.line}:${error.column} ${error.message.slice(0, 160)}`),
      );
  });
}

async function formattingFinding(layout: ProjectLayout, file: string, configFrom: string | undefined): Promise<Finding | undefined> {
  const options = (await prettier.resolveConfig(configFrom ?? file)) ?? {};
  try {
    const formatted = await prettier.check(readFileSync(file, 'utf8'), { ...options, filepath: file });
    return formatted ? undefined : finding('apex-format', layout.root, file, nameOf(file), 'not Prettier-formatted: run npm run format');
  } catch (error) {
    return finding('apex-format', layout.root, file, nameOf(file), `Prettier cannot parse it: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * Files Prettier would change (uses the repository's .prettierrc, found from each file's path,
 * or from `configFrom`). The Apex parser is a separate process per file, so a few run at once.
 */
export async function checkApexFormatting(layout: ProjectLayout, files = apexFiles(layout), configFrom?: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const queue = [...files];
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const result = await formattingFinding(layout, file, configFrom);
      if (result) findings.push(result);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return findings.sort((a, b) => a.file.localeCompare(b.file));
}

/** Every class and trigger has its -meta.xml (without it the source is silently not deployed). */
export function checkApexMetaFiles(layout: ProjectLayout, files = apexFiles(layout)): Finding[] {
  return files
    .filter((file) => !existsSync(`${file}-meta.xml`))
    .map((file) => finding('apex-meta', layout.root, file, nameOf(file), `missing ${nameOf(file)}-meta.xml`));
}
