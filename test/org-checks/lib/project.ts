/**
 * The parts of a checkout the offline org checks read. Checks take a ProjectLayout so the
 * mutation tests can point them at a temporary copy of the tree.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ProjectLayout {
  root: string;
  forceAppDir: string;
  lwcDir: string;
  sidecarSourceDir: string;
}

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

export function projectLayout(root: string): ProjectLayout {
  return {
    root,
    forceAppDir: path.join(root, 'force-app'),
    lwcDir: path.join(root, 'force-app', 'main', 'default', 'lwc'),
    sidecarSourceDir: path.join(root, 'sidecar', 'src'),
  };
}

export const REPOSITORY = projectLayout(REPOSITORY_ROOT);

/** A temporary copy of force-app and the sidecar sources, removed by `dispose()`. */
export interface ProjectCopy extends ProjectLayout {
  /** Replaces `from` by `to` in one file of the copy; fails if `from` is not there. */
  edit(relativeFile: string, from: string | RegExp, to: string): void;
  remove(relativeFile: string): void;
  write(relativeFile: string, text: string): void;
  dispose(): void;
}

export function copyProject(source: ProjectLayout = REPOSITORY): ProjectCopy {
  const root = mkdtempSync(path.join(os.tmpdir(), 'org-checks-'));
  const skip = (file: string): boolean => file.includes(`${path.sep}node_modules`) || file.includes(`${path.sep}__tests__`);
  cpSync(source.forceAppDir, path.join(root, 'force-app'), { recursive: true, filter: (file) => !skip(file) });
  cpSync(source.sidecarSourceDir, path.join(root, 'sidecar', 'src'), { recursive: true, filter: (file) => !skip(file) });
  const layout = projectLayout(root);
  return {
    ...layout,
    edit(relativeFile, from, to) {
      const file = path.join(root, relativeFile);
      const text = readFileSync(file, 'utf8');
      const edited = text.replace(from, to);
      if (edited === text) throw new Error(`mutation did not apply: ${String(from)} not found in ${relativeFile}`);
      writeFileSync(file, edited);
    },
    remove(relativeFile) {
      rmSync(path.join(root, relativeFile));
    },
    write(relativeFile, text) {
      const file = path.join(root, relativeFile);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    },
    dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
