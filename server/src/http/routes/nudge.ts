// The lead's «Hatırlat» (docs/powerup.md "Nudges", docs/operations.md): a team lead or manager of the card (NABIZ_PEOPLE,
// as for freeze approvals) posts ONE Turkish @mention comment to the card's responsible specialist while today's
// daily is still pending (R31, before 18:15: A12). One per card per Istanbul day; each is a ledger fact (who, when,
// which card, the comment id), so the outbox page and the card back show it and nobody can nudge twice unseen.
import { Router, type Request } from 'express';
import { todayCountdown, todayState } from '../../../../shared/badges.js';
import { nudgeActionId, nudgedLine, nudgeLimitText, nudgeText } from '../../../../shared/nudge.js';
import type { BoardSnapshot } from '../../../../shared/types.js';
import type { LedgerInput } from '../../store/ledger.js';
import type { LedgerRecord } from '../../store/schema.js';
import { HttpError, type AppDeps } from '../deps.js';
import { statusCache, type StatusCache } from './api.js';
import { cardContext, mayApprove } from './approvals.js';

export const NOT_NUDGER_TR = 'Hatırlatmayı yalnızca NABIZ_PEOPLE içinde tanımlı, bu kartın ekip lideri ya da yöneticisi gönderebilir.';
export const NOT_PENDING_TR = 'Bu kartın bugün bekleyen günlük kaydı yok: hatırlatma gönderilmedi.';
export const NO_TRELLO_TR = 'Trello bağlantısı yapılandırılmamış (TRELLO_TOKEN): hatırlatma gönderilemiyor.';
export const POST_FAILED_TR = 'Trello yorumu gönderilemedi; hatırlatma kaydedilmedi. Lütfen biraz sonra yeniden deneyin.';

/** One recorded nudge as the card back and the outbox page show it. */
export interface NudgeView {
  cardId: string;
  at: string;
  by: string;
  byName?: string;
  /** The specialist reminded. */
  to?: string;
  toName?: string;
  commentId?: string;
  text?: string;
  /** `Hatırlatıldı 14:05 · Mehmet`. */
  line: string;
}

export function nudgeView(r: LedgerRecord, nameOf: (id: string) => string | undefined): NudgeView {
  const byName = r.authorName ?? nameOf(r.authorId);
  const toName = r.memberId ? nameOf(r.memberId) : undefined;
  return {
    cardId: r.cardId,
    at: r.postedAt,
    by: r.authorId,
    ...(byName ? { byName } : {}),
    ...(r.memberId ? { to: r.memberId } : {}),
    ...(toName ? { toName } : {}),
    ...(r.sourceActionId ? { commentId: r.sourceActionId } : {}),
    ...(r.text ? { text: r.text } : {}),
    line: nudgedLine(r.postedAt, byName ?? r.authorId),
  };
}

export function nudgeRouter(deps: AppDeps, statuses: StatusCache = statusCache(deps)): Router {
  const r = Router();
  /** Cards whose nudge is being posted now (two clicks at once must not post two comments). */
  const inFlight = new Set<string>();

  const context = (req: Request, cardId: string) => cardContext(deps, req, cardId);

  const nameFor = (snapshot: BoardSnapshot) => (id: string) =>
    snapshot.members.find((m) => m.id === id)?.fullName ?? deps.config.people.find((p) => p.trelloId === id)?.name;
  const nudgesOf = async (boardKey: string, cardId: string) => (await deps.store.ledger.facts(boardKey, { cardId })).filter((x) => x.type === 'nudge');
  /** Today's nudge among a card's nudges (its action id holds the Istanbul day). */
  const todayOf = (records: LedgerRecord[], cardId: string) => {
    const id = nudgeActionId(cardId, deps.clock());
    return records.find((x) => x.actionId === id);
  };

  r.get('/api/cards/:cardId/nudges', async (req, res) => {
    const { boardKey, snapshot, card, person } = await context(req, req.params.cardId);
    const records = await nudgesOf(boardKey, card.id);
    const today = todayOf(records, card.id);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      canNudge: mayApprove(person, { key: boardKey, id: snapshot.id }, card),
      today: today ? nudgeView(today, nameFor(snapshot)) : null,
      nudges: records.map((x) => nudgeView(x, nameFor(snapshot))),
    });
  });

  r.post('/api/cards/:cardId/nudge', async (req, res) => {
    const { claims, boardKey, snapshot, card, person } = await context(req, req.params.cardId);
    if (!person || !mayApprove(person, { key: boardKey, id: snapshot.id }, card)) {
      deps.log.warn(`nudge: member ${claims.idMember} may not nudge on card ${card.id} (not a lead or manager of it in NABIZ_PEOPLE)`);
      res.status(403).json({ error: NOT_NUDGER_TR });
      return;
    }
    const key = `${boardKey}|${card.id}`;
    if (inFlight.has(key)) {
      res.status(429).json({ error: 'Bu karta şu anda bir hatırlatma gönderiliyor.' });
      return;
    }
    inFlight.add(key);
    try {
      const names = nameFor(snapshot);
      const earlier = todayOf(await nudgesOf(boardKey, card.id), card.id);
      if (earlier) {
        const by = earlier.authorName ?? names(earlier.authorId) ?? earlier.authorId;
        res.status(429).json({ error: nudgeLimitText(earlier.postedAt, by), nudge: nudgeView(earlier, names) });
        return;
      }
      const now = deps.clock();
      // The status the badges show, from the status API's cache, so "pending" means what the card's badge says.
      const entry = await statuses.entry(boardKey, now);
      if (!entry) throw new HttpError(404, 'board has not been scanned yet');
      const status = entry.status.cards[card.id];
      if (!status || todayState(status, now) !== 'pending') {
        res.status(409).json({ error: NOT_PENDING_TR });
        return;
      }
      if (!deps.trello) {
        res.status(503).json({ error: NO_TRELLO_TR });
        return;
      }
      const member = snapshot.members.find((m) => m.id === status.memberId);
      const text = nudgeText({
        mention: member?.username,
        fullName: member?.fullName ?? deps.config.people.find((p) => p.trelloId === status.memberId)?.name ?? status.memberId,
        countdown: todayCountdown(now, 'tr')?.text ?? null,
        role: person.role,
        by: person.name,
      });
      let comment: { id: string };
      try {
        comment = await deps.trello.postComment(card.id, text);
      } catch (e) {
        deps.log.error(`nudge: posting the reminder on card ${card.id} failed: ${e instanceof Error ? e.message : String(e)}`);
        res.status(502).json({ error: POST_FAILED_TR });
        return;
      }
      const at = now.toISOString();
      const input: LedgerInput = {
        type: 'nudge',
        actionId: nudgeActionId(card.id, now),
        boardId: boardKey,
        cardId: card.id,
        authorId: claims.idMember,
        authorName: person.name,
        postedAt: at,
        text,
        memberId: status.memberId,
        sourceActionId: comment.id,
        via: 'powerup',
        recordedAt: at,
        source: 'powerup',
      };
      // The comment is out: a failed append must leave its id in the log, so the record can be restored by hand.
      const added = await deps.store.append([input]).catch((e: unknown) => {
        deps.log.error(`nudge: comment ${comment.id} was posted on card ${card.id} but recording it failed: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      });
      const rec = added[0] ?? todayOf(await nudgesOf(boardKey, card.id), card.id);
      deps.log.info(
        `nudge: card ${card.id} reminded ${status.memberId} by ${claims.idMember} (comment ${comment.id}${added[0] ? `, ledger #${added[0].seq}` : ''})`,
      );
      res.setHeader('Cache-Control', 'no-store');
      res.json({ recorded: added.length > 0, nudge: rec ? nudgeView(rec, names) : null });
    } finally {
      inFlight.delete(key);
    }
  });

  return r;
}
