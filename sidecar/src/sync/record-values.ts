/**
 * Records as the sync layer moves them: plain objects keyed by field API name. Bulk API
 * results arrive as CSV strings; the package schema (read from force-app, the same model
 * the org runs) turns them back into the types REST would have returned.
 */
import { DEFAULT_FORCE_APP_DIR, loadPackageSchema, type ObjectSchema, type PackageSchema } from '@partner-lead-sync/model';

export type OrgRecord = Record<string, unknown> & { Id?: string | null };

let cachedSchema: PackageSchema | undefined;

export function packageSchema(): PackageSchema {
  cachedSchema ??= loadPackageSchema(DEFAULT_FORCE_APP_DIR);
  return cachedSchema;
}

export function objectSchema(objectName: string): ObjectSchema {
  const schema = packageSchema().objects[objectName];
  if (!schema) throw new Error(`unknown object ${objectName}: not in the package schema`);
  return schema;
}

/** The queryable scalar fields of an object (no relationship traversal). */
export function queryableFields(objectName: string): string[] {
  return Object.values(objectSchema(objectName).fields).map((field) => field.name);
}

/** Converts one Bulk API CSV row to typed values. Empty cells are null, as REST returns them. */
export function typedRecordFromCsv(objectName: string, row: Record<string, string>): OrgRecord {
  const fields = objectSchema(objectName).fields;
  const record: OrgRecord = {};
  for (const [name, raw] of Object.entries(row)) {
    const type = fields[name]?.type;
    if (raw === '' || raw === undefined) {
      record[name] = type === 'Checkbox' ? false : null;
    } else if (type === 'Number' || type === 'Currency' || type === 'Percent') {
      record[name] = Number(raw);
    } else if (type === 'Checkbox') {
      record[name] = raw === 'true';
    } else if (type === 'DateTime') {
      record[name] = normaliseDateTime(raw);
    } else {
      record[name] = raw;
    }
  }
  return record;
}

/** REST returns `2026-11-24T10:00:00.000+0000`; keep one spelling, ISO with milliseconds and Z. */
export function normaliseDateTime(value: string): string {
  const parsed = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
}

/** Drops the `attributes` REST adds and normalises datetimes so REST and Bulk records compare equal. */
export function plainRecord(objectName: string, record: Record<string, unknown>): OrgRecord {
  const fields = objectSchema(objectName).fields;
  const plain: OrgRecord = {};
  for (const [name, value] of Object.entries(record)) {
    if (name === 'attributes') continue;
    plain[name] = typeof value === 'string' && fields[name]?.type === 'DateTime' ? normaliseDateTime(value) : value;
  }
  return plain;
}

/** SOQL literal for a value in a WHERE clause. */
export function soqlLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
