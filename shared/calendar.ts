// CONTRACT STUB — replaced by the calendar implementation. Signatures are binding.
import type { DateKey, MonthKey, WeekKey } from './types.js';
import type { BoardSettings, Profile } from './profile.js';

export const TIME_ZONE = 'Europe/Istanbul';

/** Istanbul calendar day of an instant. `dateKey('2026-11-23T22:30:00Z') === '2026-11-24'`. */
export declare function dateKey(instant: Date | string): DateKey;
/** ISO week of a day: `weekKey('2026-11-23') === '2026-W48'`. */
export declare function weekKey(date: DateKey): WeekKey;
export declare function monthKey(date: DateKey): MonthKey;
/** Monday..Sunday of an ISO week. */
export declare function weekDates(week: WeekKey): DateKey[];
export declare function monthDates(month: MonthKey): DateKey[];
export declare function addDays(date: DateKey, n: number): DateKey;
/** 1 = Monday … 7 = Sunday. */
export declare function isoWeekday(date: DateKey): number;
/** Whole days from a to b (b − a). */
export declare function daysBetween(a: DateKey, b: DateKey): number;
/** 00:00 Istanbul of the day, as an instant. */
export declare function dayStart(date: DateKey): Date;
/** 00:00 Istanbul of the next day (exclusive end of the day), as an instant. */
export declare function dayEnd(date: DateKey): Date;
/** Turkish public holiday name (tr), or null. Multi-day holidays (bayram) cover each day. Half-day eves are not holidays (A2). */
export declare function publicHoliday(date: DateKey): { tr: string; en: string } | null;

export interface CardCalendarInput {
  /** The card's specialist (profile.specialist or first card member). */
  specialist: string;
  profile: Profile;
}

export interface Calendar {
  isHoliday(date: DateKey): boolean;
  /** Mon–Fri, or a Saturday on which the board's rota lists the member (R50, A1); minus public holidays and the member's leave. */
  isWorkingDay(memberId: string, date: DateKey): boolean;
  onLeave(memberId: string, date: DateKey): boolean;
  /**
   * Who answers for the card that day (HANDBOOK §3 resp(C,D)): the cover when the specialist is on leave and
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

export declare function createCalendar(settings: BoardSettings): Calendar;
