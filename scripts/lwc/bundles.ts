/** Where the LWC bundles are and which of their files are TypeScript sources. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const REPOSITORY_DIR = path.resolve(import.meta.dirname, '..', '..');
export const FORCE_APP_DIR = path.join(REPOSITORY_DIR, 'force-app');
export const LWC_DIR = path.join(FORCE_APP_DIR, 'main', 'default', 'lwc');
/** First line of every emitted .js, so stale output can be told from hand-written files. */
export const EMITTED_HEADER = '// Compiled from TypeScript by scripts/lwc/build.ts. Edit the .ts beside this file.';

export interface LwcBundle {
  name: string;
  dir: string;
}

const isTestFolder = (name: string): boolean => name === '__tests__' || name === '__mocks__';

export function listBundles(lwcDir = LWC_DIR): LwcBundle[] {
  if (!existsSync(lwcDir)) return [];
  return readdirSync(lwcDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !entry.name.startsWith('_'))
    .map((entry) => ({ name: entry.name, dir: path.join(lwcDir, entry.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function listFiles(dir: string, accept: (file: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!isTestFolder(entry.name)) found.push(...listFiles(entryPath, accept));
    } else if (accept(entry.name)) {
      found.push(entryPath);
    }
  }
  return found.sort();
}

/** The TypeScript modules of a bundle that ship (tests and declaration files excluded). */
export function bundleSources(bundle: LwcBundle): string[] {
  return listFiles(bundle.dir, (name) => name.endsWith('.ts') && !name.endsWith('.d.ts'));
}

/** The .js files of a bundle (emitted or hand-written). */
export function bundleScripts(bundle: LwcBundle): string[] {
  return listFiles(bundle.dir, (name) => name.endsWith('.js'));
}

/** Every TypeScript file under the LWC folder, tests included (what ESLint and tsc see). */
export function allLwcTypeScript(lwcDir = LWC_DIR): string[] {
  return listBundles(lwcDir).flatMap((bundle) =>
    readdirSync(bundle.dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => path.join(entry.parentPath, entry.name)),
  );
}
