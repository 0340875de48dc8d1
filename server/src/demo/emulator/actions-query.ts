// Paging and filtering of nested action lists (GET /1/boards/{id}/actions, /1/cards/{id}/actions, the
// `actions=` nested parameter): newest first, `limit` 0–1000, `before`/`since` an action id or an ISO date
// (developer.atlassian.com/cloud/trello/guides/rest-api/nested-resources).
import { EXCLUDED_FROM_LISTS, type TrelloAction } from '../model.js';
import { isTrelloId } from '../ids.js';
import { HttpErr, limitOf } from './http.js';

/**
 * `before`/`since`: an action id or an ISO date, compared with the action's `date`. An id stands for its creation
 * SECOND (its first 8 hex digits), not for the action: Trello pages by time, so `before=<id>` also drops the
 * actions of that second the previous page did not reach (trello-archive/api-docs#68, "Paging With Objects
 * Created In Same Second Returns Incorrect Results"). A date is exact to the millisecond.
 */
function cursor(v: string | undefined, name: string): ((a: TrelloAction) => number) | undefined {
  if (v === undefined || v === '' || v === 'null') return undefined;
  const t = isTrelloId(v) ? Number.parseInt(v.slice(0, 8), 16) * 1000 : Date.parse(v);
  if (Number.isNaN(t)) throw new HttpErr(400, `invalid value for ${name}`);
  return (a) => {
    const d = Date.parse(a.date);
    return d < t ? -1 : d > t ? 1 : 0;
  };
}

/**
 * `filter=commentCard,updateCard:idList` / `all`. Excluded action types (updateComment, deleteComment …) are
 * never listed, whatever the filter asks: Trello sends them to webhooks and to GET /1/actions/{id} only
 * (developer.atlassian.com/cloud/trello/guides/rest-api/action-types, "Excluded Action Types"; TRELLO-787).
 */
function actionFilter(v: string | undefined, def: string): (a: TrelloAction) => boolean {
  const f = v ?? def;
  if (f === 'all') return (a) => !EXCLUDED_FROM_LISTS.has(a.type);
  const parts = f
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [type = '', field] = p.split(':');
      return { type, field };
    });
  return (a) =>
    !EXCLUDED_FROM_LISTS.has(a.type) && parts.some(({ type, field }) => a.type === type && (!field || (a.data.old !== undefined && field in a.data.old)));
}

/** Newest first, paged by before/since over an array in ascending Trello order (state.ts actionOrder). `pfx` = 'actions_' for nested params. */
export function pageActions(arr: readonly TrelloAction[], q: Record<string, string>, def: string, pfx = ''): TrelloAction[] {
  const filter = actionFilter(q[pfx + 'filter'] ?? (pfx ? q[pfx.slice(0, -1)] : undefined), def);
  const limit = limitOf(q[pfx + 'limit'], 50, pfx + 'limit');
  const before = cursor(q[pfx + 'before'], pfx + 'before');
  const since = cursor(q[pfx + 'since'], pfx + 'since');
  const skip = q.page !== undefined && !pfx ? Math.max(0, Number(q.page) || 0) * limit : 0;
  const out: TrelloAction[] = [];
  let skipped = 0;
  for (let i = arr.length - 1; i >= 0 && out.length < limit; i--) {
    const a = arr[i];
    if (!a) continue;
    if (before && before(a) >= 0) continue;
    if (since && since(a) <= 0) break;
    if (!filter(a)) continue;
    if (skipped < skip) {
      skipped++;
      continue;
    }
    out.push(a);
  }
  return out;
}
