// The demo workspace's shapes: what a generated workspace holds and the designed cases it was built with
// (public), plus the plans the generator works through (internal to server/src/demo/workspace/).
import type { DateKey, FindingStatus, RuleId } from '../../../../shared/types.js';
import type { CardCalendarInput } from '../../../../shared/calendar.js';
import type { ProfileInput } from '../../../../shared/profile.js';
import type { Person } from '../../config.js';
import type { EmulatedBoard, TrelloLabel, TrelloList, TrelloMember, TrelloPluginData } from '../model.js';

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

export interface Planned {
  cardId: string;
  author: string;
  at: Date;
  text: string;
  edit?: { at: Date; text: string };
  deleteAt?: Date;
  /** Filled when applied: the commentCard id. */
  id?: string;
}

export interface CardPlan {
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
  /** Traffic written as "sınırsız" (A10): no allowance in the profile. */
  unlimitedTraffic: boolean;
  diskStart: number;
  trafficStart: number;
  closed: boolean;
  listName: string;
  labels: string[];
  calInput?: CardCalendarInput;
  exp: CardExpectation;
}

/** A board being generated: its lists and labels by name, and its cards' plans. */
export interface BoardPlan {
  id: string;
  name: string;
  created: Date;
  lists: Map<string, TrelloList>;
  labels: Map<string, TrelloLabel>;
  cards: CardPlan[];
  pd: TrelloPluginData[];
  specialist: TrelloMember;
}
