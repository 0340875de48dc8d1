// /1/members/{id} and the boards a member (or the calling token) can see (rest/api-group-members).
import { boardFull, memberFull, pickFields } from '../../serialize.js';
import { compile, param, type Route } from '../http.js';
import type { RouteEnv } from './env.js';

export function memberRoutes({ state, access }: RouteEnv): Route[] {
  return [
    compile('GET', '/1/members/:id', (ctx) => ({ json: pickFields(memberFull(state, access.member(ctx, param(ctx, 'id'))), ctx.q.fields) })),
    compile('GET', '/1/members/:id/boards', (ctx) => {
      const m = access.member(ctx, param(ctx, 'id'));
      const f = ctx.q.filter ?? 'all';
      const all = [...state.boards.values()].filter((b) => !ctx.boards || ctx.boards.includes(b.id));
      // A token with access to every board (the service) lists them all; a member token lists its memberships.
      const isMember = (b: (typeof all)[number]) => b.memberships.some((x) => x.idMember === m.id);
      const mine = m.id === ctx.memberId && !ctx.boards && !all.some(isMember) ? all : all.filter(isMember);
      return {
        json: mine.filter((b) => f === 'all' || (f === 'closed' ? b.closed : !b.closed)).map((b) => pickFields(boardFull(state, b), ctx.q.fields)),
      };
    }),
  ];
}
