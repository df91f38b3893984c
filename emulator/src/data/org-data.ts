/**
 * Record writes as an org performs them: field validation with the org's error codes, system
 * fields stamped on every write, auto numbers, derived standard fields, unique and external-id
 * keys, and a change event per write. Reads return stored records; SOQL lives in ../soql.
 */
import type { FieldSchema, ObjectSchema } from '@partner-lead-sync/model';
import { ChangeEventLog } from '../cdc/change-event-log.ts';
import type { ChangeType } from '../cdc/change-event-log.ts';
import type { MonotonicClock } from '../clock.ts';
import { SalesforceError, notFound } from '../errors.ts';
import { makeRecordId, normalizeId } from '../ids.ts';
import { formatAutoNumber } from '../schema/org-schema.ts';
import type { OrgSchema } from '../schema/org-schema.ts';
import type { FieldValue, RecordStore, StoredRecord } from '../storage/record-store.ts';
import { coerceFieldValue } from './field-values.ts';

/** Who writes and in which transaction: change events of one request share a transaction key. */
export interface WriteContext {
  userId: string;
  transactionKey: string;
  sequence: { next: number };
}

export interface UpsertResult {
  id: string;
  created: boolean;
}

const CLOSED_STAGES = new Set(['Closed Won', 'Closed Lost']);
const FULL_NAME_OBJECTS = new Set(['Contact', 'Lead', 'User']);

export class OrgData {
  readonly schema: OrgSchema;
  readonly store: RecordStore;
  readonly changeEvents: ChangeEventLog;
  private readonly clock: MonotonicClock;

  constructor(schema: OrgSchema, store: RecordStore, clock: MonotonicClock, changeEvents: ChangeEventLog) {
    this.schema = schema;
    this.store = store;
    this.clock = clock;
    this.changeEvents = changeEvents;
  }

  /** The object behind an sobject name in a URL or body; unknown names are NOT_FOUND as in /sobjects/X. */
  requireObject(name: string): ObjectSchema {
    const object = this.schema.object(name);
    if (!object) throw notFound();
    return object;
  }

  newRecordId(object: ObjectSchema): string {
    return makeRecordId(object.keyPrefix, this.store.nextCounter('record-id'));
  }

  create(objectName: string, input: Record<string, unknown>, context: WriteContext): string {
    const object = this.writableObject(objectName, 'inserted');
    if (input.Id !== undefined || input.id !== undefined) {
      throw new SalesforceError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', { fields: ['Id'] });
    }
    const values = this.coerceInput(object, input, 'create');
    for (const field of Object.values(object.fields)) {
      if (values[field.name] === undefined && field.defaultValue !== undefined && !field.systemManaged)
        values[field.name] = field.defaultValue;
    }
    if (object.fields.OwnerId && values.OwnerId == null) values.OwnerId = context.userId;
    this.checkRequired(object, values, Object.keys(object.fields));
    this.checkReferences(object, values);
    this.deriveFields(object, values);

    const id = this.newRecordId(object);
    const format = this.schema.autoNumberFormat(object.name);
    if (format) values.Name = formatAutoNumber(format, this.store.nextCounter(`autonumber:${object.name}`));
    this.checkUnique(object, values, id);

    const stamp = this.clock.next();
    const iso = new Date(stamp).toISOString();
    const record: StoredRecord = {
      id,
      object: object.name,
      deleted: false,
      values: {
        ...this.emptyValues(object),
        ...values,
        Id: id,
        IsDeleted: false,
        CreatedDate: iso,
        CreatedById: context.userId,
        LastModifiedDate: iso,
        LastModifiedById: context.userId,
        SystemModstamp: iso,
      },
    };
    if (object.customMetadata) delete record.values.IsDeleted;
    this.store.insert(record, stamp);
    this.store.setKeys(id, object.name, this.keysOf(object, record.values));
    const nonNull = Object.fromEntries(
      Object.entries(record.values).filter(([name, value]) => value !== null && name !== 'Id' && name !== 'IsDeleted'),
    );
    this.recordChange(object, id, 'CREATE', stamp, context, nonNull, []);
    this.rollUpActivity(object, record.values);
    return id;
  }

  update(objectName: string | undefined, rawId: string, input: Record<string, unknown>, context: WriteContext): void {
    const existing = this.requireLiveRecord(rawId, objectName);
    const object = this.writableObject(existing.object, 'updated');
    const values = this.coerceInput(object, input, 'update');
    const after: Record<string, FieldValue> = { ...existing.values, ...values };
    this.checkRequired(object, after, Object.keys(values));
    this.checkReferences(object, values);
    this.deriveFields(object, after);
    this.checkUnique(object, after, existing.id);

    const changedFields = Object.keys(object.fields).filter((name) => !sameValue(existing.values[name], after[name]));
    const stamp = this.clock.next();
    const iso = new Date(stamp).toISOString();
    Object.assign(after, { LastModifiedDate: iso, LastModifiedById: context.userId, SystemModstamp: iso });
    const record: StoredRecord = { ...existing, values: after };
    this.store.replace(record, stamp);
    this.store.setKeys(existing.id, object.name, this.keysOf(object, after));
    const changed = [...changedFields, 'LastModifiedDate'].filter((f, i, all) => all.indexOf(f) === i);
    this.recordChange(
      object,
      existing.id,
      'UPDATE',
      stamp,
      context,
      Object.fromEntries(changed.map((f) => [f, after[f] ?? null])),
      changed,
    );
    this.rollUpActivity(object, after);
  }

  /**
   * LastActivityDate on the records an activity is about (and their account), as the platform
   * keeps it: the latest closed task's due date or event date. It does not change SystemModstamp.
   * Deleting an activity does not lower it here (an org recomputes).
   */
  private rollUpActivity(object: ObjectSchema, values: Record<string, FieldValue>): void {
    let date: string | undefined;
    if (object.name === 'Task' && values.IsClosed === true)
      date = (values.ActivityDate as string | null) ?? new Date().toISOString().slice(0, 10);
    if (object.name === 'Event') date = String(values.ActivityDateTime ?? values.StartDateTime ?? '').slice(0, 10) || undefined;
    if (!date) return;
    const targets = new Set<string>();
    for (const id of [values.WhatId, values.WhoId]) {
      if (typeof id !== 'string') continue;
      targets.add(id);
      const parentAccount = this.store.get(id)?.values.AccountId;
      if (typeof parentAccount === 'string') targets.add(parentAccount);
    }
    for (const id of targets) {
      const target = this.store.get(id);
      if (!target || target.deleted || !('LastActivityDate' in this.schema.objectForId(id)!.fields)) continue;
      const current = target.values.LastActivityDate;
      if (typeof current === 'string' && current >= date) continue;
      const modstamp = Date.parse(String(target.values.SystemModstamp));
      this.store.replace({ ...target, values: { ...target.values, LastActivityDate: date } }, Number.isNaN(modstamp) ? 0 : modstamp);
    }
  }

  delete(rawId: string, context: WriteContext, objectName?: string): void {
    const existing = this.requireLiveRecord(rawId, objectName);
    const object = this.writableObject(existing.object, 'deleted');
    const stamp = this.clock.next();
    const iso = new Date(stamp).toISOString();
    const values = { ...existing.values, IsDeleted: true, LastModifiedDate: iso, LastModifiedById: context.userId, SystemModstamp: iso };
    this.store.replace({ ...existing, deleted: true, values }, stamp);
    this.store.setKeys(existing.id, object.name, []);
    this.recordChange(object, existing.id, 'DELETE', stamp, context, {}, []);
  }

  upsert(
    objectName: string,
    externalIdField: string,
    externalIdValue: string,
    input: Record<string, unknown>,
    context: WriteContext,
  ): UpsertResult {
    const object = this.writableObject(objectName, 'upserted');
    const field = this.schema.field(object, externalIdField);
    if (!field || (!field.externalId && field.name !== 'Id' && !(field.unique && field.type === 'Text'))) {
      throw new SalesforceError('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${externalIdField}`, {
        httpStatus: 404,
      });
    }
    const bodyWithoutKey = Object.fromEntries(Object.entries(input).filter(([name]) => name.toLowerCase() !== field.name.toLowerCase()));
    if (field.name === 'Id') {
      const id = normalizeId(externalIdValue);
      if (id && this.store.get(id)?.deleted === false) {
        this.update(object.name, id, bodyWithoutKey, context);
        return { id, created: false };
      }
      return { id: this.create(object.name, bodyWithoutKey, context), created: true };
    }
    const matches = this.findByKey(object, field, externalIdValue);
    if (matches.length > 1) {
      throw new SalesforceError(
        'MULTIPLE_CHOICES',
        `${field.label}: more than one record found for external id field: ${matches.join(', ')}`,
        {
          httpStatus: 300,
          fields: [field.name],
        },
      );
    }
    const [match] = matches;
    if (match) {
      this.update(object.name, match, bodyWithoutKey, context);
      return { id: match, created: false };
    }
    return { id: this.create(object.name, { ...bodyWithoutKey, [field.name]: externalIdValue }, context), created: true };
  }

  /** Ids of live records whose key field holds the value (external ids compare case-insensitively unless marked case-sensitive). */
  findByKey(object: ObjectSchema, field: FieldSchema, value: string): string[] {
    return this.store.idsWithKey(object.name, field.name, keyValue(field, value));
  }

  /** A live record by id (15 or 18 characters): NOT_FOUND when missing or of another object, ENTITY_IS_DELETED when deleted. */
  requireLiveRecord(rawId: string, objectName?: string): StoredRecord {
    const id = normalizeId(rawId);
    const record = id ? this.store.get(id) : undefined;
    if (!record || (objectName !== undefined && record.object.toLowerCase() !== objectName.toLowerCase())) throw notFound();
    if (record.deleted) throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted', { httpStatus: 404, fields: [] });
    return record;
  }

  /** Writes a record exactly as given (demo data, custom metadata): no validation, no change event. */
  seed(object: ObjectSchema, values: Record<string, FieldValue>, stamp: number): StoredRecord {
    const id = (values.Id as string | undefined) ?? this.newRecordId(object);
    const record: StoredRecord = { id, object: object.name, deleted: false, values: { ...this.emptyValues(object), ...values, Id: id } };
    this.store.insert(record, stamp);
    this.store.addKeys(id, object.name, this.keysOf(object, record.values));
    return record;
  }

  emptyValues(object: ObjectSchema): Record<string, FieldValue> {
    const values: Record<string, FieldValue> = {};
    for (const field of Object.values(object.fields)) values[field.name] = field.type === 'Checkbox' ? field.defaultValue === true : null;
    return values;
  }

  keysOf(object: ObjectSchema, values: Record<string, FieldValue>): { field: string; value: string }[] {
    const keys: { field: string; value: string }[] = [];
    for (const field of Object.values(object.fields)) {
      const value = values[field.name];
      if ((field.unique || field.externalId) && value !== null && value !== undefined && value !== '') {
        keys.push({ field: field.name, value: keyValue(field, String(value)) });
      }
    }
    return keys;
  }

  private writableObject(name: string, verb: string): ObjectSchema {
    const object = this.schema.object(name);
    if (!object) throw new SalesforceError('INVALID_TYPE', `sObject type '${name}' is not supported.`);
    if (object.customMetadata) {
      throw new SalesforceError('INVALID_TYPE', `entity type cannot be ${verb}: ${object.label}`);
    }
    return object;
  }

  private coerceInput(object: ObjectSchema, input: Record<string, unknown>, mode: 'create' | 'update'): Record<string, FieldValue> {
    const values: Record<string, FieldValue> = {};
    const readOnly: string[] = [];
    for (const [name, raw] of Object.entries(input)) {
      if (name === 'attributes') continue;
      const field = this.schema.field(object, name);
      if (!field) throw new SalesforceError('INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`);
      if (mode === 'update' && field.name === 'Id') continue;
      if (field.systemManaged || (mode === 'update' && field.createOnly)) {
        readOnly.push(field.name);
        continue;
      }
      values[field.name] = coerceFieldValue(field, raw);
    }
    if (readOnly.length > 0) {
      throw new SalesforceError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        { fields: readOnly },
      );
    }
    return values;
  }

  private checkRequired(object: ObjectSchema, values: Record<string, FieldValue>, fieldNames: string[]): void {
    const missing = fieldNames.filter((name) => {
      const field = object.fields[name];
      if (!field || !field.required || field.systemManaged) return false;
      const value = values[name];
      return value === null || value === undefined || value === '';
    });
    if (missing.length > 0) {
      throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, { fields: missing });
    }
  }

  private checkReferences(object: ObjectSchema, values: Record<string, FieldValue>): void {
    for (const [name, value] of Object.entries(values)) {
      const field = object.fields[name];
      if (!field?.referenceTo || typeof value !== 'string') continue;
      const target = this.schema.objectForId(value);
      if (!target || !field.referenceTo.includes(target.name)) {
        throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${value}`, {
          fields: [field.name],
        });
      }
      const parent = this.store.get(value);
      if (!parent) {
        throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, { fields: [field.name] });
      }
      if (parent.deleted) throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted', { fields: [field.name] });
    }
  }

  /** Fields the platform computes: full names, opportunity close flags, task closed flag. */
  private deriveFields(object: ObjectSchema, values: Record<string, FieldValue>): void {
    if (FULL_NAME_OBJECTS.has(object.name)) {
      values.Name = [values.FirstName, values.LastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
    }
    if (object.name === 'Opportunity' && typeof values.StageName === 'string') {
      values.IsClosed = CLOSED_STAGES.has(values.StageName);
      values.IsWon = values.StageName === 'Closed Won';
    }
    if (object.name === 'Task' && typeof values.Status === 'string') values.IsClosed = values.Status === 'Completed';
  }

  private checkUnique(object: ObjectSchema, values: Record<string, FieldValue>, selfId: string): void {
    for (const field of Object.values(object.fields)) {
      if (!field.unique) continue;
      const value = values[field.name];
      if (value === null || value === undefined || value === '') continue;
      const other = this.findByKey(object, field, String(value)).find((id) => id !== selfId);
      if (other) {
        throw new SalesforceError('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${other}`, {
          fields: [],
        });
      }
    }
  }

  private recordChange(
    object: ObjectSchema,
    recordId: string,
    changeType: ChangeType,
    stamp: number,
    context: WriteContext,
    fields: Record<string, FieldValue>,
    changedFields: string[],
  ): void {
    this.changeEvents.record({
      entityName: object.name,
      recordId,
      changeType,
      commitTimestamp: stamp,
      commitUser: context.userId,
      transactionKey: context.transactionKey,
      sequenceNumber: context.sequence.next++,
      fields,
      changedFields,
    });
  }
}

function keyValue(field: FieldSchema, value: string): string {
  return field.caseSensitive ? value : value.toLowerCase();
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return (a ?? null) === (b ?? null);
}
