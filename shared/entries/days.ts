// Small pure day helpers for the grammar: the Istanbul day of an instant (via Intl, never the host
// zone and no hard-coded offset, HANDBOOK §0.3) and ISO-week/month arithmetic on `YYYY-MM-DD` keys.
// Kept local so the grammar does not depend on calendar.ts; they may be deduplicated later.
import type { DateKey, MonthKey } from '../types.js';

const ISTANBUL = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Istanbul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const DAY_MS = 86_400_000;

/** Istanbul calendar day of an instant, or null for an invalid/unrepresentable time. */
export function istanbulDay(instant: Date | string): DateKey | null {
  const d = instant instanceof Date ? instant : new Date(String(instant));
  if (Number.isNaN(d.getTime())) return null;
  try {
    const parts = ISTANBUL.formatToParts(d);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    const key = `${get('year')}-${get('month')}-${get('day')}`;
    return /^\d{4}-\d{2}-\d{2}$/.test(key) ? key : null;
  } catch {
    return null;
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A valid calendar day → its key; otherwise null. */
export function makeDateKey(y: number, m: number, d: number): DateKey | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  if (d > daysInMonth(y, m)) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function toUtc(key: DateKey): number {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): DateKey {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDaysKey(key: DateKey, n: number): DateKey {
  return fromUtc(toUtc(key) + n * DAY_MS);
}

/** b − a in whole days. */
export function dayDiff(a: DateKey, b: DateKey): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** ISO week of a day (the week belongs to the year of its Thursday). */
export function isoWeekOf(key: DateKey): { year: number; week: number } {
  const t = toUtc(key);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(t + (3 - dow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { year, week };
}

export function isoWeeksInYear(year: number): number {
  return isoWeekOf(`${pad(year, 4)}-12-28`).week;
}

/** Monday of an ISO week, or null when the week does not exist (W00, W54, W53 of a 52-week year). */
export function mondayOfIsoWeek(year: number, week: number): DateKey | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
  if (!Number.isInteger(week) || week < 1 || week > isoWeeksInYear(year)) return null;
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  return fromUtc(jan4 - dow * DAY_MS + (week - 1) * 7 * DAY_MS);
}

export function monthKeyOf(key: DateKey): MonthKey {
  return key.slice(0, 7);
}

export function lastDayOfMonth(month: MonthKey): DateKey {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad(daysInMonth(y, m))}`;
}
