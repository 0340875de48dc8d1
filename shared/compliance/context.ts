/**
 * What every rule reads, prepared once per board: each comment parsed once and indexed by card and
 * by day/week/month, the judged window of each card and its required days. Pure: `now` is passed in.
 */
import { addDays, addMonths, createCalendar, dateKey, dayStart, monthKey, weekKey, type Calendar, type CalendarOptions, type CardCalendarInput } from '../calendar.js';
import { judgingSettings, selectCustomers } from '../customers.js';
import { parseEntry } from '../entries.js';
import { readProfile, readSettings, specialistOf, thresholdsOf, type BoardSettings, type Profile, type Thresholds } from '../profile.js';
import type { BoardSnapshot, CardSnapshot, CommentRecord, DateKey, MonthKey, ParsedEntry, WeekKey } from '../types.js';

export interface EvaluateOptions {
  /** Overrides the board settings' thresholds (A9). */
  thresholds?: Partial<Thresholds>;
  /** Calendar choices (A2 half-day eves). */
  calendar?: CalendarOptions;
}

/** One recognised entry with the keys the rules index it by. */
export interface EntryRecord {
  comment: CommentRecord;
  entry: ParsedEntry;
  /** Istanbul day it was posted. */
  postedDay: DateKey;
  /** The week/month the entry is for (explicit `2026-W48`/`2026-10`, else its for-date's). */
  week: WeekKey;
  month: MonthKey;
}

/** Everything the per-card rules need, prepared once. */
export interface CardContext {
  card: CardSnapshot;
  profile: Profile;
  /** Profile zod message when the pluginData profile was invalid (defaults in use). */
  profileError?: string;
  specialist: string;
  cal: Calendar;
  calInput: CardCalendarInput;
  /** Every comment of the card posted by `now` (entries or not, deleted or not), in snapshot order. */
  comments: CommentRecord[];
  /** Recognised entries of the card, oldest first. */
  entries: EntryRecord[];
  byDate: Map<DateKey, EntryRecord[]>;
  byWeek: Map<WeekKey, EntryRecord[]>;
  byMonth: Map<MonthKey, EntryRecord[]>;
  /** Deleted comments whose text is unknown (a `deleteComment` without its `commentCard`). */
  deletedUnknown: Array<CommentRecord & { deletedAt: string }>;
  /** First day judged: max(assignedAt, settings.trackingStart, first complete day of a cut history). */
  judgeFrom: DateKey;
  /** First complete day of a cut history (undefined when complete). */
  historyDay?: DateKey;
  /** Every day from judgeFrom through today, oldest first (computed once per board). */
  days: readonly DateKey[];
  /** The days of `days` on which the card needs an entry (calendar.isRequiredDay). */
  required: ReadonlySet<DateKey>;
  today: DateKey;
  now: Date;
  thresholds: Thresholds;
}

export interface PreparedBoard {
  settings: BoardSettings;
  settingsError?: string;
  cal: Calendar;
  cards: CardContext[];
  historyDay?: DateKey;
  today: DateKey;
  thresholds: Thresholds;
}

/**
 * Customers: open cards in lists that are not archived. Cards whose list is not in the snapshot's
 * lists (a REST call without lists) count as customers.
 */
export function customerCards(snapshot: BoardSnapshot): CardSnapshot[] {
  return selectCustomers(snapshot).customers; // customer lists, templates, "not a customer": shared/customers.ts
}

/** First day whose whole history a cut export holds: the oldest action's day, unless it began at 00:00. */
export function firstCompleteDay(historyFrom: string): DateKey {
  const day = dateKey(historyFrom);
  return dayStart(day).getTime() >= Date.parse(historyFrom) ? day : addDays(day, 1);
}

/**
 * The comments that exist at `now`, by card (snapshot order): a comment "posted" after `now` does
 * not exist yet (an audit of the past). The one place comments are filtered by time of posting.
 */
export function commentsByCardAt(snapshot: BoardSnapshot, now: Date): Map<string, CommentRecord[]> {
  const nowMs = now.getTime();
  const byCard = new Map<string, CommentRecord[]>();
  for (const c of snapshot.comments) if (Date.parse(c.postedAt) <= nowMs) push(byCard, c.cardId, c);
  return byCard;
}

function maxKey(first: DateKey, ...rest: Array<DateKey | undefined>): DateKey {
  let max = first;
  for (const k of rest) if (k && k > max) max = k;
  return max;
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function isoWeekOf(entry: ParsedEntry): WeekKey {
  return entry.forWeek ?? weekKey(entry.forDate);
}

function isDeletedUnknown(c: CommentRecord): c is CommentRecord & { deletedAt: string } {
  return Boolean(c.deletedAt) && !c.text && !c.originalText;
}

/**
 * Parses every comment once and prepares each customer card. Shared by `evaluateBoard` and
 * `boardStatus` so both read entries the same way.
 */
export function prepareBoard(snapshot: BoardSnapshot, now: Date, opts: EvaluateOptions = {}): PreparedBoard {
  const { settings: stored, error: settingsError } = readSettings(snapshot.pluginData);
  // No trackingStart: judged from the board's first entry; no entry ever: nothing judged (shared/customers.ts).
  const { settings, judged } = judgingSettings(snapshot, stored, now);
  const cal = createCalendar(settings, opts.calendar);
  const thresholds = { ...thresholdsOf(settings), ...(opts.thresholds ?? {}) };
  const today = dateKey(now);
  const historyDay = snapshot.historyCut && snapshot.historyFrom ? firstCompleteDay(snapshot.historyFrom) : undefined;
  const commentsByCard = commentsByCardAt(snapshot, now);

  const customers = (judged ? selectCustomers(snapshot, settings).customers : []).map((card) => {
    const read = readProfile(card);
    return { card, read, judgeFrom: maxKey(read.profile.assignedAt, settings.trackingStart, historyDay) };
  });
  // One list of day keys for the whole board: day arithmetic is the hot path of an audit.
  const allDays: DateKey[] = [];
  const dayIndex = new Map<DateKey, number>();
  const earliest = customers.reduce<DateKey | undefined>((min, c) => (min === undefined || c.judgeFrom < min ? c.judgeFrom : min), undefined);
  if (earliest !== undefined) {
    for (let d = earliest; d <= today; d = addDays(d, 1)) {
      dayIndex.set(d, allDays.length);
      allDays.push(d);
    }
  }

  const cards = customers.map(({ card, read, judgeFrom }): CardContext => {
    const profile = read.profile;
    const specialist = specialistOf(card, profile);
    const calInput: CardCalendarInput = { specialist, profile };
    const comments = commentsByCard.get(card.id) ?? [];
    const entries: EntryRecord[] = [];
    const deletedUnknown: CardContext['deletedUnknown'] = [];
    for (const comment of comments) {
      const entry = comment.text ? parseEntry(comment.text, comment.postedAt) : null;
      if (!entry) {
        if (isDeletedUnknown(comment)) deletedUnknown.push(comment);
        continue;
      }
      entries.push({ comment, entry, postedDay: dateKey(comment.postedAt), week: isoWeekOf(entry), month: entry.forMonth ?? monthKey(entry.forDate) });
    }
    entries.sort((a, b) => Date.parse(a.comment.postedAt) - Date.parse(b.comment.postedAt));
    reassignEarlyMonthlies(entries, cal);
    const byDate = new Map<DateKey, EntryRecord[]>();
    const byWeek = new Map<WeekKey, EntryRecord[]>();
    const byMonth = new Map<MonthKey, EntryRecord[]>();
    for (const e of entries) {
      push(byDate, e.entry.forDate, e);
      push(byWeek, e.week, e);
      push(byMonth, e.month, e);
    }
    const days = judgeFrom <= today ? allDays.slice(dayIndex.get(judgeFrom) ?? allDays.length) : [];
    const required = new Set(days.filter((d) => cal.isRequiredDay(calInput, d)));
    const ctx: CardContext = {
      card,
      profile,
      specialist,
      cal,
      calInput,
      comments,
      entries,
      byDate,
      byWeek,
      byMonth,
      deletedUnknown,
      judgeFrom,
      days,
      required,
      today,
      now,
      thresholds,
    };
    if (read.error) ctx.profileError = read.error;
    if (historyDay) ctx.historyDay = historyDay;
    return ctx;
  });

  const prepared: PreparedBoard = { settings, cal, cards, today, thresholds };
  if (settingsError) prepared.settingsError = settingsError;
  if (historyDay) prepared.historyDay = historyDay;
  return prepared;
}

/**
 * P4: the monthly report of M is written between M's 20th and M+1's 3rd working day. A monthly entry
 * with no month or date written (for-date = posting day) posted within M+1's first 3 working days is
 * therefore for M.
 */
function reassignEarlyMonthlies(entries: EntryRecord[], cal: Calendar): void {
  for (const e of entries) {
    if (!e.entry.kinds.includes('monthly') || e.entry.forMonth || e.entry.forDate !== e.postedDay) continue;
    const prev = addMonths(monthKey(e.postedDay), -1);
    if (e.postedDay <= graceDay(cal, prev)) e.month = prev;
  }
}

/** Last day a monthly entry for `month` is on time: the 3rd working day (Mon–Fri minus holidays) of the next month (A5). */
export function graceDay(cal: Calendar, month: MonthKey): DateKey {
  let perCal = graceMemo.get(cal);
  if (!perCal) graceMemo.set(cal, (perCal = new Map()));
  let day = perCal.get(month);
  if (!day) perCal.set(month, (day = cal.nthWorkingDay(null, addMonths(month, 1), 3)));
  return day;
}
const graceMemo = new WeakMap<Calendar, Map<MonthKey, DateKey>>();
