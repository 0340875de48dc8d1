// The incremental evaluation path (docs/architecture.md "Evaluation path"): judge the cards whose records changed
// (or every card at day change) with shared/compliance/verdicts.ts and keep the result as verdict rows
// (store/verdicts.ts), writing only the cards whose rows changed. The board-level and cross-card part
// (settings, leave notice, slot, capacity, inactive) is judged each time from the board's light part.
import { dateKey } from '../../../shared/dates.js';
import { firstCompleteDay, judgedCustomers, type EvaluateOptions } from '../../../shared/compliance/context.js';
import { assembleVerdicts, boardAnchor, judgeCard, type CardVerdict } from '../../../shared/compliance/verdicts.js';
import { addOutcome, emptyCount } from '../../../shared/compliance/evaluate.js';
import type { Fact } from '../../../shared/facts.js';
import type { AuditResult, BoardSnapshot, ComplianceCount, Finding } from '../../../shared/types.js';
import { cardStatusPart } from '../../../shared/status.js';
import {
  boardDashboardView,
  dashboardLine,
  dashboardPart,
  type BoardDashboardView,
  type BoardHistory,
  type DashboardLine,
} from '../../../shared/dashboard-part.js';
import { JUDGED_RULES } from '../../../shared/compliance/judged-periods.js';
import { factsOf, historyOf } from './board-view.js';
import { parsesOf } from './entries.js';
import { foldComments } from './ledger.js';
import type { Evaluation, LedgerRecord } from './schema.js';
import { RULES_STAMP } from '../../../shared/compliance.js';
import type { Store } from './store.js';
import {
  boardSummaryOf,
  countsOf,
  digestOf,
  linesOf,
  type BoardLines,
  type BoardSummary,
  type CardSummary,
  type KeptDashboard,
  type PutCard,
  type VerdictRow,
} from './verdicts.js';
import { acrossPart } from './across.js';

/** Cards whose rows are written per transaction when a whole board is judged. */
const PUT_BATCH = 50;
/** Cards whose records and kept parses are read per query (≈ 300 records a card a year). */
const READ_CHUNK = 10;

/** The board's evaluation mark after a judge at `now`: the rows are the rules of this revision (RULES_STAMP). */
export function evaluationMark(now: Date): Evaluation {
  return { evaluatedAt: now.toISOString(), rules: RULES_STAMP.revision };
}

/**
 * Whether a board's verdict rows were judged by these rules: a mark from another revision of the rule set (or from
 * before marks said theirs) means rows an older rule made (a finding's text, one finding per pair where it is now one
 * per card): they are not served, and the next judge judges every card again (judgeStoredBoard).
 */
export function rowsCurrent(mark: Readonly<Evaluation> | undefined): boolean {
  return mark?.rules === RULES_STAMP.revision;
}

export interface JudgeResult {
  /** Cards judged (customers on the board at `now`). */
  judged: number;
  /** Card rows written because they changed (the board-level row counts as one). */
  written: number;
}

/** The ledger seqs behind each finding: the records of the actions it names. */
function rowsOf(findings: readonly Finding[], seqByAction: ReadonlyMap<string, number[]>): VerdictRow[] {
  return findings.map((f) => ({ finding: f, seqs: (f.actionIds ?? []).flatMap((a) => seqByAction.get(a) ?? []) }));
}

function seqIndex(records: readonly LedgerRecord[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of records) {
    const list = out.get(r.actionId);
    if (list) list.push(r.seq);
    else out.set(r.actionId, [r.seq]);
  }
  return out;
}

function addCounts(into: ComplianceCount, c: ComplianceCount): void {
  into.judged += c.judged;
  into.onTime += c.onTime;
  into.late += c.late;
  into.missing += c.missing;
  into.percent = into.judged ? Math.round((into.onTime / into.judged) * 1000) / 10 : null;
}

/** A card's summary row: its counts, and the same per responsible member. */
/**
 * The board's history as the dashboard's rows read it (the evidence report's completeFrom, docs/rules.md): a cut
 * export's first complete day. While a first scan backfills, the dashboard takes the whole-board path
 * (reports/dashboard-rows.ts), so the parts then mark every period before today not judged, until the board is
 * judged again once the backfill is done.
 */
export function boardHistory(snapshot: Pick<BoardSnapshot, 'historyCut' | 'historyFrom'>, backfilled: boolean | undefined, now: Date): BoardHistory {
  const historyDay = snapshot.historyCut && snapshot.historyFrom ? firstCompleteDay(snapshot.historyFrom) : undefined;
  if (historyDay) return { completeFrom: historyDay, historyDay };
  return { completeFrom: backfilled === false ? dateKey(now) : null };
}

export function summaryOf(boardId: string, v: CardVerdict, now: Date, history: BoardHistory = { completeFrom: null }): CardSummary {
  const s: CardSummary = {
    boardId,
    cardId: v.cardId,
    name: v.name,
    memberId: v.memberId,
    judgedDay: dateKey(now),
    ...countsOf(v.findings),
    daily: emptyCount(),
    weekly: emptyCount(),
    monthly: emptyCount(),
    members: {},
    // The status API answers from this (http/routes/api.ts): computed once per judged card, not per request.
    ...(v.ctx ? { status: cardStatusPart(v.ctx), dash: dashboardPart(v.ctx, v.findings, history) } : {}),
  };
  for (const o of v.outcomes) {
    addOutcome(s[o.kind], o);
    const m = (s.members[o.memberId] ??= { daily: emptyCount(), weekly: emptyCount(), monthly: emptyCount() });
    addOutcome(m[o.kind], o);
  }
  return s;
}

/**
 * The cards of `boardId` that appended records touch (comments, membership, card pluginData, approvals), or 'all'
 * when a board settings version is among them (it is in force for every card, docs/rules.md "Facts in force").
 */
export function touchedCards(records: Iterable<LedgerRecord>, boardId: string): string[] | 'all' {
  const out = new Set<string>();
  for (const r of records) {
    if (r.boardId !== boardId) continue;
    if (r.type === 'board-data') return 'all';
    if (r.cardId) out.add(r.cardId);
  }
  return [...out];
}

/**
 * Re-judge a board's cards at `now` and keep the verdict rows. `cardIds`: only these cards (their records changed),
 * with `stale` also those without rows or judged on an earlier day; absent, or the board's rows judged under another
 * rule set revision (rowsCurrent): every card. The board-level part is re-judged either way. Null: never scanned.
 *
 * Card by card from the store, never the whole board in memory (docs/architecture.md "Evaluation path"): the part
 * across cards reads the board's facts and its light comments (who wrote on which card on which day, and the few
 * whose text it reads: EntryStore.light), the board's first entry comes from the kept parses (EntryStore.firstEntries),
 * and each judged card reads its own records, the board's settings versions and its kept parses.
 */
export async function judgeStoredBoard(
  store: Store,
  boardId: string,
  now: Date,
  opts: EvaluateOptions & { cardIds?: readonly string[]; stale?: boolean; pause?: () => Promise<void> } = {},
): Promise<JudgeResult | null> {
  const b = store.boards.get(boardId);
  const stored = store.snapshots.get(boardId);
  if (!b || !stored) return null;
  const { facts: _f, factsFrom: _ff, ...snap } = historyOf(stored);
  await store.entries.ensureBoard(boardId);
  const byAction = (ids: string[]) => store.ledger.records(boardId, ids);
  const factRecords = await store.ledger.facts(boardId);
  // As boardView: facts once the board's history began (b.facts) or any was recorded.
  const hasFacts = Boolean(b.facts) || factRecords.length > 0;
  const withFacts = (s: BoardSnapshot, facts: Fact[]): BoardSnapshot => (hasFacts ? { ...s, facts, ...(b.facts ? { factsFrom: b.facts.from } : {}) } : s);
  const boardFacts = factsOf(factRecords);
  const anchor = boardAnchor(withFacts({ ...snap, comments: await store.entries.firstEntries(boardId, now, byAction) }, boardFacts), now);
  const judged = judgedCustomers(withFacts({ ...snap, comments: anchor }, boardFacts), now, opts).map((c) => c.id);
  // Kept in memory between re-judges and advanced from the records appended since (store/across.ts).
  const across = await acrossPart(store, {
    boardId,
    stored,
    snapshot: withFacts({ ...snap, comments: [] }, boardFacts),
    facts: boardFacts,
    anchor,
    judged,
    now,
    opts,
    byAction,
  });
  if (!across.row) {
    // The cross-card findings the dashboard's report sections list (shared/dashboard-part.ts): all but period rows.
    const periodRules = new Set<string>(JUDGED_RULES);
    const listed = (f: Finding) => !periodRules.has(f.rule);
    const rows = await rowsFor(store, boardId, across.findings, []);
    const summary = boardSummaryOf(across.findings, dateKey(now), listed);
    across.row = { rows, summary, digest: digestOf(rows, summary) };
  }
  const boardSummary = across.row.summary;
  // The board's kept rows, read once: every write below compares with them (store/verdicts.ts save).
  const kept = await store.verdicts.kept(boardId, { dashboard: true });
  const put: PutCard[] = [{ cardId: '', ...across.row }];
  const customers = new Set(across.cardIds);
  // Rows judged under another rule set revision are all judged again, whatever the records touched.
  const current = rowsCurrent(store.evaluations.get(boardId));
  let wanted = opts.cardIds && current ? opts.cardIds.filter((id) => customers.has(id)) : across.cardIds;
  if (opts.cardIds && opts.stale && current) {
    // Open periods move with the day: cards without rows or judged on an earlier day are judged again too.
    const today = dateKey(now);
    const extra = across.cardIds.filter((id) => id !== '' && kept.cards.get(id)?.judgedDay !== today);
    if (extra.length) wanted = [...new Set([...wanted, ...extra])];
  }
  const history = boardHistory(snap, b.backfilled, now);
  let written = 0;
  /** The judged cards' dashboard lines (null: judged without the parts). */
  const lines = new Map<string, DashboardLine | null>();
  // The board's settings versions are in force for every card (docs/rules.md "Facts in force").
  const boardData = factRecords.filter((r) => r.type === 'board-data');
  const cards = new Map(snap.cards.map((c) => [c.id, c]));
  const ids = wanted.filter((id) => cards.has(id));
  // A chunk of cards' records and kept parses per query (one round trip for READ_CHUNK cards), the next chunk read
  // while this one is judged; at most two chunks held.
  const read = (i: number) => {
    if (i >= ids.length) return null;
    const p = store.entries.cards(ids.slice(i, i + READ_CHUNK));
    // Awaited below (its error thrown there); a judge that fails before must not leave it unhandled.
    p.catch(() => undefined);
    return p;
  };
  let next = read(0);
  for (let i = 0; next; i += READ_CHUNK) {
    const chunk = await next;
    next = read(i + READ_CHUNK);
    for (const [id, { records: own, kept: parses }] of chunk) {
      const card = cards.get(id);
      if (!card) continue;
      // Off the request path (a webhook's re-judge): requests waiting meanwhile are answered between two cards.
      await opts.pause?.();
      const records = boardData.length ? [...own, ...boardData].sort((x, y) => x.seq - y.seq) : own;
      const snapshot = withFacts({ ...snap, cards: [card], comments: foldComments(records) }, factsOf(records));
      const parsed = parsesOf(snapshot.comments, records, parses);
      const v = judgeCard(snapshot, id, now, anchor, { ...opts, parsed });
      if (!v) continue;
      const summary = summaryOf(boardId, v, now, history);
      lines.set(id, lineOf(summary));
      put.push({ cardId: id, rows: await rowsFor(store, boardId, v.findings, records), summary });
      // Written a batch of cards at a time, so a large board's findings are never all held (each card's rows are whole).
      if (put.length >= PUT_BATCH) written += await store.verdicts.save(boardId, kept, { cards: put.splice(0) });
    }
  }
  // The last cards, the rows of cards no longer judged dropped and the board's dashboard row: one transaction.
  const carded = new Set([...kept.cards.keys(), ...put.map((p) => p.cardId)].filter((id) => id !== '' && customers.has(id)));
  const dashboard = await boardDashboard(store, boardId, dateKey(now), [...carded], lines, boardSummary, kept.dashboard ?? null);
  written += await store.verdicts.save(boardId, kept, { cards: put, keep: customers, dashboard });
  return { judged: wanted.length, written };
}

/** A card summary's dashboard line, or null when it was kept without the parts. */
const lineOf = (s: CardSummary): DashboardLine | null => (s.status && s.dash ? dashboardLine(s, s.status, s.dash) : null);

/**
 * Rows with the seqs of every record of the actions the findings name: from `local` (the card's records) when
 * they hold the action, else one indexed lookup (the part across cards always looks up: its actions may be any card's).
 */
async function rowsFor(store: Store, boardId: string, findings: readonly Finding[], local: readonly LedgerRecord[]): Promise<VerdictRow[]> {
  const seqs = seqIndex(local);
  const missing = [...new Set(findings.flatMap((f) => f.actionIds ?? []))].filter((a) => !seqs.has(a));
  if (missing.length) for (const [a, list] of seqIndex(await store.ledger.records(boardId, missing))) seqs.set(a, list);
  return rowsOf(findings, seqs);
}

/**
 * The board as the kept verdict rows say (evaluateBoard's shape, order and summary): what the incremental path
 * answers. Null when the board was never scanned.
 */
export async function storedResult(store: Store, boardId: string): Promise<AuditResult | null> {
  // Only the board's cards, members and history mark are needed: the comments stay in the ledger.
  const stored = store.snapshots.get(boardId);
  if (!stored) return null;
  const snap = historyOf(stored);
  const cards = await store.verdicts.cards(boardId);
  const findings = await store.verdicts.findingsByCard(boardId);
  const board = findings.get('') ?? [];
  const verdicts = new Map<string, CardVerdict>();
  // Outcomes are kept as counts (the summary rows), added below.
  for (const c of cards) verdicts.set(c.cardId, { cardId: c.cardId, name: c.name, memberId: c.memberId, findings: findings.get(c.cardId) ?? [], outcomes: [] });
  const cardIds = snap.cards.map((c) => c.id).filter((id) => verdicts.has(id));
  const historyDay = snap.historyCut && snap.historyFrom ? firstCompleteDay(snap.historyFrom) : undefined;
  const out = assembleVerdicts(snap, { findings: board, cardIds, ...(historyDay ? { historyDay } : {}) }, verdicts);
  const names = new Map(snap.members.map((m) => [m.id, m.fullName]));
  for (const c of cards) {
    const row = out.summary.byCard[c.cardId];
    if (!row) continue;
    row.daily = c.daily;
    row.weekly = c.weekly;
    row.monthly = c.monthly;
    for (const [id, counts] of Object.entries(c.members)) {
      const m = (out.summary.byMember[id] ??= { name: names.get(id) ?? id, cards: 0, daily: emptyCount(), weekly: emptyCount(), monthly: emptyCount() });
      for (const kind of ['daily', 'weekly', 'monthly'] as const) addCounts(m[kind], counts[kind]);
    }
  }
  return out;
}

/**
 * The board's dashboard row (store/verdicts.ts save) after a judge: the lines of the cards just judged, the kept
 * lines of the others (from the row before, else from their summary rows), the view made from them and what the
 * cross-card findings add. `carded`: the cards with rows once this judge's rows are written.
 */
async function boardDashboard(
  store: Store,
  boardId: string,
  day: string,
  carded: string[],
  judged: ReadonlyMap<string, DashboardLine | null>,
  across: BoardSummary,
  row: KeptDashboard | null,
): Promise<{ view: BoardDashboardView; lines: BoardLines }> {
  const before = row ? linesOf(row.lines) : null;
  const kept = new Map<string, DashboardLine | null>();
  for (const l of before?.lines ?? []) kept.set(l.id, l);
  for (const id of before?.partial ?? []) kept.set(id, null);
  const unknown = carded.filter((id) => !judged.has(id) && !kept.has(id));
  if (unknown.length) for (const s of await store.verdicts.cards(boardId)) if (unknown.includes(s.cardId)) kept.set(s.cardId, lineOf(s));
  const lines: BoardLines = { lines: [], partial: [] };
  for (const id of carded.sort()) {
    const line = judged.has(id) ? judged.get(id) : kept.get(id);
    if (line) lines.lines.push(line);
    else lines.partial.push(id);
  }
  return { view: boardDashboardView(lines.lines, across.across, day, lines.partial.length > 0), lines };
}
