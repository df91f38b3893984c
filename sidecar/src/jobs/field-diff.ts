/**
 * Compares what a job wants on a record with what the org holds, as the org stores it:
 * null, undefined and '' are the same empty value, numbers compare as numbers, datetimes
 * as instants. Only differing fields are written, so a run over an unchanged org writes nothing.
 */
import type { OrgRecord } from '../sync/record-values.ts';

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function empty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

export function sameValue(stored: unknown, wanted: unknown): boolean {
  if (empty(stored) && empty(wanted)) return true;
  if (empty(stored) || empty(wanted)) return wanted === false && empty(stored) ? true : false;
  if (typeof stored === 'number' || typeof wanted === 'number') return Number(stored) === Number(wanted);
  if (typeof stored === 'boolean' || typeof wanted === 'boolean') return String(stored) === String(wanted);
  if (typeof stored === 'string' && typeof wanted === 'string') {
    if (stored === wanted) return true;
    if (ISO_DATETIME.test(stored) && ISO_DATETIME.test(wanted))
      return Date.parse(stored) === Date.parse(wanted.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return false;
  }
  return JSON.stringify(stored) === JSON.stringify(wanted);
}

/** Fields of `wanted` whose value differs from `stored`, ignoring `ignore`. */
export function changedFields(stored: OrgRecord, wanted: OrgRecord, ignore: ReadonlySet<string> = new Set()): string[] {
  return Object.keys(wanted).filter((field) => !ignore.has(field) && !sameValue(stored[field], wanted[field]));
}
