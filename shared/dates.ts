/**
 * Europe/Istanbul day, week and month keys (docs/rules.md), with no dependency at all so the
 * Power-Up can bundle it; `calendar.ts` re-exports everything here and adds holidays and working days.
 *
 * Day keys are `YYYY-MM-DD` strings: they compare correctly as strings, and day arithmetic runs on
 * whole UTC days, so neither the machine's time zone nor its clock can shift a result.
 *
 * @example
 *   dateKey('2026-11-23T22:30:00Z') // '2026-11-24' (01:30 in Istanbul)
 *   weekKey('2027-01-01')          // '2026-W53'
 */
import type { DateKey, MonthKey, WeekKey } from './types.js';

export const TIME_ZONE = 'Europe/Istanbul';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Turkey has kept UTC+3 all year since autumn 2016 (docs/rules.md); before that, ask Intl. */
const FIXED_OFFSET_SINCE = Date.UTC(2016, 10, 1);
const FIXED_OFFSET_MS = 3 * HOUR_MS;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

// ───────────────────────── day keys ─────────────────────────

/** Days since 1970-01-01 of a valid `YYYY-MM-DD`; throws a RangeError naming the bad key otherwise. */
export function dayNumber(date: DateKey): number {
  const m = DATE_RE.exec(date);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) {
      return Date.UTC(y, mo - 1, d) / DAY_MS;
    }
  }
  throw new RangeError(`Invalid date "${String(date)}": expected a real day as YYYY-MM-DD`);
}

/** The day key of a day number (days since 1970-01-01). */
export function fromDayNumber(n: number): DateKey {
  // Whole days of years 1000–9999 by arithmetic (the parser's hot path: a Date + toISOString per day
  // cost ~0.7 µs); anything else (fractions, other years, NaN) keeps Date's exact behaviour.
  if (Number.isInteger(n) && n >= MIN_FAST_DAY && n <= MAX_FAST_DAY) {
    // Days → proleptic Gregorian civil date (H. Hinnant, "chrono-compatible low-level date algorithms").
    const z = n + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
  }
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
/** Day numbers of 1000-01-01 and 9999-12-31: the fast path of fromDayNumber prints 4-digit years only. */
const MIN_FAST_DAY = -354_285;
const MAX_FAST_DAY = 2_932_896;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  // Date.UTC maps years 0–99 to 1900–1999: only whole years ≥ 100 and real months take the table.
  if (Number.isInteger(year) && year >= 100 && Number.isInteger(month) && month >= 1 && month <= 12) {
    const days = MONTH_DAYS[month - 1];
    if (month !== 2 && days !== undefined) return days;
    if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real calendar day written `YYYY-MM-DD` (`2026-02-30` is not). */
export function isDateKey(value: unknown): value is DateKey {
  if (typeof value !== 'string') return false;
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

const istanbulParts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const ZONED_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
const TRELLO_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const LOCAL_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/** Instant of an Istanbul wall-clock time given as UTC fields. */
function istanbulWallToInstant(wallMs: number): number {
  // Guess with +3, then correct with the offset in force at that instant (pre-2016 DST years).
  const guess = wallMs - FIXED_OFFSET_MS;
  const off = offsetAt(guess);
  return off === FIXED_OFFSET_MS ? guess : wallMs - off;
}

function toInstant(instant: Date | string): number {
  const ms = typeof instant === 'string' ? parseInstant(instant).getTime() : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid instant "${String(instant)}": expected an ISO date-time`);
  return ms;
}

/**
 * An ISO date-time as an instant. Text without a zone (`2026-11-23T10:00`, `2026-11-23`) is read as
 * Istanbul wall time — JavaScript would read it in the machine's zone.
 * `parseInstant('2026-11-23T10:00').toISOString() === '2026-11-23T07:00:00.000Z'`.
 */
export function parseInstant(text: string): Date {
  // Trello's own form (every action date): what the zoned branch below would do, minus two regexes and trims.
  if (TRELLO_TIME_RE.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return new Date(ms);
  }
  const m = LOCAL_TIME_RE.exec(text.trim());
  if (m) {
    const field = (i: number): number => Number(m[i] ?? 0);
    const [h, mi, sec] = [field(4), field(5), field(6)];
    const day = `${m[1]}-${m[2]}-${m[3]}`;
    if (!isDateKey(day) || h > 23 || mi > 59 || sec > 59) {
      throw new RangeError(`Invalid instant "${text}": expected an ISO date-time`);
    }
    const ms = Number((m[7] ?? '0').padEnd(3, '0'));
    return new Date(istanbulWallToInstant(dayNumber(day) * DAY_MS + ((h * 60 + mi) * 60 + sec) * 1000 + ms));
  }
  // Only ISO text with an explicit zone: Date.parse reads other formats in the machine's zone.
  const ms = ZONED_RE.test(text.trim()) ? Date.parse(text.trim()) : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid instant "${text}": expected an ISO date-time`);
  return new Date(ms);
}

/** Istanbul UTC offset (ms) at an instant. */
function offsetAt(ms: number): number {
  if (ms >= FIXED_OFFSET_SINCE) return FIXED_OFFSET_MS;
  const p: Record<string, number> = {};
  for (const part of istanbulParts.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** Istanbul calendar day of an instant. `dateKey('2026-11-23T22:30:00Z') === '2026-11-24'`. */
export function dateKey(instant: Date | string): DateKey {
  const ms = toInstant(instant);
  const wall = ms + offsetAt(ms);
  const day = Math.floor(wall / DAY_MS);
  // fromDayNumber's arithmetic for whole-ms times of years 1000–9999; Date (and its errors) otherwise.
  if (Number.isInteger(wall) && day >= MIN_FAST_DAY && day <= MAX_FAST_DAY) return fromDayNumber(day);
  return new Date(wall).toISOString().slice(0, 10);
}

/** Istanbul wall-clock time `HH:MM` of an instant (for "posted at" texts and slots). */
export function timeOfDay(instant: Date | string): string {
  const ms = toInstant(instant);
  return new Date(ms + offsetAt(ms)).toISOString().slice(11, 16);
}

/** ISO week of a day: `weekKey('2026-11-23') === '2026-W48'`; `weekKey('2027-01-01') === '2026-W53'`. */
export function weekKey(date: DateKey): WeekKey {
  const n = dayNumber(date);
  // The ISO week belongs to the year of its Thursday.
  const thursday = n + 4 - isoWeekdayOf(n);
  const tDate = new Date(thursday * DAY_MS);
  const year = tDate.getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Number of ISO weeks of a year: 53 when it starts on a Thursday, or on a Wednesday in a leap year (2026, 2032 …). */
export function weeksInYear(year: number): 52 | 53 {
  const dec28 = fromDayNumber(Date.UTC(year, 11, 28) / DAY_MS);
  return Number(weekKey(dec28).slice(6)) === 53 ? 53 : 52;
}

export function monthKey(date: DateKey): MonthKey {
  dayNumber(date);
  return date.slice(0, 7);
}

function parseWeek(week: WeekKey): { year: number; week: number } {
  const m = WEEK_RE.exec(week);
  if (m) {
    const year = Number(m[1]);
    const w = Number(m[2]);
    if (year >= 1000 && w >= 1 && w <= weeksInYear(year)) return { year, week: w };
    if (year >= 1000 && w >= 1) {
      throw new RangeError(`Invalid week "${week}": ${year} has only ${weeksInYear(year)} ISO weeks`);
    }
  }
  throw new RangeError(`Invalid week "${String(week)}": expected YYYY-Www, e.g. 2026-W48`);
}

function parseMonth(month: MonthKey): { year: number; month: number } {
  const m = MONTH_RE.exec(month);
  if (m) {
    const year = Number(m[1]);
    const mo = Number(m[2]);
    if (year >= 1000 && mo >= 1 && mo <= 12) return { year, month: mo };
  }
  throw new RangeError(`Invalid month "${String(month)}": expected YYYY-MM, e.g. 2026-11`);
}

/** Monday..Sunday of an ISO week. */
export function weekDates(week: WeekKey): DateKey[] {
  const { year, week: w } = parseWeek(week);
  // 4 January is always in week 1.
  const jan4 = Date.UTC(year, 0, 4) / DAY_MS;
  const monday = jan4 - (isoWeekdayOf(jan4) - 1) + (w - 1) * 7;
  return Array.from({ length: 7 }, (_, i) => fromDayNumber(monday + i));
}

export function monthDates(month: MonthKey): DateKey[] {
  const { year, month: mo } = parseMonth(month);
  const first = Date.UTC(year, mo - 1, 1) / DAY_MS;
  return Array.from({ length: daysInMonth(year, mo) }, (_, i) => fromDayNumber(first + i));
}

/** The month `n` months after (or before, n < 0) a month: `addMonths('2026-12', 1) === '2027-01'`. */
export function addMonths(month: MonthKey, n: number): MonthKey {
  const { year, month: mo } = parseMonth(month);
  const idx = year * 12 + (mo - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

export function addDays(date: DateKey, n: number): DateKey {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be a whole number, got ${n}`);
  return fromDayNumber(dayNumber(date) + n);
}

function isoWeekdayOf(n: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: DateKey): number {
  return isoWeekdayOf(dayNumber(date));
}

/** The earlier of two days (`YYYY-MM-DD` strings order as dates; `Math.min` would make them NaN). */
export function earlierDay<D extends string>(a: D, b: D): D {
  if (b < a) return b;
  return a;
}

/** The later of two days (see earlierDay). */
export function laterDay<D extends string>(a: D, b: D): D {
  if (b > a) return b;
  return a;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: DateKey, b: DateKey): number {
  return dayNumber(b) - dayNumber(a);
}

/** 00:00 Istanbul of the day, as an instant. */
export function dayStart(date: DateKey): Date {
  return new Date(istanbulWallToInstant(dayNumber(date) * DAY_MS));
}

/** 00:00 Istanbul of the next day (exclusive end of the day), as an instant. */
export function dayEnd(date: DateKey): Date {
  return dayStart(addDays(date, 1));
}

/**
 * Creation time of a Trello (Mongo) id: its first 8 hex digits are seconds since 1970; undefined for
 * anything that is not 24 hex digits (anonymised or hand-made exports).
 * @example trelloIdTime('6b0206500000000000000000')?.toISOString() === '2026-11-21T21:00:00.000Z'
 */
export function trelloIdTime(id: string): Date | undefined {
  if (!/^[0-9a-f]{24}$/i.test(id)) return undefined;
  return new Date(parseInt(id.slice(0, 8), 16) * 1000);
}
