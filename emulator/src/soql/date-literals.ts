/**
 * SOQL date literals (TODAY, LAST_N_DAYS:30, THIS_QUARTER, …) as half-open UTC ranges
 * [start, end) in epoch ms. The emulated org's time zone is UTC and its fiscal year is the
 * calendar year.
 */
import { SalesforceError } from '../errors.ts';

export interface DateRange {
  start: number;
  end: number;
}

const DAY = 86_400_000;

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

function utc(year: number, month: number, day = 1): number {
  return Date.UTC(year, month, day);
}

function weekStart(ms: number): number {
  const day = startOfDay(ms);
  return day - new Date(day).getUTCDay() * DAY; // weeks start on Sunday, as in the default locale
}

function monthRange(now: number, offsetMonths: number, lengthMonths = 1): DateRange {
  const d = new Date(now);
  const start = utc(d.getUTCFullYear(), d.getUTCMonth() + offsetMonths);
  return { start, end: utc(d.getUTCFullYear(), d.getUTCMonth() + offsetMonths + lengthMonths) };
}

function quarterRange(now: number, offsetQuarters: number, lengthQuarters = 1): DateRange {
  const d = new Date(now);
  const firstMonth = Math.floor(d.getUTCMonth() / 3) * 3 + offsetQuarters * 3;
  return { start: utc(d.getUTCFullYear(), firstMonth), end: utc(d.getUTCFullYear(), firstMonth + lengthQuarters * 3) };
}

function yearRange(now: number, offsetYears: number, lengthYears = 1): DateRange {
  const year = new Date(now).getUTCFullYear() + offsetYears;
  return { start: utc(year, 0), end: utc(year + lengthYears, 0) };
}

export function dateLiteralRange(literal: string, now: number): DateRange {
  const [rawName, rawN] = literal.toUpperCase().split(':');
  const name = rawName ?? '';
  const n = rawN === undefined ? 0 : Number(rawN);
  const today = startOfDay(now);
  switch (name) {
    case 'YESTERDAY':
      return { start: today - DAY, end: today };
    case 'TODAY':
      return { start: today, end: today + DAY };
    case 'TOMORROW':
      return { start: today + DAY, end: today + 2 * DAY };
    case 'LAST_WEEK':
      return { start: weekStart(now) - 7 * DAY, end: weekStart(now) };
    case 'THIS_WEEK':
      return { start: weekStart(now), end: weekStart(now) + 7 * DAY };
    case 'NEXT_WEEK':
      return { start: weekStart(now) + 7 * DAY, end: weekStart(now) + 14 * DAY };
    case 'LAST_MONTH':
      return monthRange(now, -1);
    case 'THIS_MONTH':
      return monthRange(now, 0);
    case 'NEXT_MONTH':
      return monthRange(now, 1);
    case 'LAST_90_DAYS':
      return { start: today - 90 * DAY, end: today + DAY };
    case 'NEXT_90_DAYS':
      return { start: today + DAY, end: today + 91 * DAY };
    case 'LAST_N_DAYS':
      return { start: today - n * DAY, end: today + DAY };
    case 'NEXT_N_DAYS':
      return { start: today + DAY, end: today + (n + 1) * DAY };
    case 'N_DAYS_AGO':
      return { start: today - n * DAY, end: today - n * DAY + DAY };
    case 'N_DAYS_FROM_NOW':
      return { start: today + n * DAY, end: today + (n + 1) * DAY };
    case 'LAST_N_WEEKS':
      return { start: weekStart(now) - n * 7 * DAY, end: weekStart(now) };
    case 'NEXT_N_WEEKS':
      return { start: weekStart(now) + 7 * DAY, end: weekStart(now) + (n + 1) * 7 * DAY };
    case 'LAST_N_MONTHS':
      return { start: monthRange(now, -n).start, end: monthRange(now, 0).start };
    case 'NEXT_N_MONTHS':
      return { start: monthRange(now, 1).start, end: monthRange(now, n + 1).start };
    case 'THIS_QUARTER':
    case 'THIS_FISCAL_QUARTER':
      return quarterRange(now, 0);
    case 'LAST_QUARTER':
    case 'LAST_FISCAL_QUARTER':
      return quarterRange(now, -1);
    case 'NEXT_QUARTER':
    case 'NEXT_FISCAL_QUARTER':
      return quarterRange(now, 1);
    case 'LAST_N_QUARTERS':
      return { start: quarterRange(now, -n).start, end: quarterRange(now, 0).start };
    case 'NEXT_N_QUARTERS':
      return { start: quarterRange(now, 1).start, end: quarterRange(now, n + 1).start };
    case 'THIS_YEAR':
    case 'THIS_FISCAL_YEAR':
      return yearRange(now, 0);
    case 'LAST_YEAR':
    case 'LAST_FISCAL_YEAR':
      return yearRange(now, -1);
    case 'NEXT_YEAR':
    case 'NEXT_FISCAL_YEAR':
      return yearRange(now, 1);
    case 'LAST_N_YEARS':
      return { start: yearRange(now, -n).start, end: yearRange(now, 0).start };
    case 'NEXT_N_YEARS':
      return { start: yearRange(now, 1).start, end: yearRange(now, n + 1).start };
    default:
      throw new SalesforceError('MALFORMED_QUERY', `unexpected token: ${literal}`);
  }
}
