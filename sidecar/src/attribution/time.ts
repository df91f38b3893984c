/** Dates and instants as the org stores them: Date fields are UTC days, DateTime fields ISO instants. */
import { DAY_MS } from './kernel.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch ms of a DateTime (or a Date, taken as its start), or null when empty or unreadable. */
export function parseInstant(value: string | null | undefined): number | null {
  if (value == null || value === '') return null;
  const ms = DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00.000Z`) : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** Start of a Date field's day (UTC), or null. */
export function parseDayStart(value: string | null | undefined): number | null {
  if (value == null || !DATE_ONLY.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00.000Z`);
  // Date.parse rolls 2026-02-30 over to March; a real day reads back unchanged.
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(value) ? ms : null;
}

/** End (exclusive) of a Date field's day: a touch any time on that day is "on or before" it. */
export function dayEnd(dayStart: number): number {
  return dayStart + DAY_MS;
}

export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
