/** What a check reports: which file, which name in it, and what is wrong. */
import path from 'node:path';

export interface Finding {
  check: string;
  /** Path relative to the project root. */
  file: string;
  /** The field, class, method or import the finding is about. */
  name: string;
  message: string;
}

export function finding(check: string, root: string, file: string, name: string, message: string): Finding {
  return { check, file: path.relative(root, file).split(path.sep).join('/'), name, message };
}

export function formatFindings(findings: readonly Finding[]): string {
  return findings.map((item) => `  ${item.file}: ${item.name} — ${item.message} [${item.check}]`).join('\n');
}
