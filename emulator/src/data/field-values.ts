/**
 * Turns a value from a request (JSON or CSV) into the stored value of a field, with the
 * errors an org gives for values it cannot take. Dates are stored as YYYY-MM-DD, datetimes as
 * ISO strings in UTC with milliseconds.
 */
import type { FieldSchema } from '@partner-lead-sync/model';
import { SalesforceError } from '../errors.ts';
import { normalizeId } from '../ids.ts';
import type { FieldValue } from '../storage/record-store.ts';

const TEXT_TYPES = new Set(['Text', 'TextArea', 'LongTextArea', 'Email', 'Phone', 'Url', 'Picklist', 'MultiselectPicklist', 'AutoNumber']);
const NUMBER_TYPES = new Set(['Number', 'Currency', 'Percent']);
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function parserError(kind: string, value: unknown): SalesforceError {
  return new SalesforceError(
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${kind} from VALUE_STRING value ${String(value)} or request may be missing a required field`,
  );
}

export function isTextType(field: FieldSchema): boolean {
  return TEXT_TYPES.has(field.type);
}

export function isNumberType(field: FieldSchema): boolean {
  return NUMBER_TYPES.has(field.type);
}

/** Parses an ISO date-time in any of the forms the API accepts (Z, +00:00, +0000) to epoch ms. */
export function parseDateTime(text: string): number | undefined {
  const normalized = text.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(normalized)) return undefined;
  const withZone = /T/.test(normalized) && !/(Z|[+-]\d{2}:\d{2})$/.test(normalized) ? `${normalized}Z` : normalized;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

export function parseDate(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!match) return undefined;
  const ms = Date.parse(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`);
  if (Number.isNaN(ms)) return undefined;
  const date = new Date(ms).toISOString().slice(0, 10);
  return date === `${match[1]}-${match[2]}-${match[3]}` ? date : undefined;
}

/** Coerces a request value to the field's stored form; throws the org's error when it cannot. */
export function coerceFieldValue(field: FieldSchema, raw: unknown): FieldValue {
  if (raw === null || raw === undefined || raw === '') {
    return field.type === 'Checkbox' ? false : null;
  }
  if (typeof raw === 'object') throw parserError(field.type === 'Checkbox' ? 'boolean' : 'String', JSON.stringify(raw));
  if (TEXT_TYPES.has(field.type)) return coerceText(field, String(raw));
  if (NUMBER_TYPES.has(field.type)) return coerceNumber(field, raw);
  switch (field.type) {
    case 'Checkbox': {
      if (typeof raw === 'boolean') return raw;
      const text = String(raw).toLowerCase();
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      throw parserError('boolean', raw);
    }
    case 'Date': {
      const date = parseDate(String(raw));
      if (date === undefined) throw parserError('date', raw);
      return date;
    }
    case 'DateTime': {
      const ms = parseDateTime(String(raw));
      if (ms === undefined) throw parserError('datetime', raw);
      return new Date(ms).toISOString();
    }
    case 'Id':
    case 'Lookup':
    case 'MasterDetail': {
      const id = normalizeId(String(raw));
      if (id === undefined) {
        throw new SalesforceError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(raw)}`, { fields: [field.name] });
      }
      return id;
    }
    default:
      return String(raw);
  }
}

function coerceText(field: FieldSchema, text: string): string {
  if (field.length !== undefined && text.length > field.length) {
    throw new SalesforceError(
      'STRING_TOO_LONG',
      `${field.label}: data value too large: ${text.slice(0, 50)} (max length=${field.length})`,
      {
        fields: [field.name],
      },
    );
  }
  if (field.type === 'Email' && !EMAIL_PATTERN.test(text)) {
    throw new SalesforceError('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${text}`, { fields: [field.name] });
  }
  if ((field.type === 'Picklist' || field.type === 'MultiselectPicklist') && field.restrictedPicklist) {
    const values = field.type === 'MultiselectPicklist' ? text.split(';') : [text];
    for (const value of values) {
      if (!field.picklistValues?.includes(value)) {
        throw new SalesforceError(
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          `${field.label}: bad value for restricted picklist field: ${value}`,
          {
            fields: [field.name],
          },
        );
      }
    }
  }
  return text;
}

function coerceNumber(field: FieldSchema, raw: unknown): number {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) throw parserError('double', raw);
  const scale = field.scale ?? 0;
  const rounded = Number(value.toFixed(scale));
  if (field.precision !== undefined) {
    const integerDigits = Math.trunc(Math.abs(rounded)).toString().length;
    if (integerDigits > field.precision - scale) {
      throw new SalesforceError(
        'NUMBER_OUTSIDE_VALID_RANGE',
        `${field.label}: value outside of valid range on numeric field: ${String(raw)}`,
        {
          fields: [field.name],
        },
      );
    }
  }
  return rounded;
}
