// The demo workspace (issue 3 scope 2): a deterministic Gelişmiş Destek team in Trello — specialists with
// one board each, customer cards with profiles, and 90 days of comments typed the way people type, with a
// designed mix of what Nabız must catch. Every designed case is written down in `expectations` by card id.
// Working days, covers and freezes come from shared/calendar (the same truth the compliance engine uses).
import { addDays, addMonths, createCalendar, dateKey, dayStart, isoWeekday, monthDates, monthKey, publicHoliday, weekDates, weekKey, type Calendar, type CardCalendarInput } from '../../../shared/calendar.js';
import { BoardSettingsSchema, ProfileSchema, readProfile, type BoardSettings, type ProfileInput } from '../../../shared/profile.js';
import type { CardSnapshot, DateKey, FindingStatus, MonthKey, RuleId, WeekKey } from '../../../shared/types.js';
import type { Person } from '../config.js';
import { createRng, type Rng } from './ids.js';
import type { EmulatedBoard, TrelloCard, TrelloLabel, TrelloList, TrelloMember, TrelloPluginData } from './model.js';
import { EmulatorState } from './state.js';
import * as P from './phrases.js';

/**
 * idPlugin of the demo's pluginData (Nabız recognises its data by content whatever the id, DESIGN §3).
 * Equal to the dev host's DEMO_PLUGIN_ID so a profile saved in the demo Power-Up replaces the seeded one.
 */
import { DEMO_PLUGIN_ID } from './credentials.js';

export { DEMO_PLUGIN_ID };

export type DemoCase =
  | 'clean'
  | 'normal'
  | 'missing-days'
  | 'late-days'
  | 'incomplete-weekly'
  | 'missing-weekly'
  | 'late-weekly'
  | 'missing-monthly'
  | 'late-monthly'
  | 'disk-high'
  | 'disk-critical'
  | 'disk-high-handled'
  | 'golive-overdue'
  | 'golive-overdue-with-reason'
  | 'golive-done'
  | 'golive-due-soon'
  | 'unreachable-streak'
  | 'pool'
  | 'saturday-rota-miss'
  | 'edited-comment'
  | 'edited-same-day'
  | 'deleted-comment'
  | 'frozen'
  | 'leave-cover'
  | 'leave-cover-miss'
  | 'leave-no-cover'
  | 'intro-late'
  | 'no-profile'
  | 'slot-overlap'
  | 'archived';

export interface ExpectedFinding {
  rule: RuleId;
  status: FindingStatus;
  /** DateKey / WeekKey / MonthKey, '' for timeless rules (slot). */
  period: string;
  /** Who answers for it (dailies: the responsible member that day, e.g. the cover). */
  memberId?: string;
  /** Evidence findings: match by action id (the period of a deletion without text is the engine's call). */
  actionIds?: string[];
  why: string;
}

export interface AbsentFinding {
  rule: RuleId;
  /** Absent for this period only; all periods when omitted. */
  period?: string;
  why: string;
}

export interface CardExpectation {
  boardId: string;
  cardId: string;
  name: string;
  cases: DemoCase[];
  /** Findings evaluateBoard must report for this card (a subset of what it reports). */
  findings: ExpectedFinding[];
  /** Findings it must not report. */
  absent: AbsentFinding[];
  /** True when the card must have no finding at all. */
  clean: boolean;
}

export interface DemoExpectations {
  /** `now` the expectations hold for. */
  now: string;
  trackingStart: DateKey;
  /** Public holidays (Mon–Sat) inside the window: no entries were written and none may be required. */
  holidays: DateKey[];
  saturdayRota: Record<DateKey, string[]>;
  leave: { memberId: string; from: DateKey; to: DateKey; coverId: string } | null;
  byCard: Record<string, CardExpectation>;
  /** Card ids per case. */
  cases: Partial<Record<DemoCase, string[]>>;
}

export interface DemoSpecialist {
  id: string;
  fullName: string;
  username: string;
  boardId: string;
}

export interface DemoWorkspace {
  boards: EmulatedBoard[];
  people: Person[];
  specialists: DemoSpecialist[];
  /** Every member (specialists, team lead, manager). */
  members: TrelloMember[];
  teamLeadId: string;
  managerId: string;
  expectations: DemoExpectations;
}

export interface DemoOptions {
  seed: number;
  now: Date;
  /** Days of history (≥ 90 for the designed mix). */
  days?: number;
  boards?: number;
  cardsPerBoard?: number;
}

const SLOTS = ['09:00', '09:50', '10:40', '11:30', '13:00', '13:50', '14:40', '15:30', '16:20', '17:10'];

/** The designed mix per board position (board 0, 1, 2); other boards/cards are 'normal'. */
const PLAN: DemoCase[][] = [
  ['clean', 'missing-days', 'late-days', 'incomplete-weekly', 'disk-high', 'disk-critical', 'golive-overdue', 'golive-overdue-with-reason', 'unreachable-streak', 'pool', 'edited-comment', 'deleted-comment'],
  ['clean', 'frozen', 'saturday-rota-miss', 'missing-weekly', 'late-weekly', 'missing-monthly', 'late-monthly', 'pool', 'disk-high-handled', 'golive-due-soon', 'golive-done', 'slot-overlap'],
  ['leave-cover', 'leave-no-cover', 'leave-cover-miss', 'intro-late', 'edited-same-day', 'no-profile', 'pool', 'normal', 'normal', 'normal', 'normal', 'normal'],
];
const LISTS = ['Kurulum', 'Eğitim', 'Canlı', 'Arşiv'];
const LABELS: Array<[string, string]> = [['Havuz', 'green'], ['Entegrasyon', 'blue'], ['Tasarım', 'purple'], ['Dondurulmuş', 'sky'], ['Öncelikli', 'red']];

interface Planned {
  cardId: string;
  author: string;
  at: Date;
  text: string;
  edit?: { at: Date; text: string };
  deleteAt?: Date;
  /** Filled when applied: the commentCard id. */
  id?: string;
}

interface CardPlan {
  id: string;
  boardIdx: number;
  name: string;
  scenario: DemoCase;
  created: Date;
  assignedAt: DateKey;
  profile: ProfileInput | null;
  specialist: string;
  quota: number;
  traffic: number;
  /** Traffic written as "sınırsız" (HANDBOOK A10): no allowance in the profile. */
  unlimitedTraffic: boolean;
  diskStart: number;
  trafficStart: number;
  closed: boolean;
  listName: string;
  labels: string[];
  calInput?: CardCalendarInput;
  exp: CardExpectation;
}

const dec = (x: number, comma = true) => (Math.round(x * 10) / 10).toFixed(1).replace('.', comma ? ',' : '.').replace(/[,.]0$/, '');

function weighted(rng: Rng, xs: Array<[string, number]>): string {
  const total = xs.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [v, w] of xs) if ((r -= w) < 0) return v;
  return xs[0]![0];
}

/** Istanbul wall time of a day as an instant. */
function at(day: DateKey, hh: number, mm: number, ss = 0): Date {
  return new Date(dayStart(day).getTime() + ((hh * 60 + mm) * 60 + ss) * 1000);
}

function fold(s: string): string {
  return s.toLocaleLowerCase('tr').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i');
}

/**
 * Generate the demo workspace. Deterministic: the same options give the same JSON.
 * @example generateDemoWorkspace({ seed: 42, now: new Date('2026-11-23T12:00:00Z') }).boards.length === 3
 */
export function generateDemoWorkspace(opts: DemoOptions): DemoWorkspace {
  return generate({ ...opts, designed: true });
}

/** Benchmark scale: N boards × M cards × D days of ordinary traffic (with random slips, no designed cases). */
export function generateScaleWorkspace(opts: { boards?: number; cards?: number; days?: number; seed: number; now?: Date }): DemoWorkspace {
  return generate({
    seed: opts.seed,
    now: opts.now ?? new Date('2026-11-23T12:00:00Z'),
    days: opts.days ?? 180,
    boards: opts.boards ?? 20,
    cardsPerBoard: opts.cards ?? 50,
    designed: false,
  });
}

function memo<T>(f: (d: DateKey) => T): (d: DateKey) => T {
  const m = new Map<DateKey, T>();
  return (d) => {
    let v = m.get(d);
    if (v === undefined) m.set(d, (v = f(d)));
    return v;
  };
}

/** Mon–Fri and not a public holiday: when people write the one-off notes. */
function workdayOnOrAfter(d: DateKey): DateKey {
  let x = d;
  while (isoWeekday(x) > 5 || publicHoliday(x)) x = addDays(x, 1);
  return x;
}
function workdayOnOrBefore(d: DateKey): DateKey {
  let x = d;
  while (isoWeekday(x) > 5 || publicHoliday(x)) x = addDays(x, -1);
  return x;
}

function generate(opts: DemoOptions & { designed: boolean }): DemoWorkspace {
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
  /** A second comment the same working day: after `base`, or before it when that would run past 19:00. */
  const sameDay = (base: Date, minutes: number) => {
    const after = later(base, minutes);
    return after.getTime() - dayStart(dateKey(base)).getTime() > 19 * 3_600_000 ? later(base, -minutes) : after;
  };

  // ───────── people ─────────
  const usedNames = new Set<string>();
  const personName = () => {
    for (;;) {
      const n = `${rng.pick(P.FIRST_NAMES)} ${rng.pick(P.SURNAMES)}`;
      if (!usedNames.has(n) && n !== P.TEAM_LEAD.fullName && n !== P.MANAGER.fullName) {
        usedNames.add(n);
        return n;
      }
    }
  };
  const mkMember = (fullName: string, i: number): TrelloMember => {
    const username = fold(fullName).replace(/[^a-z0-9]/g, '') + (i > 40 ? i : '');
    const m: TrelloMember = { id: state.newId(later(epoch, i * 37)), fullName, username, initials: fullName.split(' ').map((w) => w[0]).join('') };
    state.members.set(m.id, m);
    return m;
  };
  const lead = mkMember(P.TEAM_LEAD.fullName, 0);
  const manager = mkMember(P.MANAGER.fullName, 1);
  const specialists = Array.from({ length: nBoards }, (_, i) => mkMember(personName(), i + 2));

  // ───────── settings: Saturday rota (rotating), leave of the third specialist with a cover ─────────
  const saturdayRota: Record<DateKey, string[]> = {};
  let leave: DemoExpectations['leave'] = null;
  if (designed) {
    const from = addDays(today, -(isoWeekday(today) - 1) - 21); // Monday three weeks back
    leave = { memberId: specialists[2]!.id, from, to: addDays(from, 4), coverId: specialists[0]!.id };
  }
  {
    let sat = addDays(start, 5);
    let k = 0;
    while (sat <= addDays(today, 14)) {
      if (!publicHoliday(sat)) saturdayRota[sat] = [specialists[k % specialists.length]!.id];
      k++;
      sat = addDays(sat, 7);
    }
  }
  const settingsInput = {
    v: 1 as const,
    saturdayRota,
    ...(leave ? { leaves: [{ memberId: leave.memberId, from: leave.from, to: leave.to, createdAt: addDays(leave.from, -10) }] } : {}),
    trackingStart: start,
  };
  const settings: BoardSettings = BoardSettingsSchema.parse(settingsInput);
  const cal: Calendar = createCalendar(settings);

  // ───────── boards, lists, labels, cards ─────────
  const expectations: DemoExpectations = {
    now: now.toISOString(),
    trackingStart: start,
    holidays: [],
    saturdayRota,
    leave,
    byCard: {},
    cases: {},
  };
  for (let d = start; d <= today; d = addDays(d, 1)) if (publicHoliday(d) && isoWeekday(d) <= 6) expectations.holidays.push(d);

  const boards: Array<{ id: string; name: string; created: Date; lists: Map<string, TrelloList>; labels: Map<string, TrelloLabel>; cards: CardPlan[]; pd: TrelloPluginData[]; specialist: TrelloMember }> = [];
  let domainIdx = 0;
  for (let b = 0; b < nBoards; b++) {
    const sp = specialists[b]!;
    const created = later(at(addDays(start, -200 + b * 3), 10, 0), b * 7);
    const id = state.newId(created);
    const lists = new Map<string, TrelloList>();
    LISTS.forEach((name, i) => lists.set(name, { id: state.newId(later(created, 1 + i)), name, closed: false, pos: 16384 * (i + 1), idBoard: id }));
    const labels = new Map<string, TrelloLabel>();
    LABELS.forEach(([name, color], i) => labels.set(name, { id: state.newId(later(created, 2 + i)), name, color, idBoard: id }));
    boards.push({ id, name: `Gelişmiş Destek — ${sp.fullName}`, created, lists, labels, cards: [], pd: [], specialist: sp });
  }

  const addCase = (c: CardPlan, k: DemoCase) => {
    if (!c.exp.cases.includes(k)) c.exp.cases.push(k);
    (expectations.cases[k] ??= []).push(c.id);
  };

  for (let b = 0; b < nBoards; b++) {
    const board = boards[b]!;
    const sp = board.specialist;
    let slotIdx = 0;
    const totalCards = nCards + (designed ? 1 : 0);
    for (let i = 0; i < totalCards; i++) {
      const archived = designed && i === nCards;
      const scenario: DemoCase = archived ? 'archived' : designed ? (PLAN[b]?.[i] ?? 'normal') : 'normal';
      // Assignment: new customers inside the window, the rest long before (already live).
      let assignedAt: DateKey;
      let isNew = false;
      switch (scenario) {
        case 'golive-overdue':
          assignedAt = workdayOnOrAfter(addDays(today, -75));
          isNew = true;
          break;
        case 'golive-overdue-with-reason':
          assignedAt = workdayOnOrAfter(addDays(today, -82));
          isNew = true;
          break;
        case 'golive-done':
          assignedAt = workdayOnOrAfter(addDays(today, -70));
          isNew = true;
          break;
        case 'golive-due-soon':
          assignedAt = workdayOnOrAfter(addDays(today, -52));
          isNew = true;
          break;
        case 'intro-late':
          assignedAt = workdayOnOrAfter(addDays(today, -40));
          isNew = true;
          break;
        case 'no-profile':
          assignedAt = workdayOnOrAfter(addDays(today, -25));
          isNew = true;
          break;
        default:
          assignedAt = addDays(start, -rng.int(60, 330));
      }
      const created = isNew ? at(assignedAt, 8, rng.int(0, 59), rng.int(0, 59)) : at(assignedAt, rng.int(9, 11), rng.int(0, 59), rng.int(0, 59));
      const id = state.newId(created);
      const noProfile = scenario === 'no-profile' || scenario === 'golive-due-soon';
      const fixedSlot = scenario === 'slot-overlap' ? '17:40' : scenario === 'golive-done' ? '17:10' : undefined; // 30 min apart: R3 overlap
      const pool = scenario === 'pool' || (!fixedSlot && !noProfile && slotIdx >= SLOTS.length);
      let slot: string | undefined;
      if (!pool && !noProfile) slot = fixedSlot ?? SLOTS[slotIdx++];
      const quota = rng.pick([2, 4, 5, 10, 20]);
      const traffic = rng.pick([50, 100, 200, 500]);
      const integration = !isNew && rng.chance(0.3);
      const design = !isNew && rng.chance(0.2);
      const name = P.domainAt(domainIdx++);
      const profile: ProfileInput | null = noProfile
        ? null
        : {
            v: 1,
            site: name,
            package: rng.chance(0.6) ? 'monthly' : 'fixedTerm',
            assignedAt,
            specialist: sp.id,
            ...(slot ? { trainingSlot: slot } : {}),
            pool,
            integration,
            design,
            ...(isNew ? {} : { liveAt: addDays(assignedAt, rng.int(25, 55)) }),
            quotaTotalGB: quota,
            ...(rng.chance(0.85) ? { trafficTotalGB: traffic } : {}),
          };
      const c: CardPlan = {
        id,
        boardIdx: b,
        name,
        scenario,
        created,
        assignedAt,
        profile,
        specialist: sp.id,
        quota,
        traffic,
        unlimitedTraffic: !!profile && profile.trafficTotalGB === undefined && scenario === 'normal',
        diskStart: 0.25 + rng() * 0.4,
        trafficStart: 0.15 + rng() * 0.35,
        closed: archived,
        listName: archived ? 'Arşiv' : isNew ? (scenario === 'golive-done' ? 'Canlı' : rng.pick(['Kurulum', 'Eğitim'])) : 'Canlı',
        labels: [...(pool ? ['Havuz'] : []), ...(integration ? ['Entegrasyon'] : []), ...(design ? ['Tasarım'] : [])],
        exp: { boardId: board.id, cardId: id, name, cases: [], findings: [], absent: [], clean: scenario === 'clean' || scenario === 'leave-cover' || scenario === 'archived' },
      };
      addCase(c, scenario);
      if (pool && scenario !== 'pool') addCase(c, 'pool');
      if (pool) c.exp.absent.push({ rule: 'slot', why: 'pool customers have no fixed training slot (R4)' });
      board.cards.push(c);
    }
  }

  // Scenario-specific profile edits.
  const byScenario = (k: DemoCase) => boards.flatMap((bd) => bd.cards).filter((c) => c.scenario === k);
  let frozenRange: { from: DateKey; to: DateKey } | null = null;
  if (designed) {
    const monday = addDays(today, -(isoWeekday(today) - 1));
    for (const c of byScenario('frozen')) {
      frozenRange = { from: addDays(monday, -49), to: addDays(monday, -29) }; // three whole weeks, Mon..Sun
      c.profile!.frozen = [{ ...frozenRange, note: 'Müşteri talebiyle 3 hafta hizmet donduruldu', approvedBy: lead.id }];
      c.labels.push('Dondurulmuş');
      for (let d = frozenRange.from; d <= frozenRange.to; d = addDays(d, 1)) c.exp.absent.push({ rule: 'daily', period: d, why: 'frozen (R20)' });
      for (let d = frozenRange.from; d <= frozenRange.to; d = addDays(d, 7)) c.exp.absent.push({ rule: 'weekly', period: weekKey(d), why: 'frozen whole week' });
    }
    for (const bd of boards.slice(2, 3)) {
      for (const c of bd.cards) {
        if (!c.profile || c.scenario === 'leave-no-cover' || c.closed) continue;
        c.profile.cover = [{ from: leave!.from, to: leave!.to, memberId: leave!.coverId }];
        if (c.scenario !== 'leave-cover') addCase(c, 'leave-cover');
      }
    }
    for (const c of byScenario('leave-no-cover')) {
      for (let d = leave!.from; d <= leave!.to; d = addDays(d, 1)) c.exp.absent.push({ rule: 'daily', period: d, why: 'specialist on leave, no cover (DESIGN §5)' });
    }
    // HANDBOOK P16 (R55–R57, A19): the leave ended over two weeks before now, so no card of the specialist on
    // leave is judged for its cover — not even the uncovered leave-no-cover and no-profile cards (an ended
    // leave is left to the daily rule, which blames the cover or nobody). P15 (R54, A13): the leave was
    // recorded 10 days ahead, so there is no board-level short-notice warning either (workspace.test.ts).
    for (const c of boards.filter((bd) => bd.specialist.id === leave!.memberId).flatMap((bd) => bd.cards)) c.exp.absent.push({ rule: 'leave', why: 'leave ended before now: P16 judges only upcoming or running leave' });
    for (const c of [...byScenario('golive-overdue'), ...byScenario('golive-overdue-with-reason')]) c.profile!.integration = false;
  }

  // Validate every profile with the shared schema (the Power-Up's form writes the same shape).
  for (const bd of boards) {
    for (const c of bd.cards) {
      if (c.profile) c.profile = ProfileSchema.parse(c.profile);
      const snap: CardSnapshot = { id: c.id, name: c.name, idList: '', closed: c.closed, idMembers: [c.specialist], pluginData: c.profile ? [{ value: JSON.stringify({ profile: c.profile }) }] : [] };
      c.calInput = { specialist: c.specialist, profile: readProfile(snap).profile };
    }
  }

  // ───────── comments ─────────
  const weekMon = memo((w) => weekDates(w)[0]!);
  const weekSun = memo((w) => weekDates(w)[6]!);
  const monthFirst = memo((m) => monthDates(m)[0]!);
  const monthLast = memo((m) => monthDates(m).at(-1)!);
  const nthWdMemo = new Map<string, DateKey>();
  /** n-th working day of the month after m (monthly grace, A5). */
  const nthWd = (m: MonthKey, n: number): DateKey => {
    const k = `${m}#${n}`;
    let v = nthWdMemo.get(k);
    if (v === undefined) nthWdMemo.set(k, (v = cal.nthWorkingDay(null, addMonths(m, 1), n)));
    return v;
  };
  const planned: Planned[] = [];
  const plannedByCard = new Map<string, Planned[]>();
  const post = (c: CardPlan, author: string, when: Date, text: string): Planned | null => {
    if (when.getTime() >= now.getTime()) return null;
    const p: Planned = { cardId: c.id, author, at: when, text };
    planned.push(p);
    let list = plannedByCard.get(c.id);
    if (!list) plannedByCard.set(c.id, (list = []));
    list.push(p);
    return p;
  };
  const expect = (c: CardPlan, f: ExpectedFinding) => c.exp.findings.push(f);
  const tagged = (tag: string, body: string) => {
    const r = rng();
    if (r < 0.8) return `${tag} ${body}`;
    if (r < 0.9) return `${body} ${tag}`;
    return `${tag}\n${body}`;
  };
  const dateStyle = (d: DateKey, postedDay: DateKey) => {
    const [y, m, dd] = d.split('-');
    const sameYear = postedDay.slice(0, 4) === y;
    const forms = [`${dd}.${m}.${y}`, d, `${dd}/${m}/${y}`, ...(sameYear ? [`${dd}.${m}`, `${dd}.${m}`] : [])];
    return rng.pick(forms);
  };

  for (const bd of boards) {
    for (const c of bd.cards) {
      const ci = c.calInput!;
      const sc = c.scenario;
      const from = c.assignedAt > start ? c.assignedAt : start;
      // Plan a week ahead so this week's weekly falls on its usual day (nothing after `now` is posted).
      const lastDay = c.closed ? addDays(start, 20) : addDays(today, 7);
      const slotMin = ci.profile.trainingSlot ? Number(ci.profile.trainingSlot.slice(0, 2)) * 60 + Number(ci.profile.trainingSlot.slice(3)) : null;
      const required: DateKey[] = [];
      for (let d = from; d <= lastDay; d = nextDay(d)) if (cal.isRequiredDay(ci, d)) required.push(d);
      const judged = required.filter((d) => d < today);
      const safe = judged.filter((d) => d <= addDays(today, -4));
      const pickSafe = (frac: number) => safe[Math.min(safe.length - 1, Math.max(0, Math.floor(safe.length * frac)))]!;
      const skip = new Set<DateKey>();
      const late = new Set<DateKey>();
      const unreachable = new Set<DateKey>();
      const noWeeklyOn = new Set<DateKey>();
      let editDay: DateKey | null = null;
      let sameDayEditDay: DateKey | null = null;
      let deleteDay: DateKey | null = null;

      // Designed day-level deviations.
      if (sc === 'missing-days') for (const f of [0.2, 0.5, 0.8]) skip.add(pickSafe(f));
      if (sc === 'late-days') for (const f of [0.3, 0.7]) late.add(pickSafe(f));
      if (sc === 'unreachable-streak') {
        // Four consecutive working days Mon..Thu about two weeks back: only #ulaşılamadı entries (R16).
        const i0 = safe.findIndex((d) => d >= addDays(today, -20) && isoWeekday(d) === 1 && [1, 2, 3].every((k) => safe.includes(addDays(d, k))));
        const first = safe[i0 >= 0 ? i0 : Math.floor(safe.length * 0.75)]!;
        for (let k = 0; k < 4; k++) if (required.includes(addDays(first, k))) unreachable.add(addDays(first, k));
        expect(c, { rule: 'unreachable', status: 'escalate', period: first, why: '3+ working days with only #ulaşılamadı entries' });
      }
      if (sc === 'saturday-rota-miss') {
        const sat = safe.filter((d) => isoWeekday(d) === 6).at(-1);
        if (sat) skip.add(sat);
      }
      if (sc === 'leave-cover-miss' && leave) {
        const d = required.find((x) => x >= leave.from && x <= leave.to && isoWeekday(x) === 3) ?? required.find((x) => x >= leave.from && x <= leave.to);
        if (d) skip.add(d);
      }
      if (sc === 'edited-comment') editDay = pickSafe(0.85);
      if (sc === 'edited-same-day') sameDayEditDay = pickSafe(0.8);
      if (sc === 'deleted-comment') deleteDay = pickSafe(0.9);
      // Random slips of ordinary customers (recorded, so expectations stay exact).
      if (sc === 'normal') {
        for (const d of safe) {
          const r = rng();
          if (r < 0.015) skip.add(d);
          else if (r < 0.03 && isoWeekday(d) <= 5) late.add(d);
        }
      }
      for (const d of skip) {
        expect(c, { rule: 'daily', status: 'missing', period: d, memberId: cal.responsible(ci, d) ?? undefined, why: isoWeekday(d) === 6 ? 'rota Saturday without a daily (R50)' : 'working day without a daily entry (R31)' });
      }
      for (const d of late) expect(c, { rule: 'daily', status: 'late', period: d, memberId: cal.responsible(ci, d) ?? undefined, why: 'daily written the next working day (R31)' });
      if (sc === 'saturday-rota-miss') addCase(c, 'saturday-rota-miss');

      // Weekly day of each week: Thursday if required, else the week's last required day (avoiding a streak day).
      const weeks = new Map<WeekKey, DateKey[]>();
      for (const d of required) {
        const w = weekOf(d);
        const list = weeks.get(w) ?? [];
        list.push(d);
        weeks.set(w, list);
      }
      const weeklyDay = new Map<WeekKey, DateKey>();
      for (const [w, ds] of weeks) {
        const ok = ds.filter((d) => !unreachable.has(d) && !skip.has(d) && isoWeekday(d) <= 5);
        const pick = ok.find((d) => isoWeekday(d) === 4) ?? ok.at(-1);
        if (pick) weeklyDay.set(w, pick);
      }
      const judgedWeeks = [...weeklyDay.keys()].filter((w) => weekSun(w) < today && weekMon(w) >= start);
      const pickWeek = (back: number) => judgedWeeks[Math.max(0, judgedWeeks.length - back)];
      let incompleteWeek: WeekKey | undefined;
      let missingWeek: WeekKey | undefined;
      let lateWeek: WeekKey | undefined;
      if (sc === 'incomplete-weekly') {
        incompleteWeek = pickWeek(4);
        if (incompleteWeek) expect(c, { rule: 'weekly', status: 'incomplete', period: incompleteWeek, why: 'weekly without a traffic reading (R36, R37)' });
      }
      if (sc === 'missing-weekly') {
        missingWeek = pickWeek(5);
        if (missingWeek) expect(c, { rule: 'weekly', status: 'missing', period: missingWeek, why: 'no weekly entry that week (R34)' });
      }
      if (sc === 'late-weekly') {
        lateWeek = pickWeek(3);
        if (lateWeek) expect(c, { rule: 'weekly', status: 'late', period: lateWeek, why: 'weekly written the Monday after (R34)' });
      }
      if (missingWeek) for (const d of weekDates(missingWeek)) noWeeklyOn.add(d);

      // Monthly: last required day of each month (or the 1st working day of the next, with the month written).
      const months = new Map<MonthKey, DateKey[]>();
      for (const d of required) {
        const m = monthOf(d);
        const list = months.get(m) ?? [];
        list.push(d);
        months.set(m, list);
      }
      const judgeableMonths = [...months.keys()].filter((m) => monthFirst(m) >= start && nthWd(m, 3) < addDays(today, -1));
      const designedMonth = judgeableMonths.at(-1);
      if (sc === 'missing-monthly' && designedMonth) expect(c, { rule: 'monthly', status: 'missing', period: designedMonth, why: 'no monthly entry (R41)' });
      if (sc === 'late-monthly' && designedMonth) expect(c, { rule: 'monthly', status: 'late', period: designedMonth, why: 'monthly written after the 3rd working day of the next month (A5)' });

      // Readings: disk grows slowly; designed cards end high.
      let weekIdx = 0;
      const diskPct = (w: number, isLast: boolean) => {
        if (sc === 'disk-high' && isLast) return 0.84;
        if (sc === 'disk-critical' && isLast) return 0.96;
        if (sc === 'disk-high-handled' && isLast) return 0.86;
        return Math.min(0.7, c.diskStart + w * 0.004 + rng() * 0.01);
      };
      // Designed disk cards read high in their last two weekly weeks (the latest reading is what counts).
      const weeklyWeeks = [...weeklyDay.entries()].filter(([, d]) => d <= today).map(([w]) => w);
      const highFrom = weeklyWeeks.at(-2) ?? weeklyWeeks.at(-1) ?? '9999-W99';

      const author = (d: DateKey) => cal.responsible(ci, d) ?? c.specialist;
      const dailyTime = (d: DateKey): Date => {
        if (slotMin !== null) return at(d, 0, slotMin + 50 + rng.int(0, 20), rng.int(0, 59));
        return at(d, rng.int(9, 17), rng.int(0, 59), rng.int(0, 59));
      };

      // Intro for customers assigned inside the window.
      if (c.assignedAt >= start) {
        let introDay = c.assignedAt;
        if (sc === 'intro-late') {
          introDay = required[3] ?? c.assignedAt;
          expect(c, { rule: 'intro', status: 'late', period: c.assignedAt, why: 'onboarding call three working days after assignment (R17)' });
          unreachable.add(required[0]!);
          unreachable.add(required[1]!);
        }
        const slotText = ci.profile.trainingSlot ? `Eğitim saati her gün ${ci.profile.trainingSlot} olarak belirlendi` : ci.profile.pool ? 'Havuz sistemi anlatıldı' : 'Eğitim saati müşteriyle netleşecek';
        post(c, author(introDay), at(introDay, 10, rng.int(0, 50), rng.int(0, 59)), `${weighted(rng, P.INTRO_TAGS)} Tanışma görüşmesi yapıldı. ${slotText}, karşılama maili gönderildi.`);
      }

      for (const d of required) {
        if (d > today) break;
        const w = weekOf(d);
        const isWeeklyDay = weeklyDay.get(w) === d && !noWeeklyOn.has(d);
        const writer = author(d);
        const t = dailyTime(d);
        const special = skip.has(d) || late.has(d) || unreachable.has(d) || d === editDay || d === sameDayEditDay || d === deleteDay;
        // Some people put both tags in one comment on the weekly day (DESIGN §4: several tags per comment).
        const combine = isWeeklyDay && !special && w !== incompleteWeek && w !== lateWeek && rng.chance(0.25);
        if (unreachable.has(d)) {
          const extra = sc === 'unreachable-streak' && [...unreachable].sort().at(-1) === d ? ' Takım liderine iletildi.' : '';
          post(c, writer, t, `${weighted(rng, P.UNREACHABLE_TAGS)} ${rng.pick(P.UNREACHABLE_BODIES)}${extra}`);
        } else if (skip.has(d)) {
          // designed or random miss: nothing written that day
        } else if (late.has(d)) {
          const next = cal.nextWorkingDay(writer, d);
          post(c, writer, at(next, 9, rng.int(5, 55), rng.int(0, 59)), `${weighted(rng, P.DAILY_TAGS)} ${dateStyle(d, next)} dün akşamki eğitimin notu: ${rng.pick(P.DAILY_BODIES)}`);
        } else if (!combine) {
          const p = post(c, writer, t, tagged(weighted(rng, P.DAILY_TAGS), rng.pick(P.DAILY_BODIES)));
          if (p && d === editDay) {
            p.text = '#günlük Eğitim yapıldı, kargo ayarları anlatıldı.';
            p.edit = { at: at(addDays(d, 4), 11, 20, 5), text: '#günlük Eğitim yapıldı, kargo ve ödeme ayarları anlatıldı; iade süreci de konuşuldu.' };
            if (p.edit.at < now) expect(c, { rule: 'evidence', status: 'edited', period: d, why: 'entry edited four days after its day (TRELLO-PLATFORM §5)' });
          }
          if (p && d === sameDayEditDay) {
            p.text = '#günlük egitim yapıldı, urun varyantlari anlatıldı.';
            p.edit = { at: later(p.at, 12), text: '#günlük Eğitim yapıldı, ürün varyantları anlatıldı.' };
            c.exp.absent.push({ rule: 'evidence', period: d, why: 'typo fixed the same day, before its period ended' });
          }
          if (p && d === deleteDay) {
            p.deleteAt = at(addDays(d, 2), 16, 45, 10);
            if (p.deleteAt < now) {
              expect(c, { rule: 'evidence', status: 'deleted', period: d, why: 'entry deleted two days later (deleteComment, no text)' });
              expect(c, { rule: 'daily', status: 'missing', period: d, memberId: writer, why: 'its only daily was deleted' });
            }
          }
          if (rng.chance(0.03)) post(c, writer, sameDay(t, rng.int(30, 120)), rng.pick(P.NOTES));
        }

        if (isWeeklyDay && w !== lateWeek) {
          const text = weeklyText(c, ci.profile, diskPct(weekIdx, w >= highFrom), w === incompleteWeek, sc === 'disk-high-handled' && w >= highFrom);
          if (combine) post(c, writer, t, text.replace(/^(\S+)/, (tag) => `${weighted(rng, P.DAILY_TAGS)} ${tag}`));
          else post(c, writer, sameDay(t, rng.int(20, 70)), text);
          weekIdx++;
        }
        if (isWeeklyDay && w === lateWeek) {
          const monday = addDays(weekMon(w), 7);
          const text = weeklyText(c, ci.profile, diskPct(weekIdx, false), false, false).replace(/^(\S+)/, (tag) => `${tag} ${w}`);
          post(c, writer, at(monday, 9, rng.int(10, 50)), text);
          weekIdx++;
        }
      }

      // Monthlies: written once the month is over — on its last required day, or (not the clean card) on
      // the next month's first working day with the month written out (DESIGN §4 `2026-10`).
      for (const [m, ds] of months) {
        if (monthLast(m) >= today || (sc === 'missing-monthly' && m === designedMonth)) continue;
        const last = ds.filter((d) => !skip.has(d) && !unreachable.has(d)).at(-1);
        if (!last) continue;
        const body = rng.pick(P.MONTHLY_BODIES);
        if (sc === 'late-monthly' && m === designedMonth) {
          const d = nthWd(m, 7);
          post(c, author(d), at(d, 11, rng.int(0, 59)), `${weighted(rng, P.MONTHLY_TAGS)} ${m}\n${body}`);
        } else if (sc !== 'clean' && rng.chance(0.4) && nthWd(m, 1) < today && cal.responsible(ci, nthWd(m, 1)) !== null) {
          const d = nthWd(m, 1);
          post(c, author(d), at(d, 10, rng.int(0, 59)), `${weighted(rng, P.MONTHLY_TAGS)} ${m}\n${body}`);
        } else {
          post(c, author(last), at(last, 17, rng.int(30, 59)), `${weighted(rng, P.MONTHLY_TAGS)}${rng.chance(0.5) ? ' ' + m : ''}\n${body}`);
        }
      }

      // Go-live.
      const deadline = addDays(c.assignedAt, ci.profile.integration || ci.profile.design ? 90 : 60);
      if (sc === 'golive-overdue') {
        expect(c, { rule: 'golive', status: 'overdue', period: deadline, why: 'not live 60 days after assignment (R27)' });
        expect(c, { rule: 'golive-reason', status: 'missing', period: deadline, why: 'overdue without a #gecikme entry (R28)' });
        post(c, lead.id, at(workdayOnOrAfter(addDays(deadline, 3)), 12, 5), `@${fold(bd.specialist.fullName).replace(/[^a-z]/g, '')} bu müşterinin canlı tarihi geçti, durum nedir?`);
      }
      if (sc === 'golive-overdue-with-reason') {
        expect(c, { rule: 'golive', status: 'overdue', period: deadline, why: 'not live 60 days after assignment (R27)' });
        c.exp.absent.push({ rule: 'golive-reason', why: 'a #gecikme entry was written after the deadline (R28)' });
        const d = required.find((x) => x > deadline && x <= addDays(deadline, 6)) ?? workdayOnOrAfter(addDays(deadline, 2));
        post(c, author(d), at(d, 15, 10), `${weighted(rng, P.DELAY_TAGS)} Sanal POS başvurusu bankada bekliyor, ödeme adımı tamamlanamadı.\nYeni hedef: başvuru onayından sonraki hafta.`);
      }
      if (sc === 'golive-done') {
        const liveDay = required.find((x) => x >= addDays(c.assignedAt, 45)) ?? c.assignedAt;
        c.profile!.liveAt = liveDay;
        post(c, author(liveDay), at(liveDay, 16, 30), `${weighted(rng, P.GOLIVE_TAGS)} Site canlıya alındı 🎉 Alan adı yönlendirmesi ve SSL tamam.`);
        c.exp.absent.push({ rule: 'golive', why: 'live (#canlı and liveAt)' }, { rule: 'golive-reason', why: 'live' });
      }
      if (sc === 'golive-due-soon') {
        expect(c, { rule: 'golive', status: 'due-soon', period: deadline, why: '≤ 14 days to the go-live limit (R27)' });
      }
      if (sc === 'no-profile' || sc === 'golive-due-soon') {
        expect(c, { rule: 'slot', status: 'missing', period: '', why: 'no profile: no training slot and not pool (R3)' });
        if (sc === 'golive-due-soon') addCase(c, 'no-profile');
      }
      if (sc === 'slot-overlap') {
        expect(c, { rule: 'slot', status: 'overlap', period: '', why: 'slot 17:40 is 30 min after another 17:10 slot (R3)' });
        // HANDBOOK P13 (R51, A12): the 17:40 slot's 50 minutes end at 18:30, after 18:15 — an additional warning.
        expect(c, { rule: 'slot', status: 'warning', period: '', why: 'slot 17:40–18:30 ends after 18:15 (P13, R51, A12)' });
        const other = bd.cards.find((x) => x.scenario === 'golive-done');
        if (other) expect(other, { rule: 'slot', status: 'overlap', period: '', why: 'slot 17:10 overlaps the 17:40 slot (R3)' }), addCase(other, 'slot-overlap');
      }
      if (sc === 'frozen' && frozenRange) {
        post(c, c.specialist, at(workdayOnOrBefore(addDays(frozenRange.from, -1)), 17, 40), 'Müşteri talebiyle hizmet 3 hafta donduruldu, dondurma onayı alındı.');
        const back = required.find((d) => d > frozenRange!.to);
        if (back) post(c, c.specialist, at(back, 9, 30), 'Dondurma kaldırıldı, eğitimlere yeniden başlandı.');
      }
      const lastReading = (plannedByCard.get(c.id) ?? []).filter((p) => /^(Disk|Kota)/m.test(p.text)).sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1);
      const lastWeeklyWeek = lastReading ? weekKey(dateKey(lastReading.at)) : undefined;
      if (sc === 'disk-high' && lastWeeklyWeek) {
        expect(c, { rule: 'disk', status: 'high', period: lastWeeklyWeek, why: 'disk 84 % with no informed/optimized/upgrade note (R38)' });
        post(c, lead.id, at(workdayOnOrBefore(addDays(today, -1)), 18, 50), 'Kota durumunu yakından takip edelim lütfen.');
      }
      if (sc === 'disk-critical' && lastWeeklyWeek) expect(c, { rule: 'disk', status: 'critical', period: lastWeeklyWeek, why: 'disk 96 % (R36, A9)' });
      if (sc === 'disk-high-handled') c.exp.absent.push({ rule: 'disk', why: '86 % but informed and optimized that week (R38)' });
      // HANDBOOK P10 (R39, A11): designed disk cards jump from ≤ 70 % to 84–96 % in their second-to-last
      // weekly week — an abnormal growth warning for that week, when an earlier weekly reading exists.
      if ((sc === 'disk-high' || sc === 'disk-critical' || sc === 'disk-high-handled') && weeklyWeeks.length >= 3) {
        expect(c, { rule: 'growth', status: 'warning', period: highFrom, why: 'disk ≤ 70 % → ≥ 84 % in one week (P10, R39, A11)' });
      }
      if (sc === 'leave-cover-miss' && leave) addCase(c, 'leave-cover');
    }
  }

  // ───────── assemble: skeleton boards, then the comments in time order ─────────
  const pdAt = (c: CardPlan) => later(c.created, 5);
  for (const bd of boards) {
    const memberIds = [bd.specialist.id, lead.id, manager.id, ...(leave && bd.specialist.id === leave.memberId ? [leave.coverId] : [])];
    const cards: TrelloCard[] = bd.cards.map((c, i) => ({
      id: c.id,
      name: c.name,
      idList: bd.lists.get(c.listName)!.id,
      closed: c.closed,
      idMembers: [c.specialist],
      idLabels: c.labels.map((l) => bd.labels.get(l)!.id),
      desc: `Müşteri sitesi: https://${c.name}`,
      pos: 16384 * (i + 1),
      idShort: i + 1,
    }));
    const pluginData: TrelloPluginData[] = [];
    for (const c of bd.cards) {
      if (c.profile) pluginData.push({ id: state.newId(pdAt(c)), idPlugin: DEMO_PLUGIN_ID, scope: 'card', idModel: c.id, value: JSON.stringify({ profile: c.profile }), access: 'shared' });
    }
    pluginData.push({ id: state.newId(later(bd.created, 30)), idPlugin: DEMO_PLUGIN_ID, scope: 'board', idModel: bd.id, value: JSON.stringify({ settings: settingsInput }), access: 'shared' });
    state.loadBoard({
      id: bd.id,
      name: bd.name,
      desc: 'Gelişmiş Destek müşteri panosu (Nabız demo)',
      lists: [...bd.lists.values()],
      labels: [...bd.labels.values()],
      cards,
      members: memberIds.map((m) => state.members.get(m)!),
      memberships: memberIds.map((m, i) => ({ id: state.newId(later(bd.created, 40 + i)), idMember: m, memberType: m === lead.id ? 'admin' : m === manager.id ? 'observer' : 'normal', unconfirmed: false, deactivated: false })),
      actions: [],
      pluginData,
    });
  }

  type Ev = { at: Date; run: () => void };
  const events: Ev[] = [];
  for (const p of planned) {
    events.push({ at: p.at, run: () => void (p.id = state.addComment(p.cardId, p.author, p.text, p.at).id) });
    if (p.edit && p.edit.at < now) events.push({ at: p.edit.at, run: () => void state.editComment(p.id!, p.author, p.edit!.text, p.edit!.at) });
    if (p.deleteAt && p.deleteAt < now) events.push({ at: p.deleteAt, run: () => void state.deleteComment(p.id!, p.author, p.deleteAt) });
  }
  for (const bd of boards) {
    for (const c of bd.cards.filter((x) => x.closed)) {
      const when = at(addDays(start, 21), 10, 0);
      events.push({
        at: when,
        run: () =>
          void state.addAction({
            id: state.newId(when),
            idMemberCreator: lead.id,
            type: 'updateCard',
            date: when.toISOString(),
            data: { old: { closed: false }, card: { id: c.id, name: c.name, closed: true }, board: { id: bd.id, name: bd.name } },
          }),
      });
    }
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const e of events) e.run();

  // Evidence expectations need the action ids.
  for (const bd of boards) {
    for (const c of bd.cards) {
      for (const f of c.exp.findings) {
        if (f.rule !== 'evidence') continue;
        const p = (plannedByCard.get(c.id) ?? []).find((x) => (f.status === 'edited' ? x.edit : x.deleteAt) && dateKey(x.at) === f.period);
        if (p?.id) f.actionIds = [p.id];
      }
      expectations.byCard[c.id] = c.exp;
    }
  }

  // No deep copy: this state is dropped here, and loading a board parses (copies) it again.
  const out: EmulatedBoard[] = boards.map((bd) => state.exportBoard(bd.id, { actionsLimit: Infinity, allTypes: true, clone: false }));
  const people: Person[] = [
    { name: lead.fullName, email: P.TEAM_LEAD.email, trelloId: lead.id, role: 'teamLead', specialists: specialists.map((s) => s.id) },
    { name: manager.fullName, email: P.MANAGER.email, trelloId: manager.id, role: 'manager' },
  ];
  return {
    boards: out,
    people,
    specialists: specialists.map((s, i) => ({ id: s.id, fullName: s.fullName, username: s.username, boardId: boards[i]!.id })),
    members: [lead, manager, ...specialists],
    teamLeadId: lead.id,
    managerId: manager.id,
    expectations,
  };

  function weeklyText(c: CardPlan, profile: CardCalendarInput['profile'], disk: number, noTraffic: boolean, handled: boolean): string {
    const tag = weighted(rng, P.WEEKLY_TAGS);
    const used = c.quota * disk;
    const pct = Math.round(disk * 100);
    const designedDisk = c.scenario === 'disk-high' || c.scenario === 'disk-critical' || c.scenario === 'disk-high-handled';
    const diskForms = [
      `Disk: ${dec(used)}/${c.quota} GB`,
      `Disk ${dec(used)} / ${c.quota} GB`,
      `Disk kotası: ${Math.round(used * 1024)}MB/${c.quota}GB`,
      `Disk: ${dec(used, false)}/${c.quota}GB`,
      ...(profile.quotaTotalGB && !designedDisk ? [`Kota %${pct}`, `Kota: ${pct}%`] : []),
    ];
    const diskLine = designedDisk ? `Disk: ${dec(used)}/${c.quota} GB` : rng.pick(diskForms);
    // Traffic wobbles by at most 6 points week to week (+ ≤ 2 points of whole-GB rounding): a steady customer
    // never shows HANDBOOK P10's abnormal growth (≥ 10 points, R39/A11). Same rng draws as before.
    const tUsed = Math.round(c.traffic * Math.min(0.75, c.trafficStart + rng() * 0.06));
    const tPct = Math.round((tUsed / c.traffic) * 100);
    const trafficForms = [
      `Trafik: ${tUsed}GB/${c.traffic}GB`,
      `Trafik ${tUsed}/${c.traffic} GB`,
      ...(profile.trafficTotalGB ? [`Trafik %${tPct}`] : []),
    ];
    const lines = [tag, diskLine];
    if (!noTraffic) lines.push(c.unlimitedTraffic ? rng.pick(['Trafik: sınırsız', 'Trafik sınırsız', 'Trafik: sinirsiz']) : rng.pick(trafficForms));
    lines.push(rng.pick(P.WEEKLY_BODIES));
    if (handled) lines.push('Müşteri bilgilendirildi, görseller optimize edildi.');
    return lines.join('\n');
  }
}
