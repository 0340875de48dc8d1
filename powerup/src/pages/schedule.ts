// Bugünkü program (board button → modal): slots in order, pool customers, overlaps. On a weekend or public
// holiday it says so first and lists the next working day's program (R1–R4 slots are working-day slots).
import { addDays, isoWeekday } from '../../../shared/dates.js';
import { h } from '../dom.js';
import { msg } from '../i18n.js';
import { buildSchedule } from '../schedule-model.js';
import { loadProfile, loadSettings } from '../storage.js';
import { longDate, weekday, type PageCtx } from './common.js';
import { isRecord } from '../../../shared/guards.js';

// Kept in this page's bundle, not the shared string table: the connector's gzip budget is tight (docs/powerup.md).
const DAILY = {
  tr: { done: '✓ Günlük yazıldı', pending: 'Günlük bekliyor' },
  en: { done: '✓ Daily written', pending: 'Daily pending' },
} as const;

/** `today` as the server adds it to the status answer (holidays come from date-holidays, too big for this bundle). */
interface DayInfo {
  date: string;
  weekend: boolean;
  holiday: { tr: string; en: string } | null;
  nextWorkingDay: string;
}

/** The status answer's `today`, when it has that shape (it is not part of BoardStatus). */
function serverDay(status: unknown): DayInfo | undefined {
  const d = isRecord(status) ? status.today : undefined;
  if (!isRecord(d) || typeof d.date !== 'string' || typeof d.weekend !== 'boolean' || typeof d.nextWorkingDay !== 'string') return undefined;
  const h = d.holiday;
  const holiday = isRecord(h) && typeof h.tr === 'string' && typeof h.en === 'string' ? { tr: h.tr, en: h.en } : null;
  return { date: d.date, weekend: d.weekend, holiday, nextWorkingDay: d.nextWorkingDay };
}

/** The server's answer when there is one; else weekends only (no holiday table in the browser). */
function dayOf(today: string, server: DayInfo | undefined): DayInfo {
  if (server && server.date === today) return server;
  let next = addDays(today, 1);
  while (isoWeekday(next) > 5) next = addDays(next, 1);
  return { date: today, weekend: isoWeekday(today) > 5, holiday: null, nextWorkingDay: next };
}

export async function renderSchedule(ctx: PageCtx): Promise<void> {
  const L = ctx.locale;
  const [cards, board, res] = await Promise.all([ctx.t.cards('id', 'name', 'members'), ctx.t.board('id', 'members'), ctx.status.get(ctx.t)]);
  const day = dayOf(ctx.today, serverDay(res.status));
  const off = day.weekend || day.holiday !== null;
  const programDay = off ? day.nextWorkingDay : ctx.today;
  const names = new Map((board.members ?? []).map((m) => [m.id, m.fullName ?? msg(L, 'settings.notOnBoard')]));
  const [withProfiles, settings] = await Promise.all([
    Promise.all(cards.map(async (c) => ({ c, profile: (await loadProfile(ctx.t, c.id)).value }))),
    loadSettings(ctx.t),
  ]);
  const s = buildSchedule(
    withProfiles.map(({ c, profile }) => ({ id: c.id, name: c.name, idMembers: (c.members ?? []).map((m) => m.id), profile })),
    programDay,
    settings.value,
  );
  const who = (id: string) => names.get(id) ?? msg(L, 'settings.notOnBoard');
  // On a working day each of today's sessions says whether its daily is already written (the server's status,
  // the same fact as the card badge); a card the status does not judge today shows nothing rather than a guess.
  const cardsStatus = res.status?.cards ?? {};
  const dailyCell = (cardId: string): HTMLElement => {
    const t = cardsStatus[cardId]?.today;
    if (!t || t.date !== ctx.today || !t.required) return h('td', { class: 'daily' });
    return h('td', { class: t.done ? 'daily green' : 'daily', 'data-daily': t.done ? 'done' : 'pending' }, DAILY[L][t.done ? 'done' : 'pending']);
  };
  const list = (id: string, items: HTMLElement[]) => (items.length ? h('ul', { id }, ...items) : h('p', { id, class: 'hint' }, msg(L, 'schedule.none')));
  const reason = day.holiday ? day.holiday[L] : `${weekday(day.date, L)}, ${msg(L, 'schedule.weekend')}`;
  ctx.root.append(
    h('p', { class: 'schedule-day', id: 'schedule-day' }, longDate(ctx.today, L)),
    ...(off
      ? [
          h(
            'div',
            { class: 'messages warn', id: 'day-off', role: 'status' },
            h('strong', {}, msg(L, 'schedule.dayOff', { reason })),
            ' ',
            msg(L, 'schedule.nextDay', { date: longDate(programDay, L) }),
          ),
        ]
      : []),
    h('h2', {}, off ? msg(L, 'schedule.slotsOn', { date: longDate(programDay, L) }) : msg(L, 'schedule.slots')),
    h(
      'table',
      { class: 'schedule', id: 'slots' },
      s.slots.length ? null : h('caption', { class: 'hint' }, msg(L, 'schedule.none')),
      h(
        'tbody',
        {},
        ...s.slots.map((x) =>
          h(
            'tr',
            { 'data-card': x.cardId },
            h('td', { class: 'time' }, `${x.start}–${x.end}`),
            h('th', { scope: 'row' }, x.name),
            h('td', { class: x.unattended ? 'red' : '' }, x.unattended ? msg(L, 'schedule.unattended', { specialist: who(x.specialist) }) : who(x.specialist)),
            off ? null : dailyCell(x.cardId),
          ),
        ),
      ),
    ),
    h('h2', {}, msg(L, 'schedule.overlaps')),
    list(
      'overlaps',
      s.overlaps.map((o) =>
        h(
          'li',
          { class: 'red' },
          msg(L, 'schedule.overlap', { a: `${o.a.start} ${o.a.name}`, b: `${o.b.start} ${o.b.name}`, specialist: who(o.a.specialist) }),
        ),
      ),
    ),
    h('h2', {}, msg(L, 'schedule.pool')),
    list(
      'pool',
      s.pool.map((p) => h('li', {}, `${p.name} — ${who(p.specialist)}`)),
    ),
    h('h2', {}, msg(L, 'schedule.noSlot')),
    list(
      'unscheduled',
      s.unscheduled.map((p) => h('li', {}, `${p.name} — ${who(p.specialist)}`)),
    ),
  );
}
