/**
 * A canonical dump of everything the sidecar writes, for "the org ends identical" checks:
 * the package's records minus the run log and sync bookkeeping, without ids and timestamps.
 * Ids are replaced by the referenced record's stable label (its external key or name), so two
 * orgs that assigned ids in a different order still compare equal.
 */
import type { OrgClient } from '../../src/org/org-client.ts';
import { queryMany } from '../../src/sync/composite-query.ts';
import { queryableFields, type OrgRecord } from '../../src/sync/record-values.ts';

const LABEL_FIELDS: Record<string, string> = {
  Account: 'Name',
  Opportunity: 'Name',
  Lead: 'Email',
  Contact: 'Email',
  Channel_Partner__c: 'Partner_Key__c',
  Partner_Referral__c: 'Referral_Key__c',
  Channel_Conflict__c: 'Conflict_Key__c',
  Account_Overlap__c: 'Overlap_Key__c',
  Partner_Attribution__c: 'Attribution_Key__c',
  Partner_Decision_Log__c: 'Log_Key__c',
  Partner_Touch__c: 'Touch_Key__c',
  User: 'Username',
};

export const DUMPED_OBJECTS = [
  'Partner_Referral__c',
  'Channel_Conflict__c',
  'Account_Overlap__c',
  'Partner_Attribution__c',
  'Partner_Decision_Log__c',
  'Channel_Partner__c',
  'Partner_Touch__c',
];

const DROPPED_FIELDS = new Set([
  'Id',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'OwnerId',
  'Name',
  'IsDeleted',
  'LastActivityDate',
]);
const ID_PATTERN = /\b[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?\b/g;
const TIMESTAMP_PATTERN = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;

export async function canonicalDump(client: OrgClient, objects: string[] = DUMPED_OBJECTS): Promise<Record<string, unknown[]>> {
  const labelObjects = Object.keys(LABEL_FIELDS);
  const labelRows = await queryMany(
    client,
    labelObjects.map((objectName) => ({ objectName, soql: `SELECT Id, ${LABEL_FIELDS[objectName]} FROM ${objectName}` })),
  );
  const labels = new Map<string, string>();
  labelObjects.forEach((objectName, index) => {
    for (const row of labelRows[index] ?? []) labels.set(String(row.Id), `${objectName}:${String(row[LABEL_FIELDS[objectName]!] ?? '?')}`);
  });
  const relabel = (text: string) =>
    text.replace(ID_PATTERN, (id) => labels.get(id) ?? labels.get(id.slice(0, 15)) ?? id).replace(TIMESTAMP_PATTERN, '<time>');
  const rows = await queryMany(
    client,
    objects.map((objectName) => ({ objectName, soql: `SELECT ${queryableFields(objectName).join(', ')} FROM ${objectName}` })),
  );
  const dump: Record<string, unknown[]> = {};
  objects.forEach((objectName, index) => {
    dump[objectName] = (rows[index] ?? [])
      .map((row: OrgRecord) => {
        const clean: Record<string, unknown> = {};
        for (const [field, value] of Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1))) {
          if (DROPPED_FIELDS.has(field)) continue;
          clean[field] = typeof value === 'string' ? relabel(value) : value;
        }
        return clean;
      })
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  });
  return dump;
}
