/**
 * Facts in force (docs/rules.md "Facts in force", "Who is responsible"): for a card and an Istanbul day, the
 * card's members, its profile and the board's settings as they stood that day, read from the dated facts of
 * `BoardSnapshot.facts` (shared/facts.ts). Pure: `now` is passed in, and nothing recorded after `now` is read
 * (an audit as of `now` gives the same answer whatever changed later).
 *
 * - The state in force on day D is the last one known by the end of D (or by `now`, if earlier): a change made
 *   on D applies to D itself (so the new owner answers for the hand-over day).
 * - Membership: replayed backwards from the snapshot's current members through every member fact after that
 *   moment (Trello's addMemberToCard / removeMemberFromCard, with Trello's own times).
 * - Scalars (specialist, assignedAt, package, thresholds, Saturday rota, trackingStart, customer lists) come
 *   from the version in force on D alone.
 * - Ranges (leave, extra holidays, cover, frozen) count for D when they are in the version in force on D or in
 *   any version recorded later (by `now`): removing an old range to stay under 4096 characters never turns
 *   past days into "missing". A range first recorded after D says so (`recordedAfter`).
 * - Before the first recorded version (the upgrade's baseline), the earliest version is used and the day
 *   carries `knownFrom` (facts known only from that day).
 * - R20: a frozen range exempts a day only where an approval by a team lead or manager covers it (a
 *   `freeze-approval` fact or a `#dondurma-onay` comment by them). Without a people list approvals are not
 *   judged and frozen ranges count as written (the CLI's audit of an export has no NABIZ_PEOPLE).
 */
import { createCalendar, type Calendar, type CalendarOptions, type CardCalendarInput } from '../calendar.js';
import { clampedAt, mapNonEmpty, type NonEmpty } from '../arrays.js';
import { addDays, dateKey, dayEnd, earlierDay, laterDay } from '../dates.js';
import { parseFreezeApproval } from '../entries/freeze-approval.js';
import type { BoardDataFact, CardDataFact, Fact, FreezeApprovalFact, MemberFact } from '../facts.js';
import { readProfile, readSettings, type BoardSettings, type Profile } from '../profile.js';
import type { BoardSnapshot, CardSnapshot, DateKey } from '../types.js';

/** A lead or manager who may approve a freeze (R20): NABIZ_PEOPLE, handed in as data. */
export interface Approver {
  trelloId: string;
  role: 'manager' | 'teamLead';
  boards?: readonly string[];
  specialists?: readonly string[];
}

/** Where a range (leave, cover, freeze) of a day comes from. */
export interface RangeBasis {
  from: DateKey;
  to: DateKey;
  memberId?: string;
  /** When Nabız first recorded it, and the ledger number of that record (when known). */
  recordedAt?: string;
  seq?: number;
  /** First recorded after the day it is used for: shown, never silent. */
  recordedAfter?: boolean;
}

/** A freeze approval (R20) as the resolver uses it. */
export interface Approval {
  from: DateKey;
  to: DateKey;
  by: string;
  at: string;
  via: 'powerup' | 'comment';
  actionId?: string;
  seq?: number;
}

/** What a day of a card was judged under: shown by reports per period (docs/rules.md "Who is responsible"). */
export interface DayBasis {
  day: DateKey;
  /** The owner in force (profile.specialist, else the first card member). */
  owner: string;
  ownerFrom: 'profile' | 'members' | 'none';
  /** Ledger number of the fact that made them owner (the profile version, or the addMemberToCard), when known. */
  ownerSeq?: number;
  /** Who answers for the day: the owner, or the cover during the owner's leave; null = nobody (leave, no cover). */
  responsible: string | null;
  leave?: RangeBasis;
  cover?: RangeBasis;
  frozen?: RangeBasis & { approved: boolean; approval?: Approval };
  /** Ledger numbers of the profile and settings versions in force. */
  profileSeq?: number;
  settingsSeq?: number;
  /** The day lies before the fact history: facts known only from this day (the earliest version was used). */
  knownFrom?: DateKey;
}

interface Version<T> {
  value: T;
  at: string;
  ms: number;
  seq?: number;
  baseline: boolean;
  error?: string;
}

/** A range with the version index and record of its first appearance. */
interface TrackedRange<R> {
  range: R;
  first: number;
}

/** The ranges of versions[i..]: each range once, with its first appearance. */
function unionFrom<R extends { from: DateKey; to: DateKey }>(lists: ReadonlyArray<readonly R[]>, key: (r: R) => string): Array<Array<TrackedRange<R>>> {
  const firstSeen = new Map<string, number>();
  lists.forEach((list, i) => {
    for (const r of list) if (!firstSeen.has(key(r))) firstSeen.set(key(r), i);
  });
  const out: Array<Array<TrackedRange<R>>> = [];
  let acc = new Map<string, TrackedRange<R>>();
  for (let i = lists.length - 1; i >= 0; i--) {
    acc = new Map(acc);
    for (const r of lists[i] ?? []) acc.set(key(r), { range: r, first: firstSeen.get(key(r)) ?? i });
    out[i] = [...acc.values()].sort((a, b) => (a.range.from < b.range.from ? -1 : a.range.from > b.range.from ? 1 : 0));
  }
  return out;
}

const rangeKey = (r: { from: string; to: string; memberId?: string }): string => `${r.from}|${r.to}|${r.memberId ?? ''}`;
const extraKey = (r: { from: string; to: string; name: string }): string => `${r.from}|${r.to}|${r.name}`;

/** Index of the version in force at `ms` (the last with ms ≤ at), or -1 before the first. */
function versionAt<T>(versions: readonly Version<T>[], ms: number): number {
  let lo = 0;
  let hi = versions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((versions[mid]?.ms ?? Infinity) <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The moment day D is judged at: the end of D, or `now` when earlier. */
function dayMoment(day: DateKey, nowMs: number): number {
  return Math.min(dayEnd(day).getTime() - 1, nowMs);
}

/** Frozen ranges cut to the parts an approval covers (R20). */
export function approvedParts<R extends { from: DateKey; to: DateKey }>(frozen: readonly R[], approvals: readonly Approval[]): R[] {
  const out: R[] = [];
  for (const r of frozen) {
    for (const a of approvals) {
      const from = laterDay(a.from, r.from);
      const to = earlierDay(a.to, r.to);
      if (from <= to) out.push({ ...r, from, to });
    }
  }
  return out;
}

/** Days of a frozen range no approval covers (R20), as sub-ranges. */
export function unapprovedParts(range: { from: DateKey; to: DateKey }, approvals: readonly Approval[]): Array<{ from: DateKey; to: DateKey }> {
  const out: Array<{ from: DateKey; to: DateKey }> = [];
  let start: DateKey | undefined;
  let d = range.from;
  for (let i = 0; d <= range.to && i < 3 * 366; d = addDays(d, 1), i++) {
    const ok = approvals.some((a) => a.from <= d && d <= a.to);
    if (!ok && start === undefined) start = d;
    if (ok && start !== undefined) {
      out.push({ from: start, to: addDays(d, -1) });
      start = undefined;
    }
  }
  if (start !== undefined) out.push({ from: start, to: range.to });
  return out;
}

/**
 * The freeze approvals known at `now` for each card (R20): `freeze-approval` facts and `#dondurma-onay`
 * comments, both only by a lead or manager of `people`.
 */
export function freezeApprovals(snapshot: Pick<BoardSnapshot, 'facts' | 'comments'>, now: Date, people: readonly Approver[]): Map<string, Approval[]> {
  const nowMs = now.getTime();
  const approvers = new Set(people.filter((p) => p.role === 'manager' || p.role === 'teamLead').map((p) => p.trelloId));
  const byCard = new Map<string, Approval[]>();
  const add = (cardId: string, a: Approval): void => {
    const list = byCard.get(cardId) ?? [];
    if (a.actionId && list.some((x) => x.actionId === a.actionId)) return;
    list.push(a);
    byCard.set(cardId, list);
  };
  for (const f of snapshot.facts ?? []) {
    if (f.kind !== 'freeze-approval' || Date.parse(f.at) > nowMs || !approvers.has(f.by)) continue;
    add(f.cardId, approvalOf(f));
  }
  for (const c of snapshot.comments) {
    if (!approvers.has(c.authorId) || Date.parse(c.postedAt) > nowMs) continue;
    if (c.deletedAt && Date.parse(c.deletedAt) <= nowMs) continue;
    const parsed = c.text ? parseFreezeApproval(c.text, c.postedAt) : null;
    if (parsed) add(c.cardId, { ...parsed, by: c.authorId, at: c.postedAt, via: 'comment', actionId: c.id });
  }
  return byCard;
}

function approvalOf(f: FreezeApprovalFact): Approval {
  return {
    from: f.from,
    to: f.to,
    by: f.by,
    at: f.at,
    via: f.via,
    ...(f.actionId ? { actionId: f.actionId } : {}),
    ...(f.seq !== undefined ? { seq: f.seq } : {}),
  };
}

/** The lead a freeze finding goes to (R20): the card's specialist's team lead on this board, else any lead, else a manager. */
export function leadFor(people: readonly Approver[], boardId: string, specialist: string): string {
  const onBoard = people.filter((p) => !p.boards || p.boards.includes(boardId));
  const lead =
    onBoard.find((p) => p.role === 'teamLead' && p.specialists?.includes(specialist)) ??
    onBoard.find((p) => p.role === 'teamLead' && !p.specialists) ??
    onBoard.find((p) => p.role === 'teamLead') ??
    onBoard.find((p) => p.role === 'manager');
  return lead?.trelloId ?? '';
}

/** The board's settings over time. */
export interface BoardTimeline {
  /** Settings in force on `day` (ranges united with later versions), its calendar and version index. */
  on(day: DateKey): { settings: BoardSettings; cal: Calendar; index: number; knownFrom?: DateKey };
  /** First day of the recorded history (undefined when the board has no board-data fact). */
  knownFrom?: DateKey;
  versions: NonEmpty<Version<BoardSettings>>;
  /** Every leave known at `now` (every version: a leave removed later still happened). */
  allLeaves: NonNullable<BoardSettings['leaves']>;
  /** The leave ranges of version i with their first record. */
  leaveBasis(index: number, memberId: string, day: DateKey): RangeBasis | undefined;
}

function rangeBasis<R extends { from: DateKey; to: DateKey; memberId?: string }>(
  t: TrackedRange<R>,
  versions: ReadonlyArray<Version<unknown>>,
  day: DateKey,
): RangeBasis {
  const v = versions[t.first];
  const out: RangeBasis = { from: t.range.from, to: t.range.to };
  if (t.range.memberId) out.memberId = t.range.memberId;
  if (v && !v.baseline) {
    out.recordedAt = v.at;
    if (v.seq !== undefined) out.seq = v.seq;
    if (v.ms >= dayEnd(day).getTime()) out.recordedAfter = true;
  } else if (v) {
    out.recordedAt = v.at;
    if (v.seq !== undefined) out.seq = v.seq;
  }
  return out;
}

/** Versions of pluginData facts known at `now`, oldest first; the snapshot's own value when none is. */
function versionsOf<F extends CardDataFact | BoardDataFact, T>(
  facts: readonly F[],
  nowMs: number,
  current: Array<{ idPlugin?: string; value: string }>,
  read: (pluginData: Array<{ idPlugin?: string; value: string }>) => { value: T; error?: string },
): NonEmpty<Version<T>> {
  const out: Array<Version<T>> = [];
  for (const f of facts) {
    const ms = Date.parse(f.at);
    if (!(ms <= nowMs)) continue;
    const r = read(f.pluginData);
    const v: Version<T> = { value: r.value, at: f.at, ms, baseline: f.baseline === true };
    if (f.seq !== undefined) v.seq = f.seq;
    if (r.error) v.error = r.error;
    out.push(v);
  }
  out.sort((a, b) => a.ms - b.ms);
  const [head, ...rest] = out;
  if (head) return [head, ...rest];
  const r = read(current);
  const v: Version<T> = { value: r.value, at: '', ms: -Infinity, baseline: true };
  if (r.error) v.error = r.error;
  return [v];
}

/** The board's settings timeline, or undefined when the snapshot carries no facts (today's behaviour). */
export function boardTimeline(snapshot: BoardSnapshot, now: Date, calendar: CalendarOptions = {}): BoardTimeline | undefined {
  if (!snapshot.facts) return undefined;
  const nowMs = now.getTime();
  const facts = snapshot.facts.filter((f): f is BoardDataFact => f.kind === 'board-data');
  const versions = versionsOf(facts, nowMs, snapshot.pluginData, (pd) => {
    const r = readSettings(pd);
    return r.error ? { value: r.settings, error: r.error } : { value: r.settings };
  });
  const leaves = unionFrom(
    versions.map((v) => v.value.leaves ?? []),
    rangeKey,
  );
  const extras = unionFrom(
    versions.map((v) => v.value.extraHolidays ?? []),
    extraKey,
  );
  const effective = mapNonEmpty(
    versions,
    (v, i): BoardSettings => ({
      ...v.value,
      leaves: (leaves[i] ?? []).map((t) => t.range),
      extraHolidays: (extras[i] ?? []).map((t) => t.range),
    }),
  );
  const cals: Calendar[] = [];
  const first = versions[0];
  // BoardSnapshot.factsFrom: since when pluginData versions are recorded; else the first recorded version's day.
  const knownFrom = snapshot.factsFrom ? dateKey(snapshot.factsFrom) : Number.isFinite(first.ms) ? dateKey(first.at) : undefined;
  const on = (day: DateKey): { settings: BoardSettings; cal: Calendar; index: number; knownFrom?: DateKey } => {
    const found = versionAt(versions, dayMoment(day, nowMs));
    const index = Math.max(found, 0);
    const settings = clampedAt(effective, index);
    const cal = (cals[index] ??= createCalendar(settings, calendar));
    return found < 0 && knownFrom ? { settings, cal, index, knownFrom } : { settings, cal, index };
  };
  const out: BoardTimeline = {
    on,
    versions,
    allLeaves: (leaves[0] ?? []).map((t) => t.range),
    leaveBasis(index, memberId, day) {
      const t = (leaves[index] ?? []).find((x) => x.range.memberId === memberId && x.range.from <= day && day <= x.range.to);
      return t ? rangeBasis(t, versions, day) : undefined;
    },
  };
  if (knownFrom) out.knownFrom = knownFrom;
  return out;
}

/** One day of a card under the facts in force. */
export interface CardDay {
  profile: Profile;
  profileError?: string;
  members: readonly string[];
  specialist: string;
  cal: Calendar;
  input: CardCalendarInput;
  settings: BoardSettings;
}

export interface CardTimeline {
  on(day: DateKey): CardDay;
  /** Why the day was judged as it was (owner, leave, cover, freeze, ledger numbers). */
  basis(day: DateKey): DayBasis;
  /** First day of this card's recorded profile history (undefined: none recorded). */
  knownFrom?: DateKey;
  /** The earliest assignedAt of the versions known at `now` (the judged window starts there at the earliest). */
  assignedFrom: DateKey;
}

/** Members of the card at `ms`: the current ones with every later member fact undone (newest first). */
export function membersAt(card: Pick<CardSnapshot, 'idMembers'>, memberFacts: readonly MemberFact[], ms: number): string[] {
  const members = [...card.idMembers];
  for (let i = memberFacts.length - 1; i >= 0; i--) {
    const f = memberFacts[i];
    if (!f || Date.parse(f.at) <= ms) break;
    // A baseline records who was on the card when the history began: not a change, nothing to undo.
    if (f.baseline) continue;
    if (f.op === 'add') {
      const k = members.indexOf(f.memberId);
      if (k >= 0) members.splice(k, 1);
    } else if (!members.includes(f.memberId)) members.unshift(f.memberId);
  }
  return members;
}

/** The card-scope facts of a board, by card, oldest first. */
export function factsByCard(facts: readonly Fact[]): Map<string, { members: MemberFact[]; data: CardDataFact[] }> {
  const out = new Map<string, { members: MemberFact[]; data: CardDataFact[] }>();
  for (const f of facts) {
    if (f.kind !== 'member' && f.kind !== 'card-data') continue;
    let e = out.get(f.cardId);
    if (!e) out.set(f.cardId, (e = { members: [], data: [] }));
    if (f.kind === 'member') e.members.push(f);
    else e.data.push(f);
  }
  for (const e of out.values()) e.members.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return out;
}

/**
 * A card's timeline. `approvals` undefined: freezes are not checked for approval (no people list).
 */
export function cardTimeline(
  card: CardSnapshot,
  board: BoardTimeline,
  own: { members: MemberFact[]; data: CardDataFact[] } | undefined,
  now: Date,
  approvals: readonly Approval[] | undefined,
): CardTimeline {
  const nowMs = now.getTime();
  const versions = versionsOf(own?.data ?? [], nowMs, card.pluginData, (pd) => {
    const r = readProfile({ ...card, pluginData: pd });
    return r.error ? { value: r.profile, error: r.error } : { value: r.profile };
  });
  const covers = unionFrom(
    versions.map((v) => v.value.cover ?? []),
    rangeKey,
  );
  const frozen = unionFrom(
    versions.map((v) => v.value.frozen ?? []),
    (r) => `${r.from}|${r.to}`,
  );
  const memberFacts = own?.members ?? [];
  const first = versions[0];
  const knownFrom = board.knownFrom ?? (Number.isFinite(first.ms) ? dateKey(first.at) : undefined);
  const memo = new Map<DateKey, CardDay>();

  const profileAt = (index: number): Profile => {
    const v = clampedAt(versions, index);
    const allFrozen = (frozen[index] ?? []).map((t) => t.range);
    return { ...v.value, cover: (covers[index] ?? []).map((t) => t.range), frozen: approvals ? approvedParts(allFrozen, approvals) : allFrozen };
  };
  const profiles: Profile[] = [];

  const on = (day: DateKey): CardDay => {
    const hit = memo.get(day);
    if (hit) return hit;
    const ms = dayMoment(day, nowMs);
    const found = versionAt(versions, ms);
    const index = Math.max(found, 0);
    const profile = (profiles[index] ??= profileAt(index));
    const members = membersAt(card, memberFacts, ms);
    const specialist = profile.specialist ?? members[0] ?? '';
    const b = board.on(day);
    const out: CardDay = { profile, members, specialist, cal: b.cal, input: { specialist, profile }, settings: b.settings };
    const err = clampedAt(versions, index).error;
    if (err) out.profileError = err;
    memo.set(day, out);
    return out;
  };

  const basis = (day: DateKey): DayBasis => {
    const d = on(day);
    const ms = dayMoment(day, nowMs);
    const found = versionAt(versions, ms);
    const index = Math.max(found, 0);
    const v = clampedAt(versions, index);
    const b = board.on(day);
    const out: DayBasis = {
      day,
      owner: d.specialist,
      ownerFrom: d.profile.specialist ? 'profile' : d.specialist ? 'members' : 'none',
      responsible: d.cal.responsible(d.input, day),
    };
    if (out.ownerFrom === 'profile' && v.seq !== undefined) out.ownerSeq = v.seq;
    if (out.ownerFrom === 'members') {
      const add = [...memberFacts].reverse().find((f) => f.memberId === d.specialist && f.op === 'add' && Date.parse(f.at) <= ms);
      if (add?.seq !== undefined) out.ownerSeq = add.seq;
    }
    if (v.seq !== undefined) out.profileSeq = v.seq;
    const bv = board.versions[b.index];
    if (bv?.seq !== undefined) out.settingsSeq = bv.seq;
    const leave = board.leaveBasis(b.index, d.specialist, day);
    if (leave) out.leave = leave;
    const cover = (covers[index] ?? []).find((t) => t.range.from <= day && day <= t.range.to);
    if (cover && leave) out.cover = rangeBasis(cover, versions, day);
    const fr = (frozen[index] ?? []).find((t) => t.range.from <= day && day <= t.range.to);
    if (fr) {
      const approval = approvals?.find((a) => a.from <= day && day <= a.to);
      out.frozen = { ...rangeBasis(fr, versions, day), approved: approvals === undefined || approval !== undefined, ...(approval ? { approval } : {}) };
    }
    if (knownFrom && day < knownFrom) out.knownFrom = knownFrom;
    return out;
  };

  const assignedFrom = versions.reduce((min, v) => earlierDay(v.value.assignedAt, min), first.value.assignedAt);
  const out: CardTimeline = { on, basis, assignedFrom };
  if (knownFrom) out.knownFrom = knownFrom;
  return out;
}

/**
 * The frozen ranges of the card known at `now` (every version: a range removed later still happened), each with
 * its parts no approval covers (R20). Used by the freeze rule.
 */
export function frozenRanges(
  card: CardSnapshot,
  own: { data: CardDataFact[] } | undefined,
  now: Date,
): Array<{ from: DateKey; to: DateKey; note?: string; approvedBy?: string }> {
  const nowMs = now.getTime();
  const versions = versionsOf(own?.data ?? [], nowMs, card.pluginData, (pd) => ({ value: readProfile({ ...card, pluginData: pd }).profile }));
  const seen = new Map<string, { from: DateKey; to: DateKey; note?: string; approvedBy?: string }>();
  for (const v of versions) for (const r of v.value.frozen ?? []) if (!seen.has(`${r.from}|${r.to}`)) seen.set(`${r.from}|${r.to}`, r);
  return [...seen.values()].sort((a, b) => (a.from < b.from ? -1 : 1));
}
