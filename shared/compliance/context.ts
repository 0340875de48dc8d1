/**
 * What every rule reads, prepared once per board: each comment parsed once and indexed by card and
 * by day/week/month, the judged window of each card and its required days. Pure: `now` is passed in.
 */
import { type CardChecklist, type CheckTick, cardTicks } from '../checklists.js';
import type { CardDataFact, CheckItemFact } from '../facts.js';
import {
  addDays,
  addMonths,
  createCalendar,
  dateKey,
  dayStart,
  monthKey,
  weekKey,
  type Calendar,
  type CalendarOptions,
  type CardCalendarInput,
} from '../calendar.js';
import { LEAD_CARD_NAME } from '../month-review.js';
import { judgingSettings, selectCustomers } from '../customers.js';
import { parseEntry } from '../entries.js';
import { readProfile, readSettings, specialistOf, thresholdsOf, type BoardSettings, type Profile, type Thresholds } from '../profile.js';
import type { BoardSnapshot, CardSnapshot, CommentRecord, DateKey, MemberInfo, MonthKey, ParsedEntry, WeekKey } from '../types.js';
import { extraServiceDays } from './rules/leave.js';
import {
  approvedParts,
  boardTimeline,
  cardTimeline,
  factsByCard,
  freezeApprovals,
  frozenRanges,
  leadFor,
  unapprovedParts,
  type Approval,
  type Approver,
  type BoardTimeline,
  type CardTimeline,
  type DayBasis,
} from './facts-in-force.js';

export interface EvaluateOptions {
  /** Overrides the board settings' thresholds (A9). */
  thresholds?: Partial<Thresholds>;
  /** Calendar choices (A2 half-day eves). */
  calendar?: CalendarOptions;
  /**
   * NABIZ_PEOPLE's leads and managers (data, never I/O): with it, a frozen range exempts days only where one of
   * them approved it (R20); without it, approvals are not judged and frozen ranges count as written.
   */
  people?: readonly Approver[];
  /**
   * Kept parses of the comments' current text by comment id (the store parses each record once at append:
   * docs/architecture.md "Evaluation path"). Each must equal parseEntry(comment.text, comment.postedAt); a comment
   * not in it is parsed here.
   */
  parsed?: ReadonlyMap<string, ParsedEntry | null>;
}

/** A frozen range (any version known at `now`) with its days no lead or manager approved (R20). */
export interface FreezeCheck {
  from: DateKey;
  to: DateKey;
  note?: string;
  unapproved: Array<{ from: DateKey; to: DateKey }>;
  approvals: Approval[];
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
  /** Facts in force per day (docs/rules.md "Facts in force"); absent when the snapshot carries no facts. */
  timeline?: CardTimeline;
  /** The card's recorded pluginData versions (profile history), oldest first; absent without facts. */
  profileVersions?: CardDataFact[];
  /** Ticks of the card's check items, oldest first: the recorded facts joined with the snapshot's (shared/checklists.ts cardTicks). */
  ticks: CheckTick[];
  /**
   * A21: the days the weekly quota reading is due: the required days plus the approved frozen days of a live
   * site (the site can still hit its limits). Same set as `required` when nothing is frozen.
   */
  weeklyRequired: ReadonlySet<DateKey>;
  /** R20, only when a people list was given: the card's frozen ranges and their unapproved days. */
  freezes?: FreezeCheck[];
  /** R20: who an unapproved freeze is reported to (the specialist's team lead, else a manager; '' unknown). */
  freezeLead?: string;
  /** R57: working days of the specialist's leave without a cover on a fixed-term card: extra service days. */
  extraDays: DateKey[];
  /** The board's leaves as the snapshot has them (the basis of a day without facts). */
  leaves: NonNullable<BoardSettings['leaves']>;
  /** R17: the card's owner (specialist in force) on the judged days, by month: who the month-end review covers. */
  monthOwners: ReadonlyMap<MonthKey, ReadonlySet<string>>;
}

/** The calendar and card input in force on `day` (facts in force), or the card's only ones without facts. */
export function inForce(ctx: Pick<CardContext, 'timeline' | 'cal' | 'calInput'>, day: DateKey): { cal: Calendar; input: CardCalendarInput } {
  if (!ctx.timeline) return { cal: ctx.cal, input: ctx.calInput };
  const d = ctx.timeline.on(day);
  return { cal: d.cal, input: d.input };
}

/**
 * What `day` of the card was judged under (docs/rules.md "Who is responsible"): from the facts when the snapshot
 * has them (with ledger numbers), else from the current card (owner, leave, cover, freeze as written now).
 */
export function basisOn(ctx: CardContext, day: DateKey): DayBasis {
  if (ctx.timeline) return ctx.timeline.basis(day);
  const { cal, input } = inForce(ctx, day);
  const owner = input.specialist;
  const out: DayBasis = { day, owner, ownerFrom: ctx.profile.specialist ? 'profile' : owner ? 'members' : 'none', responsible: cal.responsible(input, day) };
  if (owner && cal.onLeave(owner, day)) {
    const leave = ctx.leaves.find((l) => l.memberId === owner && l.from <= day && day <= l.to);
    if (leave) out.leave = { from: leave.from, to: leave.to, memberId: owner };
    const cover = (ctx.profile.cover ?? []).find((c) => c.from <= day && day <= c.to);
    if (cover) out.cover = { from: cover.from, to: cover.to, memberId: cover.memberId };
  }
  const check = ctx.freezes?.find((f) => f.from <= day && day <= f.to);
  if (check) {
    const approval = check.approvals.find((a) => a.from <= day && day <= a.to);
    out.frozen = { from: check.from, to: check.to, approved: approval !== undefined, ...(approval ? { approval } : {}) };
  } else {
    const fr = (ctx.profile.frozen ?? []).find((f) => f.from <= day && day <= f.to);
    if (fr) out.frozen = { from: fr.from, to: fr.to, approved: true };
  }
  return out;
}

export interface PreparedBoard {
  settings: BoardSettings;
  settingsError?: string;
  cal: Calendar;
  cards: CardContext[];
  historyDay?: DateKey;
  today: DateKey;
  thresholds: Thresholds;
  /** The board's settings over time (absent without facts). */
  timeline?: BoardTimeline;
  /** R17: the lead's card `Nabız: takım lideri` (shared/month-review.ts), when the board has one. */
  leadCard?: LeadCard;
  /** R17: NABIZ_PEOPLE's team leads of this board; absent when no people list was given (the review is not judged). */
  leads?: readonly Approver[];
  /** The board's members (names and usernames: the month-end items name them). */
  members: readonly MemberInfo[];
  /** The instant judged at (a tick is known only by then). */
  now: Date;
}

/** The lead's card as the month-end review reads it: its checklists and their ticks (recorded facts joined). */
export interface LeadCard {
  id: string;
  checklists: readonly CardChecklist[];
  ticks: readonly CheckTick[];
}

/**
 * The board's open `Nabız: takım lideri` card (first in board order) with its checklists and ticks (the `check-item`
 * facts joined with the snapshot's ticks, shared/checklists.ts cardTicks), or undefined.
 */
export function leadCardOf(snapshot: Pick<BoardSnapshot, 'cards' | 'facts'>): LeadCard | undefined {
  const card = snapshot.cards.find((c) => !c.closed && c.name.trim() === LEAD_CARD_NAME);
  if (!card) return undefined;
  const facts = (snapshot.facts ?? []).filter((f): f is CheckItemFact => f.kind === 'check-item' && f.cardId === card.id);
  return { id: card.id, checklists: card.checklists ?? [], ticks: cardTicks(card, facts) };
}

/** R17: the team leads of NABIZ_PEOPLE who oversee this board (undefined without a people list). */
export function boardLeads(people: readonly Approver[] | undefined, boardId: string): Approver[] | undefined {
  return people?.filter((p) => p.role === 'teamLead' && (!p.boards || p.boards.includes(boardId)));
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
export function commentsByCardAt(snapshot: { readonly comments: readonly CommentRecord[] }, now: Date): Map<string, CommentRecord[]> {
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
 * The cards prepareBoard judges at `now` (its first step, without preparing them): the customers under the settings
 * in force today, none when the board has no trackingStart and no entry. `snapshot.comments` need only hold the
 * board's first entry (boardAnchor).
 */
export function judgedCustomers(snapshot: BoardSnapshot, now: Date, opts: EvaluateOptions = {}): CardSnapshot[] {
  const timeline = boardTimeline(snapshot, now, opts.calendar);
  const inForceToday = timeline?.on(dateKey(now));
  const stored = inForceToday ? inForceToday.settings : readSettings(snapshot.pluginData).settings;
  const { settings, judged } = judgingSettings(snapshot, stored, now);
  return judged ? selectCustomers(snapshot, settings).customers : [];
}

/**
 * Parses every comment once and prepares each customer card. Shared by `evaluateBoard` and
 * `boardStatus` so both read entries the same way.
 */
export function prepareBoard(snapshot: BoardSnapshot, now: Date, opts: EvaluateOptions = {}): PreparedBoard {
  // Facts in force (docs/rules.md): the settings of today's version; per-day versions below.
  const timeline = boardTimeline(snapshot, now, opts.calendar);
  const inForceToday = timeline?.on(dateKey(now));
  const todayVersion = inForceToday ? timeline?.versions[inForceToday.index] : undefined;
  const read = inForceToday ? { settings: inForceToday.settings, error: todayVersion?.error } : readSettings(snapshot.pluginData);
  const stored = read.settings;
  const settingsError = read.error;
  // No trackingStart: judged from the board's first entry; no entry ever: nothing judged (shared/customers.ts).
  const { settings, judged } = judgingSettings(snapshot, stored, now);
  const cal = createCalendar(settings, opts.calendar);
  const thresholds = { ...thresholdsOf(settings), ...(opts.thresholds ?? {}) };
  const today = dateKey(now);
  const historyDay = snapshot.historyCut && snapshot.historyFrom ? firstCompleteDay(snapshot.historyFrom) : undefined;
  const commentsByCard = commentsByCardAt(snapshot, now);
  const approvals = opts.people ? freezeApprovals(snapshot, now, opts.people) : undefined;
  const cardFacts = snapshot.facts ? factsByCard(snapshot.facts) : undefined;
  const tickFacts = new Map<string, CheckItemFact[]>();
  for (const f of snapshot.facts ?? []) if (f.kind === 'check-item') push(tickFacts, f.cardId, f);

  const customers = (judged ? selectCustomers(snapshot, settings).customers : []).map((card) => {
    const own = approvals?.get(card.id) ?? [];
    if (timeline) {
      const ct = cardTimeline(card, timeline, cardFacts?.get(card.id), now, approvals ? own : undefined);
      const t = ct.on(today);
      const read = t.profileError ? { profile: t.profile, error: t.profileError } : { profile: t.profile };
      return { card, read, timeline: ct, judgeFrom: maxKey(ct.assignedFrom, settings.trackingStart, historyDay) };
    }
    const raw = readProfile(card);
    // R20: with a people list, only approved frozen days exempt anything.
    const read = approvals && raw.profile.frozen ? { ...raw, profile: { ...raw.profile, frozen: approvedParts(raw.profile.frozen, own) } } : raw;
    const none: CardTimeline | undefined = undefined;
    return { card, read, timeline: none, judgeFrom: maxKey(read.profile.assignedAt, settings.trackingStart, historyDay) };
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

  const cards = customers.map(({ card, read, judgeFrom, timeline: ct }): CardContext => {
    const profile = read.profile;
    const specialist = ct ? ct.on(today).specialist : specialistOf(card, profile);
    const calInput: CardCalendarInput = { specialist, profile };
    const cardCal = ct ? ct.on(today).cal : cal;
    const comments = commentsByCard.get(card.id) ?? [];
    const entries: EntryRecord[] = [];
    const deletedUnknown: CardContext['deletedUnknown'] = [];
    for (const comment of comments) {
      const kept = opts.parsed?.get(comment.id);
      const entry = !comment.text ? null : kept !== undefined ? kept : parseEntry(comment.text, comment.postedAt);
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
    const ctx: CardContext = {
      card,
      profile,
      specialist,
      cal: cardCal,
      calInput,
      comments,
      entries,
      byDate,
      byWeek,
      byMonth,
      deletedUnknown,
      judgeFrom,
      days,
      required: new Set(),
      today,
      now,
      thresholds,
      weeklyRequired: new Set(),
      extraDays: [],
      leaves: settings.leaves ?? [],
      ticks: cardTicks(card, tickFacts.get(card.id)),
      monthOwners: new Map(),
    };
    if (ct) ctx.timeline = ct;
    // R12: the card's recorded profile versions (slot changes), oldest first; only those noticed by `now`.
    const versions = cardFacts?.get(card.id)?.data.filter((f) => Date.parse(f.at) <= now.getTime());
    if (versions?.length) ctx.profileVersions = versions;
    const owners = new Map<MonthKey, Set<string>>();
    const required = new Set(
      days.filter((d) => {
        const x = inForce(ctx, d);
        // R17: the owner in force that day is one of the month's specialists (whatever the day requires).
        const owner = x.input.specialist;
        if (owner) {
          const m: MonthKey = d.slice(0, 7);
          const set = owners.get(m);
          if (set) set.add(owner);
          else owners.set(m, new Set([owner]));
        }
        return x.cal.isRequiredDay(x.input, d);
      }),
    );
    ctx.required = required;
    ctx.monthOwners = owners;
    ctx.weeklyRequired = weeklyDays(ctx, required);
    if (read.error) ctx.profileError = read.error;
    if (historyDay) ctx.historyDay = historyDay;
    if (approvals && opts.people) {
      const own = approvals.get(card.id) ?? [];
      ctx.freezes = frozenRanges(card, cardFacts?.get(card.id), now).map((r) => ({
        from: r.from,
        to: r.to,
        ...(r.note ? { note: r.note } : {}),
        unapproved: unapprovedParts(r, own),
        approvals: own.filter((a) => a.from <= r.to && r.from <= a.to),
      }));
      ctx.freezeLead = leadFor(opts.people, snapshot.id, specialist);
    }
    return ctx;
  });

  const prepared: PreparedBoard = { settings, cal, cards, today, thresholds, members: snapshot.members, now };
  const leadCard = leadCardOf(snapshot);
  if (leadCard) prepared.leadCard = leadCard;
  const leads = boardLeads(opts.people, snapshot.id);
  if (leads) prepared.leads = leads;
  if (settingsError) prepared.settingsError = settingsError;
  if (historyDay) prepared.historyDay = historyDay;
  if (timeline) prepared.timeline = timeline;
  // R57: a fixed-term card's uncovered leave days are extra service days (they move its go-live deadline).
  for (const ctx of cards) ctx.extraDays = extraServiceDays(prepared, ctx);
  return prepared;
}

/** Is the site live on `day` (A21): `liveAt` in force by then, or a go-live entry for a day up to it. */
function liveOn(ctx: CardContext, day: DateKey): boolean {
  const liveAt = ctx.timeline ? ctx.timeline.on(day).profile.liveAt : ctx.profile.liveAt;
  if (liveAt !== undefined && liveAt <= day) return true;
  return ctx.entries.some((e) => e.entry.kinds.includes('golive') && e.entry.forDate <= day);
}

/** A21: the required days plus the approved frozen days of a live site on which the responsible person works. */
function weeklyDays(ctx: CardContext, required: ReadonlySet<DateKey>): ReadonlySet<DateKey> {
  let out: Set<DateKey> | undefined;
  for (const d of ctx.days) {
    if (required.has(d)) continue;
    const { cal, input } = inForce(ctx, d);
    if (!cal.isFrozen(input.profile, d) || !liveOn(ctx, d)) continue;
    if (!cal.isRequiredDay({ ...input, profile: { ...input.profile, frozen: [] } }, d)) continue;
    (out ??= new Set(required)).add(d);
  }
  return out ?? required;
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
