// Calendar (docs/rules.md, "Working days"; R50, A1, A2, A13, A14; docs/rules.md, resp/workday).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  createCalendar,
  dateKey,
  dayEnd,
  dayStart,
  daysBetween,
  halfDayEve,
  holidaysOfYear,
  isDateKey,
  isoWeekday,
  monthDates,
  monthKey,
  parseInstant,
  publicHoliday,
  timeOfDay,
  weekDates,
  weekKey,
  weeksInYear,
  type CardCalendarInput,
} from '../../shared/calendar.js';
import type { BoardSettings, Profile } from '../../shared/profile.js';

const profile = (over: Partial<Profile> = {}): Profile => ({
  v: 1,
  site: 'ornek.com.tr',
  assignedAt: '2026-01-01',
  pool: false,
  integration: false,
  design: false,
  ...over,
});
const card = (over: Partial<Profile> = {}, specialist = 'ayse'): CardCalendarInput => ({ specialist, profile: profile(over) });

describe('Istanbul day keys (Trello dates are UTC, days are Istanbul)', () => {
  it.each([
    ['2026-11-23T22:30:00Z', '2026-11-24', '01:30'], // docs/grammar.md, example
    ['2026-11-23T20:59:59.999Z', '2026-11-23', '23:59'],
    ['2026-11-23T21:00:00.000Z', '2026-11-24', '00:00'],
    ['2026-12-31T21:00:00Z', '2027-01-01', '00:00'], // new year in Istanbul, still 31 Dec in UTC
    ['2026-11-24T01:30:00+03:00', '2026-11-24', '01:30'],
    ['2015-07-01T20:30:00Z', '2015-07-01', '23:30'], // summer 2015: UTC+3 (DST)
    ['2015-01-15T22:30:00Z', '2015-01-16', '00:30'], // winter 2015: UTC+2
  ])('dateKey(%s) = %s, %s', (instant, day, time) => {
    expect(dateKey(instant)).toBe(day);
    expect(dateKey(new Date(instant))).toBe(day);
    expect(timeOfDay(instant)).toBe(time);
  });

  it.each([
    ['2026-11-23T10:00', '2026-11-23T07:00:00.000Z'], // no zone → Istanbul wall time, never the machine's
    ['2026-11-23 10:00:30', '2026-11-23T07:00:30.000Z'],
    ['2026-11-23T10:00:00.5', '2026-11-23T07:00:00.500Z'],
    ['2026-11-24', '2026-11-23T21:00:00.000Z'],
    ['2015-01-15T10:00', '2015-01-15T08:00:00.000Z'], // winter 2015: UTC+2
    ['2026-11-23T10:00:00Z', '2026-11-23T10:00:00.000Z'], // an explicit zone wins
    ['2026-11-23T10:00:00+01:00', '2026-11-23T09:00:00.000Z'],
    ['2026-11-23T10:00:00.123456-0500', '2026-11-23T15:00:00.123Z'],
  ])('parseInstant(%s) = %s', (text, iso) => {
    expect(parseInstant(text).toISOString()).toBe(iso);
  });

  it.each(['2026-11-23T24:00', '2026-02-30T10:00', 'now', '23.11.2026 10:00', 'Mon Nov 23 2026 10:00', '1795294800'])(
    'parseInstant(%s) fails clearly',
    (text) => {
      expect(() => parseInstant(text)).toThrow(/Invalid instant .*expected an ISO date-time/);
    },
  );

  it('rejects an unreadable instant with the value in the message', () => {
    expect(() => dateKey('yesterday')).toThrow(/Invalid instant "yesterday"/);
    expect(() => dateKey(new Date(NaN))).toThrow(RangeError);
  });

  it.each([
    ['2026-11-24', '2026-11-23T21:00:00.000Z', '2026-11-24T21:00:00.000Z'],
    ['2027-01-01', '2026-12-31T21:00:00.000Z', '2027-01-01T21:00:00.000Z'],
    // 29 March 2015: clocks went 03:00 → 04:00, a 23-hour day starting at UTC+2.
    ['2015-03-29', '2015-03-28T22:00:00.000Z', '2015-03-29T21:00:00.000Z'],
    ['2015-07-01', '2015-06-30T21:00:00.000Z', '2015-07-01T21:00:00.000Z'],
  ])('dayStart/dayEnd(%s) are 00:00 Istanbul instants', (day, start, end) => {
    expect(dayStart(day).toISOString()).toBe(start);
    expect(dayEnd(day).toISOString()).toBe(end);
    expect(dateKey(dayStart(day))).toBe(day);
    expect(dateKey(new Date(dayEnd(day).getTime() - 1))).toBe(day);
  });

  it.each([
    ['2026-11-23', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-1-5', false],
    ['23.11.2026', false],
    ['', false],
    [20261123, false],
  ])('isDateKey(%s) = %s', (value, ok) => {
    expect(isDateKey(value)).toBe(ok);
  });

  it('names the bad key when a day is not real', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(/Invalid date "2026-02-30": expected a real day as YYYY-MM-DD/);
    expect(() => isoWeekday('23.11.2026')).toThrow(RangeError);
  });
});

describe('ISO weeks (weekly rule periods, docs/rules.md)', () => {
  it.each([
    ['2026-11-23', '2026-W48'], // Monday
    ['2026-11-29', '2026-W48'], // Sunday ends the week
    ['2026-11-30', '2026-W49'],
    ['2026-01-01', '2026-W01'], // a Thursday: week 1 of its own year
    ['2025-12-29', '2026-W01'], // Monday before it belongs to 2026
    ['2026-12-28', '2026-W53'],
    ['2027-01-01', '2026-W53'], // 2026 has 53 weeks
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
    ['2022-01-02', '2021-W52'],
  ])('weekKey(%s) = %s', (day, week) => {
    expect(weekKey(day)).toBe(week);
  });

  it('2026-W53 runs Monday 28 December 2026 to Sunday 3 January 2027', () => {
    expect(weekDates('2026-W53')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it.each([
    [2015, 53],
    [2020, 53],
    [2025, 52],
    [2026, 53],
    [2027, 52],
    [2032, 53],
    [2037, 53],
  ])('weeksInYear(%i) = %i', (year, n) => {
    expect(weeksInYear(year)).toBe(n);
  });

  it('every day of 2000–2040 lies in the week weekDates gives for its key, Monday first', () => {
    for (let d = '2000-01-01'; d <= '2040-12-31'; d = addDays(d, 1)) {
      const week = weekKey(d);
      const days = weekDates(week);
      expect(days[isoWeekday(d) - 1]).toBe(d);
      expect(Number(week.slice(6))).toBeLessThanOrEqual(weeksInYear(Number(week.slice(0, 4))));
    }
  });

  it.each([
    ['2027-W53', /2027 has only 52 ISO weeks/],
    ['2026-W00', /expected YYYY-Www/],
    ['2026-48', /expected YYYY-Www/],
  ])('weekDates(%s) refuses a week that does not exist', (week, message) => {
    expect(() => weekDates(week)).toThrow(message);
  });
});

describe('months and day arithmetic', () => {
  it.each([
    ['2026-02', 28, '2026-02-28'],
    ['2028-02', 29, '2028-02-29'],
    ['2026-12', 31, '2026-12-31'],
  ])('monthDates(%s) has %i days ending %s', (month, n, last) => {
    const days = monthDates(month);
    expect(days).toHaveLength(n);
    expect(days[0]).toBe(`${month}-01`);
    expect(days.at(-1)).toBe(last);
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-11-23', 0, '2026-11-23'],
    ['2026-11-23', -365, '2025-11-23'],
  ])('addDays(%s, %i) = %s', (day, n, result) => {
    expect(addDays(day, n)).toBe(result);
    expect(daysBetween(day, result)).toBe(n);
  });

  it.each([
    ['2026-11-23', 1],
    ['2026-11-28', 6],
    ['2026-11-29', 7],
    ['2027-01-01', 5],
  ])('isoWeekday(%s) = %i', (day, wd) => {
    expect(isoWeekday(day)).toBe(wd);
  });

  it.each([
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-11', 14, '2028-01'],
  ])('addMonths(%s, %i) = %s', (month, n, result) => {
    expect(addMonths(month, n)).toBe(result);
  });

  it('monthKey is the month of a day and rejects a fake day', () => {
    expect(monthKey('2026-11-23')).toBe('2026-11');
    expect(() => monthKey('2026-11-31')).toThrow(RangeError);
    expect(() => monthDates('2026-13')).toThrow(/expected YYYY-MM/);
  });
});

describe('Turkish public holidays 2026 (date-holidays TR; A2)', () => {
  it.each([
    ['2026-01-01', 'Yılbaşı', "New Year's Day"],
    ['2026-03-20', 'Ramazan Bayramı (1. gün)', 'End of Ramadan (Eid al-Fitr) (day 1)'],
    ['2026-03-21', 'Ramazan Bayramı (2. gün)', 'End of Ramadan (Eid al-Fitr) (day 2)'],
    ['2026-03-22', 'Ramazan Bayramı (3. gün)', 'End of Ramadan (Eid al-Fitr) (day 3)'],
    ['2026-04-23', 'Ulusal Egemenlik ve Çocuk Bayramı', "National Sovereignty and Children's Day"],
    ['2026-05-01', 'Emek ve Dayanışma Günü', 'Labour and Solidarity Day'],
    ['2026-05-19', "Atatürk'ü Anma Gençlik ve Spor Bayramı", 'Commemoration of Atatürk, Youth and Sports Day'],
    ['2026-05-27', 'Kurban Bayramı (1. gün)', 'Feast of the Sacrifice (Eid al-Adha) (day 1)'],
    ['2026-05-28', 'Kurban Bayramı (2. gün)', 'Feast of the Sacrifice (Eid al-Adha) (day 2)'],
    ['2026-05-29', 'Kurban Bayramı (3. gün)', 'Feast of the Sacrifice (Eid al-Adha) (day 3)'],
    ['2026-05-30', 'Kurban Bayramı (4. gün)', 'Feast of the Sacrifice (Eid al-Adha) (day 4)'],
    ['2026-07-15', 'Demokrasi ve Millî Birlik Günü', 'Democracy and National Unity Day'],
    ['2026-08-30', 'Zafer Bayramı', 'Victory Day'],
    ['2026-10-29', 'Cumhuriyet Bayramı', 'Republic Day'],
  ])('%s is a holiday: %s', (day, tr, en) => {
    expect(publicHoliday(day)).toEqual({ tr, en });
    expect(createCalendar({ v: 1 }).isHoliday(day)).toBe(true);
  });

  it.each([
    ['2026-03-19', 'Ramazan Bayramı arifesi (yarım gün)'], // arife: half day → working day (A2)
    ['2026-05-26', 'Kurban Bayramı arifesi (yarım gün)'],
    ['2026-10-28', 'Cumhuriyet Bayramı arifesi (yarım gün)'],
  ])('A2: the half-day eve %s is no holiday and a working day', (day, eve) => {
    expect(publicHoliday(day)).toBeNull();
    expect(halfDayEve(day)?.tr).toBe(eve);
    const cal = createCalendar({ v: 1 });
    expect(cal.isHoliday(day)).toBe(false);
    expect(cal.isWorkingDay('ayse', day)).toBe(true);
  });

  it('A2 is configurable: eves can be treated as holidays', () => {
    const cal = createCalendar({ v: 1 }, { evesAreHolidays: true });
    expect(cal.isHoliday('2026-05-26')).toBe(true);
    expect(cal.isWorkingDay('ayse', '2026-05-26')).toBe(false);
    expect(cal.nextWorkingDay('ayse', '2026-05-25')).toBe('2026-06-01');
  });

  it('A2: a board can give eves off and add its own days off', () => {
    const cal = createCalendar({
      v: 1,
      halfDayEves: 'off',
      extraHolidays: [{ from: '2026-05-25', to: '2026-05-25', name: 'İdari izin' }],
    });
    expect(cal.isHoliday('2026-05-25')).toBe(true);
    expect(cal.isHoliday('2026-05-26')).toBe(true);
    expect(cal.isWorkingDay('ayse', '2026-05-22')).toBe(true);
    expect(cal.nextWorkingDay('ayse', '2026-05-22')).toBe('2026-06-01');
    expect(cal.nthWorkingDay(null, '2026-05', 14)).toBe('2026-05-22');
    expect(cal.nthWorkingDay(null, '2026-05', 15)).toBe('2026-06-01'); // May has only 14 working days here
    expect(publicHoliday('2026-05-25')).toBeNull(); // the official calendar is unchanged
    expect(createCalendar({ v: 1, halfDayEves: 'off' }, { evesAreHolidays: false }).isHoliday('2026-05-26')).toBe(false);
  });

  it.each(['2026-03-23', '2026-05-31', '2026-12-31', '2026-11-23', '2026-06-01'])('%s is no holiday', (day) => {
    expect(publicHoliday(day)).toBeNull();
    expect(halfDayEve(day)).toBeNull();
  });

  it('lists the 14 holiday days of 2026 in order', () => {
    const days = holidaysOfYear(2026);
    expect(days.map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-03-20',
      '2026-03-21',
      '2026-03-22',
      '2026-04-23',
      '2026-05-01',
      '2026-05-19',
      '2026-05-27',
      '2026-05-28',
      '2026-05-29',
      '2026-05-30',
      '2026-07-15',
      '2026-08-30',
      '2026-10-29',
    ]);
    expect(days[1]?.holiday).toEqual({ tr: 'Ramazan Bayramı', en: 'End of Ramadan (Eid al-Fitr)' });
  });

  it('keeps both names when a bayram falls on another holiday (19 May 2027)', () => {
    expect(publicHoliday('2027-05-19')?.tr).toBe("Kurban Bayramı (4. gün) · Atatürk'ü Anma Gençlik ve Spor Bayramı");
    expect(publicHoliday('2027-03-09')?.tr).toBe('Ramazan Bayramı (1. gün)');
    expect(publicHoliday('2027-03-08')).toBeNull();
  });

  it('rejects a fake day instead of guessing', () => {
    expect(() => publicHoliday('2026-02-30')).toThrow(/2026-02-30/);
    expect(() => createCalendar({ v: 1 }).isWorkingDay('ayse', '2026-13-01')).toThrow(RangeError);
  });
});

describe('working days (docs/rules.md; R50 Saturday rota, A1)', () => {
  const settings: BoardSettings = {
    v: 1,
    saturdayRota: { '2026-11-28': ['ayse'], '2026-05-30': ['ayse'], '2026-12-05': ['ayse'] },
    leaves: [
      { memberId: 'ayse', from: '2026-11-24', to: '2026-11-26' },
      { memberId: 'can', from: '2026-11-26', to: '2026-11-26' },
    ],
  };
  const cal = createCalendar(settings);

  it.each([
    ['R50: Monday–Friday', 'mehmet', '2026-11-23', true],
    ['R50: a Friday', 'mehmet', '2026-11-27', true],
    ['R50/A1: Saturday, member on the rota', 'ayse', '2026-11-28', true],
    ['R50/A1: Saturday, member not on the rota', 'mehmet', '2026-11-28', false],
    ['A1: Saturday with no rota entry that day', 'ayse', '2026-11-21', false],
    ['Sunday is never a working day', 'ayse', '2026-11-29', false],
    ['a public holiday', 'mehmet', '2026-10-29', false],
    ['a bayram Saturday even when on the rota', 'ayse', '2026-05-30', false],
    ['leave (first day, inclusive)', 'ayse', '2026-11-24', false],
    ['leave (last day, inclusive)', 'ayse', '2026-11-26', false],
    ['the day after leave', 'ayse', '2026-11-27', true],
  ])('%s: isWorkingDay(%s, %s) = %s', (_name, member, day, expected) => {
    expect(cal.isWorkingDay(member, day)).toBe(expected);
  });

  it('A1: with no rota at all no Saturday is a working day', () => {
    const noRota = createCalendar({ v: 1 });
    for (const day of monthDates('2026-11').filter((d) => isoWeekday(d) === 6)) {
      expect(noRota.isWorkingDay('ayse', day)).toBe(false);
    }
  });

  it.each([
    ['ayse', '2026-11-23', false],
    ['ayse', '2026-11-24', true],
    ['ayse', '2026-11-26', true],
    ['ayse', '2026-11-27', false],
    ['can', '2026-11-26', true],
    ['mehmet', '2026-11-25', false],
  ])('onLeave(%s, %s) = %s', (member, day, expected) => {
    expect(cal.onLeave(member, day)).toBe(expected);
  });
});

describe('responsible member and required days (docs/rules.md, resp/active; R55–R59; A21)', () => {
  const settings: BoardSettings = {
    v: 1,
    saturdayRota: { '2026-11-28': ['bora'] },
    leaves: [
      { memberId: 'ayse', from: '2026-11-24', to: '2026-11-30' },
      { memberId: 'can', from: '2026-11-26', to: '2026-11-26' },
    ],
  };
  const cal = createCalendar(settings);
  const covered = card({
    assignedAt: '2026-11-02',
    cover: [
      { from: '2026-11-25', to: '2026-11-27', memberId: 'can' },
      { from: '2026-11-28', to: '2026-11-30', memberId: 'bora' },
    ],
    frozen: [{ from: '2026-11-10', to: '2026-11-12', note: 'müşteri tatilde' }],
  });

  it.each([
    ['specialist at work', '2026-11-23', 'ayse'],
    ['leave without a cover that day', '2026-11-24', null],
    ['leave with a cover', '2026-11-25', 'can'],
    ['cover that is on leave itself', '2026-11-26', 'can'],
    ['second cover', '2026-11-28', 'bora'],
    ['back from leave', '2026-12-01', 'ayse'],
  ])('%s: responsible on %s = %s', (_name, day, who) => {
    expect(cal.responsible(covered, day)).toBe(who);
  });

  it('a cover period does not take over while the specialist is not on leave', () => {
    const c = card({ cover: [{ from: '2026-12-01', to: '2026-12-04', memberId: 'can' }] });
    expect(cal.responsible(c, '2026-12-02')).toBe('ayse');
  });

  it.each([
    ['before assignedAt', '2026-11-01', false],
    ['assignment day itself', '2026-11-02', true],
    ['frozen, first day (inclusive)', '2026-11-10', false],
    ['frozen, last day (inclusive)', '2026-11-12', false],
    ['after the freeze', '2026-11-13', true],
    ['P1: leave without cover → no entry required', '2026-11-24', false],
    ["P17: leave with cover → the cover's working day", '2026-11-25', true],
    ['cover on leave too → nobody works, not required', '2026-11-26', false],
    ['cover is on the Saturday rota → required', '2026-11-28', true],
    ['Sunday', '2026-11-29', false],
    ['cover works Monday', '2026-11-30', true],
  ])('%s: isRequiredDay(%s) = %s', (_name, day, expected) => {
    expect(cal.isRequiredDay(covered, day)).toBe(expected);
  });

  it("the specialist's own rota Saturday is required; another member's is not", () => {
    const rota = createCalendar({ v: 1, saturdayRota: { '2026-11-28': ['ayse'] } });
    expect(rota.isRequiredDay(card({}, 'ayse'), '2026-11-28')).toBe(true);
    expect(rota.isRequiredDay(card({}, 'bora'), '2026-11-28')).toBe(false);
  });

  it.each([
    ['2026-11-09', false],
    ['2026-11-10', true],
    ['2026-11-12', true],
    ['2026-11-13', false],
  ])('isFrozen(%s) = %s', (day, expected) => {
    expect(cal.isFrozen(covered.profile, day)).toBe(expected);
  });
});

describe('working-day arithmetic (A14 next working day; docs/rules.md, monthly grace)', () => {
  const cal = createCalendar({
    v: 1,
    saturdayRota: { '2026-11-28': ['bora'], '2026-12-05': ['bora'] },
    leaves: [
      { memberId: 'ayse', from: '2026-11-30', to: '2026-12-02' },
      { memberId: 'bora', from: '2026-12-01', to: '2026-12-02' },
    ],
  });

  it.each([
    ['A14: Friday → Monday', 'mehmet', '2026-11-27', '2026-11-30'],
    ['A14: Friday → rota Saturday', 'bora', '2026-11-27', '2026-11-28'],
    ['A14: Saturday assignment → Monday', 'mehmet', '2026-11-28', '2026-11-30'],
    ['A14: across Kurban Bayramı and the weekend', 'mehmet', '2026-05-26', '2026-06-01'],
    ['A14: arife Thursday across Ramazan Bayramı', 'mehmet', '2026-03-19', '2026-03-23'],
    ['A14: before Cumhuriyet Bayramı', 'mehmet', '2026-10-28', '2026-10-30'],
    ['A14: across New Year', 'mehmet', '2025-12-31', '2026-01-02'],
    ['A14: across the weekend and leave', 'ayse', '2026-11-27', '2026-12-03'],
    ['strictly after a working day', 'mehmet', '2026-11-23', '2026-11-24'],
  ])('%s: nextWorkingDay(%s, %s) = %s', (_name, member, day, next) => {
    expect(cal.nextWorkingDay(member, day)).toBe(next);
  });

  it.each([
    ['monthly grace: 3rd working day of December 2026', null, '2026-12', 3, '2026-12-03'],
    ['January 2026 starts with New Year', null, '2026-01', 3, '2026-01-06'],
    ['May 2026 starts with Labour Day', null, '2026-05', 3, '2026-05-06'],
    ['June 2026 after Kurban Bayramı', null, '2026-06', 1, '2026-06-01'],
    ['March 2026', null, '2026-03', 3, '2026-03-04'],
    ['November 2026', null, '2026-11', 3, '2026-11-04'],
    ['a member on leave 1–2 December', 'ayse', '2026-12', 3, '2026-12-07'],
    ['a member on leave whose rota Saturday counts', 'bora', '2026-12', 3, '2026-12-05'],
    ['the null member ignores Saturday rotas', null, '2026-11', 20, '2026-11-27'],
    ['past the month end: 25th weekday from December 2026', null, '2026-12', 25, '2027-01-05'],
  ])('%s: nthWorkingDay(%s, %s, %i) = %s', (_name, member, month, n, day) => {
    expect(cal.nthWorkingDay(member, month, n)).toBe(day);
  });

  it.each([0, -1, 1.5])('nthWorkingDay refuses n = %s', (n) => {
    expect(() => cal.nthWorkingDay(null, '2026-12', n)).toThrow(/n must be a whole number ≥ 1/);
  });

  it('a member on leave for years gets a clear error instead of an endless loop', () => {
    const away = createCalendar({ v: 1, leaves: [{ memberId: 'ayse', from: '2026-01-01', to: '2035-12-31' }] });
    expect(() => away.nextWorkingDay('ayse', '2026-01-01')).toThrow(/No working day for ayse .* check the leave ranges/);
  });
});

describe('time-zone independence (never the machine zone)', () => {
  const calendarUrl = pathToFileURL(resolve(__dirname, '../../shared/calendar.ts')).href;
  const zones = ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Tokyo', 'UTC'];
  // One child process for the four zones (a process per zone cost ~14 s): Node re-reads process.env.TZ when it is
  // set, and calendar.ts is imported afresh per zone (a query string makes a new module instance).
  const script = `
    const results = [];
    for (const zone of ${JSON.stringify(zones)}) {
    process.env.TZ = zone;
    const c = await import(${JSON.stringify(calendarUrl)} + '?tz=' + zone);
    const cal = c.createCalendar({ v: 1, saturdayRota: { '2026-11-28': ['a'] }, leaves: [{ memberId: 'a', from: '2026-12-01', to: '2026-12-02' }] });
    const instants = ['2026-11-23T20:59:59Z', '2026-11-23T21:00:00Z', '2026-12-31T21:30:00Z', '2015-03-28T22:30:00Z', '2014-10-25T21:30:00Z'];
    const out = {
      tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
      keys: instants.map((i) => [c.dateKey(i), c.timeOfDay(i)]),
      starts: ['2026-11-24', '2027-01-01', '2015-03-29', '2014-10-26'].map((d) => [c.dayStart(d).toISOString(), c.dayEnd(d).toISOString()]),
      weeks: ['2026-12-28', '2027-01-03', '2027-01-04', '2026-03-29'].map(c.weekKey),
      arithmetic: [c.addDays('2026-03-28', 2), c.daysBetween('2026-03-01', '2026-04-01'), c.isoWeekday('2026-03-29')],
      holidays: c.holidaysOfYear(2026).map((h) => h.date),
      working: c.monthDates('2026-11').concat(c.monthDates('2026-12')).filter((d) => cal.isWorkingDay('a', d)),
      nth: [cal.nthWorkingDay(null, '2026-12', 3), cal.nextWorkingDay('a', '2026-05-26')],
      parsed: [c.parseInstant('2026-11-23T10:00').toISOString(), c.dateKey('2026-11-24T01:30')],
    };
    results.push({ ...out, offset: new Date(2026, 0, 1).getTimezoneOffset() });
    }
    console.log(JSON.stringify(results));
  `;

  it('gives the same answers in Los Angeles, Kiritimati (+14), Tokyo and UTC', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabiz-tz-'));
    try {
      const file = join(dir, 'probe.mts');
      writeFileSync(file, script);
      const results = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: resolve(__dirname, '../..'), encoding: 'utf8' })) as Array<{
        tz: string;
        offset: number;
        [k: string]: unknown;
      }>;
      // The machine zone really changed between the probes.
      expect(results.map((r) => r.tz)).toEqual(zones);
      expect(results.map((r) => r.offset)).toEqual([480, -840, -540, 0]);
      const [la, ...others] = results.map(({ tz: _tz, offset: _offset, ...rest }) => rest);
      for (const other of others) expect(other).toEqual(la);
      expect(la).toMatchObject({
        keys: [
          ['2026-11-23', '23:59'],
          ['2026-11-24', '00:00'],
          ['2027-01-01', '00:30'],
          ['2015-03-29', '00:30'],
          ['2014-10-26', '00:30'],
        ],
        starts: [
          ['2026-11-23T21:00:00.000Z', '2026-11-24T21:00:00.000Z'],
          ['2026-12-31T21:00:00.000Z', '2027-01-01T21:00:00.000Z'],
          ['2015-03-28T22:00:00.000Z', '2015-03-29T21:00:00.000Z'],
          ['2014-10-25T21:00:00.000Z', '2014-10-26T22:00:00.000Z'],
        ],
        weeks: ['2026-W53', '2026-W53', '2027-W01', '2026-W13'],
        arithmetic: ['2026-03-30', 31, 7],
        nth: ['2026-12-03', '2026-06-01'],
        parsed: ['2026-11-23T07:00:00.000Z', '2026-11-24'],
      });
      expect((la as { holidays: string[] }).holidays).toHaveLength(14);
      expect((la as { working: string[] }).working).toContain('2026-11-28');
      expect((la as { working: string[] }).working).not.toContain('2026-12-01');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000); // four tsx child processes: slow on a loaded 2-core machine
});
