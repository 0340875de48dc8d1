// The part across cards of a board's evaluation, kept in memory per board between re-judges (docs/architecture.md
// "Evaluation path"): a webhook's one-card re-judge must not prepare every card of the board again. The kept part
// (the light board of shared/compliance/verdicts.ts prepareAcross, its light comments and its findings) is keyed by
// what it was prepared from: the Istanbul day, the options, the board's first entry, the judged cards, the snapshot
// (board part whole; a card whose snapshot changed, as after a scan noticed its new slot, is prepared again alone)
// and the board's last ledger seq. A later call reads only the board's records after that seq and
// - none: the kept findings (and their rows and digest) answer as they are;
// - a comment: the who-wrote-on-which-day part (P19) is advanced from it; when that part changed (an author's first
//   comment of a day) only the rules reading it run again (the inactive rule; a comment of today changes none of its
//   findings, so the part and its row stand), when the comment is one the rules read whole they all run again;
// - a dated fact on a card (membership, pluginData version: a slot change, approvals, ticks): that card alone is
//   prepared again (a card's context depends on its own facts and the board's, never on other cards) and the rules
//   across cards run again over the kept cards (the part and its row stay when they find the same);
// - anything else (a settings version, an edit or deletion, a fact of the lead card or no card): all prepared again.
// Whatever the path, the result equals judgeAcross from scratch (test/server/store/across-incremental.test.ts).
import { dateKey } from '../../../shared/dates.js';
import type { EvaluateOptions, PreparedBoard } from '../../../shared/compliance/context.js';
import {
  acrossAfterActivity,
  acrossAgain,
  acrossFindings,
  prepareAcross,
  prepareAcrossCard,
  withLightComments,
  type AcrossResult,
} from '../../../shared/compliance/verdicts.js';
import { acrossReadsText } from '../../../shared/compliance/rules/training.js';
import { LEAD_CARD_NAME } from '../../../shared/month-review.js';
import type { Fact } from '../../../shared/facts.js';
import type { BoardSnapshot, CommentRecord, Finding } from '../../../shared/types.js';
import { FACT_TYPES } from './ledger.js';
import type { LedgerRecord } from './schema.js';
import type { Store } from './store.js';
import type { BoardSummary, VerdictRow } from './verdicts.js';

/** The across part of a board at `now`, with what the board-level verdict row is made of once computed. */
export interface AcrossPart extends AcrossResult {
  /** The board-level row (rows, summary, their digest): filled by the caller once, kept while the findings stand. */
  row?: { rows: VerdictRow[]; summary: BoardSummary; digest: string };
}

export interface AcrossInput {
  boardId: string;
  /** The stored snapshot object (its identity: a scan replaces it). */
  stored: object;
  /** The board without comments, with its facts (judge.ts withFacts). */
  snapshot: BoardSnapshot;
  facts: readonly Fact[];
  anchor: CommentRecord[];
  judged: readonly string[];
  now: Date;
  opts: EvaluateOptions;
  /** The records of named actions (light comments read whole). */
  byAction: (ids: string[]) => Promise<LedgerRecord[]>;
}

interface Kept {
  key: string;
  stored: object;
  /** The snapshot without its cards' content (ids only) and facts, and each card as JSON: what a new snapshot is compared with. */
  boardJson: string;
  cardJson: Map<string, string>;
  /** The board's last ledger seq the part includes. */
  seq: number;
  nowMs: number;
  /** The earliest instant after `nowMs` among the inputs (a fact or comment known only later): past it, prepare anew. */
  horizon: number;
  board: PreparedBoard;
  light: CommentRecord[];
  /** Index in `light` of each activity row, by `author|day`. */
  activity: Map<string, number>;
  /** Comments in `light` read whole (their text, or known only from an edit or deletion). */
  whole: Set<string>;
  /** The actions the findings name (a new record of one changes the row's seqs). */
  actions: Set<string>;
  part: AcrossPart;
}

/** Per store, per board (a store object per process: tests open several). */
const kept = new WeakMap<Store, Map<string, Kept>>();

/** Cards per light query chunk (EntryStore.light): activity rows are per chunk, so only one chunk is advanced here. */
const LIGHT_CHUNK = 500;

const FACT_TYPE_SET: ReadonlySet<string> = new Set(FACT_TYPES);

/** Per store and board, the call in progress: calls on one board run one after another (they advance one kept part). */
const running = new WeakMap<Store, Map<string, Promise<unknown>>>();

/** The across part of the board at `now`: kept, advanced, or prepared anew (see the head of this file). */
export function acrossPart(store: Store, input: AcrossInput): Promise<AcrossPart> {
  let calls = running.get(store);
  if (!calls) running.set(store, (calls = new Map()));
  const next = (calls.get(input.boardId) ?? Promise.resolve()).then(() => advance(store, input));
  const settled = next.catch(() => undefined);
  calls.set(input.boardId, settled);
  void settled.then(() => {
    if (calls.get(input.boardId) === settled) calls.delete(input.boardId);
  });
  return next;
}

async function advance(store: Store, input: AcrossInput): Promise<AcrossPart> {
  let boards = kept.get(store);
  if (!boards) kept.set(store, (boards = new Map()));
  const { boardId, now } = input;
  const nowMs = now.getTime();
  const { thresholds, calendar, people } = input.opts;
  const k = boards.get(boardId);
  // A scan stores a new snapshot object: compared with the kept one only then (the board part whole, cards one by one).
  const boardJson =
    k && k.stored === input.stored ? k.boardJson : JSON.stringify({ ...input.snapshot, cards: input.snapshot.cards.map((c) => c.id), facts: null });
  const key = JSON.stringify([
    dateKey(now),
    thresholds ?? null,
    calendar ?? null,
    people ?? null,
    input.anchor,
    input.judged,
    input.snapshot.facts ? 1 : 0,
    boardJson,
  ]);
  const anew = async () => {
    const fresh = await prepareAnew(store, input, key, boardJson);
    boards.set(boardId, fresh);
    return fresh.part;
  };
  if (!k || k.key !== key || nowMs < k.nowMs || nowMs >= k.horizon || input.judged.length > LIGHT_CHUNK) return anew();
  const leadCards = new Set(input.snapshot.cards.filter((c) => c.name.trim() === LEAD_CARD_NAME).map((c) => c.id));
  // Cards whose snapshot changed (a slot in the card's pluginData, its name, its checklists): prepared again below.
  const cards = new Set<string>();
  if (k.stored !== input.stored) {
    for (const c of input.snapshot.cards) {
      const json = JSON.stringify(c);
      if (k.cardJson.get(c.id) === json) continue;
      if (leadCards.has(c.id)) return anew();
      k.cardJson.set(c.id, json);
      cards.add(c.id);
    }
    k.stored = input.stored;
  }
  const records = await store.ledger.boardSince(boardId, k.seq);
  if (!records.length && !cards.size) return k.part;
  const last = records.at(-1)?.seq ?? k.seq;
  const judged = new Set(input.judged);
  let reload = false;
  let changed = false;
  // Who wrote on which day changed (and nothing else): only the rules reading it run again (acrossAfterActivity).
  let activityChanged = false;
  let rowsStale = false;
  for (const r of records) {
    if (k.actions.has(r.actionId)) rowsStale = true;
    if (FACT_TYPE_SET.has(r.type)) {
      // A settings version or a fact of the lead card (R17's ticks) or of no card: the board-level part changes.
      if (r.type === 'board-data' || !r.cardId || leadCards.has(r.cardId)) return anew();
      cards.add(r.cardId);
      continue;
    }
    if (r.type !== 'comment' || k.whole.has(r.actionId) || acrossReadsText(r.text ?? '')) {
      // An edit or deletion (the fold of a comment read whole may change), or a comment the rules read whole.
      reload = true;
      continue;
    }
    if (!judged.has(r.cardId)) continue;
    // P19 activity: the earliest comment per author and Istanbul day on the customer cards (EntryStore.light).
    const day = dateKey(r.postedAt);
    const at = k.activity.get(`${r.authorId}|${day}`);
    const row = at === undefined ? undefined : k.light[at];
    if (row && Date.parse(row.postedAt) <= Date.parse(r.postedAt)) continue;
    activityChanged = true;
    const on = input.judged[0] ?? r.cardId;
    const activity: CommentRecord = { id: `activity:${r.authorId}:${day}:0`, cardId: on, authorId: r.authorId, postedAt: r.postedAt, text: '' };
    if (at === undefined) {
      k.activity.set(`${r.authorId}|${day}`, k.light.length);
      k.light.push(activity);
    } else k.light[at] = activity;
    k.horizon = Math.min(k.horizon, later(r.postedAt, nowMs));
  }
  if (reload) {
    indexLight(k, await store.entries.light(boardId, input.judged, input.byAction));
    changed = true;
  }
  for (const id of cards) {
    const i = k.board.cards.findIndex((c) => c.card.id === id);
    // A fact on a card that is no judged customer: nothing across cards reads it.
    if (i < 0) continue;
    const ctx = prepareAcrossCard(input.snapshot, id, now, input.opts, input.anchor);
    if (!ctx) return anew();
    k.board.cards[i] = ctx;
    changed = true;
  }
  for (const f of input.facts) k.horizon = Math.min(k.horizon, later(f.at, k.nowMs));
  k.seq = last;
  if (changed || activityChanged) {
    k.board.now = now;
    k.nowMs = nowMs;
    withLightComments(k.board, k.light, now);
    // Only who wrote when changed: the rules reading it run again; else all. The part (and its row) stays when they
    // find the same.
    const part: AcrossPart = changed ? acrossAgain(k.board, k.part) : acrossAfterActivity(k.board, k.part);
    if (part !== k.part) {
      k.part = part;
      k.actions = actionsOf(part.findings);
      return k.part;
    }
  }
  if (rowsStale) {
    // The same findings, but an action they name has a new record: its seqs in the row change.
    const { row: _row, ...part } = k.part;
    k.part = part;
  }
  return k.part;
}

async function prepareAnew(store: Store, input: AcrossInput, key: string, boardJson: string): Promise<Kept> {
  // The seq first: a record appended while the part is read is read again next time (advancing twice is harmless).
  const seq = await store.ledger.lastSeq(input.boardId);
  const light = await store.entries.light(input.boardId, input.judged, input.byAction);
  const board = prepareAcross({ ...input.snapshot, comments: light }, input.now, input.opts, input.anchor);
  const part: AcrossPart = acrossFindings(board);
  const nowMs = input.now.getTime();
  const cardJson = new Map(input.snapshot.cards.map((c) => [c.id, JSON.stringify(c)]));
  const k: Kept = {
    key,
    stored: input.stored,
    boardJson,
    cardJson,
    seq,
    nowMs,
    horizon: Number.POSITIVE_INFINITY,
    board,
    light: [],
    activity: new Map(),
    whole: new Set(),
    actions: actionsOf(part.findings),
    part,
  };
  indexLight(k, light);
  for (const f of input.facts) k.horizon = Math.min(k.horizon, later(f.at, nowMs));
  return k;
}

function indexLight(k: Kept, light: CommentRecord[]): void {
  k.light = light;
  k.activity = new Map();
  k.whole = new Set();
  for (const [i, c] of light.entries()) {
    if (c.id.startsWith('activity:')) k.activity.set(`${c.authorId}|${dateKey(c.postedAt)}`, i);
    else k.whole.add(c.id);
    for (const at of [c.postedAt, c.editedAt, c.deletedAt]) if (at) k.horizon = Math.min(k.horizon, later(at, k.nowMs));
  }
}

/** `iso` as ms when it lies after `nowMs` (known only later), else +∞. */
function later(iso: string, nowMs: number): number {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && ms > nowMs ? ms : Number.POSITIVE_INFINITY;
}

function actionsOf(findings: readonly Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) for (const a of f.actionIds ?? []) out.add(a);
  return out;
}
