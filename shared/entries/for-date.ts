// The for-date of an entry (docs/grammar.md): the first date written on the first tagged line, in the
// forms specialists type (docs/grammar.md: day first, `23.11.2026`, `23/11`, `23 Kasım`), an ISO week
// or a month. A backdated date still counts (A26); lateness is decided by the caller.
import type { DateKey, MonthKey, WeekKey } from '../types.js';
import { weeksInYear } from '../dates.js';
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
const ISO_DATE = /(?<![\p{N}\p{L}.\/-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\p{N}])/gu;
const ISO_WEEK = /(?<![\p{N}\p{L}])(\d{4})[-/ ]?w(\d{1,2})(?![\p{N}\p{L}])/gu;
const ISO_MONTH = /(?<![\p{N}\p{L}.,\/-])(\d{4})-(\d{1,2})(?![\p{N}]|-\d|\.\d)/gu;
const DMY = /(?<![\p{N}\p{L}.,\/-])(\d{1,2})([.\/-])(\d{1,2})\2(\d{4}|\d{2})(?![\p{N}]|[.,\/]\d)/gu;
const DM =
  /(?<![\p{N}\p{L}.,\/%-])(\d{1,2})[.\/](\d{1,2})(?![\p{N}]|[.,\/:]\p{N}|\s*[\/%]|\s*(?:kb|mb|gb|tb|saat|sa|dk|dakika|gun|hafta|ay|h|min|tl|lira|usd|eur)(?!\p{L})|\s*[₺$€])/gu;
const DAY_MONTHNAME = new RegExp(
  `(?<![\\p{N}\\p{L}.,])(\\d{1,2})\\.?[ \\t]+(${MONTH_ALT})\\p{L}*(?:[ \\t]+(\\d{4})(?!\\p{N}))?`,
  'gu',
);
const MONTHNAME_YEAR = new RegExp(`(?<![\\p{N}\\p{L}])(${MONTH_ALT})\\p{L}*[ \\t]+(\\d{4})(?!\\p{N})`, 'gu');
// "48. hafta", "W48", "week 48": a week number without a year (the most recent such week).
// The ordinal dot is required ("3 hafta" means "3 weeks"), and "hafta 3" is too often "3 times this week".
const WEEK_NO = /(?<![\p{N}\p{L}.,\/-])(?:(\d{1,2})\.[ \t]*hafta\p{L}*|week[ \t]*(\d{1,2})|w(\d{1,2}))(?![\p{N}\p{L}])/gu;
const MM_YYYY = /(?<![\p{N}\p{L}.,\/-])(\d{1,2})[.\/](\d{4})(?![\p{N}]|[.,\/]\d)/gu;
// A month name alone is read only right after a monthly tag ("#aylık Ekim raporu"): elsewhere
// `aralık` (interval), `mart`, `ocak` are ordinary words, and "ocak ayında toplantı" names a future month.
const BARE_MONTHNAME = new RegExp(
  `(?<=#[ ]?(?:aylik|monthly)[^\\p{L}\\p{N}\\n]{0,6})(${MONTH_ALT})(?:['’][\\p{L}]*)?(?![\\p{L}\\p{N}])`,
  'gu',
);

const pad = (n: number) => String(n).padStart(2, '0');

// Clock times (docs/grammar.md: Turkish writes 11.10 for 11:10). A `dd.mm` that is also a valid time is
// a time when it carries a case suffix (11.10'da, 14.30'dan, 11.10'daki, typed glued 11.10da), follows
// `saat` (saat 10.11, görüşme saati: 10.11), or is an end of a time range (09.10-10.00, 10:00 - 11.10).
const CLOCK = /^(\d{1,2})\.(\d{2})$/;
const CASE_SUFFIX = /^(?:['’ʼ`´][ \t]?)?[dt][ae](?:n|ki)?(?![\p{L}\p{N}])/u;
const SAAT_BEFORE = /(?<![\p{L}])saat\p{L}*[ \t]*:?[ \t]*$/u;
const RANGE_START_BEFORE = /(?<![\p{N}.,])(\d{1,2})[.:](\d{2})[ \t]*[-–][ \t]*$/u;
const RANGE_END_AFTER = /^[ \t]*[-–][ \t]*(\d{1,2})([.:])(\d{2})(?!\p{N})/u;

const validClock = (h: string | number, mm: string | number) => Number(h) <= 23 && Number(mm) <= 59;

/** Is the `dd.mm` token `raw` at `index` of `region` a clock time rather than a day? */
function isClockTime(raw: string, region: string, index: number): boolean {
  const clock = CLOCK.exec(raw);
  if (!clock || !validClock(clock[1]!, clock[2]!)) return false;
  const before = region.slice(Math.max(0, index - 24), index);
  if (SAAT_BEFORE.test(before)) return true;
  const start = RANGE_START_BEFORE.exec(before);
  if (start && validClock(start[1]!, start[2]!)) return true;
  const rest = region.slice(index + raw.length, index + raw.length + 24);
  if (CASE_SUFFIX.test(rest)) return true;
  const end = RANGE_END_AFTER.exec(rest);
  if (end) {
    // The other end says which: "09.10-10.00" (10.00 is no day), "10.10-11:10", "10.10-11.10'da".
    if (end[2] === ':' || !makeDateKey(2000, Number(end[3]), Number(end[1]))) return validClock(end[1]!, end[3]!);
    if (CASE_SUFFIX.test(rest.slice(end[0].length))) return true;
  }
  return false;
}

type Attempt =
  | { ok: ForDate }
  | { warn: string }
  /** Not a date after all (a time, a decimal): look further. */
  | null;

interface Candidate {
  index: number;
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

function collect(re: RegExp, region: string, make: (m: RegExpExecArray) => Attempt, out: Candidate[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(region); m; m = re.exec(region)) {
    const match = m;
    out.push({ index: match.index, attempt: () => make(match) });
    if (match[0].length === 0) re.lastIndex++;
  }
}

/**
 * Find the for-date in `region` (the folded first tagged line, up to any reading).
 * `postedDay` resolves dates written without a year; `monthly` allows a bare month name.
 */
export function findForDate(
  region: string,
  postedDay: DateKey | null,
  monthly: boolean,
): { value: ForDate | null; warnings: string[] } {
  const cands: Candidate[] = [];
  const n = (s: string | undefined) => Number(s);

  collect(ISO_DATE, region, (m) => dayAttempt(n(m[1]), n(m[2]), n(m[3]), m[0]), cands);
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
  collect(ISO_MONTH, region, (m) => monthAttempt(n(m[1]), n(m[2]), m[0]), cands);
  collect(
    DMY,
    region,
    (m) => {
      const y = m[4]!.length === 2 ? 2000 + n(m[4]) : n(m[4]);
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
      const key = latestYear(mo, d, postedDay);
      return key ? { ok: { forDate: key } } : null;
    },
    cands,
  );
  collect(
    DAY_MONTHNAME,
    region,
    (m) => {
      const d = n(m[1]);
      const mo = MONTHS.indexOf(m[2]!) + 1;
      if (m[3]) return dayAttempt(n(m[3]), mo, d, m[0]);
      if (!makeDateKey(2000, mo, d)) return { warn: `date "${m[0]}" is not a calendar day` };
      if (!postedDay) return { warn: `date "${m[0]}" has no year and the posting time is unknown` };
      const key = latestYear(mo, d, postedDay);
      return key ? { ok: { forDate: key } } : null;
    },
    cands,
  );
  collect(MONTHNAME_YEAR, region, (m) => monthAttempt(n(m[2]), MONTHS.indexOf(m[1]!) + 1, m[0]), cands);
  collect(MM_YYYY, region, (m) => monthAttempt(n(m[2]), n(m[1]), m[0]), cands);
  // Before WEEK_NO: at the same position "50. hafta (07.12–13.12.2026)" is read whole, with its year.
  collect(WEEK_WITH_RANGE, region, weekFromRange, cands);
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
  if (monthly && postedDay) {
    collect(
      BARE_MONTHNAME,
      region,
      (m) => {
        const month = latestMonth(MONTHS.indexOf(m[1]!) + 1, postedDay);
        return { ok: { forDate: `${month}-01`, forMonth: month } };
      },
      cands,
    );
  }

  // Earliest position wins; at one position, the longer form (a day inside "23 Kasım 2026") came first.
  cands.sort((a, b) => a.index - b.index);
  const warnings: string[] = [];
  for (const c of cands) {
    const r = c.attempt();
    if (r === null) continue;
    if ('ok' in r) return { value: r.ok, warnings };
    warnings.push(`${r.warn}; the entry counts for the day it was posted`);
    return { value: null, warnings };
  }
  return { value: null, warnings };
}
