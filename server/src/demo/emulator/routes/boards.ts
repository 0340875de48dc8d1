// /1/boards/{id} and its nested resources (developer.atlassian.com/cloud/trello/rest/api-group-boards,
// guides/rest-api/nested-resources).
import {
  BOARD_DEFAULT_FIELDS,
  MEMBER_NESTED_FIELDS,
  actionJson,
  boardFull,
  labelJson,
  listJson,
  memberFull,
  pickFields,
  pluginDataJson,
} from '../../serialize.js';
import { pageActions } from '../actions-query.js';
import { HttpErr, bool, compile, limitOf, param, type Route } from '../http.js';
import { checklistJson } from './checklists.js';
import type { RouteEnv } from './env.js';

export function boardRoutes({ state, clock, access }: RouteEnv): Route[] {
  return [
    compile('GET', '/1/boards/:id', (ctx) => {
      const b = access.board(ctx, param(ctx, 'id'));
      const q = ctx.q;
      const out = pickFields(boardFull(state, b), q.fields, BOARD_DEFAULT_FIELDS);
      // Whatever `fields` asks: a board held only from a cut export says so, so no client takes it for its whole
      // history (docs/emulator.md "Cut history"; Trello itself keeps every action and never sends this).
      if (b.historyFrom) out.emulatorHistoryFrom = b.historyFrom;
      if (q.cards && q.cards !== 'none') {
        const cards = access.boardCards(b.id, q.cards);
        out.cards = cards.map((c) => {
          const json = access.cardJson(c, q.card_fields, bool(q.card_pluginData));
          if (bool(q.card_members)) {
            json.members = c.idMembers.map((m) => pickFields(memberFull(state, access.member(ctx, m)), q.card_member_fields, MEMBER_NESTED_FIELDS));
          }
          return json;
        });
      }
      if (q.lists && q.lists !== 'none') {
        out.lists = [...state.lists.values()]
          .filter((l) => l.idBoard === b.id && (q.lists === 'all' || (q.lists === 'closed' ? l.closed : !l.closed)))
          .map((l) => pickFields(listJson(l), q.list_fields));
      }
      if (q.members && q.members !== 'none')
        out.members = access.membersOf(b, q.members).map((m) => pickFields(memberFull(state, m), q.member_fields, MEMBER_NESTED_FIELDS));
      if (q.memberships && q.memberships !== 'none') out.memberships = b.memberships;
      if (q.labels && q.labels !== 'none') {
        out.labels = [...state.labels.values()]
          .filter((l) => l.idBoard === b.id)
          .map((l) => pickFields(labelJson(l), q.label_fields))
          .slice(0, limitOf(q.labels_limit, 50, 'labels_limit'));
      }
      // Nested checklists: `checklists=all|none`, with `checklist_fields`, `checklist_checkItems`, `checklist_checkItem_fields`
      // (rest/api-group-boards "checklists"; GET /1/boards/{id}/checklists below).
      if (q.checklists && q.checklists !== 'none') {
        out.checklists = [...state.checklists.values()].filter((cl) => cl.idBoard === b.id).map((cl) => checklistJson(cl, q, 'checklist_'));
      }
      if (bool(q.pluginData)) out.pluginData = [...state.pluginData.values()].filter((p) => p.idModel === b.id).map(pluginDataJson);
      if (q.actions && q.actions !== 'none') {
        // TRELLO-229: nested actions_before is ignored by Trello; we mirror that.
        const { actions_before: _ignored, ...rest } = q;
        out.actions = pageActions(state.boardActions.get(b.id) ?? [], { ...rest, actions_filter: q.actions }, 'all', 'actions_').map((a) =>
          actionJson(a, {
            ...(q.action_fields !== undefined ? { fields: q.action_fields } : {}),
            ...(q.action_memberCreator !== undefined ? { memberCreator: q.action_memberCreator } : {}),
          }),
        );
      }
      return { json: out };
    }),
    compile('GET', '/1/boards/:id/cards', (ctx) => {
      const b = access.board(ctx, param(ctx, 'id'));
      return { json: access.boardCards(b.id, ctx.q.filter ?? 'open').map((c) => access.cardJson(c, ctx.q.fields, bool(ctx.q.pluginData))) };
    }),
    compile('GET', '/1/boards/:id/cards/:filter', (ctx) => {
      const b = access.board(ctx, param(ctx, 'id'));
      return { json: access.boardCards(b.id, param(ctx, 'filter')).map((c) => access.cardJson(c, ctx.q.fields, bool(ctx.q.pluginData))) };
    }),
    compile('GET', '/1/boards/:id/lists', (ctx) => {
      const b = access.board(ctx, param(ctx, 'id'));
      const f = ctx.q.filter ?? 'open';
      return {
        json: [...state.lists.values()]
          .filter((l) => l.idBoard === b.id && (f === 'all' || (f === 'closed' ? l.closed : !l.closed)))
          .map((l) => pickFields(listJson(l), ctx.q.fields)),
      };
    }),
    compile('GET', '/1/boards/:id/members', (ctx) => {
      const b = access.board(ctx, param(ctx, 'id'));
      return { json: access.membersOf(b, ctx.q.filter).map((m) => pickFields(memberFull(state, m), ctx.q.fields, MEMBER_NESTED_FIELDS)) };
    }),
    compile('GET', '/1/boards/:id/labels', (ctx) => {
      const b = access.board(ctx, param(ctx, 'id'));
      return {
        json: [...state.labels.values()]
          .filter((l) => l.idBoard === b.id)
          .map((l) => pickFields(labelJson(l), ctx.q.fields))
          .slice(0, limitOf(ctx.q.limit, 50)),
      };
    }),
    compile('POST', '/1/boards/:id/labels', (ctx) => {
      const b = access.board(ctx, param(ctx, 'id'));
      if (ctx.q.name === undefined) throw new HttpErr(400, 'invalid value for name');
      const color = ctx.q.color && ctx.q.color !== 'null' ? ctx.q.color : null;
      const l = { id: state.newId(clock()), idBoard: b.id, name: ctx.q.name, color };
      state.labels.set(l.id, l);
      return { json: labelJson(l) };
    }),
    compile('GET', '/1/boards/:id/actions', (ctx) => {
      const b = access.board(ctx, param(ctx, 'id'));
      return { json: pageActions(state.boardActions.get(b.id) ?? [], ctx.q, 'all').map((a) => actionJson(a, ctx.q)) };
    }),
    compile('GET', '/1/boards/:id/checklists', (ctx) => {
      const b = access.board(ctx, param(ctx, 'id'));
      return { json: [...state.checklists.values()].filter((cl) => cl.idBoard === b.id).map((cl) => checklistJson(cl, ctx.q)) };
    }),
    compile('GET', '/1/boards/:id/pluginData', (ctx) => {
      const b = access.board(ctx, param(ctx, 'id'));
      return { json: [...state.pluginData.values()].filter((p) => p.idModel === b.id).map(pluginDataJson) };
    }),
  ];
}
