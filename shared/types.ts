/**
 * Nabız domain types shared by server/ and powerup/. Pure data, no I/O.
 * The contract is docs/architecture.md, docs/grammar.md, docs/rules.md, docs/powerup.md; rule IDs (R…) are the handbook's (docs/rules.md).
 */
import type { CardChecklist, CheckTick } from './checklists.js';
import type { Fact } from './facts.js';
import type { RuleId } from './i18n.js';

/** Injected clock: logic never reads the wall clock itself (docs/conventions.md §2). */
export type Clock = () => Date;

/** `YYYY-MM-DD`, a calendar day in Europe/Istanbul. */
export type DateKey = string;
/** `YYYY-Www`, an ISO week. */
export type WeekKey = string;
/** `YYYY-MM`. */
export type MonthKey = string;

export type Locale = 'tr' | 'en';
/** A sentence in both UI languages (Turkish first). */
export interface Text2 {
  tr: string;
  en: string;
}

// ───────────────────────── entries (docs/grammar.md) ─────────────────────────

export type EntryKind = 'daily' | 'weekly' | 'monthly' | 'intro' | 'unreachable' | 'golive' | 'delay' | 'escalation';
export const ENTRY_KINDS: readonly EntryKind[] = ['daily', 'weekly', 'monthly', 'intro', 'unreachable', 'golive', 'delay', 'escalation'];

export type QuotaAction = 'informed' | 'optimized' | 'upgradeSuggested';

/**
 * A disk or traffic reading. `percent` = used/total×100 when both are known, or the typed %; kept
 * exact (12,25 stays 12.25): round only for display.
 */
export interface Reading {
  usedGB?: number;
  totalGB?: number;
  percent?: number;
  /** Traffic written as "sınırsız"/"unlimited" (A10): present, no thresholds. */
  unlimited?: boolean;
}

/** What the grammar reads out of one comment (the shape `nabiz parse` prints). */
export interface ParsedEntry {
  kinds: EntryKind[];
  /** The day the entry is for (for a week: its Monday; for a month: its 1st). */
  forDate: DateKey;
  forWeek?: WeekKey;
  forMonth?: MonthKey;
  /**
   * Raw: posted after the period named by the for-date ended (day, or the week/month when written
   * so). Not a finding: the rules own lateness (R41's monthly grace runs to the 3rd working day).
   */
  late?: boolean;
  readings: { disk?: Reading; traffic?: Reading };
  actions: QuotaAction[];
  warnings: string[];
  /** Other dates written in the comment: shown, never re-dating the entry (docs/grammar.md). */
  mentions?: DateMention[];
}

/** A date mentioned in an entry's text; a day without a year is the one nearest the posting day. */
export interface DateMention {
  /** As written (folded: `12 kasim`). */
  text: string;
  forDate: DateKey;
  forWeek?: WeekKey;
  forMonth?: MonthKey;
}

/** Input of `formatEntry` (the Power-Up forms' canonical text). */
export interface EntryDraft {
  kinds: EntryKind[];
  forDate?: DateKey;
  forWeek?: WeekKey;
  forMonth?: MonthKey;
  readings?: { disk?: Reading; traffic?: Reading };
  actions?: QuotaAction[];
  /** Free text the specialist wrote (kept after the tags/readings). */
  note?: string;
}

// ───────────────────────── Trello-side records ─────────────────────────

/** One comment as evidence: from a Trello export, a REST scan or the ledger. */
export interface CommentRecord {
  /** Trello action id of the commentCard. */
  id: string;
  cardId: string;
  /** idMemberCreator. */
  authorId: string;
  authorName?: string;
  /** Action `date` (ISO, UTC): when it was posted. */
  postedAt: string;
  /** Current text (after edits). */
  text: string;
  /** `data.dateLastEdited`, or the time an updateComment was seen. */
  editedAt?: string;
  /** The text before the first known edit, when the ledger/webhook has it. */
  originalText?: string;
  /** Set when a deleteComment was seen or the comment vanished from Trello. */
  deletedAt?: string;
  /**
   * Set when no deleteComment dated the deletion: a full pass noticed the comment missing at this time
   * (= deletedAt). `lastSeenAt` is the last time it was known present: it was deleted in between.
   */
  deletionNoticedAt?: string;
  lastSeenAt?: string;
}

export interface MemberInfo {
  id: string;
  fullName: string;
  username?: string;
}

export interface ListInfo {
  id: string;
  name: string;
  closed: boolean;
}

/** A customer card as Nabız sees it (docs/architecture.md). */
export interface CardSnapshot {
  id: string;
  name: string;
  url?: string;
  shortLink?: string;
  idList: string;
  closed: boolean;
  idMembers: string[];
  /** Raw pluginData values of the card (any idPlugin); the profile is recognised by content. */
  pluginData: Array<{ idPlugin?: string; value: string }>;
  /** Trello template card (`isTemplate`): never a customer. */
  isTemplate?: boolean;
  /**
   * Creation time when the id carries none (ids that are not 24-hex, e.g. anonymised exports): the card's first
   * action, else the export's newest action. Unset for real Trello ids (their first 8 hex digits are the time).
   */
  createdAt?: string;
  /** The card's checklists (board request `checklists=all`, or an export's `checklists`): shared/checklists.ts. */
  checklists?: CardChecklist[];
  /** Tick facts of the card's check items (`updateCheckItemStateOnCard`), oldest first: shared/checklists.ts. */
  checkTicks?: CheckTick[];
}

/** Everything the evaluator needs about one board, independent of where it came from. */
export interface BoardSnapshot {
  id: string;
  name: string;
  url?: string;
  lists: ListInfo[];
  members: MemberInfo[];
  cards: CardSnapshot[];
  /** Raw board pluginData values (settings recognised by content). */
  pluginData: Array<{ idPlugin?: string; value: string }>;
  comments: CommentRecord[];
  /**
   * When the history is known to be cut (an export holding Trello's cap of 1000 actions),
   * the oldest action's time: periods before it are not judged.
   */
  historyFrom?: string;
  historyCut?: boolean;
  /**
   * Dated facts besides comments (membership, profile and settings versions, freeze approvals), oldest first
   * (shared/facts.ts, docs/rules.md "Facts in force"). Absent: only the current snapshot is known.
   */
  facts?: Fact[];
  /**
   * When Nabız began recording pluginData versions for this board (ISO): the profile and settings in force before
   * it are not known (the baseline records are the first known versions). Trello-dated membership facts may be
   * older. Absent with `facts` absent.
   */
  factsFrom?: string;
  /** Trello says the board is closed (archived): its evidence stays, nothing is told about it (docs/operations.md). */
  closed?: boolean;
}

// ───────────────────────── findings (docs/rules.md) ─────────────────────────

/**
 * A rule id: the rules with a `rule.<id>` label in shared/i18n.ts (daily, weekly, monthly, intro, golive,
 * golive-reason, disk, traffic, unreachable, slot, evidence, profile, and the warning-only growth (P10),
 * pool-contact (P3) and leave (P15, P16)). docs/rules.md is the catalogue.
 */
export type { RuleId };

export type FindingStatus =
  | 'missing'
  | 'late'
  | 'incomplete'
  | 'overdue'
  | 'due-soon'
  | 'high'
  | 'critical'
  | 'stale'
  | 'postponed'
  | 'escalate'
  | 'overlap'
  | 'edited'
  | 'deleted'
  | 'invalid'
  | 'warning';

export type Severity = 'info' | 'warning' | 'critical';

/**
 * docs/rules.md "Compliance and risk": `compliance` is a duty the responsible person missed (counts in
 * their figures, reports and digests); `risk` is the customer's site state (a full disk with every action
 * recorded, abnormal growth): it reaches the team lead as risk and never counts against anyone.
 */
export type FindingClass = 'compliance' | 'risk';

export interface Finding<R extends string = RuleId> {
  rule: R;
  cardId: string;
  /** The responsible member that period (specialist, or the cover during leave). May be '' if unknown. */
  memberId: string;
  /** `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, or '' for timeless findings (slot). */
  period: string;
  status: FindingStatus;
  detail: Text2;
  severity: Severity;
  /** Trello action id(s) of the entry the finding is about (late/edited/deleted). */
  actionIds?: string[];
  /** Set on every finding evaluateBoard returns; absent only in results stored before it existed (read as compliance). */
  class?: FindingClass;
}

/** Per rule kind: how many judged periods had an on-time entry. */
export interface ComplianceCount {
  judged: number;
  onTime: number;
  late: number;
  missing: number;
  /** onTime / judged × 100, rounded to 1 decimal; null when nothing judged. */
  percent: number | null;
}

export interface ComplianceSummary {
  /** DateKey from which history is complete (periods before were not judged). */
  historyFrom?: DateKey;
  historyCut: boolean;
  byCard: Record<string, { name: string; memberId: string; daily: ComplianceCount; weekly: ComplianceCount; monthly: ComplianceCount }>;
  byMember: Record<string, { name: string; cards: number; daily: ComplianceCount; weekly: ComplianceCount; monthly: ComplianceCount }>;
}

export interface AuditResult<R extends string = RuleId> {
  findings: Finding<R>[];
  summary: ComplianceSummary;
}

// ───────────────────────── badges (docs/powerup.md) ─────────────────────────

/** Trello badge colours (docs: blue, green, orange, red, yellow, purple, pink, sky, lime, light-gray). */
export type BadgeColor = 'blue' | 'green' | 'orange' | 'red' | 'yellow' | 'purple' | 'pink' | 'sky' | 'lime' | 'light-gray' | null;

export interface BadgeView {
  id: 'disk' | 'traffic' | 'golive' | 'compliance' | 'slot' | 'last-daily' | 'today';
  text: string;
  color: BadgeColor;
  /** Title for card-detail-badges. */
  title?: string;
  /** Which form a click should open (card-detail-badges). */
  form?: 'daily' | 'weekly' | 'monthly' | 'profile' | 'golive' | 'delay' | 'golive-choice';
}

/**
 * What the server tells the Power-Up about one card (GET /api/boards/:id/status → cards[cardId]).
 * Everything badges need that is not in the card's own pluginData.
 */
export interface CardStatus {
  cardId: string;
  memberId: string;
  /** Latest readings with the week they were written for. */
  readings: {
    /** `trend`: the last two weeks' disk readings compared (↑ grew, ↓ shrank, → within a point); absent with one reading. */
    disk?: Reading & { week: WeekKey; postedAt: string; stale: boolean; trend?: 'up' | 'down' | 'flat' };
    traffic?: Reading & { week: WeekKey; postedAt: string; stale: boolean };
  };
  /** postedAt (ISO) of the newest entry of each kind. */
  lastEntry: Partial<Record<EntryKind, string>>;
  /**
   * What the card back and the Uyum table show of this card's findings (shared/status.ts statusFindings): the
   * periods still missing, incomplete or late per kind (rule, period, status), and the other open findings with
   * their text. Not the whole evaluation: the badges need counts, the card back the open items.
   */
  findings: StatusFinding[];
  /** Count of missing/late/incomplete periods the compliance badge shows. */
  missing: number;
  goLive: {
    deadline: DateKey | null;
    daysLeft: number | null;
    live: boolean;
    liveAt?: DateKey;
    /** R28: a #gecikme entry posted since the deadline. */
    reasonGiven?: boolean;
    /** R29: the card's "Nabız: canlıya geçiş" checklist: ticked / all steps, and the open steps' names (shared/checklists.ts). */
    steps?: { done: number; total: number; open: string[] };
    /** R57: a fixed-term customer's leave days without a cover: extra service days, already in `deadline`. */
    extraDays?: DateKey[];
  };
  /**
   * Today's daily (R31) as the daily rule sees it: `required` follows the same calendar (weekends, holidays,
   * the rota, leave and cover, frozen periods); `done` once a daily, intro or unreachable entry for today exists.
   */
  today?: { date: DateKey; required: boolean; done: boolean };
  /**
   * Who answered for the periods the card back shows (today, this or last week, this or last month) and under
   * which facts, from the resolver's DayBasis (shared/status.ts statusBasis; docs/powerup.md). Kept compact.
   */
  basis?: StatusBasis[];
}

/** One card-back period's facts in force (docs/rules.md "Who is responsible"), compact for the status API. */
export interface StatusBasis {
  row: 'today' | 'week' | 'month';
  /** The day, ISO week or month, and the day whose facts were used (its last required day so far). */
  period: string;
  day: DateKey;
  owner: string;
  /** null: nobody (the owner is on leave without a cover). */
  responsible: string | null;
  /** How the responsible person answers: as the owner, as the owner's cover, or nobody does. */
  role: 'owner' | 'cover' | 'none';
  /** The owner is on leave that day. */
  leave?: true;
  /** The day is frozen; `approved` false: the freeze exempts nothing (R20). */
  frozen?: { approved: boolean };
  /** Ledger numbers of the facts it rests on (owner, leave, cover, freeze, approval), when known. */
  seqs?: number[];
  /** The day lies before the fact history: facts known only from this day. */
  knownFrom?: DateKey;
}

/** A finding as the status API sends it: `detail` and `severity` only for findings that are not a period of daily/weekly/monthly. */
export type StatusFinding = Pick<Finding, 'rule' | 'period' | 'status' | 'severity'> &
  Partial<Pick<Finding, 'detail' | 'class'>> & {
    /** This many more findings of the same rule and status, not sent one by one (shared/status.ts STATUS_SAME_KIND). */
    more?: number;
  };

export interface BoardStatus {
  boardId: string;
  boardName: string;
  generatedAt: string;
  lastScanAt: string | null;
  cards: Record<string, CardStatus>;
  /**
   * The board's thresholds the rules judged with (`thresholdsOf(settings)`): the badges colour readings by the
   * same set (docs/powerup.md). Absent in a status cached before it existed: the defaults.
   */
  thresholds?: { high: number; critical: number; staleDays: number };
  /** Who asks (added per request by the server): may they open the manager dashboard (NABIZ_PEOPLE)? */
  viewer?: { dashboard: boolean };
}
