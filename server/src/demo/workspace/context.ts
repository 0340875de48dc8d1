// What every step of the generator shares: the options, the one seeded random stream, the emulator state
// that hands out time-ordered ids, the window (start … today), and memoised calendar arithmetic.
// Steps run in a fixed order and draw from `rng` in that order: the output is a pure function of the options.
import { addDays, dateKey, dayStart, isoWeekday, monthKey, publicHoliday, weekKey } from '../../../../shared/calendar.js';
import type { DateKey, MonthKey, WeekKey } from '../../../../shared/types.js';
import { createRng, type Rng } from '../ids.js';
import { EmulatorState } from '../state.js';
import type { DemoOptions } from './types.js';

/** Istanbul wall time of a day as an instant. */
export function at(day: DateKey, hh: number, mm: number, ss = 0): Date {
  return new Date(dayStart(day).getTime() + ((hh * 60 + mm) * 60 + ss) * 1000);
}

export function memo<T>(f: (d: DateKey) => T): (d: DateKey) => T {
  const m = new Map<DateKey, T>();
  return (d) => {
    let v = m.get(d);
    if (v === undefined) m.set(d, (v = f(d)));
    return v;
  };
}

/** Mon–Fri and not a public holiday: when people write the one-off notes. */
export function workdayOnOrAfter(d: DateKey): DateKey {
  let x = d;
  while (isoWeekday(x) > 5 || publicHoliday(x)) x = addDays(x, 1);
  return x;
}
export function workdayOnOrBefore(d: DateKey): DateKey {
  let x = d;
  while (isoWeekday(x) > 5 || publicHoliday(x)) x = addDays(x, -1);
  return x;
}

export interface Gen {
  rng: Rng;
  now: Date;
  days: number;
  nBoards: number;
  nCards: number;
  /** The designed mix (three boards or more of the demo, not the benchmark's scale workspace). */
  designed: boolean;
  today: DateKey;
  /** First day of the window: a Monday, so the first tracked week is whole. */
  start: DateKey;
  state: EmulatorState;
  /** Long before the window: when the people's accounts were made. */
  epoch: Date;
  later: (base: Date, minutes: number) => Date;
  /** A second comment the same working day: after `base`, or before it when that would run past 19:00. */
  sameDay: (base: Date, minutes: number) => Date;
  nextDay: (d: DateKey) => DateKey;
  weekOf: (d: DateKey) => WeekKey;
  monthOf: (d: DateKey) => MonthKey;
}

export function createGen(opts: DemoOptions & { designed: boolean }): Gen {
  // The same ~200 days are looked at for every card: memoise the calendar arithmetic (benchmark scale).
  const nextDay = memo((d) => addDays(d, 1));
  const weekOf = memo(weekKey);
  const monthOf = memo(monthKey);
  const rng = createRng(opts.seed);
  const now = opts.now;
  const days = opts.days ?? 90;
  const nBoards = opts.boards ?? 3;
  const nCards = opts.cardsPerBoard ?? 12;
  if (opts.designed && days < 90) throw new RangeError('generateDemoWorkspace: the designed mix needs days ≥ 90');
  if (nBoards < 1 || nCards < 1) throw new RangeError('generateDemoWorkspace: boards and cardsPerBoard must be ≥ 1');
  const designed = opts.designed && nBoards >= 3;

  const today = dateKey(now);
  // Window starts on a Monday so the first tracked week is whole.
  let start = addDays(today, -days);
  start = addDays(start, -(isoWeekday(start) - 1));
  const state = new EmulatorState(() => now, opts.seed);
  const epoch = at(addDays(start, -400), 9, 0);
  const later = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);
  const sameDay = (base: Date, minutes: number) => {
    const after = later(base, minutes);
    return after.getTime() - dayStart(dateKey(base)).getTime() > 19 * 3_600_000 ? later(base, -minutes) : after;
  };
  return { rng, now, days, nBoards, nCards, designed, today, start, state, epoch, later, sameDay, nextDay, weekOf, monthOf };
}
