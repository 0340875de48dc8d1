// The grammar's never-throw views of `../dates.ts`: dates.ts throws a RangeError on a bad key or
// instant, while a comment with an odd date must only earn a warning (docs/grammar.md), so these return null.
import type { DateKey } from '../types.js';
import { dateKey, isDateKey, weekDates, weeksInYear } from '../dates.js';

/** Istanbul calendar day of an instant (docs/rules.md), or null for an invalid/unrepresentable time. */
export function istanbulDay(instant: Date | string): DateKey | null {
  try {
    const key = dateKey(instant instanceof Date ? instant : String(instant));
    return isDateKey(key) ? key : null; // years past 9999 come back as "+010000-…"
  } catch {
    return null;
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A valid calendar day → its key; otherwise null. */
export function makeDateKey(y: number, m: number, d: number): DateKey | null {
  if (![y, m, d].every(Number.isInteger)) return null;
  const key = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return isDateKey(key) ? key : null;
}

/** Monday of an ISO week, or null when the week does not exist (W00, W54, W53 of a 52-week year). */
export function mondayOfIsoWeek(year: number, week: number): DateKey | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
  if (!Number.isInteger(week) || week < 1 || week > weeksInYear(year)) return null;
  return weekDates(`${year}-W${pad(week)}`)[0] ?? null;
}
