// Bugünkü program (board button → modal): slots in order, pool customers, overlaps.
import { h } from '../dom.js';
import { msg } from '../i18n.js';
import { buildSchedule } from '../schedule-model.js';
import { loadProfile, loadSettings } from '../storage.js';
import type { PageCtx } from './common.js';

export async function renderSchedule(ctx: PageCtx): Promise<void> {
  const L = ctx.locale;
  const [cards, board] = await Promise.all([ctx.t.cards('id', 'name', 'members'), ctx.t.board('id', 'members')]);
  const names = new Map((board.members ?? []).map((m) => [m.id, m.fullName ?? m.id]));
  const [profiles, settings] = await Promise.all([Promise.all(cards.map((c) => loadProfile(ctx.t, c.id))), loadSettings(ctx.t)]);
  const s = buildSchedule(
    cards.map((c, i) => ({ id: c.id, name: c.name, idMembers: (c.members ?? []).map((m) => m.id), profile: profiles[i]!.value })),
    ctx.today,
    settings.value,
  );
  const who = (id: string) => names.get(id) ?? id;
  const list = (id: string, items: HTMLElement[]) => (items.length ? h('ul', { id }, ...items) : h('p', { id, class: 'hint' }, msg(L, 'schedule.none')));
  ctx.root.append(
    h('h2', {}, msg(L, 'schedule.slots')),
    h(
      'table',
      { class: 'schedule', id: 'slots' },
      h('tbody', {}, ...s.slots.map((x) => h('tr', { 'data-card': x.cardId }, h('td', { class: 'time' }, `${x.start}–${x.end}`), h('th', { scope: 'row' }, x.name), h('td', { class: x.unattended ? 'red' : '' }, x.unattended ? msg(L, 'schedule.unattended', { specialist: who(x.specialist) }) : who(x.specialist))))),
    ),
    h('h2', {}, msg(L, 'schedule.overlaps')),
    list('overlaps', s.overlaps.map((o) => h('li', { class: 'red' }, msg(L, 'schedule.overlap', { a: `${o.a.start} ${o.a.name}`, b: `${o.b.start} ${o.b.name}`, specialist: who(o.a.specialist) })))),
    h('h2', {}, msg(L, 'schedule.pool')),
    list('pool', s.pool.map((p) => h('li', {}, `${p.name} — ${who(p.specialist)}`))),
    h('h2', {}, msg(L, 'schedule.noSlot')),
    list('unscheduled', s.unscheduled.map((p) => h('li', {}, `${p.name} — ${who(p.specialist)}`))),
  );
}
