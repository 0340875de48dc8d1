/**
 * The specialist's side of the story (docs/rules.md "Explanations and excused periods"). Each period of a card
 * with an exception (missing, late, reading missing) may carry explanations: `#açıklama` comments
 * (shared/entries/explanation.ts) and `explanation` facts from the Power-Up. Only the explanation of the person
 * responsible for that period counts; others are kept and marked. A team lead or manager of NABIZ_PEOPLE accepts
 * them (`#açıklama-onay` or an `explanation-accept` fact): a recorded fact with who and when. An accepted period
 * is counted as "excused" by the reports, beside its status, never instead of it. Pure: the caller hands in the
 * people list and who was responsible per period (the facts in force then).
 */
import type { Approver } from './compliance/facts-in-force.js';
import { parseExplanation, parseExplanationAcceptance } from './entries/explanation.js';
import type { BoardSnapshot } from './types.js';

export interface ExplanationItem {
  period: string;
  text: string;
  by: string;
  at: string;
  via: 'powerup' | 'comment';
  /** The comment's action id (via comment), or the Power-Up record's id. */
  actionId?: string;
  seq?: number;
  /** Written by the person responsible for the period (owner or cover then): only these count. */
  responsible: boolean;
}

export interface AcceptanceItem {
  period: string;
  by: string;
  at: string;
  via: 'powerup' | 'comment';
  actionId?: string;
  seq?: number;
}

/** One period's side of the story: every explanation (oldest first), and the acceptance that excuses it. */
export interface PeriodExplanation {
  explanations: ExplanationItem[];
  /** The first acceptance by a lead or manager made after a responsible explanation; absent while none. */
  accepted?: AcceptanceItem;
}

export interface ExplanationOptions {
  /** NABIZ_PEOPLE's leads and managers (only they accept). Without it nothing is accepted. */
  people?: ReadonlyArray<Pick<Approver, 'trelloId' | 'role' | 'boards'>>;
  /** The members responsible for a card's period (owner or cover in force then). */
  responsibleFor: (cardId: string, period: string) => readonly string[];
  /** The board (its key or id), to check the approver's boards. */
  boardIds?: readonly string[];
}

/** May `by` accept explanations on this card's board? A manager, or a team lead (of the board when limited). */
function isApprover(people: ExplanationOptions['people'], by: string, boardIds: readonly string[] | undefined): boolean {
  const p = people?.find((x) => x.trelloId === by);
  if (!p) return false;
  const boards = p.boards;
  if (boards && boardIds && !boardIds.some((b) => boards.includes(b))) return false;
  return p.role === 'manager' || p.role === 'teamLead';
}

/**
 * Every card's explanations known at `now`, by card id and period. Deleted comments and records after `now` do
 * not count. An acceptance counts once a responsible explanation precedes it (an acceptance before any is a lead
 * accepting nothing: kept out).
 */
export function explanationsOf(
  snapshot: Pick<BoardSnapshot, 'facts' | 'comments'>,
  now: Date,
  opts: ExplanationOptions,
): Map<string, Map<string, PeriodExplanation>> {
  const nowMs = now.getTime();
  const said: Array<ExplanationItem & { cardId: string }> = [];
  const accepts: Array<AcceptanceItem & { cardId: string }> = [];
  const live = (at: string): boolean => Date.parse(at) <= nowMs;
  for (const f of snapshot.facts ?? []) {
    if (!live(f.at)) continue;
    const ids = {
      ...(f.kind === 'explanation' || f.kind === 'explanation-accept'
        ? { ...(f.actionId ? { actionId: f.actionId } : {}), ...(f.seq !== undefined ? { seq: f.seq } : {}) }
        : {}),
    };
    if (f.kind === 'explanation') said.push({ cardId: f.cardId, period: f.period, text: f.text, by: f.by, at: f.at, via: f.via, ...ids, responsible: false });
    else if (f.kind === 'explanation-accept') accepts.push({ cardId: f.cardId, period: f.period, by: f.by, at: f.at, via: f.via, ...ids });
  }
  for (const c of snapshot.comments) {
    if (!c.text || !live(c.postedAt) || (c.deletedAt && Date.parse(c.deletedAt) <= nowMs)) continue;
    const e = parseExplanation(c.text, c.postedAt);
    if (e) said.push({ cardId: c.cardId, period: e.period, text: e.text, by: c.authorId, at: c.postedAt, via: 'comment', actionId: c.id, responsible: false });
    const a = parseExplanationAcceptance(c.text, c.postedAt);
    if (a) accepts.push({ cardId: c.cardId, period: a, by: c.authorId, at: c.postedAt, via: 'comment', actionId: c.id });
  }
  const byTime = <T extends { at: string; seq?: number }>(a: T, b: T): number => Date.parse(a.at) - Date.parse(b.at) || (a.seq ?? 0) - (b.seq ?? 0);
  said.sort(byTime);
  accepts.sort(byTime);

  const out = new Map<string, Map<string, PeriodExplanation>>();
  const slot = (cardId: string, period: string): PeriodExplanation => {
    let card = out.get(cardId);
    if (!card) out.set(cardId, (card = new Map()));
    let p = card.get(period);
    if (!p) card.set(period, (p = { explanations: [] }));
    return p;
  };
  for (const s of said) {
    const { cardId, ...item } = s;
    item.responsible = opts.responsibleFor(cardId, s.period).includes(s.by);
    slot(cardId, s.period).explanations.push(item);
  }
  for (const a of accepts) {
    if (!isApprover(opts.people, a.by, opts.boardIds)) continue;
    const p = out.get(a.cardId)?.get(a.period);
    if (!p || p.accepted) continue;
    const t = Date.parse(a.at);
    if (!p.explanations.some((e) => e.responsible && Date.parse(e.at) <= t)) continue;
    const { cardId: _c, ...item } = a;
    p.accepted = item;
  }
  return out;
}

/** The explanation shown for a period: the latest of the responsible person, else the latest of anyone. */
export function shownExplanation(p: PeriodExplanation | undefined): ExplanationItem | undefined {
  if (!p) return undefined;
  return p.explanations.filter((e) => e.responsible).at(-1) ?? p.explanations.at(-1);
}
