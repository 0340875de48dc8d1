// Uyum tablosu (board button → modal): today's pending dailies per specialist at the top, then every customer ×
// today/daily/weekly/monthly, filterable by specialist.
import { todayCountdown } from '../../../shared/badges.js';
import { formatInstant } from '../../../shared/i18n.js';
import { h, clear } from '../dom.js';
import { msg } from '../i18n.js';
import { KIND_COLS, overviewRows, todayPending, type Cell, type OverviewRow } from '../overview-model.js';
import type { PageCtx } from './common.js';
import { reminderSection } from './reminder.js';

export async function renderOverview(ctx: PageCtx): Promise<void> {
  const L = ctx.locale;
  const [cards, board, res] = await Promise.all([ctx.t.cards('id', 'name', 'members'), ctx.t.board('id', 'name', 'members'), ctx.status.get(ctx.t)]);
  const names = new Map((board.members ?? []).map((m) => [m.id, m.fullName ?? m.username ?? msg(L, 'settings.notOnBoard')]));
  // A member no longer on the board is named in words, never by an id (docs/glossary.md).
  const who = (id: string) => names.get(id) ?? msg(L, 'settings.notOnBoard');
  const now = new Date();
  const rows = overviewRows(
    cards.map((c) => ({ id: c.id, name: c.name, idMembers: (c.members ?? []).map((m) => m.id) })),
    res.status,
    now,
  );
  const countdown = todayCountdown(now, L);
  const specialists = [...new Set(rows.map((r) => r.memberId))].sort((a, b) => who(a).localeCompare(who(b), 'tr'));
  const filter = h(
    'select',
    { id: 'specialist-filter' },
    h('option', { value: '' }, msg(L, 'overview.all')),
    ...specialists.map((m) => h('option', { value: m }, who(m))),
  );
  const count = h('span', { class: 'count', id: 'row-count' });
  const tbody = h('tbody');
  const cellEl = (c: Cell) => {
    if (c.missing === null) return h('td', { class: 'cell unknown' }, msg(L, 'status.unknown'));
    // "3 eksik · 1 geç" from the UI table: shared/i18n's statusLabel would pull the whole domain dictionary into pages.js (+3 KB gzip).
    const text = c.missing === 0 ? '✓' : msg(L, 'overview.missing', { n: c.missing });
    const late = c.late ? ` · ${msg(L, 'overview.late', { n: c.late })}` : '';
    return h(
      'td',
      { class: `cell ${c.missing === 0 ? 'green' : 'red'}` },
      h('span', { class: 'state' }, text + late),
      c.last ? h('small', {}, formatInstant(c.last, L)) : null,
    );
  };
  const todayCell = (r: OverviewRow) => {
    const state = r.today ?? 'off';
    const cls = state === 'over' ? 'red' : state === 'done' ? 'green' : state === 'pending' ? 'pending' : 'unknown';
    const left = state === 'pending' ? countdown : null;
    return h(
      'td',
      { class: `cell today ${cls}${left?.amber ? ' amber' : ''}`, 'data-today': state },
      h('span', { class: 'state' }, msg(L, `overview.today.${state}` as const)),
      left ? h('small', { class: 'countdown' }, left.text) : null,
    );
  };
  // A lead at 17:30 sees who has not written today yet, before the day is over, and how long is left.
  const due = todayPending(rows);
  const pending = h(
    'section',
    { class: 'today-pending', id: 'today-pending' },
    h(
      'h3',
      {},
      msg(L, 'overview.pendingTitle'),
      countdown && due.some((d) => d.pending)
        ? h('span', { class: `countdown${countdown.amber ? ' amber' : ''}`, id: 'today-countdown' }, ` · ${countdown.text}`)
        : null,
    ),
    due.length
      ? h(
          'ul',
          {},
          ...due.map((d) =>
            h(
              'li',
              { 'data-member': d.memberId, class: d.over ? 'red' : '' },
              h('strong', {}, who(d.memberId)),
              `: ${[d.pending ? msg(L, 'overview.pendingCount', { n: d.pending }) : '', d.over ? msg(L, 'overview.missing', { n: d.over }) : ''].filter(Boolean).join(' · ')} — `,
              h('span', { class: 'hint' }, d.cards.join(', ')),
            ),
          ),
        )
      : h('p', { class: 'hint' }, res.status ? msg(L, 'overview.pendingNone') : msg(L, 'status.unknown')),
  );
  const draw = () => {
    clear(tbody);
    const shown = rows.filter((r) => !filter.value || r.memberId === filter.value);
    for (const r of shown) {
      tbody.append(
        h(
          'tr',
          { 'data-card': r.cardId, 'data-member': r.memberId },
          h('th', { scope: 'row' }, r.name),
          h('td', {}, who(r.memberId)),
          todayCell(r),
          ...KIND_COLS.map((k) => cellEl(r.cells[k])),
        ),
      );
    }
    count.textContent = msg(L, 'overview.count', { n: shown.length });
    for (const li of pending.querySelectorAll<HTMLElement>('li[data-member]')) li.hidden = Boolean(filter.value) && li.dataset.member !== filter.value;
  };
  filter.addEventListener('change', draw);
  // The viewer's own reminder time, under the day's pending list it is about (docs/powerup.md "Nudges").
  const mine = res.status ? await reminderSection(ctx).catch(() => null) : null;
  ctx.root.append(
    h('div', { class: 'toolbar' }, h('label', { for: 'specialist-filter' }, msg(L, 'overview.filter')), filter, count),
    res.status
      ? ''
      : h(
          'p',
          { class: 'messages error', role: 'alert' },
          msg(L, res.error?.endsWith(' jwt-keys-unavailable') ? 'overview.keysUnavailable' : 'overview.unavailable'),
        ),
    pending,
    mine ?? '',
    h(
      'table',
      { class: 'overview', id: 'overview' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...(['overview.customer', 'overview.specialist', 'overview.today', 'overview.daily', 'overview.weekly', 'overview.monthly'] as const).map((k) =>
            h('th', { scope: 'col' }, msg(L, k)),
          ),
        ),
      ),
      tbody,
    ),
  );
  draw();
}
