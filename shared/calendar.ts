/**
 * Working-day calendar of Nabız (docs/rules.md, "Working days", R50; definitions in docs/rules.md): Turkish
 * public holidays (date-holidays, TR), the board's Saturday rota, leave, covers and frozen periods.
 * The Istanbul day/week/month helpers live in `dates.ts` (no dependencies, safe for the Power-Up
 * bundle) and are re-exported here. Nothing reads the machine's time zone or clock.
 *
 * @example
 *   const cal = createCalendar({ v: 1 });
 *   cal.nthWorkingDay(null, '2026-12', 3) // '2026-12-03', the monthly grace end (docs/rules.md)
 */
import Holidays from 'date-holidays';
import { addDays, dateKey, dayEnd, dayNumber, dayStart, fromDayNumber, isoWeekday, monthDates } from './dates.js';
import type { DateKey, MonthKey, Text2 } from './types.js';
import type { BoardSettings, Profile } from './profile.js';

export {
  TIME_ZONE,
  addDays,
  addMonths,
  dateKey,
  dayEnd,
  dayNumber,
  dayStart,
  daysBetween,
  fromDayNumber,
  isDateKey,
  isoWeekday,
  monthDates,
  monthKey,
  parseInstant,
  timeOfDay,
  weekDates,
  weekKey,
  weeksInYear,
} from './dates.js';

// ───────────────────────── public holidays (A2) ─────────────────────────

export interface HolidayInfo extends Text2 {
  /** Official (multi-day) holiday name without the day number. */
  holiday: Text2;
}

interface DayFacts {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  holiday: HolidayInfo | null;
  /** Half-day eve (arife): a working day by default (A2). */
  eve: Text2 | null;
}

interface YearTable {
  /** Every real day of the year: a hit also proves the key is valid, with no parsing. */
  days: Map<DateKey, DayFacts>;
}

const yearTables = new Map<number, YearTable>();
let holidaySource: Holidays | null = null;

function source(): Holidays {
  holidaySource ??= new Holidays('TR', { types: ['public'] });
  return holidaySource;
}

interface HolidaySpan {
  name: Text2;
  /** The Istanbul days the holiday covers entirely. */
  days: DateKey[];
  /** 29 October, or a multi-day bayram: the afternoon before is a half day (arife). */
  hasEve: boolean;
}

const spansByYear = new Map<number, HolidaySpan[]>();

/**
 * The public holidays date-holidays lists for a year. A day counts only when the holiday covers it
 * entirely: date-holidays starts a bayram at 18:00 of its eve and ends it at noon after its last
 * day, which keeps the half-day arife and the following day working days, as the law has them (A2).
 */
function holidaySpans(year: number): HolidaySpan[] {
  const cached = spansByYear.get(year);
  if (cached) return cached;
  let spans: HolidaySpan[] = [];
  try {
    const en = source()
      .getHolidays(year, 'en')
      .filter((h) => h.type === 'public');
    spans = source()
      .getHolidays(year, 'tr')
      .filter((h) => h.type === 'public')
      .map((h, i) => {
        const endMs = h.end.getTime();
        const days: DateKey[] = [];
        for (let d = dateKey(h.start); dayStart(d).getTime() < endMs; d = addDays(d, 1)) {
          if (dayStart(d).getTime() >= h.start.getTime() && dayEnd(d).getTime() <= endMs) days.push(d);
        }
        const name = { tr: h.name, en: en.find((e) => e.rule === h.rule)?.name ?? en[i]?.name ?? h.name };
        return { name, days, hasEve: days.length > 1 || h.rule.startsWith('10-29') };
      });
  } catch {
    spans = []; // outside the years date-holidays can compute (Hijri tables): weekends only
  }
  spansByYear.set(year, spans);
  return spans;
}

/** Facts of every day of one year, cached: later lookups are one Map hit (an audit asks ~100k times). */
function yearTable(year: number): YearTable {
  const cached = yearTables.get(year);
  if (cached) return cached;
  const holidays = new Map<DateKey, HolidayInfo>();
  const eves = new Map<DateKey, Text2>();
  // A bayram may start in the previous year or run into the next one.
  for (const span of [year - 1, year, year + 1].flatMap(holidaySpans)) {
    const { name, days } = span;
    days.forEach((d, k) => {
      const numbered = days.length > 1 ? { tr: `${name.tr} (${k + 1}. gün)`, en: `${name.en} (day ${k + 1})` } : name;
      const other = holidays.get(d);
      // Two holidays on one day (Kurban Bayramı on 19 May 2027): keep both names.
      holidays.set(
        d,
        other && other.holiday.tr !== name.tr
          ? { tr: `${other.tr} · ${numbered.tr}`, en: `${other.en} · ${numbered.en}`, holiday: other.holiday }
          : { ...numbered, holiday: name },
      );
    });
    const first = days[0];
    if (first && span.hasEve) {
      eves.set(addDays(first, -1), { tr: `${name.tr} arifesi (yarım gün)`, en: `Eve of ${name.en} (half day)` });
    }
  }
  const days = new Map<DateKey, DayFacts>();
  const first = dayNumber(`${year}-01-01`);
  const last = dayNumber(`${year}-12-31`);
  for (let n = first; n <= last; n++) {
    const d = fromDayNumber(n);
    days.set(d, { weekday: isoWeekday(d), holiday: holidays.get(d) ?? null, eve: eves.get(d) ?? null });
  }
  const table = { days };
  yearTables.set(year, table);
  return table;
}

/** Facts of a day; a RangeError naming the key when it is no real `YYYY-MM-DD`. */
function facts(date: DateKey): DayFacts {
  const year = typeof date === 'string' && date.length === 10 ? Number(date.slice(0, 4)) : NaN;
  const found = Number.isInteger(year) && year >= 1000 ? yearTable(year).days.get(date) : undefined;
  if (found) return found;
  dayNumber(date); // throws the readable error
  throw new RangeError(`Invalid date "${String(date)}"`);
}

/** Turkish public holiday name (tr, en), or null. Multi-day holidays (bayram) cover each day. Half-day eves are not holidays (A2). */
export function publicHoliday(date: DateKey): { tr: string; en: string } | null {
  const h = facts(date).holiday;
  return h ? { tr: h.tr, en: h.en } : null;
}

/** The half-day eve (arife) of a bayram, or null. A working day unless the calendar says otherwise (A2). */
export function halfDayEve(date: DateKey): Text2 | null {
  return facts(date).eve;
}

/** Every public holiday day of a year, in order (for reports and the settings screen). */
export function holidaysOfYear(year: number): Array<{ date: DateKey } & HolidayInfo> {
  if (!Number.isInteger(year) || year < 1000) throw new RangeError(`Invalid year ${year}`);
  const list: Array<{ date: DateKey } & HolidayInfo> = [];
  for (const [date, f] of yearTable(year).days) if (f.holiday) list.push({ date, ...f.holiday });
  return list;
}

// ───────────────────────── the board calendar ─────────────────────────

export interface CardCalendarInput {
  /** The card's specialist (profile.specialist or first card member). */
  specialist: string;
  profile: Profile;
}

export interface Calendar {
  /** A public holiday, a board day off (`settings.extraHolidays`), or an eve when eves are off (A2). */
  isHoliday(date: DateKey): boolean;
  /** Mon–Fri, or a Saturday on which the board's rota lists the member (R50, A1); minus public holidays and the member's leave. */
  isWorkingDay(memberId: string, date: DateKey): boolean;
  onLeave(memberId: string, date: DateKey): boolean;
  /**
   * Who answers for the card that day (docs/rules.md, resp(C,D)): the cover when the specialist is on leave and
   * the profile has a cover for that day; the specialist otherwise; null when the specialist is on leave with no cover.
   */
  responsible(card: CardCalendarInput, date: DateKey): string | null;
  /** The card needs a daily entry that day: assignedAt ≤ date, not frozen, responsible exists and works that day. */
  isRequiredDay(card: CardCalendarInput, date: DateKey): boolean;
  isFrozen(profile: Profile, date: DateKey): boolean;
  /** The member's first working day strictly after `date`. */
  nextWorkingDay(memberId: string, date: DateKey): DateKey;
  /** The n-th (1-based) working day of a month for a member (Mon–Fri minus holidays when memberId is null). */
  nthWorkingDay(memberId: string | null, month: MonthKey, n: number): DateKey;
}

export interface CalendarOptions {
  /** A2: half-day eves (arife) are working days by default; `true` treats them as holidays. Overrides `settings.halfDayEves`. */
  evesAreHolidays?: boolean;
}

/** How far working-day searches look before giving up (a member on leave for years is a data error). */
const SEARCH_LIMIT_DAYS = 3 * 366;

function inRange(range: { from: DateKey; to: DateKey }, date: DateKey): boolean {
  // Inclusive on both ends; YYYY-MM-DD compares correctly as text.
  return range.from <= date && date <= range.to;
}

/**
 * The working-day calendar of one board: public holidays, its Saturday rota (no rota → no Saturday
 * is required, A1), its members' leave, and each card's covers and frozen periods.
 *
 * @example
 *   const cal = createCalendar({ v: 1, saturdayRota: { '2026-11-28': ['ayse'] } });
 *   cal.isWorkingDay('ayse', '2026-11-28') // true — on the rota (R50)
 *   cal.isWorkingDay('mehmet', '2026-11-28') // false
 */
export function createCalendar(settings: BoardSettings, options: CalendarOptions = {}): Calendar {
  const rota = new Map<DateKey, Set<string>>();
  for (const [date, members] of Object.entries(settings.saturdayRota ?? {})) rota.set(date, new Set(members));

  const leavesByMember = new Map<string, Array<{ from: DateKey; to: DateKey }>>();
  for (const leave of settings.leaves ?? []) {
    const list = leavesByMember.get(leave.memberId) ?? [];
    list.push({ from: leave.from, to: leave.to });
    leavesByMember.set(leave.memberId, list);
  }

  const evesAreHolidays = options.evesAreHolidays ?? settings.halfDayEves === 'off';
  // A2: the board's own days off (administrative leave next to a bayram …) count as holidays.
  const extraHolidays = new Set<DateKey>();
  for (const r of settings.extraHolidays ?? []) {
    for (let d = r.from, i = 0; d <= r.to && i < 366; d = addDays(d, 1), i++) extraHolidays.add(d);
  }

  function isHoliday(date: DateKey): boolean {
    const f = facts(date);
    return f.holiday !== null || (evesAreHolidays && f.eve !== null) || extraHolidays.has(date);
  }

  function onLeave(memberId: string, date: DateKey): boolean {
    const list = leavesByMember.get(memberId);
    return list?.some((r) => inRange(r, date)) === true;
  }

  function isWorkingDay(memberId: string, date: DateKey): boolean {
    const f = facts(date);
    if (f.weekday === 7) return false;
    // R50/A1: Saturdays only for the members the rota lists that day.
    if (f.weekday === 6 && !(rota.get(date)?.has(memberId) ?? false)) return false;
    if (f.holiday !== null || (evesAreHolidays && f.eve !== null) || extraHolidays.has(date)) return false;
    return !onLeave(memberId, date);
  }

  function isFrozen(profile: Profile, date: DateKey): boolean {
    return (profile.frozen ?? []).some((r) => inRange(r, date));
  }

  function responsible(card: CardCalendarInput, date: DateKey): string | null {
    if (!onLeave(card.specialist, date)) return card.specialist;
    // docs/rules.md, resp(C,D): the cover answers while the specialist is away; no cover → nobody.
    return (card.profile.cover ?? []).find((c) => inRange(c, date))?.memberId ?? null;
  }

  function isRequiredDay(card: CardCalendarInput, date: DateKey): boolean {
    if (date < card.profile.assignedAt || isFrozen(card.profile, date)) return false;
    const who = responsible(card, date);
    return who !== null && isWorkingDay(who, date);
  }

  function nextWorkingDay(memberId: string, date: DateKey): DateKey {
    let d = date;
    for (let i = 0; i < SEARCH_LIMIT_DAYS; i++) {
      d = addDays(d, 1);
      if (isWorkingDay(memberId, d)) return d;
    }
    throw new RangeError(`No working day for ${memberId} within ${SEARCH_LIMIT_DAYS} days after ${date}: check the leave ranges`);
  }

  /** Past the month's end when it has fewer than n working days, so a grace period still ends somewhere. */
  function nthWorkingDay(memberId: string | null, month: MonthKey, n: number): DateKey {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`nthWorkingDay: n must be a whole number ≥ 1, got ${n}`);
    const works = (d: DateKey): boolean => (memberId === null ? facts(d).weekday <= 5 && !isHoliday(d) : isWorkingDay(memberId, d));
    let d = addDays(monthDates(month)[0] ?? `${month}-01`, -1);
    let count = 0;
    for (let i = 0; i < SEARCH_LIMIT_DAYS; i++) {
      d = addDays(d, 1);
      if (works(d) && ++count === n) return d;
    }
    throw new RangeError(`No ${n}. working day for ${memberId ?? 'the team'} from ${month} within ${SEARCH_LIMIT_DAYS} days`);
  }

  return { isHoliday, isWorkingDay, onLeave, responsible, isRequiredDay, isFrozen, nextWorkingDay, nthWorkingDay };
}
