// The persisted rows, zod-checked on every read: a corrupt row stops start-up. The store's repositories
// (repos.ts, docs/architecture.md "Store") keep each concern in its own table; the evidence ledger is never part of
// them (it is read per board/card, streamed). Owned by: boards/snapshots/findings/scans → scan; outbox/digests/flags → notify.
// `State` is the whole image only as the old data file held it (the import, and tests seeding a store through it).
import { z } from 'zod';
import type { AuditResult, BoardSnapshot } from '../../../shared/types.js';
import { FlagRecordSchema, MessageRecordSchema, OutboxItemSchema } from './notify-schema.js';

export const LedgerRecordSchema = z.object({
  seq: z.number().int().nonnegative(),
  /**
   * comment: first sight; edit: new text seen (old kept in oldText when known); delete: gone.
   * The dated facts (docs/rules.md "Facts in force", shared/facts.ts), never pruned:
   * member: Trello's addMemberToCard/removeMemberFromCard (actionId, postedAt = Trello's date, authorId =
   *   idMemberCreator, memberId, op); card-data / board-data: a pluginData version as noticed (value = the raw
   *   values as JSON, postedAt = when noticed, baseline on the first record of a history; board-data has cardId '');
   * freeze-approval: a lead's or manager's approval of a freeze range (authorId = approver, rangeFrom/rangeTo, via).
   * explanation: the specialist's explanation of a period's exception (authorId = writer, period, text, via);
   * explanation-accept: a lead's or manager's acceptance of a period's explanations (authorId, period, via).
   * nudge: a lead's or manager's «Hatırlat» (authorId = who, memberId = the specialist reminded, text = the posted
   *   comment, sourceActionId = its Trello comment id); actionId `nudge:<card>:<Istanbul day>`: one per card per day.
   * reminder: a specialist's choice of a personal reminder time (authorId = the specialist, value = `HH:MM` or `off`,
   *   cardId ''); the latest per member across the tracked boards is in force (server/src/notify/reminders.ts).
   * check-item: Trello's updateCheckItemStateOnCard (actionId, postedAt = Trello's date, authorId =
   *   idMemberCreator, checklistId, checkItemId, checkItemName, checkState).
   */
  type: z.enum([
    'comment',
    'edit',
    'delete',
    'member',
    'check-item',
    'card-data',
    'board-data',
    'freeze-approval',
    'explanation',
    'explanation-accept',
    'nudge',
    'reminder',
  ]),
  actionId: z.string(),
  boardId: z.string(),
  cardId: z.string(),
  authorId: z.string(),
  authorName: z.string().optional(),
  postedAt: z.string(),
  text: z.string().optional(),
  oldText: z.string().optional(),
  dateLastEdited: z.string().optional(),
  /** When the edit/deletion happened at Trello (updateComment/deleteComment action date), when known. */
  occurredAt: z.string().optional(),
  /** Id of the Trello action that reported an edit/deletion (updateComment/deleteComment), when known. */
  sourceActionId: z.string().optional(),
  /**
   * A deletion the full pass noticed (the comment was no longer listed; Trello gave no time): the last time the
   * comment was known present. Such a record has no occurredAt; recordedAt is when it was noticed missing.
   */
  lastSeenAt: z.string().optional(),
  /** member: the member added or removed. */
  memberId: z.string().optional(),
  /** member: add or remove. */
  op: z.enum(['add', 'remove']).optional(),
  /** check-item: the checklist, the item, its name in the action, and the state it was set to. */
  checklistId: z.string().optional(),
  checkItemId: z.string().optional(),
  checkItemName: z.string().optional(),
  checkState: z.enum(['complete', 'incomplete']).optional(),
  /** card-data / board-data: the pluginData values as canonical JSON (an array of {idPlugin?, value}). */
  value: z.string().optional(),
  /** card-data / board-data / member: the first record of the history, taken when recording began (upgrade, first scan). */
  baseline: z.boolean().optional(),
  /** card-data / board-data: seq of the version this one replaces (absent for the first): part of the fact's identity. */
  prevSeq: z.number().int().nonnegative().optional(),
  /** freeze-approval: the approved range (YYYY-MM-DD, both ends included). */
  rangeFrom: z.string().optional(),
  rangeTo: z.string().optional(),
  /** explanation / explanation-accept: the period (a day, `2026-W48` or `2026-11`). */
  period: z.string().optional(),
  /** freeze-approval: the Power-Up form, or a comment tag. */
  via: z.enum(['powerup', 'comment']).optional(),
  /** When Nabız recorded it. */
  recordedAt: z.string(),
  source: z.enum(['scan', 'full-scan', 'webhook', 'import', 'powerup', 'upgrade']),
  prevHash: z.string(),
  hash: z.string(),
});
export type LedgerRecord = z.infer<typeof LedgerRecordSchema>;

export const BoardStateSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string().optional(),
  /** Newest commentCard action id seen: the next incremental scan asks `since` it. */
  cursor: z.string().optional(),
  /** True once the first scan has backfilled the whole history. */
  backfilled: z.boolean().default(false),
  lastScanAt: z.string().optional(),
  lastFullScanAt: z.string().optional(),
  webhookId: z.string().optional(),
  /**
   * A first scan under way (server/src/scan/scan-boards.ts): the actions are committed page by page, newest first;
   * `before` is the date of the oldest committed one, where a killed backfill continues.
   */
  backfill: z.object({ before: z.string(), newest: z.string().optional(), actions: z.number().int().nonnegative() }).optional(),
  /**
   * The board's fact history (docs/operations.md "Evidence ledger"): when recording began (`from`); `recheck` after a
   * restore from an older backup (the stored snapshot may be newer than the versions the ledger kept: the next scan
   * compares every card with the ledger). Absent: no history yet (a store from before facts were recorded: the next
   * scan starts it).
   */
  facts: z.object({ from: z.string(), recheck: z.boolean().optional() }).optional(),
  /**
   * Trello answered 404 for the board at the last scan (deleted, or the token lost it), at this time: its evidence is
   * kept, the notifier skips it (store/open-findings.ts trackedBoards) until a scan reads the board again.
   */
  missingAt: z.string().optional(),
});
export type BoardState = z.infer<typeof BoardStateSchema>;

/** Enough of a BoardSnapshot to trust a stored one (the rest is the scanner's own snapshotFromTrello output). */
const snapshotShape = z
  .object({
    id: z.string(),
    name: z.string(),
    lists: z.array(z.unknown()),
    members: z.array(z.unknown()),
    cards: z.array(z.object({ id: z.string() }).passthrough()),
    pluginData: z.array(z.unknown()),
  })
  .passthrough();
/**
 * Board JSON minus comments (cards, lists, members, pluginData) from the last scan, `comments: []`: its own table
 * (snapshots). Checked for its shape when read, typed as the scanner writes it.
 */
export const StoredSnapshotSchema = z.preprocess(
  (v) => (v && typeof v === 'object' && !Array.isArray(v) && !('comments' in v) ? { ...v, comments: [] } : v),
  z.custom<BoardSnapshot>((v) => snapshotShape.safeParse(v).success, { message: 'not a stored board snapshot' }),
);

const auditShape = z.object({
  findings: z.array(z.object({ rule: z.string(), cardId: z.string(), period: z.string(), status: z.string() }).passthrough()),
  summary: z.object({}).passthrough(),
});
/**
 * A board's latest evaluation (its AuditResult and when) as old data files and stores before migration 8 kept it: read
 * only by the legacy import, which ignores it (derived data: the next scan judges the board again).
 */
export const StoredFindingSchema = z.object({
  evaluatedAt: z.string(),
  result: z.custom<AuditResult>((v) => auditShape.safeParse(v).success, { message: 'not a stored audit result' }),
});
export type StoredFinding = z.infer<typeof StoredFindingSchema>;

/**
 * When a board was last judged through the verdict rows (its findings are those rows: store/verdicts.ts), and under
 * which rule set revision (RULES_STAMP.revision; absent in marks written before it was kept): rows judged under
 * another revision are not served, the board is judged again whole (store/judge.ts rowsCurrent).
 */
export const EvaluationSchema = z.object({ evaluatedAt: z.string(), rules: z.number().int().optional() });
export type Evaluation = z.infer<typeof EvaluationSchema>;

/** A snapshot as the old data file (or a test's image) holds it: `comments` may be absent (stored as `[]`). */
export type ImageSnapshot = Omit<BoardSnapshot, 'comments'> & { comments?: BoardSnapshot['comments'] };
/** A board row as the old data file held it: the snapshot inside. */
export const ImageBoardSchema = BoardStateSchema.extend({
  snapshot: z.custom<ImageSnapshot>((v) => snapshotShape.safeParse(v).success, { message: 'not a stored board snapshot' }).optional(),
});
export type ImageBoard = z.infer<typeof ImageBoardSchema>;

export const ScanLogSchema = z.object({
  at: z.string(),
  kind: z.enum(['incremental', 'full']),
  boards: z.array(
    z.object({
      boardId: z.string(),
      ok: z.boolean(),
      error: z.string().optional(),
      newComments: z.number().default(0),
      edits: z.number().default(0),
      deletions: z.number().default(0),
      cards: z.number().default(0),
      findings: z.number().default(0),
      requests: z.number().default(0),
    }),
  ),
  requests: z.number().default(0),
  durationMs: z.number().default(0),
  /** Instant the findings were evaluated for (--now), when not the scan time. */
  evaluatedFor: z.string().optional(),
});
export type ScanLog = z.infer<typeof ScanLogSchema>;

export const StateSchema = z.object({
  version: z.literal(1),
  boards: z.record(z.string(), ImageBoardSchema).default({}),
  /** Latest evaluation per board as old data files held it: { evaluatedAt, result }; ignored by the import (derived). */
  findings: z.record(z.string(), StoredFindingSchema).default({}),
  scans: z.array(ScanLogSchema).default([]),
  /** notify/: outbox items, sent digests, flag ladder state. Schemas live in server/src/notify. */
  outbox: z.array(OutboxItemSchema).default([]),
  /** Messages built from the outbox: digests (e-mail/chat) and mention comments. */
  digests: z.array(MessageRecordSchema).default([]),
  /** Ladder state per open finding, key board|rule|card|period. */
  flags: z.record(z.string(), FlagRecordSchema).default({}),
});
export type State = z.infer<typeof StateSchema>;

export function emptyState(): State {
  return StateSchema.parse({ version: 1 });
}

/** The data file of the lowdb store (before the SQL store): State, with the ledger inside it in the oldest files. */
export const LegacyStateSchema = StateSchema.extend({ ledger: z.array(LedgerRecordSchema).optional() });
export type LegacyState = z.infer<typeof LegacyStateSchema>;
