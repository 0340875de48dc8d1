// "50. hafta (07.12–13.12.2026)": the week as Nabız writes it (docs/glossary.md), read back with the year its
// dates name, so an entry posted a year later still names its own week (docs/grammar.md). Kept apart from the
// other date forms in for-date.ts: one pattern, one reading.
import { weekDates, weekKey } from '../dates.js';
import type { DateKey, WeekKey } from '../types.js';
import { makeDateKey } from './days.js';

/** On folded text: week number, then Monday `dd.mm`, then Sunday `dd.mm.yyyy` in parentheses. */
export const WEEK_WITH_RANGE =
  /(?<![\p{N}\p{L}.,/-])(\d{1,2})\.[ \t]*hafta[ \t]*\([ \t]*(\d{1,2})\.(\d{1,2})[ \t]*[-–][ \t]*(\d{1,2})\.(\d{1,2})\.(\d{4})[ \t]*\)/gu;

/**
 * The week a match names: the ISO week of its Sunday, which must carry the written number and start on the written
 * Monday. Anything else is a warning (the caller then counts the entry for its posting day).
 */
export function weekFromRange(m: RegExpExecArray): { ok: { forDate: DateKey; forWeek: WeekKey } } | { warn: string } {
  const n = (i: number) => Number(m[i]);
  const sunday = makeDateKey(n(6), n(5), n(4));
  const week = sunday ? weekKey(sunday) : null;
  const monday = week ? weekDates(week)[0] : undefined;
  if (
    !sunday ||
    !week ||
    !monday ||
    Number(week.slice(6)) !== n(1) ||
    monday.slice(5) !== `${String(n(3)).padStart(2, '0')}-${String(n(2)).padStart(2, '0')}`
  ) {
    return { warn: `week "${m[0]}": these dates are not week ${n(1)}` };
  }
  return { ok: { forDate: monday, forWeek: week } };
}
