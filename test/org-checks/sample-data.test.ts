/** The scratch-org sample data (data/sample-data) loads into the model as it is. */
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadPackageSchema } from '@partner-lead-sync/model';
import { assertNoFindings, assertReported } from './lib/assertions.ts';
import { REPOSITORY, copyProject } from './lib/project.ts';
import { checkSampleData } from './lib/sample-data.ts';

const PLAN = path.join(REPOSITORY.root, 'data', 'sample-data', 'plan.json');

describe('sample data', () => {
  it('names real, writable fields, real picklist values, sets required fields and resolves its references', () => {
    assertNoFindings(checkSampleData(REPOSITORY.root, PLAN, loadPackageSchema(REPOSITORY.forceAppDir)), 'sample data');
  });

  describe('after a field rename in force-app only', () => {
    const copy = copyProject();
    after(() => copy.dispose());

    it('reports the sample records still using the old name', () => {
      const fieldDir = 'force-app/main/default/objects/Channel_Partner__c/fields';
      copy.edit(`${fieldDir}/Tier__c.field-meta.xml`, '<fullName>Tier__c</fullName>', '<fullName>Partner_Tier__c</fullName>');
      const findings = checkSampleData(REPOSITORY.root, PLAN, loadPackageSchema(copy.forceAppDir));
      assertReported(findings, 'data/sample-data/Channel_Partner__c.json', 'Channel_Partner__c.Tier__c');
    });
  });
});
