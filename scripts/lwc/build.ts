/**
 * `npm run build:lwc`: compiles the LWC TypeScript sources to the JavaScript the org runs.
 *  1. writes types/generated/{apex,labels}.d.ts from the Apex classes and labels in force-app;
 *  2. keeps the `c/<bundle>` paths of lwc/tsconfig.json in step with the bundles;
 *  3. type-checks every component and test strictly (tsc --noEmit);
 *  4. strips the types of every shipped .ts into the .js beside it (decorators kept) and
 *     removes emitted .js whose .ts is gone.
 * Exits non-zero, printing each error, when any step fails; nothing is emitted after a type error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadPackageSchema } from '@partner-lead-sync/model';
import { format, resolveConfig } from 'prettier';
import { readApexClasses } from './apex-signatures.ts';
import { renderApexTypings } from './apex-typings.ts';
import { EMITTED_HEADER, FORCE_APP_DIR, bundleScripts, bundleSources, listBundles } from './bundles.ts';
import { findLabelNames, renderLabelTypings } from './label-typings.ts';
import { stripTypes } from './strip-types.ts';

// `--force-app <dir>` builds another copy of the tree (the org checks' mutation tests do).
const forceAppArgument = process.argv.indexOf('--force-app');
const forceAppDir = forceAppArgument > 0 ? path.resolve(process.argv[forceAppArgument + 1] ?? '') : FORCE_APP_DIR;
const lwcDir = path.join(forceAppDir, 'main', 'default', 'lwc');
const generatedTypesDir = path.join(path.dirname(forceAppDir), 'types', 'generated');
const tsconfig = path.join(lwcDir, 'tsconfig.json');

function writeIfChanged(file: string, text: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function generateTypings(): void {
  const apexClasses = readApexClasses(forceAppDir);
  const broken = apexClasses.filter((parsed) => parsed.errors.length > 0);
  for (const parsed of broken) {
    const first = parsed.errors[0];
    console.error(
      `${path.relative(process.cwd(), parsed.file)}:${first?.line}:${first?.column} Apex syntax error: ${first?.message.slice(0, 200)}`,
    );
  }
  const objectNames = Object.keys(loadPackageSchema(forceAppDir).objects);
  writeIfChanged(path.join(generatedTypesDir, 'apex.d.ts'), renderApexTypings(apexClasses, objectNames));
  writeIfChanged(path.join(generatedTypesDir, 'labels.d.ts'), renderLabelTypings(findLabelNames(forceAppDir)));
}

/** Maps `c/<bundle>` to the bundle's main .ts so components import each other with types. */
async function syncBundlePaths(): Promise<void> {
  const config = JSON.parse(readFileSync(tsconfig, 'utf8')) as { compilerOptions: { paths?: Record<string, string[]> } };
  const paths: Record<string, string[]> = {};
  for (const bundle of listBundles(lwcDir)) {
    if (existsSync(path.join(bundle.dir, `${bundle.name}.ts`))) paths[`c/${bundle.name}`] = [`./${bundle.name}/${bundle.name}.ts`];
  }
  if (JSON.stringify(config.compilerOptions.paths ?? {}) === JSON.stringify(paths)) return;
  config.compilerOptions.paths = paths;
  const prettierOptions = (await resolveConfig(tsconfig)) ?? {};
  writeFileSync(tsconfig, await format(JSON.stringify(config), { ...prettierOptions, filepath: tsconfig }));
}

function typeCheck(): boolean {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', tsconfig, '--pretty', 'false'], { stdio: 'inherit' });
  return result.status === 0;
}

function emit(): number {
  let emitted = 0;
  for (const bundle of listBundles(lwcDir)) {
    const sources = new Set(bundleSources(bundle));
    for (const source of sources) {
      const javascript = `${EMITTED_HEADER}\n${stripTypes(readFileSync(source, 'utf8'), source)}\n`;
      writeIfChanged(source.replace(/\.ts$/, '.js'), javascript);
      emitted++;
    }
    for (const script of bundleScripts(bundle)) {
      const isOrphan = !sources.has(script.replace(/\.js$/, '.ts'));
      if (isOrphan && readFileSync(script, 'utf8').startsWith(EMITTED_HEADER)) rmSync(script);
    }
  }
  return emitted;
}

const started = performance.now();
generateTypings();
await syncBundlePaths();
if (!typeCheck()) {
  console.error('build:lwc: type errors above; no JavaScript emitted.');
  process.exit(1);
}
const count = emit();
console.log(`build:lwc: ${count} TypeScript module(s) type-checked and compiled in ${Math.round(performance.now() - started)} ms`);
