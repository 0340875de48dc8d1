// The scenarios: boards with their lists and labels, and on each board the customer cards, each with the
// designed case it plays (PLAN) — its assignment day, profile, slot, list and labels — and the findings the
// case must (or must not) produce, written into the expectations as it is planned.
import { addDays, isoWeekday, publicHoliday, weekKey } from '../../../../shared/calendar.js';
import { ProfileSchema, readProfile, type ProfileInput } from '../../../../shared/profile.js';
import { present } from '../../../../shared/guards.js';
import type { CardSnapshot, DateKey } from '../../../../shared/types.js';
import * as P from '../phrases.js';
import type { TrelloLabel, TrelloList, TrelloMember } from '../model.js';
import { at, workdayOnOrAfter, type Gen } from './context.js';
import type { BoardPlan, CardPlan, DemoCase, DemoExpectations } from './types.js';

const SLOTS = ['09:00', '09:50', '10:40', '11:30', '13:00', '13:50', '14:40', '15:30', '16:20', '17:10'];

/** The designed mix per board position (board 0, 1, 2); other boards/cards are 'normal'. */
const PLAN: DemoCase[][] = [
  [
    'clean',
    'missing-days',
    'late-days',
    'incomplete-weekly',
    'disk-high',
    'disk-critical',
    'golive-overdue',
    'golive-overdue-with-reason',
    'unreachable-streak',
    'pool',
    'edited-comment',
    'deleted-comment',
  ],
  [
    'clean',
    'frozen',
    'saturday-rota-miss',
    'missing-weekly',
    'late-weekly',
    'missing-monthly',
    'late-monthly',
    'pool',
    'disk-high-handled',
    'golive-due-soon',
    'golive-done',
    'slot-overlap',
  ],
  [
    'leave-cover',
    'leave-no-cover',
    'leave-cover-miss',
    'intro-late',
    'edited-same-day',
    'no-profile',
    'pool',
    'normal',
    'normal',
    'normal',
    'normal',
    'normal',
  ],
];
const LISTS = ['Kurulum', 'Eğitim', 'Canlı', 'Arşiv'];
const LABELS: Array<[string, string]> = [
  ['Havuz', 'green'],
  ['Entegrasyon', 'blue'],
  ['Tasarım', 'purple'],
  ['Dondurulmuş', 'sky'],
  ['Öncelikli', 'red'],
];

export interface Scenarios {
  expectations: DemoExpectations;
  boards: BoardPlan[];
  /** Records that a card plays a case (in its expectation and the per-case index). */
  addCase: (c: CardPlan, k: DemoCase) => void;
}

/** Boards, lists, labels and the cards with their scenarios, in board order. */
export function planBoards(g: Gen, specialists: TrelloMember[], saturdayRota: Record<DateKey, string[]>, leave: DemoExpectations['leave']): Scenarios {
  const { rng, now, today, start, state, later, nBoards, nCards, designed } = g;
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

  const boards: BoardPlan[] = [];
  let domainIdx = 0;
  for (let b = 0; b < nBoards; b++) {
    const sp = present(specialists[b], `specialist of board ${b}`);
    const created = later(at(addDays(start, -200 + b * 3), 10, 0), b * 7);
    const id = state.newId(created);
    const lists = new Map<string, TrelloList>();
    for (const [i, name] of LISTS.entries())
      lists.set(name, { id: state.newId(later(created, 1 + i)), name, closed: false, pos: 16384 * (i + 1), idBoard: id });
    const labels = new Map<string, TrelloLabel>();
    for (const [i, [name, color]] of LABELS.entries()) labels.set(name, { id: state.newId(later(created, 2 + i)), name, color, idBoard: id });
    boards.push({ id, name: `Gelişmiş Destek — ${sp.fullName}`, created, lists, labels, cards: [], pd: [], specialist: sp });
  }

  const addCase = (c: CardPlan, k: DemoCase) => {
    if (!c.exp.cases.includes(k)) c.exp.cases.push(k);
    (expectations.cases[k] ??= []).push(c.id);
  };

  for (let b = 0; b < nBoards; b++) {
    const board = present(boards[b], `board ${b}`);
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
        exp: {
          boardId: board.id,
          cardId: id,
          name,
          cases: [],
          findings: [],
          absent: [],
          clean: scenario === 'clean' || scenario === 'leave-cover' || scenario === 'archived',
        },
      };
      addCase(c, scenario);
      if (pool && scenario !== 'pool') addCase(c, 'pool');
      if (pool) c.exp.absent.push({ rule: 'slot', why: 'pool customers have no fixed training slot (R4)' });
      board.cards.push(c);
    }
  }
  return { expectations, boards, addCase };
}

/**
 * The designed cases that edit profiles once every card exists (a freeze, the leave's covers), then every
 * profile through the shared schema (the Power-Up's form writes the same shape). Returns the frozen range.
 */
export function applyScenarioProfiles(g: Gen, s: Scenarios, leave: DemoExpectations['leave'], lead: TrelloMember): { from: DateKey; to: DateKey } | null {
  const { today, designed } = g;
  const { boards, addCase } = s;
  // Scenario-specific profile edits.
  const byScenario = (k: DemoCase) => boards.flatMap((bd) => bd.cards).filter((c) => c.scenario === k);
  let frozenRange: { from: DateKey; to: DateKey } | null = null;
  if (designed) {
    const monday = addDays(today, -(isoWeekday(today) - 1));
    for (const c of byScenario('frozen')) {
      frozenRange = { from: addDays(monday, -49), to: addDays(monday, -29) }; // three whole weeks, Mon..Sun
      present(c.profile, "the frozen card's profile").frozen = [{ ...frozenRange, note: 'Müşteri talebiyle 3 hafta hizmet donduruldu', approvedBy: lead.id }];
      c.labels.push('Dondurulmuş');
      for (let d = frozenRange.from; d <= frozenRange.to; d = addDays(d, 1)) c.exp.absent.push({ rule: 'daily', period: d, why: 'frozen (R20)' });
      // A21: a live site keeps its weekly quota reading while frozen; the specialist wrote none, so those weeks
      // are missing. A site not live yet needs none.
      for (let d = frozenRange.from; d <= frozenRange.to; d = addDays(d, 7)) {
        const liveAt = c.profile?.liveAt;
        if (liveAt !== undefined && liveAt <= addDays(d, 6))
          c.exp.findings.push({ rule: 'weekly', status: 'missing', period: weekKey(d), why: 'frozen but live: the weekly reading stays (A21)' });
        else c.exp.absent.push({ rule: 'weekly', period: weekKey(d), why: 'frozen whole week, not live yet' });
      }
    }
    // The designed workspace always plans its leave (settings.ts).
    const lv = present(leave, 'the designed leave');
    for (const bd of boards.slice(2, 3)) {
      for (const c of bd.cards) {
        if (!c.profile || c.scenario === 'leave-no-cover' || c.closed) continue;
        c.profile.cover = [{ from: lv.from, to: lv.to, memberId: lv.coverId }];
        if (c.scenario !== 'leave-cover') addCase(c, 'leave-cover');
      }
    }
    for (const c of byScenario('leave-no-cover')) {
      for (let d = lv.from; d <= lv.to; d = addDays(d, 1))
        c.exp.absent.push({ rule: 'daily', period: d, why: 'specialist on leave, no cover (docs/rules.md)' });
    }
    // P16 (R56, A19): the leave ended before now, and its finding stays (docs/rules.md): the cards of the
    // specialist on leave without a cover (leave-no-cover, no profile: a cover is assumed required) keep a
    // warning; covered cards have none. P15 (R54, A13): the leave was recorded 10 days ahead, so there is no
    // board-level short-notice warning either (workspace.test.ts).
    for (const c of boards.filter((bd) => bd.specialist.id === lv.memberId).flatMap((bd) => bd.cards)) {
      const covered = (c.profile?.cover ?? []).some((cv) => cv.from <= lv.from && lv.to <= cv.to);
      const pkg = c.profile?.package;
      if (!c.closed && !covered && pkg !== 'fixedTerm' && pkg !== 'other' && c.assignedAt <= lv.from) {
        c.exp.findings.push({
          rule: 'leave',
          status: 'warning',
          period: lv.from,
          memberId: lv.memberId,
          why: 'ended leave without a cover: the finding stays (R56)',
        });
      } else c.exp.absent.push({ rule: 'leave', why: 'covered, closed, or a package that needs no cover' });
    }
    for (const c of [...byScenario('golive-overdue'), ...byScenario('golive-overdue-with-reason')])
      present(c.profile, "the go-live card's profile").integration = false;
  }

  // Validate every profile with the shared schema (the Power-Up's form writes the same shape).
  for (const bd of boards) {
    for (const c of bd.cards) {
      if (c.profile) c.profile = ProfileSchema.parse(c.profile);
      const snap: CardSnapshot = {
        id: c.id,
        name: c.name,
        idList: '',
        closed: c.closed,
        idMembers: [c.specialist],
        pluginData: c.profile ? [{ value: JSON.stringify({ profile: c.profile }) }] : [],
      };
      c.calInput = { specialist: c.specialist, profile: readProfile(snap).profile };
    }
  }
  return frozenRange;
}
