// /1/actions/{id}: any action by id — excluded types (updateComment, deleteComment) included, as Trello serves
// them (guides/rest-api/action-types) — and the comment edits/deletions that only comment actions allow
// ("Only comment actions can be updated/deleted", rest/api-group-actions).
import { actionJson } from '../../serialize.js';
import { commentText } from '../access.js';
import { HttpErr, compile, param, type Ctx, type Result, type Route } from '../http.js';
import type { RouteEnv } from './env.js';

/** Edit a comment: its author only; Trello sends an updateComment with the old text to webhooks. */
export function editComment({ state, clock, access, hooks }: RouteEnv, ctx: Ctx, actionId: string): Result {
  const a = access.action(ctx, actionId);
  if (a.type !== 'commentCard') throw new HttpErr(400, 'Only comment actions can be updated');
  if (a.idMemberCreator !== ctx.memberId) throw new HttpErr(401, 'unauthorized permission requested');
  const { comment, update } = state.editComment(actionId, ctx.memberId, commentText(ctx), clock());
  hooks.deliver(update);
  return { json: actionJson(comment) };
}

/** Delete a comment: its author or a board admin; Trello sends a deleteComment (no text) to webhooks. */
export function deleteComment({ state, clock, access, hooks }: RouteEnv, ctx: Ctx, actionId: string): Result {
  const a = access.action(ctx, actionId);
  if (a.type !== 'commentCard') throw new HttpErr(400, 'Only comment actions can be deleted');
  const b = a.data.board ? state.boards.get(a.data.board.id) : undefined;
  const isAdmin = !!b?.memberships.some((m) => m.idMember === ctx.memberId && m.memberType === 'admin');
  if (a.idMemberCreator !== ctx.memberId && !isAdmin) throw new HttpErr(401, 'unauthorized permission requested');
  hooks.deliver(state.deleteComment(actionId, ctx.memberId, clock()));
  return { json: { _value: null } };
}

export function actionRoutes(env: RouteEnv): Route[] {
  return [
    compile('GET', '/1/actions/:id', (ctx) => ({ json: actionJson(env.access.action(ctx, param(ctx, 'id')), ctx.q) })),
    compile('PUT', '/1/actions/:id', (ctx) => editComment(env, ctx, param(ctx, 'id'))),
    compile('PUT', '/1/actions/:id/text', (ctx) => editComment(env, ctx, param(ctx, 'id'))),
    compile('DELETE', '/1/actions/:id', (ctx) => deleteComment(env, ctx, param(ctx, 'id'))),
  ];
}
