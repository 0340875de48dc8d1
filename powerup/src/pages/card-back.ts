// Card back section: recent entries timeline, open findings, go-live progress.
import { daysBetween } from '../../../shared/dates.js';
import { formatDate, formatInstant } from '../../../shared/i18n.js';
import type { CardStatus, EntryKind } from '../../../shared/types.js';
import { h } from '../dom.js';
import { msg, type MsgKey } from '../i18n.js';
import { loadProfile } from '../storage.js';
import { listComments } from '../trello-rest.js';
import { timelineItems, type TimelineItem } from '../timeline-model.js';
import { fit, type PageCtx } from './common.js';

export async function renderCardBack(ctx: PageCtx): Promise<void> {
  const L = ctx.locale;
  const card = await ctx.t.card('id');
  const [res, profile] = await Promise.all([ctx.status.get(ctx.t), loadProfile(ctx.t)]);
  const st: CardStatus | undefined = res.status?.cards[card.id];

  // Timeline: the card's comments read with the same grammar (only when the member authorized REST).
  let items: TimelineItem[] = [];
  try {
    const comments = await listComments(ctx.t, card.id, 50);
    items = timelineItems(comments, 8);
  } catch {
    // Not authorized: fall back to the newest entry of each kind the server knows.
    items = Object.entries(st?.lastEntry ?? {})
      .map(([k, at]) => ({ at: at!, kinds: [k as EntryKind], text: '', warnings: [] }))
      .sort((a, b) => b.at.localeCompare(a.at));
  }
  const kindName = (k: EntryKind) => msg(L, `kindName.${k}` as MsgKey);

  const timeline = items.length
    ? h('ol', { class: 'timeline', id: 'timeline' }, ...items.map((i) => h('li', {}, h('time', { datetime: i.at }, formatInstant(i.at, L)), ' ', h('strong', {}, i.kinds.map(kindName).join(', ')), i.author ? ` — ${i.author}` : '', i.text ? h('div', { class: 'entry-text' }, i.text) : null, i.warnings.length ? h('div', { class: 'entry-warning' }, `${msg(L, 'back.entryWarning')} ${i.warnings.join(' · ')}`) : null)))
    : h('p', { class: 'hint', id: 'timeline' }, msg(L, 'back.noEntries'));

  const findings = !res.status
    ? h('p', { class: 'messages error', id: 'findings' }, msg(L, 'back.unavailable'))
    : st && st.findings.length
      ? h('ul', { class: 'findings', id: 'findings' }, ...st.findings.map((f) => h('li', { class: f.severity === 'critical' ? 'red' : f.severity === 'warning' ? 'yellow' : '' }, f.detail[L])))
      : h('p', { class: 'hint', id: 'findings' }, msg(L, 'back.noFindings'));

  let golive: HTMLElement;
  const gl = st?.goLive;
  const assignedAt = profile.value?.assignedAt;
  if (gl?.live) golive = h('p', { id: 'golive', class: 'green' }, msg(L, 'back.live', { date: formatDate(gl.liveAt ?? '', L) }));
  else if (gl?.deadline && assignedAt && gl.daysLeft !== null) {
    const total = Math.max(1, daysBetween(assignedAt, gl.deadline));
    const used = Math.min(total, Math.max(0, total - gl.daysLeft));
    const pct = Math.round((used / total) * 100);
    golive = h(
      'div',
      { id: 'golive' },
      h('progress', { max: total, value: used, class: gl.daysLeft < 0 ? 'red' : gl.daysLeft <= 14 ? 'yellow' : '', 'aria-label': msg(L, 'back.golive') }, L === 'tr' ? `%${pct}` : `${pct}%`),
      h('p', { class: gl.daysLeft < 0 ? 'red' : gl.daysLeft <= 14 ? 'yellow' : '' }, msg(L, gl.daysLeft < 0 ? 'back.overdue' : 'back.daysLeft', { deadline: formatDate(gl.deadline, L), days: Math.abs(gl.daysLeft) })),
    );
  } else golive = h('p', { class: 'hint', id: 'golive' }, res.status ? msg(L, 'back.noDeadline') : msg(L, 'back.unavailable'));

  ctx.root.append(
    h('section', {}, h('h3', {}, msg(L, 'back.timeline')), timeline),
    h('section', {}, h('h3', {}, msg(L, 'back.findings')), findings),
    h('section', {}, h('h3', {}, msg(L, 'back.golive')), golive),
  );
  fit(ctx);
}
