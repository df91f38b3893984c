/** Assertions that print every finding, so a failing check says what to fix and where. */
import assert from 'node:assert/strict';
import { formatFindings } from './findings.ts';
import type { Finding } from './findings.ts';

export function assertNoFindings(findings: readonly Finding[], what: string): void {
  assert.equal(findings.length, 0, `${what}:\n${formatFindings(findings)}`);
}

/** Asserts a finding about `name` in `file` (path relative to the project root) is present. */
export function assertReported(findings: readonly Finding[], file: string, name: string | RegExp): Finding {
  const match = findings.find((item) => item.file === file && (typeof name === 'string' ? item.name === name : name.test(item.name)));
  assert.ok(match, `expected a finding for ${String(name)} in ${file}; got:\n${formatFindings(findings) || '  (none)'}`);
  return match;
}

export function assertNotReported(findings: readonly Finding[], name: string | RegExp): void {
  const matches = findings.filter((item) => (typeof name === 'string' ? item.name.includes(name) : name.test(item.name)));
  assert.equal(matches.length, 0, `unexpected findings for ${String(name)}:\n${formatFindings(matches)}`);
}
