/**
 * Field paths in SOQL (Name, Account.Owner.Name, Channel_Partner__r.Tier__c): resolved against
 * the schema once, then read from records following lookups.
 */
import type { FieldSchema, ObjectSchema } from '@partner-lead-sync/model';
import { SalesforceError } from '../errors.ts';
import type { OrgSchema } from '../schema/org-schema.ts';
import type { FieldValue, RecordStore, StoredRecord } from '../storage/record-store.ts';

export interface FieldPath {
  /** Lookup fields followed, in order (AccountId, then OwnerId for Account.Owner.Name). */
  lookups: FieldSchema[];
  /** Relationship names as written in the result (Account, Owner). */
  relationshipNames: string[];
  field: FieldSchema;
  raw: string;
  /** What.Type / Who.Type on a polymorphic lookup: the sObject type of the record, not a field. */
  objectType?: boolean;
}

export function invalidField(soql: string, token: string, message: string): SalesforceError {
  const index = Math.max(0, soql.indexOf(token));
  const column = index + 1;
  return new SalesforceError('INVALID_FIELD', `\n${soql}\n${' '.repeat(index)}^\nERROR at Row:1:Column:${column}\n${message}`);
}

export function resolveFieldPath(schema: OrgSchema, object: ObjectSchema, raw: string, soql: string): FieldPath {
  const parts = raw.split('.');
  if (parts.length > 1 && parts[0]!.toLowerCase() === object.name.toLowerCase() && !schema.parentRelationship(object, parts[0]!))
    parts.shift();
  let candidates: ObjectSchema[] = [object];
  const lookups: FieldSchema[] = [];
  const relationshipNames: string[] = [];
  for (const relationship of parts.slice(0, -1)) {
    const lookup = candidates.map((c) => schema.parentRelationship(c, relationship)).find((f) => f !== undefined);
    if (!lookup) {
      throw invalidField(
        soql,
        raw,
        `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    lookups.push(lookup);
    relationshipNames.push(lookup.relationshipName ?? relationship);
    candidates = (lookup.referenceTo ?? []).map((name) => schema.object(name)).filter((o): o is ObjectSchema => o !== undefined);
  }
  const fieldName = parts[parts.length - 1]!;
  const lastLookup = lookups[lookups.length - 1];
  if (lastLookup && (lastLookup.referenceTo?.length ?? 0) > 1 && fieldName.toLowerCase() === 'type') {
    const typeField: FieldSchema = {
      name: 'Type',
      label: 'Type',
      type: 'Text',
      length: 40,
      required: false,
      unique: false,
      externalId: false,
      caseSensitive: false,
      systemManaged: true,
      custom: false,
    };
    return { lookups, relationshipNames, field: typeField, raw, objectType: true };
  }
  const field = candidates.map((c) => schema.field(c, fieldName)).find((f) => f !== undefined);
  if (!field) {
    const entity = candidates[0]?.name ?? object.name;
    throw invalidField(
      soql,
      fieldName,
      `No such column '${fieldName}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  return { lookups, relationshipNames, field, raw };
}

/** Reads records by id for one query, remembering parents so a page does not re-read them. */
export class RecordReader {
  private readonly store: RecordStore;
  private readonly cache = new Map<string, StoredRecord | null>();

  constructor(store: RecordStore) {
    this.store = store;
  }

  /** A live record, or null when missing or deleted (a deleted parent reads as an empty lookup). */
  live(id: string): StoredRecord | null {
    let record = this.cache.get(id);
    if (record === undefined) {
      const stored = this.store.get(id);
      record = stored && !stored.deleted ? stored : null;
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(id, record);
    }
    return record;
  }

  /** The record at the end of the path's lookups (the record itself when there are none). */
  target(record: StoredRecord, lookups: FieldSchema[]): StoredRecord | null {
    let current: StoredRecord | null = record;
    for (const lookup of lookups) {
      const id: FieldValue | undefined = current?.values[lookup.name];
      current = typeof id === 'string' ? this.live(id) : null;
      if (!current) return null;
    }
    return current;
  }

  value(record: StoredRecord, path: FieldPath): FieldValue {
    const target = this.target(record, path.lookups);
    if (!target) return null;
    return path.objectType ? target.object : (target.values[path.field.name] ?? null);
  }
}
