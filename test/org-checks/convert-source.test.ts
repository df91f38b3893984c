/**
 * `sf project convert source --root-dir force-app` (no org needed) succeeds, and its
 * Metadata API output holds every object, the console app, the permission sets, every Apex
 * class and every LWC bundle — with the compiled JavaScript and without the TypeScript.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { convertSource } from './lib/convert-source.ts';
import type { ConvertResult } from './lib/convert-source.ts';
import { REPOSITORY } from './lib/project.ts';

const DEFAULT_DIR = path.join(REPOSITORY.forceAppDir, 'main', 'default');
const PERMISSION_SETS = [
  'Partner_Lead_Sync_Admin',
  'Partner_Manager',
  'Partner_Sales_Rep',
  'Partner_Community_User',
  'Partner_Sync_Integration',
];

const listNames = (dir: string, suffix: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith(suffix))
        .map((name) => name.slice(0, -suffix.length))
    : [];

function assertContains(result: ConvertResult, type: string, expected: readonly string[]): void {
  const members = result.members.get(type) ?? new Set<string>();
  const missing = expected.filter((name) => !members.has(name));
  assert.deepEqual(missing, [], `${type} missing from the converted package.xml`);
}

describe('sf project convert source', () => {
  let result: ConvertResult;
  before(() => {
    result = convertSource(REPOSITORY.root);
  });
  after(() => {
    // The converter wrote into a fresh temporary directory.
    if (result) rmSync(path.dirname(result.outputDir), { recursive: true, force: true });
  });

  it('succeeds', () => {
    assert.equal(result.status, 0, result.output.slice(0, 4000));
  });

  it('contains every custom object and every custom field, standard objects included', () => {
    const objectDirs = readdirSync(path.join(DEFAULT_DIR, 'objects'));
    const customObjects = objectDirs.filter((name) => existsSync(path.join(DEFAULT_DIR, 'objects', name, `${name}.object-meta.xml`)));
    assertContains(result, 'CustomObject', customObjects);
    const fields = objectDirs.flatMap((object) =>
      listNames(path.join(DEFAULT_DIR, 'objects', object, 'fields'), '.field-meta.xml').map((field) => `${object}.${field}`),
    );
    assert.ok(fields.length > 100, 'expected the package fields');
    assertContains(result, 'CustomField', fields);
  });

  it('contains the Partner Lead Console app and the permission sets', () => {
    assertContains(result, 'CustomApplication', ['Partner_Lead_Console']);
    assertContains(result, 'PermissionSet', PERMISSION_SETS);
    assertContains(result, 'PermissionSet', listNames(path.join(DEFAULT_DIR, 'permissionsets'), '.permissionset-meta.xml'));
  });

  it('contains every Apex class and LWC bundle, tabs, layouts and custom metadata records', () => {
    assertContains(result, 'ApexClass', listNames(path.join(DEFAULT_DIR, 'classes'), '.cls'));
    assertContains(result, 'CustomTab', listNames(path.join(DEFAULT_DIR, 'tabs'), '.tab-meta.xml'));
    assertContains(result, 'Layout', listNames(path.join(DEFAULT_DIR, 'layouts'), '.layout-meta.xml'));
    assertContains(result, 'CustomMetadata', listNames(path.join(DEFAULT_DIR, 'customMetadata'), '.md-meta.xml'));
    const bundles = readdirSync(path.join(DEFAULT_DIR, 'lwc'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    assertContains(result, 'LightningComponentBundle', bundles);
  });

  it('ships the compiled JavaScript of each LWC and none of its TypeScript or tests', () => {
    const lwcOut = path.join(result.outputDir, 'lwc');
    const files = readdirSync(lwcOut, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(lwcOut, path.join(entry.parentPath, entry.name)));
    assert.deepEqual(
      files.filter((file) => file.endsWith('.ts') || file.includes('__tests__') || file.endsWith('tsconfig.json')),
      [],
    );
    for (const bundle of readdirSync(lwcOut))
      assert.ok(files.includes(path.join(bundle, `${bundle}.js`)), `${bundle}/${bundle}.js is not in the converted output`);
  });
});
