/**
 * Contracts between LWC, Apex, permission sets, the sidecar and the package model, checked
 * on the repository. mutations.test.ts shows each check failing on a broken copy.
 */
import { before, describe, it } from 'node:test';
import { assertNoFindings } from './lib/assertions.ts';
import { REPOSITORY } from './lib/project.ts';
import { runContracts } from './lib/run-contracts.ts';
import type { ContractFindings } from './lib/run-contracts.ts';

describe('contracts', () => {
  let findings: ContractFindings;
  before(() => {
    findings = runContracts(REPOSITORY);
  });

  it('every @salesforce/schema import in LWC names an object or field of the model', () => {
    assertNoFindings(findings.schemaImports, 'LWC schema imports that name nothing');
  });

  it('every @salesforce/apex import names a static @AuraEnabled method, called with its parameter names', () => {
    assertNoFindings(findings.apexImports, 'LWC Apex imports and call sites that do not match the Apex');
  });

  it('every custom field is granted (required and master-detail excepted) and every grant names a real, grantable field', () => {
    assertNoFindings(findings.fieldPermissions, 'field-level security');
  });

  it('every Apex class called from LWC has class access in a permission set', () => {
    assertNoFindings(findings.classAccess, 'class access');
  });

  it('every field the sidecar reads or writes exists', () => {
    assertNoFindings(findings.sidecarFields, 'sidecar field references');
  });

  it('every Apex class has a test class', () => {
    assertNoFindings(findings.apexTests, 'Apex classes without tests');
  });
});
