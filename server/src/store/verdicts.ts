// Verdict rows (docs/architecture.md "Evaluation path"): per card its findings at the day it was last judged and a
// summary row; board-level and cross-card findings under card id ''. Written only when a card's rows change (a
// digest per card); read back through zod. Both engines speak this SQL (migration 4).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Finding } from '../../../shared/types.js';
import type { SqlDb, SqlExec } from './sql.js';

const countSchema = z.object({ judged: z.number(), onTime: z.number(), late: z.number(), missing: z.number(), percent: z.number().nullable() });

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
});
export type CardSummary = z.infer<typeof cardSummarySchema>;

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

const digestOf = (rows: readonly VerdictRow[], summary: CardSummary | null): string =>
  createHash('sha256').update(JSON.stringify([rows, summary])).digest('hex');

export class VerdictStore {
  constructor(private readonly db: SqlDb) {}

  /**
   * Replace one card's rows (cardId '' = the board-level part, summary null) when they differ from what is kept.
   * Returns whether anything was written.
   */
  async putCard(boardId: string, cardId: string, rows: readonly VerdictRow[], summary: CardSummary | null): Promise<boolean> {
    return (await this.putCards(boardId, [{ cardId, rows, summary }])) > 0;
  }

  /**
   * Replace the rows of several cards of a board in ONE write transaction (a judge holds the write lock and a pool
   * connection once, not once per card), each only when it differs from what is kept. Returns the cards written.
   */
  async putCards(boardId: string, cards: ReadonlyArray<{ cardId: string; rows: readonly VerdictRow[]; summary: CardSummary | null }>): Promise<number> {
    if (!cards.length) return 0;
    const kept = new Map((await this.db.all<{ card_id: string; digest: string }>(`SELECT card_id, digest FROM card_verdicts WHERE board_id = ?`, [boardId])).map((r) => [r.card_id, r.digest]));
    const changed = cards.map((c) => ({ ...c, digest: digestOf(c.rows, c.summary) })).filter((c) => kept.get(c.cardId) !== c.digest);
    if (!changed.length) return 0;
    await this.db.tx(async (q: SqlExec) => {
      for (const { cardId, rows, summary, digest } of changed) {
        await q.run(`DELETE FROM verdicts WHERE board_id = ? AND card_id = ?`, [boardId, cardId]);
        for (const [ord, r] of rows.entries()) {
          const f = r.finding;
          await q.run(
            `INSERT INTO verdicts (board_id, card_id, ord, rule, period, status, member_id, class, severity, seqs, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [boardId, cardId, ord, f.rule, f.period, f.status, f.memberId, f.class ?? 'compliance', f.severity, JSON.stringify(r.seqs), JSON.stringify(f)],
          );
        }
        // The counts come from the rows themselves, so the board-level row ('') counts in the totals too.
        const c = countsOf(rows.map((r) => r.finding));
        await q.run(`DELETE FROM card_verdicts WHERE board_id = ? AND card_id = ?`, [boardId, cardId]);
        await q.run(
          `INSERT INTO card_verdicts (board_id, card_id, member_id, judged_day, open_compliance, open_risk, errors, warnings, digest, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [boardId, cardId, summary?.memberId ?? '', summary?.judgedDay ?? '', c.openCompliance, c.openRisk, c.errors, c.warnings, digest, JSON.stringify(summary)],
        );
      }
    });
    return changed.length;
  }

  /** Drop the rows of cards that are no longer judged on the board (archived, moved, not a customer). */
  async keepOnly(boardId: string, cardIds: ReadonlySet<string>): Promise<number> {
    const kept = await this.db.all<{ card_id: string }>(`SELECT card_id FROM card_verdicts WHERE board_id = ?`, [boardId]);
    const gone = kept.map((r) => r.card_id).filter((id) => id !== '' && !cardIds.has(id));
    if (!gone.length) return 0;
    await this.db.tx(async (q) => {
      for (const id of gone) {
        await q.run(`DELETE FROM verdicts WHERE board_id = ? AND card_id = ?`, [boardId, id]);
        await q.run(`DELETE FROM card_verdicts WHERE board_id = ? AND card_id = ?`, [boardId, id]);
      }
    });
    return gone.length;
  }

  /** The card summary rows of a board (no board-level row). */
  async cards(boardId: string): Promise<CardSummary[]> {
    const rows = await this.db.all<{ doc: string }>(`SELECT doc FROM card_verdicts WHERE board_id = ? AND card_id <> '' ORDER BY card_id`, [boardId]);
    return rows.map((r) => cardSummarySchema.parse(JSON.parse(r.doc)));
  }

  /** The Istanbul day each card of a board was last judged on (its summary row's column alone: a webhook's re-judge). */
  async judgedDays(boardId: string): Promise<Map<string, string>> {
    const rows = await this.db.all<{ card_id: string; judged_day: string }>(`SELECT card_id, judged_day FROM card_verdicts WHERE board_id = ? AND card_id <> ''`, [boardId]);
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
