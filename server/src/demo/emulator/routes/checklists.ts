// Checklists and check items (developer.atlassian.com/cloud/trello/rest/api-group-checklists and api-group-cards:
// POST /1/checklists?idCard=, POST /1/cards/{id}/checklists, GET /1/cards/{id}/checklists, GET /1/checklists/{id},
// POST /1/checklists/{id}/checkItems, PUT /1/cards/{id}/checkItem/{idCheckItem}?state=complete|incomplete).
// Parameter names as trello.js documents them (Parameters.CreateChecklist, CreateChecklistCheckItems,
// UpdateCardCheckItem). One item per request: Trello has no bulk item create (trello-archive/api-docs#132).
import { CHECKLIST_LIMITS, type ChecklistRecord, type CheckItemRecord } from '../../state.js';
import { HttpErr, bool, compile, missing, param, type Ctx, type Route } from '../http.js';
import type { RouteEnv } from './env.js';

const CHECKLIST_FIELDS = ['id', 'name', 'idBoard', 'idCard', 'pos'] as const;
const ITEM_FIELDS = ['id', 'name', 'nameData', 'pos', 'state', 'due', 'dueReminder', 'idMember', 'idChecklist'] as const;

export function checkItemJson(i: CheckItemRecord, fields?: string): Record<string, unknown> {
  const all: Record<string, unknown> = { ...i };
  if (!fields || fields === 'all') return all;
  const want = new Set(['id', ...fields.split(',').map((f) => f.trim())]);
  return Object.fromEntries(ITEM_FIELDS.filter((f) => want.has(f)).map((f) => [f, all[f]]));
}

/** `checkItems=all|none` (default all), `checkItem_fields`/`checkItemFields`, `fields` (GetCardChecklists). */
export function checklistJson(cl: ChecklistRecord, q: Record<string, string> = {}, prefix = ''): Record<string, unknown> {
  const fields = q[`${prefix}fields`];
  const out: Record<string, unknown> = {};
  const want = !fields || fields === 'all' ? null : new Set(['id', ...fields.split(',').map((f) => f.trim())]);
  for (const f of CHECKLIST_FIELDS) if (!want || want.has(f)) out[f] = cl[f];
  const items = q[`${prefix}checkItems`] ?? 'all';
  if (items !== 'none') out.checkItems = cl.checkItems.map((i) => checkItemJson(i, q[`${prefix}checkItem_fields`] ?? q.checkItemFields));
  return out;
}

/** `pos`: top, bottom or a positive number (trello.js CreateChecklist). */
function posOf(v: string | undefined, siblings: ReadonlyArray<{ pos: number }>): number | undefined {
  if (v === undefined || v === 'bottom') return undefined;
  if (v === 'top') return (siblings[0]?.pos ?? 16384) / 2;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new HttpErr(400, 'invalid value for pos');
  return n;
}

/** Names are 1 to 16384 characters (trello.js CreateChecklist / CreateChecklistCheckItems). */
function nameOf(v: string | undefined, required: boolean): string | undefined {
  if (v === undefined) {
    if (required) throw new HttpErr(400, 'invalid value for name');
    return undefined;
  }
  if (v.length < 1 || v.length > 16384) throw new HttpErr(400, 'invalid value for name');
  return v;
}

export function checklistRoutes(env: RouteEnv): Route[] {
  const { state, clock, access, hooks } = env;

  const create = (ctx: Ctx, cardId: string) => {
    const c = access.card(ctx, cardId);
    const existing = state.cardChecklists(c.id);
    if (existing.length >= CHECKLIST_LIMITS.checklistsPerCard.disableAt)
      throw new HttpErr(403, { error: 'LIMIT_EXCEEDED', message: 'Checklists per card limit reached' });
    const name = nameOf(ctx.q.name, false) ?? 'Checklist';
    const { checklist, action } = state.addChecklist(c.id, name, ctx.memberId, clock(), posOf(ctx.q.pos, existing));
    const source = ctx.q.idChecklistSource ? state.checklists.get(ctx.q.idChecklistSource) : undefined;
    if (ctx.q.idChecklistSource && !source) throw missing(ctx.q.idChecklistSource);
    for (const i of source?.checkItems ?? []) state.addCheckItem(checklist.id, i.name, i.state === 'complete');
    hooks.deliver(action);
    return { json: checklistJson(checklist) };
  };

  const checklistOf = (ctx: Ctx): ChecklistRecord => {
    const id = param(ctx, 'id');
    const cl = state.checklists.get(id);
    if (!cl) throw missing(id);
    access.card(ctx, cl.idCard); // the token must see the card's board
    return cl;
  };

  return [
    compile('POST', '/1/checklists', (ctx) => {
      if (!ctx.q.idCard) throw new HttpErr(400, 'invalid value for idCard');
      return create(ctx, ctx.q.idCard);
    }),
    compile('POST', '/1/cards/:id/checklists', (ctx) => create(ctx, param(ctx, 'id'))),
    compile('GET', '/1/cards/:id/checklists', (ctx) => {
      const c = access.card(ctx, param(ctx, 'id'));
      if (ctx.q.filter === 'none') return { json: [] };
      return { json: state.cardChecklists(c.id).map((cl) => checklistJson(cl, ctx.q)) };
    }),
    compile('GET', '/1/checklists/:id', (ctx) => ({ json: checklistJson(checklistOf(ctx), ctx.q) })),
    compile('GET', '/1/checklists/:id/checkItems', (ctx) => ({ json: checklistOf(ctx).checkItems.map((i) => checkItemJson(i, ctx.q.fields)) })),
    compile('POST', '/1/checklists/:id/checkItems', (ctx) => {
      const cl = checklistOf(ctx);
      if (cl.checkItems.length >= CHECKLIST_LIMITS.checkItemsPerChecklist.disableAt)
        throw new HttpErr(403, { error: 'LIMIT_EXCEEDED', message: 'Check items per checklist limit reached' });
      const name = nameOf(ctx.q.name, true) ?? '';
      const item = state.addCheckItem(cl.id, name, bool(ctx.q.checked), clock());
      const p = posOf(ctx.q.pos, cl.checkItems);
      if (p !== undefined) item.pos = p;
      return { json: { ...checkItemJson(item), limits: {} } };
    }),
    compile('PUT', '/1/cards/:id/checkItem/:idCheckItem', (ctx) => {
      const c = access.card(ctx, param(ctx, 'id'));
      const itemId = param(ctx, 'idCheckItem');
      const cl = state.cardChecklists(c.id).find((x) => x.checkItems.some((i) => i.id === itemId));
      const item = cl?.checkItems.find((i) => i.id === itemId);
      if (!cl || !item) throw missing(itemId);
      const name = nameOf(ctx.q.name, false);
      if (name !== undefined) item.name = name;
      if (ctx.q.state !== undefined) {
        if (ctx.q.state !== 'complete' && ctx.q.state !== 'incomplete') throw new HttpErr(400, 'invalid value for state');
        const { action } = state.setCheckItemState(c.id, itemId, ctx.q.state, ctx.memberId, clock());
        if (action) hooks.deliver(action);
      }
      return { json: checkItemJson(item) };
    }),
  ];
}
