// Webhooks belong to the token that created them: create (after a HEAD check of the callback answering 200),
// list per token, read and delete with the creating token only (guides/rest-api/webhooks, rest/api-group-webhooks).
import type { TrelloWebhook } from '../../model.js';
import { HttpErr, bool, compile, missing, param, type Ctx, type Result, type Route } from '../http.js';
import { webhookJson } from '../webhooks.js';
import type { RouteEnv } from './env.js';
import { errorMessage } from '../../../errors.js';

export function webhookRoutes({ state, clock, access }: RouteEnv): Route[] {
  const ownWebhook = (ctx: Ctx): TrelloWebhook => {
    const id = param(ctx, 'id');
    const w = state.webhooks.get(id);
    if (!w) throw missing(id);
    if (w.token !== ctx.token) throw new HttpErr(401, 'unauthorized permission requested');
    return w;
  };

  const createWebhook = async (ctx: Ctx): Promise<Result> => {
    const { callbackURL, idModel } = ctx.q;
    if (!callbackURL || !/^https?:\/\//.test(callbackURL)) throw new HttpErr(400, 'invalid value for callbackURL');
    if (!idModel) throw new HttpErr(400, 'invalid value for idModel');
    if (state.boards.has(idModel)) access.board(ctx, idModel);
    else if (state.cards.has(idModel)) access.card(ctx, idModel);
    else if (!state.members.has(idModel)) throw new HttpErr(400, 'invalid value for idModel');
    if ([...state.webhooks.values()].some((w) => w.token === ctx.token && w.idModel === idModel && w.callbackURL === callbackURL)) {
      throw new HttpErr(400, 'A webhook with that callback, model, and token already exists');
    }
    let status: number;
    try {
      const res = await fetch(callbackURL, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
      status = res.status;
    } catch (e) {
      throw new HttpErr(400, `URL (${callbackURL}) could not be reached: ${errorMessage(e)}`);
    }
    if (status !== 200) throw new HttpErr(400, `URL (${callbackURL}) did not return 200 status code, got ${status}`);
    const wh: TrelloWebhook = {
      id: state.newId(clock()),
      description: ctx.q.description ?? '',
      idModel,
      callbackURL,
      active: ctx.q.active === undefined ? true : bool(ctx.q.active),
      consecutiveFailures: 0,
      firstConsecutiveFailDate: null,
      token: ctx.token,
    };
    state.webhooks.set(wh.id, wh);
    return { json: webhookJson(wh) };
  };

  return [
    compile('POST', '/1/webhooks', createWebhook),
    compile('POST', '/1/tokens/:token/webhooks', createWebhook),
    compile('GET', '/1/tokens/:token/webhooks', (ctx) => {
      if (param(ctx, 'token') !== ctx.token) throw new HttpErr(401, 'unauthorized permission requested');
      return { json: [...state.webhooks.values()].filter((w) => w.token === ctx.token).map(webhookJson) };
    }),
    compile('GET', '/1/webhooks/:id', (ctx) => ({ json: webhookJson(ownWebhook(ctx)) })),
    compile('DELETE', '/1/webhooks/:id', (ctx) => {
      state.webhooks.delete(ownWebhook(ctx).id);
      return { json: { _value: null } };
    }),
  ];
}
