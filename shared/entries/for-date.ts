// The for-date of an entry (docs/grammar.md): the first date written on the first tagged line, in the
// forms specialists type (docs/grammar.md: day first, `23.11.2026`, `23/11`, `23 Kasım`), an ISO week
// or a month. A backdated date still counts (A26); lateness is decided by the caller.
import type { DateKey, MonthKey, WeekKey } from '../types.js';
import { addDays, isoWeekday, weeksInYear } from '../dates.js';
import { makeDateKey, mondayOfIsoWeek } from './days.js';
import { WEEK_WITH_RANGE, weekFromRange } from './week-range.js';

export interface ForDate {
  forDate: DateKey;
  forWeek?: WeekKey;
  forMonth?: MonthKey;
}

const MONTHS = ['ocak', 'subat', 'mart', 'nisan', 'mayis', 'haziran', 'temmuz', 'agustos', 'eylul', 'ekim', 'kasim', 'aralik'];
const MONTH_ALT = MONTHS.join('|');

// All patterns run on folded text. Look-arounds keep them off decimals (`3.1/4`), versions, URLs and
// times; none has nested quantifiers, so each is linear.
const ISO_DATE = /(?<![\p{N}\p{L}./-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\p{N}])/gu;
const ISO_WEEK = /(?<![\p{N}\p{L}])(\d{4})[-/ ]?w(\d{1,2})(?![\p{N}\p{L}])/gu;
const ISO_MONTH = /(?<![\p{N}\p{L}.,/-])(\d{4})-(\d{1,2})(?![\p{N}]|-\d|\.\d)/gu;
const DMY = /(?<![\p{N}\p{L}.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\p{N}]|[.,/]\d)/gu;
// `gun`, `hafta`, `ay` after a number are a duration ("1.5 gün"), but not in "ay sonu", "gün sonu",
// "hafta sonu" (month end, day end, weekend): "30.11 ay sonu kontrolü" is 30 November.
const DM =
  /(?<![\p{N}\p{L}.,/%-])(\d{1,2})[./](\d{1,2})(?![\p{N}]|[.,/:]\p{N}|\s*[/%]|\s*(?:kb|mb|gb|tb|saat|sa|dk|dakika|h|min|tl|lira|usd|eur)(?!\p{L})|\s*(?:gun|hafta|ay)(?!\p{L})(?![ \t]+sonu)|\s*[₺$€])/gu;
const DAY_MONTHNAME = new RegExp(`(?<![\\p{N}\\p{L}.,])(\\d{1,2})\\.?[ \\t]+(${MONTH_ALT})\\p{L}*(?:[ \\t]+(\\d{4})(?!\\p{N}))?`, 'gu');
const MONTHNAME_YEAR = new RegExp(`(?<![\\p{N}\\p{L}])(${MONTH_ALT})\\p{L}*[ \\t]+(\\d{4})(?!\\p{N})`, 'gu');
// "48. hafta", "W48", "week 48": a week number without a year (the most recent such week).
// The ordinal dot is required ("3 hafta" means "3 weeks"), and "hafta 3" is too often "3 times this week".
const WEEK_NO = /(?<![\p{N}\p{L}.,/-])(?:(\d{1,2})\.[ \t]*hafta\p{L}*|week[ \t]*(\d{1,2})|w(\d{1,2}))(?![\p{N}\p{L}])/gu;
const MM_YYYY = /(?<![\p{N}\p{L}.,/-])(\d{1,2})[./](\d{4})(?![\p{N}]|[.,/]\d)/gu;
// A month name alone is read only right after a monthly tag ("#aylık Ekim raporu"): elsewhere
// `aralık` (interval), `mart`, `ocak` are ordinary words, and "ocak ayında toplantı" names a future month.
const BARE_MONTHNAME = new RegExp(`(?<=#[ ]?(?:aylik|monthly)[^\\p{L}\\p{N}\\n]{0,6})(${MONTH_ALT})(?:['’][\\p{L}]*)?(?![\\p{L}\\p{N}])`, 'gu');

const pad = (n: number) => String(n).padStart(2, '0');

// Clock times (docs/grammar.md: Turkish writes 11.10 for 11:10). A `dd.mm` that is also a valid time is
// a time when it carries a case suffix (11.10'da, 14.30'dan, 11.10'daki, typed glued 11.10da), follows
// `saat` (saat 10.11, görüşme saati: 10.11), or is an end of a time range (09.10-10.00, 10:00 - 11.10).
const CLOCK = /^(\d{1,2})\.(\d{2})$/;
const CASE_SUFFIX = /^(?:['’ʼ`´][ \t]?)?[dt][ae](?:n|ki)?(?![\p{L}\p{N}])/u;
const SAAT_BEFORE = /(?<![\p{L}])saat\p{L}*[ \t]*:?[ \t]*$/u;
const RANGE_START_BEFORE = /(?<![\p{N}.,])(\d{1,2})[.:](\d{2})[ \t]*[-–][ \t]*$/u;
const RANGE_END_AFTER = /^[ \t]*[-–][ \t]*(\d{1,2})([.:])(\d{2})(?!\p{N})/u;

// A missing group is NaN: never a valid clock.
const validClock = (h: string | number | undefined, mm: string | number | undefined) => Number(h) <= 23 && Number(mm) <= 59;

/** Working hours, both ends included (A12: the union of the two shifts, 08:15–18:15). */
const WORK_FROM = 8 * 60 + 15;
const WORK_TO = 18 * 60 + 15;
const inWorkingHours = (h: number, mm: number) => h * 60 + mm >= WORK_FROM && h * 60 + mm <= WORK_TO;

/** Is the `dd.mm` token `raw` at `index` of `region` a clock time rather than a day? */
function isClockTime(raw: string, region: string, index: number): boolean {
  const clock = CLOCK.exec(raw);
  if (!clock || !validClock(clock[1], clock[2])) return false;
  const before = region.slice(Math.max(0, index - 24), index);
  if (SAAT_BEFORE.test(before)) return true;
  const start = RANGE_START_BEFORE.exec(before);
  if (start && validClock(start[1], start[2])) return true;
  const rest = region.slice(index + raw.length, index + raw.length + 24);
  // A suffix alone makes it a time only inside working hours (R51, A12: trainings run 08:15–18:15):
  // "13.12'de" is 13:12, but "20.11'de" (20:11) and "07.12'de" (07:12) are days.
  if (CASE_SUFFIX.test(rest)) return inWorkingHours(Number(clock[1]), Number(clock[2]));
  const end = RANGE_END_AFTER.exec(rest);
  if (end) {
    // The other end says which: "09.10-10.00" (10.00 is no day), "10.10-11:10", "10.10-11.10'da".
    if (end[2] === ':' || !makeDateKey(2000, Number(end[3]), Number(end[1]))) return validClock(end[1], end[3]);
    if (CASE_SUFFIX.test(rest.slice(end[0].length))) return true;
  }
  return false;
}

export type Attempt =
  | { ok: ForDate }
  | { warn: string }
  /** Not a date after all (a time, a decimal): look further. */
  | null;

/** A date-like token of a region: where it starts, its text, and what it reads as (computed on demand). */
export interface Candidate {
  index: number;
  /** The matched text (folded). */
  raw: string;
  attempt: () => Attempt;
}

function explicitYear(y: number, raw: string): string | null {
  return y >= 2000 && y <= 2099 ? null : `date "${raw}": year ${y} is out of range (2000–2099)`;
}

/** How far back a date without a year may reach: 29.02 needs up to 8 years (2096 → 2088, no 2100). */
const YEARS_BACK = 8;

/**
 * A day written without a year: the most recent such day on or before the posting day, never a
 * future one ("31.12" posted on 2 January is last year's; "20.05" posted in November is this May).
 */
function latestYear(m: number, d: number, postedDay: DateKey): DateKey | null {
  const y = Number(postedDay.slice(0, 4));
  for (let cy = y; cy >= y - YEARS_BACK; cy--) {
    const key = makeDateKey(cy, m, d);
    if (key && key <= postedDay) return key;
  }
  return null;
}

/**
 * A day without a year mentioned in the text (not the entry's date): the such day nearest the posting
 * day, past or future ("aylık toplantı 12 Kasım'a planlandı" posted on 10 November is two days ahead).
 */
function nearestYear(m: number, d: number, postedDay: DateKey): DateKey | null {
  const y = Number(postedDay.slice(0, 4));
  let best: DateKey | null = null;
  let bestGap = Infinity;
  for (const cy of [y - 1, y, y + 1]) {
    const key = makeDateKey(cy, m, d);
    if (!key) continue;
    const gap = Math.abs(Date.parse(key) - Date.parse(postedDay));
    if (gap < bestGap) [best, bestGap] = [key, gap];
  }
  return best ?? latestYear(m, d, postedDay);
}

/** A month written without a year: the most recent such month, the posting month included. */
function latestMonth(m: number, postedDay: DateKey): MonthKey {
  const y = Number(postedDay.slice(0, 4));
  const pm = Number(postedDay.slice(5, 7));
  return `${m <= pm ? y : y - 1}-${pad(m)}`;
}

/** Week `w` without a year: the most recent such week (its Monday on or before the posting day). */
function latestWeek(w: number, postedDay: DateKey): ForDate | null {
  const y = Number(postedDay.slice(0, 4));
  // The posting day's ISO year can be y + 1 (29–31 December).
  for (let cy = y + 1; cy >= y - YEARS_BACK; cy--) {
    const monday = mondayOfIsoWeek(cy, w);
    if (monday && monday <= postedDay) return { forDate: monday, forWeek: `${cy}-W${pad(w)}` };
  }
  return null;
}

function dayAttempt(y: number, m: number, d: number, raw: string): Attempt {
  const yearWarn = explicitYear(y, raw);
  if (yearWarn) return { warn: yearWarn };
  const key = makeDateKey(y, m, d);
  return key ? { ok: { forDate: key } } : { warn: `date "${raw}" is not a calendar day` };
}

function monthAttempt(y: number, m: number, raw: string): Attempt {
  const yearWarn = explicitYear(y, raw);
  if (yearWarn) return { warn: yearWarn };
  if (m < 1 || m > 12) return { warn: `month "${raw}" does not exist` };
  const month = `${y}-${pad(m)}`;
  return { ok: { forDate: `${month}-01`, forMonth: month } };
}

/**
 * The matches of each pattern in the last region read: a parse reads its tagged line twice (its own date, then the
 * mentions), with the same patterns over the same text. Matches depend on the text alone (the posting day and the
 * year placement are applied in the attempts), so the second read takes them as they are.
 */
let matchedRegion: string | null = null;
const matched = new Map<RegExp, RegExpExecArray[]>();

function matchesOf(re: RegExp, region: string): RegExpExecArray[] {
  if (region !== matchedRegion) {
    matched.clear();
    matchedRegion = region;
  }
  let list = matched.get(re);
  if (!list) {
    list = [];
    re.lastIndex = 0;
    for (let m = re.exec(region); m; m = re.exec(region)) {
      list.push(m);
      if (m[0].length === 0) re.lastIndex++;
    }
    matched.set(re, list);
  }
  return list;
}

function collect(re: RegExp, region: string, make: (m: RegExpExecArray) => Attempt, out: Candidate[]): void {
  for (const match of matchesOf(re, region)) out.push({ index: match.index, raw: match[0], attempt: () => make(match) });
}

/** How a day written without a year is placed: the entry's own date is never in the future; a mention may be. */
export type YearlessMode = 'past' | 'nearest';

/**
 * Every date-like token of `region` (folded text), sorted by position; at one position the longer form
 * (a day inside "23 Kasım 2026") comes first. `postedDay` resolves dates written without a year;
 * `monthly` allows a bare month name right after a monthly tag.
 */
export function dateCandidates(region: string, postedDay: DateKey | null, monthly: boolean, yearless: YearlessMode = 'past'): Candidate[] {
  const cands: Candidate[] = [];
  const n = (s: string | undefined) => Number(s);
  const place = yearless === 'past' ? latestYear : nearestYear;
  // Every form but a bare month name needs a digit, several a 4-digit year: skipping patterns that cannot
  // match keeps the parse (most lines hold no date) from running ten Unicode regexes per line.
  const digit = DIGIT.test(region);
  const year = digit && YEAR_DIGITS.test(region);
  if (!digit) {
    if (monthly && postedDay) collectBareMonth(region, postedDay, cands);
    return cands;
  }

  if (year) collect(ISO_DATE, region, (m) => dayAttempt(n(m[1]), n(m[2]), n(m[3]), m[0]), cands);
  if (year)
    collect(
      ISO_WEEK,
      region,
      (m) => {
        const y = n(m[1]);
        const w = n(m[2]);
        const yearWarn = explicitYear(y, m[0]);
        if (yearWarn) return { warn: yearWarn };
        const monday = mondayOfIsoWeek(y, w);
        if (!monday) return { warn: `week "${m[0].toUpperCase()}" does not exist (${y} has weeks 1–${y >= 1000 ? weeksInYear(y) : 52})` };
        return { ok: { forDate: monday, forWeek: `${y}-W${pad(w)}` } };
      },
      cands,
    );
  if (year) collect(ISO_MONTH, region, (m) => monthAttempt(n(m[1]), n(m[2]), m[0]), cands);
  if (TWO_DIGITS.test(region))
    collect(
      DMY,
      region,
      (m) => {
        const y = m[4]?.length === 2 ? 2000 + n(m[4]) : n(m[4]);
        return dayAttempt(y, n(m[3]), n(m[1]), m[0]);
      },
      cands,
    );
  collect(
    DM,
    region,
    (m) => {
      const d = n(m[1]);
      const mo = n(m[2]);
      if (!makeDateKey(2000, mo, d)) return null; // 14.00, 10.30: times or decimals
      if (isClockTime(m[0], region, m.index)) return null;
      if (!postedDay) return { warn: `date "${m[0]}" has no year and the posting time is unknown` };
      const key = place(mo, d, postedDay);
      return key ? { ok: { forDate: key } } : null;
    },
    cands,
  );
  collect(
    DAY_MONTHNAME,
    region,
    (m) => {
      const d = n(m[1]);
      const mo = MONTHS.indexOf(m[2] ?? '') + 1;
      if (m[3]) return dayAttempt(n(m[3]), mo, d, m[0]);
      if (!makeDateKey(2000, mo, d)) return { warn: `date "${m[0]}" is not a calendar day` };
      if (!postedDay) return { warn: `date "${m[0]}" has no year and the posting time is unknown` };
      const key = place(mo, d, postedDay);
      return key ? { ok: { forDate: key } } : null;
    },
    cands,
  );
  if (year) collect(MONTHNAME_YEAR, region, (m) => monthAttempt(n(m[2]), MONTHS.indexOf(m[1] ?? '') + 1, m[0]), cands);
  if (year) collect(MM_YYYY, region, (m) => monthAttempt(n(m[2]), n(m[1]), m[0]), cands);
  // Before WEEK_NO: at the same position "50. hafta (07.12–13.12.2026)" is read whole, with its year.
  if (year) collect(WEEK_WITH_RANGE, region, weekFromRange, cands);
  collect(
    WEEK_NO,
    region,
    (m) => {
      const w = n(m[1] ?? m[2] ?? m[3]);
      if (w < 1 || w > 53) return { warn: `week "${m[0]}" does not exist` };
      if (!postedDay) return { warn: `week "${m[0]}" has no year and the posting time is unknown` };
      const week = latestWeek(w, postedDay);
      return week ? { ok: week } : { warn: `week "${m[0]}" does not exist around the posting day` };
    },
    cands,
  );
  if (monthly && postedDay) collectBareMonth(region, postedDay, cands);
  // Stable: at one position, the order above (longer forms first).
  return cands.sort((a, b) => a.index - b.index);
}

const DIGIT = /\d/;
const TWO_DIGITS = /\d\d/;
const YEAR_DIGITS = /\d{4}/;

function collectBareMonth(region: string, postedDay: DateKey, cands: Candidate[]): void {
  collect(
    BARE_MONTHNAME,
    region,
    (m) => {
      const month = latestMonth(MONTHS.indexOf(m[1] ?? '') + 1, postedDay);
      return { ok: { forDate: `${month}-01`, forMonth: month } };
    },
    cands,
  );
}

// ───────────── relative days right after the tag: "dün", "dünkü", "önceki gün", a weekday ─────────────

const WEEKDAYS = ['pazartesi', 'sali', 'carsamba', 'persembe', 'cuma', 'cumartesi', 'pazar'];
/**
 * Folded. `pazar yeri` (marketplace) is no Sunday; a weekday may carry `günü` or an apostrophe suffix.
 * `cumartesi` is listed before `cuma` so the longer word wins.
 */
const RELATIVE =
  /(dunku|dun|yesterday|onceki[ \t]+gun|evvelki[ \t]+gun|pazartesi|salı|sali|carsamba|persembe|cumartesi|cuma|pazar(?![ \t]*yer))(?:['’][\p{L}]*)?(?:[ \t]+gunu)?(?![\p{L}\p{N}])/uy;

/**
 * A relative day written at `at` of `text`: `dün`/`dünkü` (yesterday), `önceki gün` (the day before
 * yesterday), or a weekday: the most recent such day, the posting day itself when it is that weekday
 * ("#günlük cuma:" posted on a Friday is that Friday). Null when none is written there.
 */
export function relativeDay(text: string, at: number, postedDay: DateKey | null): { forDate: DateKey; raw: string; end: number } | null {
  RELATIVE.lastIndex = at;
  const m = RELATIVE.exec(text);
  if (!m || !postedDay) return null;
  const word = (m[1] ?? '').replace(/[ \t]+/g, ' ');
  let back: number;
  if (word === 'dun' || word === 'dunku' || word === 'yesterday') back = 1;
  else if (word === 'onceki gun' || word === 'evvelki gun') back = 2;
  else {
    const want = WEEKDAYS.indexOf(word === 'salı' ? 'sali' : word) + 1; // ISO weekday
    back = (isoWeekday(postedDay) - want + 7) % 7;
  }
  return { forDate: addDays(postedDay, -back), raw: m[0], end: at + m[0].length };
}
