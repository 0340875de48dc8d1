// /1/cards/{id} and its nested resources, comments and labels (rest/api-group-cards).
import type { TrelloAction } from '../../model.js';
import { BOARD_DEFAULT_FIELDS, MEMBER_NESTED_FIELDS, actionJson, boardFull, listJson, memberFull, pickFields, pluginDataJson } from '../../serialize.js';
import { commentText } from '../access.js';
import { pageActions } from '../actions-query.js';
import { HttpErr, bool, compile, param, type Ctx, type Route } from '../http.js';
import { deleteComment, editComment } from './actions.js';
import type { RouteEnv } from './env.js';

/** A card's default action filter (rest/api-group-cards: GET /1/cards/{id}/actions). */
const CARD_ACTIONS_DEFAULT = 'commentCard,updateCard:idList';

export function cardRoutes(env: RouteEnv): Route[] {
  const { state, clock, access, hooks } = env;

  const memberChanged = (a: TrelloAction | null) => {
    if (a) hooks.deliver(a);
  };
  /** The card's members as `GET /1/cards/{id}/members` shows them (what the idMembers routes answer). */
  const membersOf = (ctx: Ctx, c: { idMembers: string[] }) =>
    c.idMembers.map((m) => pickFields(memberFull(state, access.member(ctx, m)), undefined, MEMBER_NESTED_FIELDS));
  const boardMember = (c: { idBoard: string }, memberId: string) => state.boards.get(c.idBoard)?.memberships.some((m) => m.idMember === memberId) ?? false;

  const updateCard = (ctx: Ctx) => {
    const c = access.card(ctx, param(ctx, 'id'));
    const q = ctx.q;
    const old: Record<string, unknown> = {};
    if (q.closed !== undefined && bool(q.closed) !== c.closed) {
      old.closed = c.closed;
      c.closed = bool(q.closed);
    }
    if (q.idList !== undefined && q.idList !== c.idList) {
      const l = state.lists.get(q.idList);
      if (!l || l.idBoard !== c.idBoard) throw new HttpErr(400, 'invalid value for idList');
      old.idList = c.idList;
      c.idList = q.idList;
    }
    if (q.name !== undefined && q.name !== c.name) {
      old.name = c.name;
      c.name = q.name;
    }
    if (q.desc !== undefined && q.desc !== c.desc) {
      old.desc = c.desc;
      c.desc = q.desc;
    }
    const at = clock();
    if (q.idMembers !== undefined) {
      // Replacing the members records one addMemberToCard / removeMemberFromCard per change, as the board UI does.
      const ids = q.idMembers
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const m of ids) if (!state.members.has(m)) throw new HttpErr(400, 'invalid value for idMembers');
      for (const m of [...c.idMembers]) if (!ids.includes(m)) memberChanged(state.changeCardMember(c.id, m, 'remove', ctx.memberId, at));
      for (const m of ids) memberChanged(state.changeCardMember(c.id, m, 'add', ctx.memberId, at));
    }
    c.dateLastActivity = at.toISOString();
    const b = state.boards.get(c.idBoard);
    if (Object.keys(old).length && b) {
      const list = state.lists.get(c.idList);
      const a = state.addAction({
        id: state.newId(at),
        idMemberCreator: ctx.memberId,
        type: 'updateCard',
        date: at.toISOString(),
        data: {
          old,
          card: { id: c.id, name: c.name, idShort: c.idShort, shortLink: c.shortLink, ...Object.fromEntries(Object.entries(c).filter(([k]) => k in old)) },
          board: { id: b.id, name: b.name, shortLink: b.shortLink },
          list: list ? { id: list.id, name: list.name } : undefined,
        },
        appCreator: null,
      });
      hooks.deliver(a);
    }
    return { json: access.cardJson(c, undefined, false) };
  };

  return [
    // POST /1/cards (rest/api-group-cards "Create a new Card"): `idList` required, `name`, `desc`, `pos`; answers the card.
    compile('POST', '/1/cards', (ctx) => {
      const list = ctx.q.idList ? state.lists.get(ctx.q.idList) : undefined;
      if (!list) throw new HttpErr(400, 'invalid value for idList');
      access.board(ctx, list.idBoard); // the token must see the list's board
      const name = ctx.q.name ?? '';
      if (name.length > 16384) throw new HttpErr(400, 'invalid value for name');
      const { card, action } = state.addCard(list.id, name, ctx.q.desc ?? '', ctx.memberId, clock());
      if (ctx.q.pos === 'top') {
        const first = [...state.cards.values()].filter((c) => c.idList === list.id && c.id !== card.id).reduce((m, c) => Math.min(m, c.pos ?? 16384), 16384);
        card.pos = first / 2;
      }
      hooks.deliver(action);
      return { json: access.cardJson(card, undefined, false) };
    }),
    compile('GET', '/1/cards/:id', (ctx) => {
      const c = access.card(ctx, param(ctx, 'id'));
      const q = ctx.q;
      const out = access.cardJson(c, q.fields, bool(q.pluginData));
      if (bool(q.members)) out.members = c.idMembers.map((m) => pickFields(memberFull(state, access.member(ctx, m)), q.member_fields, MEMBER_NESTED_FIELDS));
      if (bool(q.list)) {
        const l = state.lists.get(c.idList);
        out.list = l ? pickFields(listJson(l), q.list_fields) : null;
      }
      if (bool(q.board)) out.board = pickFields(boardFull(state, access.board(ctx, c.idBoard)), q.board_fields, BOARD_DEFAULT_FIELDS);
      if (q.actions && q.actions !== 'none') {
        out.actions = pageActions(state.cardActions.get(c.id) ?? [], { ...q, actions_filter: q.actions }, CARD_ACTIONS_DEFAULT, 'actions_').map((a) =>
          actionJson(a),
        );
      }
      return { json: out };
    }),
    compile('PUT', '/1/cards/:id', updateCard),
    // Card members (rest/api-group-cards: "Add a Member to a Card" POST /1/cards/{id}/idMembers?value={idMember},
    // "Remove a Member from a Card" DELETE /1/cards/{id}/idMembers/{idMember}; trello.js AddCardMember: {id, value}).
    compile('POST', '/1/cards/:id/idMembers', (ctx) => {
      const c = access.card(ctx, param(ctx, 'id'));
      const m = ctx.q.value ?? '';
      if (!state.members.has(m) || !boardMember(c, m)) throw new HttpErr(400, 'invalid value for value');
      if (c.idMembers.includes(m)) throw new HttpErr(400, 'member is already on the card');
      memberChanged(state.changeCardMember(c.id, m, 'add', ctx.memberId, clock()));
      return { json: membersOf(ctx, c) };
    }),
    compile('DELETE', '/1/cards/:id/idMembers/:idMember', (ctx) => {
      const c = access.card(ctx, param(ctx, 'id'));
      const m = param(ctx, 'idMember');
      if (!c.idMembers.includes(m)) throw new HttpErr(400, 'member is not on the card');
      memberChanged(state.changeCardMember(c.id, m, 'remove', ctx.memberId, clock()));
      return { json: membersOf(ctx, c) };
    }),
    compile('GET', '/1/cards/:id/actions', (ctx) => {
      const c = access.card(ctx, param(ctx, 'id'));
      return { json: pageActions(state.cardActions.get(c.id) ?? [], ctx.q, CARD_ACTIONS_DEFAULT).map((a) => actionJson(a, ctx.q)) };
    }),
    compile('GET', '/1/cards/:id/pluginData', (ctx) => {
      const c = access.card(ctx, param(ctx, 'id'));
      return { json: [...state.pluginData.values()].filter((p) => p.idModel === c.id).map(pluginDataJson) };
    }),
    compile('POST', '/1/cards/:id/actions/comments', (ctx) => {
      const c = access.card(ctx, param(ctx, 'id'));
      const a = state.addComment(c.id, ctx.memberId, commentText(ctx), clock());
      hooks.deliver(a);
      return { json: actionJson(a) };
    }),
    compile('PUT', '/1/cards/:id/actions/:idAction/comments', (ctx) => {
      access.card(ctx, param(ctx, 'id'));
      return editComment(env, ctx, param(ctx, 'idAction'));
    }),
    compile('DELETE', '/1/cards/:id/actions/:idAction/comments', (ctx) => {
      access.card(ctx, param(ctx, 'id'));
      return deleteComment(env, ctx, param(ctx, 'idAction'));
    }),
    compile('POST', '/1/cards/:id/idLabels', (ctx) => {
      const c = access.card(ctx, param(ctx, 'id'));
      const l = state.labels.get(ctx.q.value ?? '');
      if (!l || l.idBoard !== c.idBoard) throw new HttpErr(400, 'invalid value for value');
      if (c.idLabels.includes(l.id)) throw new HttpErr(400, 'that label is already on the card');
      c.idLabels.push(l.id);
      return { json: [...c.idLabels] };
    }),
    compile('DELETE', '/1/cards/:id/idLabels/:idLabel', (ctx) => {
      const c = access.card(ctx, param(ctx, 'id'));
      const i = c.idLabels.indexOf(param(ctx, 'idLabel'));
      if (i < 0) throw new HttpErr(400, 'That label is not on the card');
      c.idLabels.splice(i, 1);
      return { json: { _value: null } };
    }),
    compile('POST', '/1/cards/:id/labels', (ctx) => {
      const c = access.card(ctx, param(ctx, 'id'));
      const color = ctx.q.color && ctx.q.color !== 'null' ? ctx.q.color : null;
      const name = ctx.q.name ?? '';
      let l = [...state.labels.values()].find((x) => x.idBoard === c.idBoard && x.name === name && x.color === color);
      if (!l) {
        l = { id: state.newId(clock()), idBoard: c.idBoard, name, color };
        state.labels.set(l.id, l);
      }
      if (!c.idLabels.includes(l.id)) c.idLabels.push(l.id);
      return { json: [...c.idLabels] };
    }),
  ];
}
