/**
 * Dated facts a verdict depends on besides the comments (docs/rules.md "Facts in force"): who was on the
 * card, which profile and board settings were in force, which freezes were approved. The server records them
 * in the evidence ledger (hash-chained like comments) and hands them to the rules in time order on
 * `BoardSnapshot.facts`; the rules judge each day, week and month with the facts in force then. Pure types:
 * the recording lives in server/src (scan, store), the resolution in shared/compliance.
 */
import type { DateKey } from './types.js';

/** Where a fact's time comes from: Trello's own action date, or the moment Nabız noticed a change. */
export type FactTimeSource = 'trello' | 'noticed';

/**
 * Trello's addMemberToCard / removeMemberFromCard: the card's members changed at `at` (Trello's date). Also the
 * card's members as noticed when the fact history began (`baseline`, `timeSource: 'noticed'`, op 'add'): they were
 * on the card at `at`, whatever Trello's actions say about earlier times.
 */
export interface MemberFact {
  kind: 'member';
  cardId: string;
  memberId: string;
  op: 'add' | 'remove';
  /** ISO UTC. */
  at: string;
  timeSource: FactTimeSource;
  /** Trello action id (a baseline: `baseline:<cardId>:<memberId>`). */
  actionId: string;
  /** The card's members as noticed when the history began (upgrade or first scan), not a Trello action. */
  baseline?: boolean;
  /** idMemberCreator: who changed the membership. */
  by?: string;
  /** Ledger record number, when it came from the ledger. */
  seq?: number;
}

/**
 * A card's pluginData as Nabız saw it at `at` (the profile is read from it with `readProfile`). pluginData
 * changes leave no Trello action: the time is when a scan, a webhook or the Power-Up noticed the new value,
 * or the upgrade that started the history (`baseline`).
 */
export interface CardDataFact {
  kind: 'card-data';
  cardId: string;
  pluginData: Array<{ idPlugin?: string; value: string }>;
  at: string;
  timeSource: 'noticed';
  /** The first record of this card's history, taken from the snapshot held when history recording began. */
  baseline?: boolean;
  seq?: number;
}

/** The board's pluginData (settings) as Nabız saw it at `at`; like CardDataFact. */
export interface BoardDataFact {
  kind: 'board-data';
  pluginData: Array<{ idPlugin?: string; value: string }>;
  at: string;
  timeSource: 'noticed';
  baseline?: boolean;
  seq?: number;
}

/**
 * A freeze (R20) approved by a team lead or manager known in NABIZ_PEOPLE: from the Power-Up's approval form
 * (the server checks the approver's role) or a comment tag written by them. A freeze range in the profile
 * exempts days only while such an approval covers it.
 */
export interface FreezeApprovalFact {
  kind: 'freeze-approval';
  cardId: string;
  from: DateKey;
  to: DateKey;
  /** Trello member id of the approver. */
  by: string;
  at: string;
  timeSource: FactTimeSource;
  via: 'powerup' | 'comment';
  /** The comment's action id when via = comment. */
  actionId?: string;
  seq?: number;
}

/**
 * The specialist's side of the story (docs/rules.md "Explanations and excused periods"): why a period of a card
 * has an exception (missing, late, reading missing), from the Power-Up's card back. The same as a `#açıklama`
 * comment; shared/explanations.ts decides whether the writer was responsible for that period.
 */
export interface ExplanationFact {
  kind: 'explanation';
  cardId: string;
  /** The period explained: a day, an ISO week (`2026-W50`) or a month (`2026-11`). */
  period: string;
  text: string;
  /** Trello member id of the writer. */
  by: string;
  at: string;
  timeSource: FactTimeSource;
  via: 'powerup' | 'comment';
  actionId?: string;
  seq?: number;
}

/** A team lead's or manager's acceptance of the explanations of a period (NABIZ_PEOPLE decides who may). */
export interface ExplanationAcceptanceFact {
  kind: 'explanation-accept';
  cardId: string;
  period: string;
  by: string;
  at: string;
  timeSource: FactTimeSource;
  via: 'powerup' | 'comment';
  actionId?: string;
  seq?: number;
}

/**
 * Trello's updateCheckItemStateOnCard: an item of a card's checklist was ticked (`complete`) or unticked at `at`
 * (Trello's date) by `by` (idMemberCreator). Read by the checklist rules (docs/rules.md "Checklists").
 */
export interface CheckItemFact {
  kind: 'check-item';
  cardId: string;
  checklistId: string;
  itemId: string;
  /** The item's name in the action (Trello's `data.checkItem.name`). */
  itemName: string;
  state: 'complete' | 'incomplete';
  /** ISO UTC. */
  at: string;
  timeSource: 'trello';
  /** Trello action id. */
  actionId: string;
  by?: string;
  seq?: number;
}

export type Fact = CheckItemFact | MemberFact | CardDataFact | BoardDataFact | FreezeApprovalFact | ExplanationFact | ExplanationAcceptanceFact;
