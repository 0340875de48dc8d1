// Verdict rows (docs/architecture.md "Evaluation path"): per card its findings at the day it was last judged and a
// summary row; board-level and cross-card findings under card id ''. Written only when a card's rows change (a
// digest per card); read back through zod. Both engines speak this SQL (migration 4).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Finding } from '../../../shared/types.js';
import type { CardStatusPart } from '../../../shared/status.js';
import type { BoardDashboardView, DashboardLine } from '../../../shared/dashboard-part.js';
import type { SqlDb, SqlExec } from './sql.js';

const countSchema = z.object({ judged: z.number(), onTime: z.number(), late: z.number(), missing: z.number(), percent: z.number().nullable() });

const dashSchema = z.object({
  members: z.array(
    z.object({ id: z.string(), w: z.array(z.number().int()), m: z.array(z.number().int()).length(12), missing: z.number().int(), late: z.number().int() }),
  ),
  rows: z.boolean(),
  others: z.boolean(),
  rangeStart: z.string(),
  unreachable: z.string().optional(),
});

/** What the status API and the dashboard read of a card without its findings. */
export const cardSummarySchema = z.object({
  boardId: z.string(),
  cardId: z.string(),
  name: z.string(),
  memberId: z.string(),
  /** Istanbul day of `now` when judged (a card is re-judged at day change). */
  judgedDay: z.string(),
  openCompliance: z.number().int(),
  openRisk: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  daily: countSchema,
  weekly: countSchema,
  monthly: countSchema,
  /** The same counts per responsible member (a cover answers for the days of a leave). */
  members: z.record(z.string(), z.object({ daily: countSchema, weekly: countSchema, monthly: countSchema })),
  /**
   * What the status API needs of the card on `judgedDay` besides its findings (shared/status.ts CardStatusPart; the
   * findings are the card's verdict rows); absent in rows kept before it. Rows kept before the findings left it still
   * carry them: ignored (the next judge writes the part without them).
   */
  status: z
    .object({
      base: z
        .object({
          cardId: z.string(),
          memberId: z.string(),
          readings: z.object({}).passthrough(),
          lastEntry: z.record(z.string(), z.string()),
          goLive: z.object({}).passthrough(),
        })
        .passthrough(),
      thresholds: z.object({}).passthrough(),
    })
    .optional(),
  /** The dashboard's counters of the card on `judgedDay` (shared/dashboard-part.ts); absent in rows kept before it. */
  dash: dashSchema.optional(),
});
type ParsedSummary = z.infer<typeof cardSummarySchema>;
/** The status part is checked for its shape when read and typed as shared/status.ts writes it. */
export type CardSummary = Omit<ParsedSummary, 'status'> & { status?: CardStatusPart };

/**
 * The board-level row's summary (card id ''): per customer card what the cross-card findings on it add, so the
 * dashboard never parses them.
 */
export const boardSummarySchema = z.object({
  judgedDay: z.string(),
  across: z.record(z.string(), z.object({ compliance: z.number().int(), periods: z.array(z.string()) })),
});
export type BoardSummary = z.infer<typeof boardSummarySchema>;

/** Per card: the cross-card findings' compliance count and the distinct periods of those the report lists. */
export function boardSummaryOf(across: readonly Finding[], judgedDay: string, listed: (f: Finding) => boolean): BoardSummary {
  const out: BoardSummary = { judgedDay, across: {} };
  for (const f of across) {
    if (!f.cardId) continue;
    const a = (out.across[f.cardId] ??= { compliance: 0, periods: [] });
    if (f.class !== 'risk') a.compliance++;
    if (listed(f) && !a.periods.includes(f.period)) a.periods.push(f.period);
  }
  return out;
}

const readingSchema = z.object({ percent: z.number().optional(), stale: z.boolean() });
const lineSchema = z.object({
  id: z.string(),
  name: z.string(),
  member: z.string(),
  day: z.string(),
  compliance: z.number().int(),
  dash: dashSchema,
  today: z.object({ member: z.string(), done: z.boolean() }).optional(),
  goLive: z.object({ live: z.boolean(), deadline: z.string().nullable(), daysLeft: z.number().nullable() }),
  readings: z.object({ disk: readingSchema.optional(), traffic: readingSchema.optional() }),
  thresholds: z.object({ high: z.number(), critical: z.number() }),
});

/** A board's kept dashboard lines (the `lines` column): what a one-card judge rebuilds the board's view from. */
export const boardLinesSchema = z.object({ lines: z.array(lineSchema), partial: z.array(z.string()) });
export type BoardLines = { lines: DashboardLine[]; partial: string[] };

const pctCounts = z.array(z.number());
/** The board's dashboard view (the `doc` column, shared/dashboard-part.ts BoardDashboardView): all the dashboard reads of it. */
const boardViewSchema = z.object({
  day: z.string(),
  complete: z.boolean(),
  sections: z.number(),
  members: z.array(z.object({ id: z.string(), w: pctCounts, m: pctCounts, missing: z.number(), late: z.number() })),
  cards: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      member: z.string(),
      findings: z.number(),
      m: z.array(z.object({ id: z.string(), m: pctCounts })).optional(),
      today: z.object({ member: z.string(), done: z.boolean() }).optional(),
      risk: z
        .object({
          reasons: z.array(z.enum(['golive', 'disk', 'traffic', 'unreachable'])),
          score: z.number(),
          goLive: z.object({ deadline: z.string().nullable(), daysLeft: z.number().nullable() }).nullable(),
          disk: z.object({ percent: z.number(), stale: z.boolean() }).nullable(),
          traffic: z.object({ percent: z.number(), stale: z.boolean() }).nullable(),
          unreachableSince: z.string().nullable(),
        })
        .optional(),
    }),
  ),
});

const findingShape = z
  .object({
    rule: z.string(),
    cardId: z.string(),
    memberId: z.string(),
    period: z.string(),
    status: z.string(),
    severity: z.enum(['info', 'warning', 'critical']),
    class: z.enum(['compliance', 'risk']).optional(),
  })
  .passthrough();
/** A kept finding: checked for the fields the rows index (rule, period, status, class, severity) when read. */
const findingSchema = z.custom<Finding>((v) => findingShape.safeParse(v).success, { message: 'not a stored finding' });

/** A finding as the dashboard's pick reads it from the columns (its text and evidence stay in the row's doc). */
export type PickedFinding = {
  boardId: string;
  cardId: string;
  ord: number;
  /** Whole (a cross-card finding), or its columns only (a card's own: its text and evidence are read when shown). */
  finding: Finding | PickedColumns;
};
type PickedColumns = Pick<Finding, 'rule' | 'cardId' | 'memberId' | 'period' | 'status' | 'severity' | 'class'>;
const pickedSchema = z.custom<PickedColumns>((v) => findingShape.safeParse(v).success, { message: 'not a stored finding' });

export interface VerdictRow {
  finding: Finding;
  /** Ledger seqs of the records it rests on (the entries named by its action ids). */
  seqs: number[];
}

/** Board totals from SQL over the card rows (the dashboard never holds a board's findings). */
export interface BoardVerdictTotals {
  boardId: string;
  cards: number;
  openCompliance: number;
  openRisk: number;
  errors: number;
  warnings: number;
}

/** Open findings by class and severity ('critical' counts as an error). */
export function countsOf(findings: readonly Finding[]): Pick<CardSummary, 'openCompliance' | 'openRisk' | 'errors' | 'warnings'> {
  let openCompliance = 0;
  let openRisk = 0;
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.class === 'risk') openRisk++;
    else openCompliance++;
    if (f.severity === 'critical') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  return { openCompliance, openRisk, errors, warnings };
}

/** What putCards compares to decide whether a card's rows changed. */
export const digestOf = (rows: readonly VerdictRow[], summary: CardSummary | BoardSummary | null): string =>
  createHash('sha256')
    .update(JSON.stringify([rows, summary]))
    .digest('hex');

/** Whose findings the dashboard lists: the viewer's specialists, and the specialist in focus. */
export interface FindingScope {
  members?: readonly string[];
  member?: string;
}

/** The member a finding is against, as the dashboard reads it: its own, else its card's specialist. */
const EFFECTIVE_MEMBER = `CASE WHEN v.member_id <> '' THEN v.member_id ELSE COALESCE(cv.member_id, '') END`;

/** A card's rows as a judge puts them (cardId '' = the board-level part, summary null). */
export type PutCard = { cardId: string; rows: readonly VerdictRow[]; summary: CardSummary | BoardSummary | null; digest?: string };

/** The board's dashboard row as kept (`lines` as stored JSON: compared as text, parsed by `linesOf`). */
export type KeptDashboard = { doc: string; lines: string; rowsDigest: string };

/** A board's kept rows as a judge compares with them (VerdictStore.kept); `dashboard` undefined: not read. */
export interface KeptRows {
  cards: Map<string, { digest: string; judgedDay: string }>;
  dashboard?: KeptDashboard | null;
}

/** A board's kept dashboard lines from the stored JSON. */
export function linesOf(json: string): BoardLines {
  // biome-ignore lint/nursery/noUnsafeTypeAssertion: checked by the schema; zod's optional fields differ only in `| undefined`.
  return boardLinesSchema.parse(JSON.parse(json)) as BoardLines;
}

/** Card ids per DELETE … IN and rows per multi-row INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const KEY_CHUNK = 500;
const INSERT_PARAMS = 10_000;

/** Multi-row INSERTs of `rows` (each the columns' values) into `target` ("table (columns)"): a few statements, not one per row. */
async function insertRows(q: SqlExec, target: string, rows: readonly unknown[][]): Promise<void> {
  const width = rows[0]?.length ?? 0;
  if (!width) return;
  const per = Math.max(1, Math.floor(INSERT_PARAMS / width));
  const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    await q.run(`INSERT INTO ${target} VALUES ${part.map(() => tuple).join(', ')}`, part.flat());
  }
}

/** Of the card rows' digests, in card id order: what the board's counted open findings were made from. */
function rowsDigestOf(cards: ReadonlyMap<string, { digest: string }>): string {
  return createHash('sha256')
    .update(
      [...cards.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, v]) => v.digest)
        .join(','),
    )
    .digest('hex');
}

/**
 * Add (`sign` 1) or subtract (-1) the verdict rows of these cards (null: every card and the board-level part) to the
 * board's counted open findings (`verdict_periods`), grouped as the whole count groups them: a one-card judge counts
 * its card, not the board.
 */
async function countPeriods(q: SqlExec, boardId: string, cardIds: readonly string[] | null, sign: 1 | -1): Promise<void> {
  const parts = cardIds ? Array.from({ length: Math.ceil(cardIds.length / KEY_CHUNK) }, (_, i) => cardIds.slice(i * KEY_CHUNK, (i + 1) * KEY_CHUNK)) : [null];
  for (const part of parts) {
    const only = part ? ` AND v.card_id IN (${part.map(() => '?').join(', ')})` : '';
    await q.run(
      `INSERT INTO verdict_periods (board_id, member_id, class, severity, period, n)
        SELECT v.board_id, ${EFFECTIVE_MEMBER}, v.class, v.severity, v.period, ${sign} * COUNT(*) FROM verdicts v
        LEFT JOIN card_verdicts cv ON cv.board_id = v.board_id AND cv.card_id = v.card_id
        WHERE v.board_id = ?${only} AND (v.card_id <> '' OR v.member_id <> '')
        GROUP BY v.board_id, ${EFFECTIVE_MEMBER}, v.class, v.severity, v.period
        ON CONFLICT (board_id, member_id, class, severity, period) DO UPDATE SET n = verdict_periods.n + excluded.n`,
      [boardId, ...(part ?? [])],
    );
  }
}

export class VerdictStore {
  constructor(private readonly db: SqlDb) {}

  /**
   * Replace one card's rows (cardId '' = the board-level part, summary null) when they differ from what is kept.
   * Returns whether anything was written.
   */
  async putCard(boardId: string, cardId: string, rows: readonly VerdictRow[], summary: CardSummary | BoardSummary | null): Promise<boolean> {
    return (await this.putCards(boardId, [{ cardId, rows, summary }])) > 0;
  }

  /**
   * Replace the rows of several cards of a board in ONE write transaction (a judge holds the write lock and a pool
   * connection once, not once per card), each only when it differs from what is kept. Returns the cards written.
   */
  async putCards(boardId: string, cards: readonly PutCard[]): Promise<number> {
    return cards.length ? this.save(boardId, await this.kept(boardId), { cards }) : 0;
  }

  /** Drop the rows of cards that are no longer judged on the board (archived, moved, not a customer). */
  async keepOnly(boardId: string, cardIds: ReadonlySet<string>): Promise<number> {
    const kept = await this.kept(boardId);
    const gone = [...kept.cards.keys()].filter((id) => id !== '' && !cardIds.has(id)).length;
    await this.save(boardId, kept, { cards: [], keep: cardIds });
    return gone;
  }

  /**
   * What a judge reads of a board's kept rows once, before it writes (each card's digest and judged day; with
   * `dashboard`, the board's dashboard row too): `save` compares with it and keeps it current, so a judge sends no
   * other read of these rows.
   */
  async kept(boardId: string, opts: { dashboard?: boolean } = {}): Promise<KeptRows> {
    const rows = await this.db.all<{ card_id: string; digest: string; judged_day: string }>(
      `SELECT card_id, digest, judged_day FROM card_verdicts WHERE board_id = ?`,
      [boardId],
    );
    const out: KeptRows = { cards: new Map(rows.map((r) => [r.card_id, { digest: r.digest, judgedDay: r.judged_day }])) };
    if (opts.dashboard) out.dashboard = await this.dashboardRow(boardId);
    return out;
  }

  private async dashboardRow(boardId: string): Promise<KeptDashboard | null> {
    const rows = await this.db.all<{ d: string; l: string; r: string }>(
      `SELECT doc AS d, lines AS l, rows_digest AS r FROM board_dashboard WHERE board_id = ?`,
      [boardId],
    );
    const row = rows[0];
    return row ? { doc: String(row.d), lines: String(row.l), rowsDigest: String(row.r) } : null;
  }

  /**
   * One write transaction for what a judge keeps of a board (none when nothing differs from `kept`): the cards whose
   * rows changed (their digests), the rows of cards no longer in `keep` dropped, and the board's dashboard row with,
   * when the card rows changed since they were last counted, its open findings counted per member, class, severity
   * and period (`verdict_periods`, from the verdict rows in SQL). Rows go in multi-row statements: on PostgreSQL a
   * statement is a round trip. `kept` is brought up to date. Returns the cards written.
   */
  async save(
    boardId: string,
    kept: KeptRows,
    work: { cards: readonly PutCard[]; keep?: ReadonlySet<string>; dashboard?: { view: BoardDashboardView; lines: BoardLines } },
  ): Promise<number> {
    // `digest`: digestOf of these rows, kept by the caller (the board-level part: store/across.ts).
    // A card named twice: its last rows (each card's rows are written whole).
    const last = new Map(work.cards.map((c) => [c.cardId, c]));
    const changed = [...last.values()]
      .map((c) => ({ ...c, digest: c.digest ?? digestOf(c.rows, c.summary) }))
      .filter((c) => kept.cards.get(c.cardId)?.digest !== c.digest);
    const keep = work.keep;
    const gone = keep ? [...kept.cards.keys()].filter((id) => id !== '' && !keep.has(id)) : [];
    const after = new Map(kept.cards);
    for (const c of changed) after.set(c.cardId, { digest: c.digest, judgedDay: c.summary?.judgedDay ?? '' });
    for (const id of gone) after.delete(id);
    const touched = [...changed.map((c) => c.cardId), ...gone];
    let board: { doc: string; lines: string; rowsDigest: string; day: string } | undefined;
    if (work.dashboard) {
      const before = kept.dashboard === undefined ? await this.dashboardRow(boardId) : kept.dashboard;
      const doc = JSON.stringify(work.dashboard.view);
      const lines = JSON.stringify(work.dashboard.lines);
      const rowsDigest = rowsDigestOf(after);
      if (before?.doc !== doc || before.lines !== lines || before.rowsDigest !== rowsDigest) board = { doc, lines, rowsDigest, day: work.dashboard.view.day };
    }
    if (!changed.length && !gone.length && !board) return 0;
    await this.db.tx(async (q: SqlExec) => {
      /** How verdict_periods is brought up to date: by the touched cards' rows, or counted again. */
      let counts: 'touched' | 'all' = 'all';
      if (board) {
        // As the rows stand inside the write lock (another process may have written since `kept` was read): the
        // counts stand for them (a judge stopped between the card rows and the dashboard row, or cards written
        // without it, leave them older) only when the dashboard row's digest is theirs; then the touched cards'
        // rows are subtracted and added, else everything is counted again.
        const current = await q.all<{ c: string; d: string; r: string | null }>(
          `SELECT card_id AS c, digest AS d, (SELECT rows_digest FROM board_dashboard WHERE board_id = ?) AS r FROM card_verdicts WHERE board_id = ?`,
          [boardId, boardId],
        );
        const rows = new Map(current.map((r) => [String(r.c), { digest: String(r.d) }]));
        if (current[0]?.r && current[0].r === rowsDigestOf(rows)) counts = 'touched';
        for (const c of changed) rows.set(c.cardId, { digest: c.digest });
        for (const id of gone) rows.delete(id);
        board.rowsDigest = rowsDigestOf(rows);
      }
      if (board && counts === 'touched') await countPeriods(q, boardId, touched, -1);
      await this.deleteCards(q, boardId, touched);
      // The counts come from the rows themselves, so the board-level row ('') counts in the totals too.
      const findings: unknown[][] = [];
      const summaries: unknown[][] = [];
      for (const { cardId, rows, summary, digest } of changed) {
        for (const [ord, r] of rows.entries()) {
          const f = r.finding;
          findings.push([
            boardId,
            cardId,
            ord,
            f.rule,
            f.period,
            f.status,
            f.memberId,
            f.class ?? 'compliance',
            f.severity,
            JSON.stringify(r.seqs),
            JSON.stringify(f),
          ]);
        }
        const c = countsOf(rows.map((r) => r.finding));
        const memberId = (summary && 'memberId' in summary ? summary.memberId : '') ?? '';
        summaries.push([
          boardId,
          cardId,
          memberId,
          summary?.judgedDay ?? '',
          c.openCompliance,
          c.openRisk,
          c.errors,
          c.warnings,
          digest,
          JSON.stringify(summary),
        ]);
      }
      await insertRows(q, 'verdicts (board_id, card_id, ord, rule, period, status, member_id, class, severity, seqs, doc)', findings);
      await insertRows(q, 'card_verdicts (board_id, card_id, member_id, judged_day, open_compliance, open_risk, errors, warnings, digest, doc)', summaries);
      if (!board) return;
      await q.run(
        `INSERT INTO board_dashboard (board_id, judged_day, rows_digest, doc, lines) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (board_id) DO UPDATE SET judged_day = excluded.judged_day, rows_digest = excluded.rows_digest, doc = excluded.doc, lines = excluded.lines`,
        [boardId, board.day, board.rowsDigest, board.doc, board.lines],
      );
      if (counts === 'touched') {
        if (!touched.length) return;
        await countPeriods(
          q,
          boardId,
          changed.map((c) => c.cardId),
          1,
        );
        await q.run(`DELETE FROM verdict_periods WHERE board_id = ? AND n = 0`, [boardId]);
        return;
      }
      await q.run(`DELETE FROM verdict_periods WHERE board_id = ?`, [boardId]);
      await countPeriods(q, boardId, null, 1);
    });
    kept.cards = after;
    if (board) kept.dashboard = { doc: board.doc, lines: board.lines, rowsDigest: board.rowsDigest };
    return changed.length;
  }

  /** The verdict and summary rows of these cards, a chunk of cards per statement. */
  private async deleteCards(q: SqlExec, boardId: string, cardIds: readonly string[]): Promise<void> {
    for (let i = 0; i < cardIds.length; i += KEY_CHUNK) {
      const part = cardIds.slice(i, i + KEY_CHUNK);
      const list = part.map(() => '?').join(', ');
      await q.run(`DELETE FROM verdicts WHERE board_id = ? AND card_id IN (${list})`, [boardId, ...part]);
      await q.run(`DELETE FROM card_verdicts WHERE board_id = ? AND card_id IN (${list})`, [boardId, ...part]);
    }
  }

  /** The card summary rows of a board (no board-level row). */
  async cards(boardId: string): Promise<CardSummary[]> {
    const rows = await this.db.all<{ doc: string }>(`SELECT doc FROM card_verdicts WHERE board_id = ? AND card_id <> '' ORDER BY card_id`, [boardId]);
    // biome-ignore lint/nursery/noUnsafeTypeAssertion: checked by the schema; the status part's readings/goLive/thresholds pass through as judge.ts wrote them (typed by CardStatusPart).
    return rows.map((r) => cardSummarySchema.parse(JSON.parse(r.doc)) as CardSummary);
  }

  /** The board-level row's summary, or null (never judged, or kept before it existed). */
  async boardSummary(boardId: string): Promise<BoardSummary | null> {
    const rows = await this.db.all<{ doc: string }>(`SELECT doc FROM card_verdicts WHERE board_id = ? AND card_id = ''`, [boardId]);
    const doc: unknown = rows[0] ? JSON.parse(rows[0].doc) : null;
    return doc === null ? null : boardSummarySchema.parse(doc);
  }

  /** The board-level findings naming no member (settings, leave notice): the few the dashboard scopes in code. */
  async unassigned(boardIds: readonly string[]): Promise<Array<{ boardId: string; ord: number; finding: Finding }>> {
    if (!boardIds.length) return [];
    const rows = await this.db.all<{ b: string; o: number; d: string }>(
      `SELECT board_id AS b, ord AS o, doc AS d FROM verdicts WHERE board_id IN (${boardIds.map(() => '?').join(', ')}) AND card_id = '' AND member_id = ''`,
      boardIds,
    );
    return rows.map((r) => ({ boardId: String(r.b), ord: Number(r.o), finding: findingSchema.parse(JSON.parse(String(r.d))) }));
  }

  /** The Istanbul day each card of a board was last judged on (its summary row's column alone: a webhook's re-judge). */
  async judgedDays(boardId: string): Promise<Map<string, string>> {
    const rows = await this.db.all<{ card_id: string; judged_day: string }>(
      `SELECT card_id, judged_day FROM card_verdicts WHERE board_id = ? AND card_id <> ''`,
      [boardId],
    );
    return new Map(rows.map((r) => [r.card_id, r.judged_day]));
  }

  /** The kept findings of a board (or one card; '' = board-level part), in the order they were judged. */
  async findings(boardId: string, cardId?: string): Promise<Finding[]> {
    const rows =
      cardId === undefined
        ? await this.db.all<{ doc: string }>(`SELECT doc FROM verdicts WHERE board_id = ? ORDER BY card_id, ord`, [boardId])
        : await this.db.all<{ doc: string }>(`SELECT doc FROM verdicts WHERE board_id = ? AND card_id = ? ORDER BY ord`, [boardId, cardId]);
    return rows.map((r) => findingSchema.parse(JSON.parse(r.doc)));
  }

  /** The kept findings of a board in one query, per stored card ('' = the board-level and across-cards part). */
  async findingsByCard(boardId: string): Promise<Map<string, Finding[]>> {
    const rows = await this.db.all<{ card_id: string; doc: string }>(`SELECT card_id, doc FROM verdicts WHERE board_id = ? ORDER BY card_id, ord`, [boardId]);
    const out = new Map<string, Finding[]>();
    for (const r of rows) {
      let list = out.get(r.card_id);
      if (!list) out.set(r.card_id, (list = []));
      list.push(findingSchema.parse(JSON.parse(r.doc)));
    }
    return out;
  }

  /** The ledger seqs each kept finding of a card rests on, in order. */
  async seqs(boardId: string, cardId: string): Promise<number[][]> {
    const rows = await this.db.all<{ seqs: string }>(`SELECT seqs FROM verdicts WHERE board_id = ? AND card_id = ? ORDER BY ord`, [boardId, cardId]);
    return rows.map((r) => z.array(z.number()).parse(JSON.parse(r.seqs)));
  }

  /** The dashboard views of several boards in one query (boards never judged since migration 6 are absent). */
  async boardDashboards(boardIds: readonly string[]): Promise<Map<string, BoardDashboardView>> {
    if (!boardIds.length) return new Map();
    const rows = await this.db.all<{ b: string; d: string }>(
      `SELECT board_id AS b, doc AS d FROM board_dashboard WHERE board_id IN (${boardIds.map(() => '?').join(', ')})`,
      boardIds,
    );
    // biome-ignore lint/nursery/noUnsafeTypeAssertion: checked by the schema; zod's optional fields differ only in `| undefined`.
    return new Map(rows.map((r) => [String(r.b), boardViewSchema.parse(JSON.parse(String(r.d))) as BoardDashboardView]));
  }

  /** The counted open findings (`verdict_periods`) of the boards, scoped as `findingCounts` says. */
  private periodsWhere(boardIds: readonly string[], scope: FindingScope): { where: string; params: unknown[] } {
    const params: unknown[] = [...boardIds];
    let where = `board_id IN (${boardIds.map(() => '?').join(', ')})`;
    if (scope.members) {
      where += scope.members.length ? ` AND member_id IN (${scope.members.map(() => '?').join(', ')})` : ' AND 1 = 0';
      for (const m of scope.members) params.push(m);
    }
    if (scope.member !== undefined) {
      where += ' AND member_id = ?';
      params.push(scope.member);
    }
    return { where, params };
  }

  /**
   * The dashboard's open findings, per board, class and severity, summed over the boards' counted rows
   * (`verdict_periods`, kept at judge time): every row except the board-level ones naming no member (`unassigned`).
   * `members`: only findings whose member (the card's specialist when the finding names none) is among them;
   * `member`: only that one.
   */
  async findingCounts(boardIds: readonly string[], scope: FindingScope = {}): Promise<Array<{ boardId: string; class: string; severity: string; n: number }>> {
    if (!boardIds.length) return [];
    const { where, params } = this.periodsWhere(boardIds, scope);
    const rows = await this.db.all<Record<string, string | number>>(
      `SELECT board_id AS b, class AS c, severity AS s, SUM(n) AS n FROM verdict_periods WHERE ${where} GROUP BY board_id, class, severity`,
      params,
    );
    return rows.map((r) => ({ boardId: String(r.b), class: String(r.c), severity: String(r.s), n: Number(r.n) }));
  }

  /**
   * The findings (as `findingCounts` scopes them) of one class that can be among the first `limit` in the dashboard's
   * order (severity first for compliance, then newest period): every row up to the `limit`-th one's severity and
   * period, ties included, so the caller's exact sort picks the same ones as over the whole board. The cut is found
   * from the counted rows (`verdict_periods`, periods compared bytewise in JS: `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`
   * sort so as localeCompare does); the rows up to it are then read by severity and period, equality only.
   */
  async topFindings(boardIds: readonly string[], cls: 'compliance' | 'risk', limit: number, scope: FindingScope = {}): Promise<PickedFinding[]> {
    if (!boardIds.length) return [];
    const p = this.periodsWhere(boardIds, scope);
    const hist = await this.db.all<Record<string, string | number>>(
      `SELECT severity AS s, period AS p, SUM(n) AS n FROM verdict_periods WHERE ${p.where} AND class = ? GROUP BY severity, period`,
      [...p.params, cls],
    );
    // Risks are listed newest first whatever their severity: one rank for all.
    const rank = (sev: string) => (cls === 'compliance' ? (sev === 'critical' ? 0 : sev === 'warning' ? 1 : 2) : sev === '' ? 1 : 0);
    const buckets = hist.map((h) => ({ sev: String(h.s), period: String(h.p), r: rank(String(h.s)), n: Number(h.n) }));
    buckets.sort((a, b) => a.r - b.r || (a.period < b.period ? 1 : a.period > b.period ? -1 : 0));
    let seen = 0;
    let cut: { r: number; period: string } | undefined;
    for (const x of buckets) {
      seen += x.n;
      if (seen >= limit) {
        cut = { r: x.r, period: x.period };
        break;
      }
    }
    // Per severity: every period (no cut, or a rank before the cut's) or the periods from the cut's on.
    const wanted = new Map<string, string[] | 'all'>();
    for (const x of buckets) {
      if (!cut || x.r < cut.r) wanted.set(x.sev, 'all');
      else if (x.r === cut.r && x.period >= cut.period) {
        const list = wanted.get(x.sev);
        if (list === undefined) wanted.set(x.sev, [x.period]);
        else if (list !== 'all') list.push(x.period);
      }
    }
    const { where, params } = this.scoped(boardIds, scope);
    // The card's specialist is read only to scope (a finding naming no member is its card specialist's).
    const join = scope.members || scope.member !== undefined ? ` LEFT JOIN card_verdicts cv ON cv.board_id = v.board_id AND cv.card_id = v.card_id` : '';
    const out: PickedFinding[] = [];
    for (const [sev, periods] of wanted) {
      const byPeriod = periods === 'all' ? '' : ` AND v.period IN (${periods.map(() => '?').join(', ')})`;
      // A card's own findings by their columns only (verdicts_pick holds them all; the texts of the few shown are read
      // after: `findingDocs`); a cross-card one (card id '') whole, its doc naming the card it is about.
      const rows = await this.db.all<Record<string, string | number | null>>(
        `SELECT v.board_id AS b, v.card_id AS c, v.ord AS o, v.member_id AS fm, v.rule AS r, v.period AS p, v.status AS st,
          CASE WHEN v.card_id = '' THEN v.doc END AS d FROM verdicts v${join}
          WHERE ${where} AND v.class = ? AND v.severity = ?${byPeriod}`,
        [...params, cls, sev, ...(periods === 'all' ? [] : periods)],
      );
      for (const r of rows) {
        const cardId = String(r.c);
        const finding =
          r.d === null
            ? pickedSchema.parse({ rule: r.r, cardId, memberId: r.fm, period: r.p, status: r.st, severity: sev, class: cls })
            : findingSchema.parse(JSON.parse(String(r.d)));
        out.push({ boardId: String(r.b), cardId, ord: Number(r.o), finding });
      }
    }
    return out;
  }

  /** The kept findings at these places (board, card, ord), by `${boardId}|${cardId}|${ord}`. */
  async findingDocs(keys: ReadonlyArray<{ boardId: string; cardId: string; ord: number }>): Promise<Map<string, Finding>> {
    const out = new Map<string, Finding>();
    // A join on a list of keys, the list first (CROSS JOIN keeps SQLite's order): each is one primary-key lookup (an
    // IN over row values, or a plain join, may scan the table with a Bloom filter instead).
    for (let i = 0; i < keys.length; i += 300) {
      const chunk = keys.slice(i, i + 300);
      const rows = await this.db.all<Record<string, string | number>>(
        `WITH k (b, c, o) AS (VALUES ${chunk.map(() => '(?, ?, CAST(? AS INTEGER))').join(', ')})
          SELECT v.board_id AS b, v.card_id AS c, v.ord AS o, v.doc AS d FROM k CROSS JOIN verdicts v WHERE v.board_id = k.b AND v.card_id = k.c AND v.ord = k.o`,
        chunk.flatMap((k) => [k.boardId, k.cardId, k.ord]),
      );
      for (const r of rows) out.set(`${String(r.b)}|${String(r.c)}|${Number(r.o)}`, findingSchema.parse(JSON.parse(String(r.d))));
    }
    return out;
  }

  private scoped(boardIds: readonly string[], scope: FindingScope): { where: string; params: unknown[] } {
    const params: unknown[] = [...boardIds];
    // Cross-card findings name their member; board-level ones naming none are scoped in code (`unassigned`).
    let where = `v.board_id IN (${boardIds.map(() => '?').join(', ')}) AND (v.card_id <> '' OR v.member_id <> '')`;
    if (scope.members) {
      where += scope.members.length ? ` AND ${EFFECTIVE_MEMBER} IN (${scope.members.map(() => '?').join(', ')})` : ' AND 1 = 0';
      for (const m of scope.members) params.push(m);
    }
    if (scope.member !== undefined) {
      where += ` AND ${EFFECTIVE_MEMBER} = ?`;
      params.push(scope.member);
    }
    return { where, params };
  }

  /**
   * The open findings of these boards (the notifier's: isOpenFinding in SQL, plus every finding of the `always` rules),
   * by board, card and judged order, with the cards each board has summary rows for. A superset is fine: the notifier
   * checks each finding again at its boundary (notify/plan.ts openFindings).
   */
  async openRows(
    boardIds: readonly string[],
    always: readonly string[],
  ): Promise<{ rows: Array<{ boardId: string; cardId: string; finding: Finding }>; carded: Map<string, Set<string>> }> {
    if (!boardIds.length) return { rows: [], carded: new Map() };
    const boards = boardIds.map(() => '?').join(', ');
    const rules = always.map(() => '?').join(', ') || "''";
    // shared/badges.ts isOpenFinding: a risk unless info; a compliance finding unless info, late, due soon or a plain warning.
    const rows = await this.db.all<{ b: string; c: string; d: string }>(
      `SELECT board_id AS b, card_id AS c, doc AS d FROM verdicts WHERE board_id IN (${boards}) AND (rule IN (${rules})
        OR (severity <> 'info' AND (class = 'risk' OR status NOT IN ('late', 'due-soon', 'warning')))) ORDER BY board_id, card_id, ord`,
      [...boardIds, ...always],
    );
    const cards = await this.db.all<{ b: string; c: string }>(
      `SELECT board_id AS b, card_id AS c FROM card_verdicts WHERE board_id IN (${boards}) AND card_id <> ''`,
      boardIds,
    );
    const carded = new Map<string, Set<string>>();
    for (const r of cards) {
      const set = carded.get(String(r.b));
      if (set) set.add(String(r.c));
      else carded.set(String(r.b), new Set([String(r.c)]));
    }
    return { rows: rows.map((r) => ({ boardId: String(r.b), cardId: String(r.c), finding: findingSchema.parse(JSON.parse(String(r.d))) })), carded };
  }

  /** How many findings a board's rows hold (the scan log's count of a board not judged again). */
  async count(boardId: string): Promise<number> {
    const rows = await this.db.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM verdicts WHERE board_id = ?`, [boardId]);
    return Number(rows[0]?.n ?? 0);
  }

  /** Per board: cards judged and open findings by class and severity, summed in SQL over the card rows. */
  async totals(boardIds?: readonly string[]): Promise<BoardVerdictTotals[]> {
    const where = boardIds ? `WHERE board_id IN (${boardIds.map(() => '?').join(', ') || "''"})` : '';
    const rows = await this.db.all<Record<string, string | number | null>>(
      `SELECT board_id, SUM(CASE WHEN card_id <> '' THEN 1 ELSE 0 END) AS cards, SUM(open_compliance) AS oc, SUM(open_risk) AS orisk,
        SUM(errors) AS errs, SUM(warnings) AS warns FROM card_verdicts ${where} GROUP BY board_id ORDER BY board_id`,
      boardIds ?? [],
    );
    return rows.map((r) => ({
      boardId: String(r.board_id),
      cards: Number(r.cards ?? 0),
      openCompliance: Number(r.oc ?? 0),
      openRisk: Number(r.orisk ?? 0),
      errors: Number(r.errs ?? 0),
      warnings: Number(r.warns ?? 0),
    }));
  }
}
