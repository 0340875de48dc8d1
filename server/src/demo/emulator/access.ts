// Look-ups every route shares: a board/card/member/action by id (or short link), checked against what the
// calling token may see, and the JSON of cards and board members.
import type { TrelloCard, TrelloMember } from '../model.js';
import { cardFull, pickFields, pluginDataJson } from '../serialize.js';
import type { BoardRecord, EmulatorState } from '../state.js';
import type { TrelloAction } from '../model.js';
import { HttpErr, missing, type Ctx } from './http.js';

export type CardRecord = TrelloCard & { idBoard: string };

export class Access {
  constructor(readonly state: EmulatorState) {}

  board(ctx: Ctx, id: string): BoardRecord {
    const b = this.state.boards.get(id) ?? [...this.state.boards.values()].find((x) => x.shortLink === id);
    if (!b) throw missing(id, true);
    if (ctx.boards && !ctx.boards.includes(b.id)) throw new HttpErr(401, 'unauthorized permission requested');
    return b;
  }

  card(ctx: Ctx, id: string): CardRecord {
    const c = this.state.cards.get(id) ?? [...this.state.cards.values()].find((x) => x.shortLink === id);
    if (!c) throw missing(id, true);
    this.board(ctx, c.idBoard);
    return c;
  }

  member(ctx: Ctx, id: string): TrelloMember {
    const mId = id === 'me' ? ctx.memberId : id;
    const m = this.state.members.get(mId) ?? [...this.state.members.values()].find((x) => x.username === mId);
    if (!m) throw new HttpErr(404, 'model not found');
    return m;
  }

  /** Any action by id (excluded types included: GET /1/actions/{id} serves them). */
  action(ctx: Ctx, id: string): TrelloAction {
    const a = this.state.actions.get(id);
    if (!a) throw missing(id);
    if (a.data.board?.id) this.board(ctx, a.data.board.id);
    return a;
  }

  boardCards(boardId: string, filter: string): CardRecord[] {
    return [...this.state.cards.values()].filter((c) => c.idBoard === boardId && (filter === 'all' || (filter === 'closed' ? c.closed : !c.closed)));
  }

  cardJson(c: CardRecord, fields: string | undefined, withPluginData: boolean): Record<string, unknown> {
    const out = pickFields(cardFull(this.state, c), fields);
    if (withPluginData) out.pluginData = [...this.state.pluginData.values()].filter((p) => p.idModel === c.id).map(pluginDataJson);
    return out;
  }

  membersOf(board: BoardRecord, filter = 'all'): TrelloMember[] {
    return board.memberships
      .filter((m) => filter === 'all' || (filter === 'admins' ? m.memberType === 'admin' : filter === 'normal' ? m.memberType === 'normal' : true))
      .map((m) => this.state.members.get(m.idMember))
      .filter((m): m is TrelloMember => !!m);
  }
}

/** A comment's text: required, at most 16,384 characters (Trello's limit). */
export function commentText(ctx: Ctx): string {
  const t = ctx.q.text ?? ctx.q.value;
  if (t === undefined || t.trim() === '') throw new HttpErr(400, 'invalid value for text');
  if (t.length > 16384) throw new HttpErr(400, 'invalid value for text');
  return t;
}
