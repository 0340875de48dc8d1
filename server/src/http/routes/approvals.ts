// Freeze approvals (R20: «yöneticinize bildirerek onay aldıktan sonra hizmet dondurma»; docs/rules.md "Facts in
// force"): a team lead or manager known in NABIZ_PEOPLE approves a frozen range of a card from the Power-Up's card
// back; the approval is a dated fact in the evidence ledger (who, when), hash-chained like comments. Only server
// configuration decides who may approve, never pluginData (docs/architecture.md). Every call carries t.jwt().
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Person } from '../../config.js';
import { isDateKey } from '../../../../shared/dates.js';
import { MAX_EXPLANATION, parseExplanation, parseExplanationAcceptance } from '../../../../shared/entries/explanation.js';
import { boardView } from '../../store/board-view.js';
import { readProfile, specialistOf } from '../../../../shared/profile.js';
import type { BoardSnapshot, CardSnapshot } from '../../../../shared/types.js';
import { evaluateStoredBoard } from '../../scan/scan-boards.js';
import { trackedBoardKey } from '../../store/board-ids.js';
import type { LedgerInput } from '../../store/ledger.js';
import { HttpError, type AppDeps, type PowerUpClaims } from '../deps.js';
import { bearerToken } from '../jwt.js';

const DayKey = z.string().refine(isDateKey, 'must be a day (YYYY-MM-DD)');
export const FreezeApprovalBodySchema = z
  .object({ from: DayKey, to: DayKey })
  .strict()
  .refine((b) => b.from <= b.to, { message: 'from must not be after to', path: ['to'] });

/** A period as the reports key it: a day, an ISO week or a month. */
const PeriodKeySchema = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2}|\d{4}-W\d{2}|\d{4}-\d{2})$/, 'must be a day (YYYY-MM-DD), a week (YYYY-Www) or a month (YYYY-MM)')
  .refine((p) => !/^\d{4}-\d{2}-\d{2}$/.test(p) || isDateKey(p), 'must be a real day');
export const ExplanationBodySchema = z
  .object({ period: PeriodKeySchema, text: z.string().trim().min(1, 'an explanation needs a text').max(MAX_EXPLANATION) })
  .strict();
export const AcceptanceBodySchema = z.object({ period: PeriodKeySchema }).strict();

/** The card's explanations and acceptances as recorded from the Power-Up, and whether the asking member may accept. */
export interface CardExplanations {
  canAccept: boolean;
  records: Array<{
    type: 'explanation' | 'explanation-accept';
    period: string;
    text?: string;
    by: string;
    byName?: string;
    at: string;
    via: 'powerup' | 'comment';
  }>;
}

export const NOT_ACCEPTOR_TR = 'Açıklamayı yalnızca NABIZ_PEOPLE içinde tanımlı bir ekip lideri ya da yönetici kabul edebilir.';

/** What the Power-Up's card back shows: the card's recorded approvals, and whether the asking member may approve. */
export interface FreezeApprovals {
  canApprove: boolean;
  approvals: Array<{ from: string; to: string; by: string; byName?: string; at: string; seq: number }>;
}

export const NOT_APPROVER_TR = 'Dondurma onayını yalnızca NABIZ_PEOPLE içinde tanımlı bir ekip lideri ya da yönetici verebilir.';

/** May this person approve a freeze on this card? A manager of the board, or a team lead of the board and (when set) of the card's specialist. */
export function mayApprove(person: Person | undefined, board: { key: string; id: string }, card: CardSnapshot): boolean {
  if (!person) return false;
  if (person.boards && !person.boards.includes(board.key) && !person.boards.includes(board.id)) return false;
  if (person.role === 'manager') return true;
  if (!person.specialists) return true;
  const specialist = specialistOf(card, readProfile(card).profile);
  const own = person.specialists;
  return own.includes(specialist) || card.idMembers.some((m) => own.includes(m));
}

export interface CardContext {
  claims: PowerUpClaims;
  boardKey: string;
  snapshot: BoardSnapshot;
  card: CardSnapshot;
  person: Person | undefined;
}

/**
 * The JWT's member, the tracked board it was issued on, and the card on it (404 when unknown). The token is bound to
 * its board: a card of another board cannot be approved, explained or nudged with it.
 */
export async function cardContext(deps: AppDeps, req: Request, cardId: string): Promise<CardContext> {
  const claims = await deps.verifyJwt(bearerToken(req.get('authorization')));
  await deps.store.sync();
  const boardKey = trackedBoardKey(deps.config.NABIZ_BOARDS, deps.store.boards, claims.idBoard) ?? claims.idBoard;
  const snapshot = deps.store.snapshots.get(boardKey);
  if (!snapshot) throw new HttpError(404, 'board has not been scanned yet');
  const card = snapshot.cards.find((c) => c.id === cardId || c.shortLink === cardId);
  if (!card) throw new HttpError(404, 'card is not on the board this token was issued for');
  const person = deps.config.people.find((p) => p.trelloId === claims.idMember);
  return { claims, boardKey, snapshot, card, person };
}

export function approvalsRouter(deps: AppDeps): Router {
  const r = Router();

  const context = (req: Request, cardId: string) => cardContext(deps, req, cardId);

  r.get('/api/cards/:cardId/freeze-approvals', async (req, res) => {
    const { boardKey, snapshot, card, person } = await context(req, req.params.cardId);
    const records = (await deps.store.ledger.facts(boardKey, { cardId: card.id })).filter((x) => x.type === 'freeze-approval');
    const body: FreezeApprovals = {
      canApprove: mayApprove(person, { key: boardKey, id: snapshot.id }, card),
      approvals: records.map((x) => ({
        from: x.rangeFrom ?? '',
        to: x.rangeTo ?? '',
        by: x.authorId,
        ...(x.authorName ? { byName: x.authorName } : {}),
        at: x.postedAt,
        seq: x.seq,
      })),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  r.post('/api/cards/:cardId/freeze-approval', async (req, res) => {
    const { claims, boardKey, snapshot, card, person } = await context(req, req.params.cardId);
    if (!mayApprove(person, { key: boardKey, id: snapshot.id }, card)) {
      deps.log.warn(`approvals: member ${claims.idMember} may not approve freezes on card ${card.id} (not a lead or manager of it in NABIZ_PEOPLE)`);
      res.status(403).json({ error: NOT_APPROVER_TR });
      return;
    }
    const body = FreezeApprovalBodySchema.parse(await readJson(req));
    const at = deps.clock().toISOString();
    const input: LedgerInput = {
      type: 'freeze-approval',
      actionId: `approval:${card.id}:${body.from}:${body.to}:${claims.idMember}`,
      boardId: boardKey,
      cardId: card.id,
      authorId: claims.idMember,
      ...(person?.name ? { authorName: person.name } : {}),
      postedAt: at,
      rangeFrom: body.from,
      rangeTo: body.to,
      via: 'powerup',
      recordedAt: at,
      source: 'powerup',
    };
    const added = await deps.store.append([input]);
    const rec =
      added[0] ?? (await deps.store.ledger.facts(boardKey, { cardId: card.id })).find((x) => x.type === 'freeze-approval' && x.actionId === input.actionId);
    if (added.length) deps.log.info(`approvals: freeze ${body.from}–${body.to} of card ${card.id} approved by ${claims.idMember} (ledger #${added[0]?.seq})`);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ recorded: added.length > 0, approval: { from: body.from, to: body.to, by: claims.idMember, at: rec?.postedAt ?? at, seq: rec?.seq ?? null } });
    if (added.length) {
      // The freeze now exempts its days: findings follow at once (like a webhook's evidence).
      evaluateStoredBoard(deps.store, boardKey, deps.clock()).catch((err: unknown) =>
        deps.log.error(`approvals: re-evaluating board ${boardKey} failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    }
  });

  // The specialist's side of the story (docs/rules.md "Explanations and excused periods"): anyone on the board may
  // write an explanation for a period of the card (it counts only when the writer was responsible for that period,
  // decided with the facts in force then by shared/explanations.ts); a lead or manager who may approve on this card
  // accepts it. Both are ledger facts (who, when), like a freeze approval.
  r.get('/api/cards/:cardId/explanations', async (req, res) => {
    const { boardKey, snapshot, card, person } = await context(req, req.params.cardId);
    // Power-Up facts and `#açıklama` / `#açıklama-onay` comments alike; whether one counts (responsible writer,
    // approver) is decided by the reports with the facts in force (shared/explanations.ts), not here.
    const view = await boardView(deps.store, boardKey, { cardId: card.id });
    const nameOf = (id: string) => snapshot.members.find((m) => m.id === id)?.fullName ?? deps.config.people.find((p) => p.trelloId === id)?.name;
    const records: CardExplanations['records'] = [];
    for (const f of view?.snapshot.facts ?? []) {
      if (f.kind !== 'explanation' && f.kind !== 'explanation-accept') continue;
      const byName = nameOf(f.by);
      records.push({
        type: f.kind,
        period: f.period,
        ...(f.kind === 'explanation' ? { text: f.text } : {}),
        by: f.by,
        ...(byName ? { byName } : {}),
        at: f.at,
        via: 'powerup',
      });
    }
    for (const c of view?.snapshot.comments ?? []) {
      if (c.deletedAt || !c.text) continue;
      const byName = c.authorName ?? nameOf(c.authorId);
      const e = parseExplanation(c.text, c.postedAt);
      if (e)
        records.push({ type: 'explanation', period: e.period, text: e.text, by: c.authorId, ...(byName ? { byName } : {}), at: c.postedAt, via: 'comment' });
      const a = parseExplanationAcceptance(c.text, c.postedAt);
      if (a) records.push({ type: 'explanation-accept', period: a, by: c.authorId, ...(byName ? { byName } : {}), at: c.postedAt, via: 'comment' });
    }
    records.sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
    const body: CardExplanations = { canAccept: mayApprove(person, { key: boardKey, id: snapshot.id }, card), records };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  r.post('/api/cards/:cardId/explanation', async (req, res) => {
    const { claims, boardKey, card } = await context(req, req.params.cardId);
    const body = ExplanationBodySchema.parse(await readJson(req));
    const at = deps.clock().toISOString();
    const input: LedgerInput = {
      type: 'explanation',
      actionId: `explanation:${card.id}:${body.period}:${claims.idMember}:${at}`,
      boardId: boardKey,
      cardId: card.id,
      authorId: claims.idMember,
      postedAt: at,
      period: body.period,
      text: body.text,
      via: 'powerup',
      recordedAt: at,
      source: 'powerup',
    };
    const added = await deps.store.append([input]);
    if (added.length) deps.log.info(`explanations: period ${body.period} of card ${card.id} explained by ${claims.idMember} (ledger #${added[0]?.seq})`);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ recorded: added.length > 0, explanation: { period: body.period, text: body.text, by: claims.idMember, at, seq: added[0]?.seq ?? null } });
    if (added.length) reEvaluate(boardKey);
  });

  r.post('/api/cards/:cardId/explanation-accept', async (req, res) => {
    const { claims, boardKey, snapshot, card, person } = await context(req, req.params.cardId);
    if (!mayApprove(person, { key: boardKey, id: snapshot.id }, card)) {
      deps.log.warn(`explanations: member ${claims.idMember} may not accept explanations on card ${card.id} (not a lead or manager of it in NABIZ_PEOPLE)`);
      res.status(403).json({ error: NOT_ACCEPTOR_TR });
      return;
    }
    const body = AcceptanceBodySchema.parse(await readJson(req));
    const at = deps.clock().toISOString();
    const input: LedgerInput = {
      type: 'explanation-accept',
      actionId: `explanation-accept:${card.id}:${body.period}:${claims.idMember}`,
      boardId: boardKey,
      cardId: card.id,
      authorId: claims.idMember,
      ...(person?.name ? { authorName: person.name } : {}),
      postedAt: at,
      period: body.period,
      via: 'powerup',
      recordedAt: at,
      source: 'powerup',
    };
    const added = await deps.store.append([input]);
    if (added.length) deps.log.info(`explanations: period ${body.period} of card ${card.id} accepted by ${claims.idMember} (ledger #${added[0]?.seq})`);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ recorded: added.length > 0, acceptance: { period: body.period, by: claims.idMember, at, seq: added[0]?.seq ?? null } });
    if (added.length) reEvaluate(boardKey);
  });

  function reEvaluate(boardKey: string): void {
    evaluateStoredBoard(deps.store, boardKey, deps.clock()).catch((err: unknown) =>
      deps.log.error(`explanations: re-evaluating board ${boardKey} failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  return r;
}

/** The JSON body, read here (the routes before this one read no bodies); at most 4 KB. */
export async function readJson(req: Request): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    // A request without setEncoding() yields Buffers.
    const c = Buffer.isBuffer(part) ? part : Buffer.from(String(part));
    size += c.length;
    if (size > 4096) throw new HttpError(413, 'body too large');
    chunks.push(c);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}
