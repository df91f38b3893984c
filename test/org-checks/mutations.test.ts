/**
 * Each offline check fails, naming the file and the field/class/method, when the tree is
 * broken the ways a deploy or a run would find out too late. Every test works on its own
 * temporary copy of force-app + sidecar/src with the probes from lib/fixtures.ts added, and
 * first shows the check passes on the unbroken copy.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { assertNotReported, assertReported } from './lib/assertions.ts';
import {
  PROBE_BUNDLE,
  PROBE_CLASS,
  PROBE_CLASS_FILE,
  PROBE_FIELD,
  PROBE_LWC_FILE,
  PROBE_METHOD,
  PROBE_OBJECT,
  PROBE_PERMISSION_SET_FILE,
  PROBE_SIDECAR_FILE,
  PROBE_TEST_FILE,
  addProbes,
} from './lib/fixtures.ts';
import { REPOSITORY, copyProject } from './lib/project.ts';
import type { ProjectCopy } from './lib/project.ts';
import { runContracts } from './lib/run-contracts.ts';
import { checkApexSyntax } from './lib/apex-source.ts';

const PERMISSION_SETS_DIR = 'force-app/main/default/permissionsets';
const FIELD_FILE = `force-app/main/default/objects/${PROBE_OBJECT}/fields/${PROBE_FIELD}.field-meta.xml`;
const PROBE_REFERENCE = `${PROBE_CLASS}.${PROBE_METHOD}`;

function probedCopy(): ProjectCopy {
  const copy = copyProject();
  addProbes(copy);
  return copy;
}

describe('checks fail on a broken tree', () => {
  const copies: ProjectCopy[] = [];
  const fresh = (): ProjectCopy => {
    const copy = probedCopy();
    copies.push(copy);
    return copy;
  };
  after(() => copies.forEach((copy) => copy.dispose()));

  it('the probes satisfy every contract before they are broken', () => {
    const findings = runContracts(fresh());
    for (const list of Object.values(findings)) {
      assertNotReported(list, /ContractProbe|contractProbe/);
      assertNotReported(list, PROBE_FIELD);
    }
  });

  it('a field renamed in one place only (its object) is reported where the old name is still used', () => {
    const copy = fresh();
    const renamed = 'Company_Web_Domain__c';
    copy.write(
      FIELD_FILE.replace(PROBE_FIELD, renamed),
      (copy.remove(FIELD_FILE),
      `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${renamed}</fullName>
    <label>Company Web Domain</label>
    <length>255</length>
    <required>false</required>
    <type>Text</type>
</CustomField>
`),
    );
    const findings = runContracts(copy);
    assertReported(findings.schemaImports, PROBE_LWC_FILE, `${PROBE_OBJECT}.${PROBE_FIELD}`);
    const soql = findings.sidecarFields.filter((finding) => finding.message.includes('SOQL'));
    const payload = findings.sidecarFields.filter((finding) => finding.message.includes('record literal'));
    assertReported(soql, PROBE_SIDECAR_FILE, `${PROBE_OBJECT}.${PROBE_FIELD}`);
    assertReported(payload, PROBE_SIDECAR_FILE, `${PROBE_OBJECT}.${PROBE_FIELD}`);
    assertReported(
      findings.fieldPermissions,
      `${PERMISSION_SETS_DIR}/Partner_Manager.permissionset-meta.xml`,
      `${PROBE_OBJECT}.${PROBE_FIELD}`,
    );
    assertReported(findings.fieldPermissions, FIELD_FILE.replace(PROBE_FIELD, renamed), `${PROBE_OBJECT}.${renamed}`);
  });

  it('a field renamed in the sidecar only is reported with the sidecar file', () => {
    const copy = fresh();
    copy.edit(PROBE_SIDECAR_FILE, `SELECT Id, ${PROBE_FIELD}`, 'SELECT Id, Company_Domian__c');
    copy.edit(PROBE_SIDECAR_FILE, `'probe', ${PROBE_FIELD}:`, "'probe', Company_Domian__c:");
    const findings = runContracts(copy, ['sidecarFields']).sidecarFields;
    assertReported(findings, PROBE_SIDECAR_FILE, `${PROBE_OBJECT}.Company_Domian__c`);
    assertReported(findings, PROBE_SIDECAR_FILE, 'Company_Domian__c');
    assertReported(
      findings.filter((finding) => finding.message.includes('record literal')),
      PROBE_SIDECAR_FILE,
      `${PROBE_OBJECT}.Company_Domian__c`,
    );
  });

  it('an Apex method misspelled in an LWC import is reported with the component file', () => {
    const copy = fresh();
    copy.edit(PROBE_LWC_FILE, `@salesforce/apex/${PROBE_REFERENCE}'`, `@salesforce/apex/${PROBE_CLASS}.describeRefferal'`);
    const finding = assertReported(runContracts(copy, ['apexImports']).apexImports, PROBE_LWC_FILE, `${PROBE_CLASS}.describeRefferal`);
    if (!finding.message.includes('has no method describeRefferal')) throw new Error(finding.message);
  });

  it('an LWC call or @wire passing a parameter name the Apex method does not declare is reported', () => {
    const copy = fresh();
    copy.edit(PROBE_LWC_FILE, "{ referralId: '$recordId' }", "{ referralID: '$recordId' }");
    copy.edit(PROBE_LWC_FILE, "detailLevel: 'full'", "level: 'full'");
    const findings = runContracts(copy, ['apexImports']).apexImports;
    assertReported(findings, PROBE_LWC_FILE, `${PROBE_REFERENCE}(referralID)`);
    assertReported(findings, PROBE_LWC_FILE, `${PROBE_REFERENCE}(level)`);
  });

  it('a schema import of a field or relationship that does not exist is reported', () => {
    const copy = fresh();
    copy.edit(PROBE_LWC_FILE, `${PROBE_OBJECT}.Channel_Partner__r.Name`, `${PROBE_OBJECT}.Channel_Partner__r.Nmae`);
    assertReported(runContracts(copy, ['schemaImports']).schemaImports, PROBE_LWC_FILE, `${PROBE_OBJECT}.Channel_Partner__r.Nmae`);
  });

  it('an Apex syntax error is reported with the file and line, and the LWC import of that class too', () => {
    const copy = fresh();
    copy.edit(PROBE_CLASS_FILE, 'WITH USER_MODE\n        ];', 'WITH USER_MODE\n        ]');
    const syntax = checkApexSyntax(copy);
    assertReported(syntax, PROBE_CLASS_FILE, `${PROBE_CLASS}.cls`);
    assertReported(runContracts(copy, ['apexImports']).apexImports, PROBE_LWC_FILE, PROBE_REFERENCE);
  });

  it('a permission set missing a field is reported with the field file', () => {
    const copy = fresh();
    const grant = new RegExp(
      `\\s*<fieldPermissions>\\s*<editable>\\w+</editable>\\s*<field>${PROBE_OBJECT}\\.${PROBE_FIELD}</field>\\s*<readable>\\w+</readable>\\s*</fieldPermissions>`,
      'g',
    );
    for (const file of readdirSync(path.join(copy.root, PERMISSION_SETS_DIR))) {
      try {
        copy.edit(`${PERMISSION_SETS_DIR}/${file}`, grant, '');
      } catch {
        // This permission set did not grant the field.
      }
    }
    assertReported(runContracts(copy, ['fieldPermissions']).fieldPermissions, FIELD_FILE, `${PROBE_OBJECT}.${PROBE_FIELD}`);
  });

  it('a permission set granting a required field is reported (the deploy would reject it)', () => {
    const copy = fresh();
    copy.edit(FIELD_FILE, '<required>false</required>', '<required>true</required>');
    assertReported(runContracts(copy, ['fieldPermissions']).fieldPermissions, PROBE_PERMISSION_SET_FILE, `${PROBE_OBJECT}.${PROBE_FIELD}`);
  });

  it('an Apex class called from LWC without class access, and one without a test, are reported', () => {
    const copy = fresh();
    copy.edit(PROBE_PERMISSION_SET_FILE, `<apexClass>${PROBE_CLASS}</apexClass>`, '<apexClass>SomeOtherController</apexClass>');
    copy.remove(PROBE_TEST_FILE);
    const findings = runContracts(copy, ['classAccess', 'apexTests']);
    assertReported(findings.classAccess, PROBE_LWC_FILE, PROBE_CLASS);
    assertReported(findings.classAccess, PROBE_PERMISSION_SET_FILE, 'SomeOtherController');
    assertReported(findings.apexTests, PROBE_CLASS_FILE, PROBE_CLASS);
  });

  it(`uses a probe bundle (${PROBE_BUNDLE}) and class that are not in the repository`, () => {
    assert.equal(existsSync(path.join(REPOSITORY.lwcDir, PROBE_BUNDLE)), false, 'probe bundle name collides with a real component');
    assert.equal(existsSync(path.join(REPOSITORY.root, PROBE_CLASS_FILE)), false, 'probe class name collides with a real class');
  });
});
