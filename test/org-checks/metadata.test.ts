/**
 * Declarative metadata that only a deploy would reject: element order, layouts / list views /
 * compact layouts naming real fields and picklist values, console app tabs and mappings.
 */
import { after, before, describe, it } from 'node:test';
import { loadPackageSchema } from '@partner-lead-sync/model';
import type { PackageSchema } from '@partner-lead-sync/model';
import { assertNoFindings, assertReported } from './lib/assertions.ts';
import {
  checkAppsAndTabs,
  checkCustomMetadataRecords,
  checkElementOrder,
  checkLayouts,
  checkListViewsAndCompactLayouts,
} from './lib/metadata.ts';
import { REPOSITORY, copyProject } from './lib/project.ts';

describe('metadata', () => {
  let schema: PackageSchema;
  before(() => {
    schema = loadPackageSchema(REPOSITORY.forceAppDir);
  });

  it('elements are in Metadata API order', () => {
    assertNoFindings(checkElementOrder(REPOSITORY), 'metadata files a deploy would reject');
  });

  it('layouts name real fields, required fields as Required, auto numbers as Readonly', () => {
    assertNoFindings(checkLayouts(REPOSITORY, schema), 'layouts');
  });

  it('list views and compact layouts name real fields and picklist values', () => {
    assertNoFindings(checkListViewsAndCompactLayouts(REPOSITORY, schema), 'list views and compact layouts');
  });

  it('apps name real tabs, every console tab has a workspace mapping, object tabs have objects', () => {
    assertNoFindings(checkAppsAndTabs(REPOSITORY, schema), 'apps and tabs');
  });

  it('custom metadata records belong to a type in force-app and set only its fields', () => {
    assertNoFindings(checkCustomMetadataRecords(REPOSITORY, schema), 'custom metadata records');
  });

  describe('on a broken copy', () => {
    const copy = copyProject();
    after(() => copy.dispose());

    it('reports an element out of order, a bad list-view filter value, a console tab without mapping and a bad metadata field', () => {
      const fieldFile = 'force-app/main/default/objects/Partner_Referral__c/fields/Company_Name__c.field-meta.xml';
      copy.edit(fieldFile, /(\s*<fullName>Company_Name__c<\/fullName>)([\s\S]*?)(\s*<label>[^<]*<\/label>)/, '$1$3$2');
      const listView = 'force-app/main/default/objects/Channel_Conflict__c/listViews/Open_Conflicts.listView-meta.xml';
      copy.edit(listView, '<value>Open,In Review</value>', '<value>Open,Pending</value>');
      const app = 'force-app/main/default/applications/Partner_Lead_Console.app-meta.xml';
      copy.edit(app, /\s*<mappings>\s*<tab>Channel_Conflict__c<\/tab>\s*<\/mappings>/, '');
      const copySchema = loadPackageSchema(copy.forceAppDir);
      assertReported(checkElementOrder(copy), fieldFile, 'Company_Name__c.field-meta.xml');
      assertReported(checkListViewsAndCompactLayouts(copy, copySchema), listView, 'Channel_Conflict__c.Status__c');
      assertReported(checkAppsAndTabs(copy, copySchema), app, 'Channel_Conflict__c');
      const record = 'force-app/main/default/customMetadata/Partner_Tier_Setting.Gold.md-meta.xml';
      copy.edit(record, '<field>Protection_Days__c</field>', '<field>Protection_Day__c</field>');
      assertReported(checkCustomMetadataRecords(copy, copySchema), record, 'Partner_Tier_Setting__mdt.Protection_Day__c');
    });
  });
});
