import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_FORCE_APP_DIR, loadCustomMetadataRecords, loadPackageSchema, MetadataError } from '@partner-lead-sync/model';

const schema = loadPackageSchema(DEFAULT_FORCE_APP_DIR);

test('reads custom objects with their fields, types and constraints from force-app', () => {
  const referral = schema.objects.Partner_Referral__c!;
  assert.equal(referral.custom, true);
  assert.match(referral.keyPrefix, /^a[0-9A-Za-z]{2}$/);
  assert.equal(referral.fields.Name!.type, 'AutoNumber');
  const status = referral.fields.Status__c!;
  assert.equal(status.type, 'Picklist');
  assert.equal(status.restrictedPicklist, true);
  assert.equal(status.defaultValue, 'Submitted');
  assert.ok(status.picklistValues!.includes('Needs More Info'));
  const key = referral.fields.Referral_Key__c!;
  assert.deepEqual([key.externalId, key.unique, key.length], [true, true, 255]);
  assert.equal(referral.fields.Company_Name__c!.required, true);
});

test('lookups carry both relationship names and link child relationships on the parent', () => {
  const partnerLookup = schema.objects.Partner_Referral__c!.fields.Channel_Partner__c!;
  assert.equal(partnerLookup.relationshipName, 'Channel_Partner__r');
  assert.deepEqual(partnerLookup.referenceTo, ['Channel_Partner__c']);
  const children = schema.objects.Channel_Partner__c!.childRelationships;
  assert.ok(children.some((c) => c.relationshipName === 'Referrals__r' && c.childObject === 'Partner_Referral__c'));
  assert.ok(schema.objects.Account!.childRelationships.some((c) => c.relationshipName === 'Opportunities'));
});

test('merges the package fields on standard objects into the standard schema', () => {
  const opportunity = schema.objects.Opportunity!;
  assert.equal(opportunity.keyPrefix, '006');
  assert.equal(opportunity.fields.Reseller_Partner__c!.custom, true);
  assert.equal(opportunity.fields.StageName!.required, true);
  assert.equal(opportunity.fields.SystemModstamp!.systemManaged, true);
});

test('reads programme settings records shipped as custom metadata', () => {
  const records = loadCustomMetadataRecords(DEFAULT_FORCE_APP_DIR);
  const program = records.find((r) => r.type === 'Partner_Program_Setting__mdt' && r.developerName === 'Default');
  assert.equal(program?.values.Protection_Days__c, 90);
  const gold = records.find((r) => r.developerName === 'Gold');
  assert.deepEqual([gold?.values.Tier__c, gold?.values.Protection_Days__c], ['Gold', 120]);
});

test('names the file when metadata cannot be read', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'force-app-'));
  const fieldsDir = path.join(dir, 'main', 'default', 'objects', 'Widget__c', 'fields');
  mkdirSync(fieldsDir, { recursive: true });
  writeFileSync(
    path.join(dir, 'main', 'default', 'objects', 'Widget__c', 'Widget__c.object-meta.xml'),
    '<CustomObject><label>Widget</label></CustomObject>',
  );
  writeFileSync(
    path.join(fieldsDir, 'Size__c.field-meta.xml'),
    '<CustomField><fullName>Size__c</fullName><type>Hologram</type></CustomField>',
  );
  assert.throws(
    () => loadPackageSchema(dir),
    (error: unknown) => error instanceof MetadataError && /Size__c\.field-meta\.xml: unsupported field type "Hologram"/.test(error.message),
  );
});
