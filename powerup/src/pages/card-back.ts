// Card back section: Nabız's own view of the card — where each kind of entry stands (today, and the periods still
// open per daily/weekly/monthly), recent entries the grammar could not fully read (so the specialist fixes the
// comment), the disk and traffic trend of recent weeks, other open findings, go-live progress. Trello's activity
// right below already lists the comments, so they are not repeated here.
import { GOLIVE_BEHIND, complianceBadge, todayState } from '../../../shared/badges.js';
import { daysBetween, weekKey } from '../../../shared/dates.js';
import { parseEntry } from '../../../shared/entries.js';
import { formatDate, formatInstant, formatMonth, formatNumber } from '../../../shared/i18n.js';
import type { CardStatus, Locale, Reading, StatusBasis, StatusFinding } from '../../../shared/types.js';
import { h } from '../dom.js';
import { weekRange } from '../forms/validate.js';
import { msg } from '../i18n.js';
import { loadProfile } from '../storage.js';
import { listComments } from '../trello-rest.js';
import { timelineItems } from '../timeline-model.js';
import { fit, type PageCtx } from './common.js';
import { freezeSection } from './freeze-approval.js';
import { explanationSection } from './explanations.js';
import { nudgeSection } from './nudge.js';
import { FIX_TEXT, findingFix, todayFix, type Fix } from '../fix-model.js';
import { openForm } from '../pages-map.js';

const KINDS = ['daily', 'weekly', 'monthly'] as const;

// What the compliance badge counts (docs/powerup.md "One honest card state"). Kept here, not in the shared UI table:
// the connector bundle carries every string of that table and has a 42 KB budget.
const BADGE_COUNTS: Record<Locale, { counts: string; now: (state: string) => string }> = {
  tr: {
    counts:
      'Uyum rozeti şunları sayar: hiç yazılmamış kayıtlar (günlük, haftalık, aylık, tanışma, gecikme nedeni), 18:15’ten sonra bugünün günlüğü ve karttaki açık uyarılar (ör. disk için yapılanlar, geciken canlıya geçiş). Geç yazılan kayıtlar sayılmaz. Rozet yalnızca hiçbiri yokken yeşil “Uyum ✓” olur.',
    now: (state) => `Şu an: ${state}.`,
  },
  en: {
    counts:
      'The compliance badge counts: entries never made (daily, weekly, monthly, intro, delay reason), today’s daily after 18:15, and the open warnings on the card (e.g. disk actions, an overdue go-live). Late entries do not count. The badge is green “Compliant ✓” only when there are none.',
    now: (state) => `Now: ${state}.`,
  },
};
// Who answered for a shown period and under which facts (docs/powerup.md "Who was responsible"). Words from
// docs/glossary.md (vekil, izin, dondurma, kanıt defteri); kept here, not in the connector's dictionary (42 KB budget).
const BASIS_TEXT: Record<
  Locale,
  {
    responsible: string;
    owner: string;
    cover: (owner: string) => string;
    nobody: (owner: string) => string;
    unassigned: string;
    frozen: string;
    unapproved: string;
    ledger: string;
    knownFrom: (d: string) => string;
    today: string;
  }
> = {
  tr: {
    responsible: 'Sorumlu',
    owner: 'kart sahibi',
    cover: (owner) => `vekil; ${owner} izinde`,
    nobody: (owner) => `kimse: ${owner} izinde, vekil yok`,
    unassigned: 'atanmış uzman yok',
    frozen: 'dondurulmuş',
    unapproved: 'dondurma onaysız: muaf sayılmaz',
    ledger: 'kanıt defteri',
    knownFrom: (d) => `olgular yalnızca ${d} tarihinden itibaren biliniyor`,
    today: 'Bugün',
  },
  en: {
    responsible: 'Responsible',
    owner: 'card owner',
    cover: (owner) => `cover; ${owner} on leave`,
    nobody: (owner) => `nobody: ${owner} on leave, no cover`,
    unassigned: 'no specialist assigned',
    frozen: 'frozen',
    unapproved: 'freeze not approved: not exempt',
    ledger: 'ledger',
    knownFrom: (d) => `facts known only from ${d}`,
    today: 'Today',
  },
};

/**
 * One short line per shown period: "Bugün: Sorumlu: Mehmet Kaya (vekil; Ayşe Yılmaz izinde) · kanıt defteri #12, #15".
 * `who` names a member id (a member no longer on the board as "Panoda olmayan üye").
 */
export function basisLine(b: StatusBasis, who: (id: string) => string, L: Locale): string {
  const T = BASIS_TEXT[L];
  const label = b.row === 'today' ? T.today : periodText(b.period, L);
  const owner = b.owner ? who(b.owner) : T.unassigned;
  const notes: string[] = [];
  let person: string;
  if (b.role === 'none' || b.responsible === null) person = b.owner ? T.nobody(owner) : T.unassigned;
  else {
    person = who(b.responsible);
    notes.push(b.role === 'cover' ? T.cover(owner) : T.owner);
  }
  if (b.frozen) notes.push(b.frozen.approved ? T.frozen : T.unapproved);
  const parts = [`${label}: ${T.responsible}: ${person}${notes.length ? ` (${notes.join('; ')})` : ''}`];
  if (b.seqs?.length) parts.push(`${T.ledger} ${b.seqs.map((n) => `#${n}`).join(', ')}`);
  if (b.knownFrom) parts.push(T.knownFrom(formatDate(b.knownFrom, L)));
  return parts.join(' · ');
}

type Kind = (typeof KINDS)[number];
/** Rules shown per period in the table; every other finding is listed under "Açık uyarılar". */
const PERIOD_RULES = new Set<string>(KINDS);

/** A finding period as people read it: 01.12.2026, 23.11.2026–29.11.2026, Kasım 2026. */
export function periodText(period: string, L: Locale): string {
  if (/^\d{4}-W\d{2}$/.test(period)) return weekRange(period, L);
  if (/^\d{4}-\d{2}$/.test(period)) return formatMonth(period, L);
  return formatDate(period, L);
}

/**
 * A finding's text with any ISO week or day the server left in it written the team's way (`(2026-W48)` →
 * `(23.11.2026–29.11.2026)`, `2026-12-10` → `10.12.2026`), so Turkish messages carry Turkish dates.
 */
export function readableDates(text: string, L: Locale): string {
  return text.replace(/\b\d{4}-W\d{2}\b/g, (w) => weekRange(w, L)).replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => formatDate(d, L));
}

export interface TrendPoint {
  week: string;
  percent: number;
}

/** The newest reading per ISO week (oldest week first), at most `weeks` of them, from the card's comments. */
export function readingTrend(
  comments: ReadonlyArray<{ text: string; date: string }>,
  res: 'disk' | 'traffic',
  profileTotal: number | undefined,
  weeks = 6,
): TrendPoint[] {
  const byWeek = new Map<string, { at: string; percent: number }>();
  for (const c of comments) {
    const e = parseEntry(c.text, c.date);
    const r: Reading | undefined = e?.readings[res];
    if (!e || !r || r.unlimited) continue;
    const total = r.totalGB ?? profileTotal;
    const percent = r.percent ?? (r.usedGB !== undefined && total ? (r.usedGB / total) * 100 : undefined);
    if (percent === undefined) continue;
    const week = e.forWeek ?? weekKey(e.forDate);
    const prev = byWeek.get(week);
    if (!prev || c.date > prev.at) byWeek.set(week, { at: c.date, percent: Math.round(percent * 10) / 10 });
  }
  return [...byWeek.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(-weeks)
    .map(([week, v]) => ({ week, percent: v.percent }));
}

function pctText(p: number, L: Locale): string {
  return L === 'tr' ? `%${formatNumber(p, L)}` : `${formatNumber(p, L)}%`;
}

function trendEl(points: TrendPoint[], label: string, L: Locale): HTMLElement {
  const color = (p: number) => (p >= 90 ? 'red' : p >= 70 ? 'yellow' : 'ok');
  return h(
    'div',
    { class: 'trend', 'aria-label': label },
    h('span', { class: 'trend-name' }, label),
    h(
      'ol',
      { class: 'bars' },
      ...points.map((p) =>
        h(
          'li',
          { title: `${weekRange(p.week, L)}: ${pctText(p.percent, L)}`, 'data-week': p.week },
          h('span', { class: `bar ${color(p.percent)}`, style: `height:${Math.round(Math.max(2, Math.min(100, p.percent)) * 0.4)}px` }),
          h('small', {}, pctText(p.percent, L)),
        ),
      ),
    ),
  );
}

/** How many fix buttons a period row shows (the newest open periods first): a long gap needs no wall of buttons. */
const FIXES_PER_ROW = 3;

/**
 * The one-click fix beside a finding (docs/powerup.md "One-click fixes"): opens the form pre-filled; the form
 * never posts by itself. `period` names which one when a row has several.
 */
function fixButton(ctx: PageCtx, fix: Fix, period?: string): HTMLElement {
  const L = ctx.locale;
  const text = FIX_TEXT[L][fix.label];
  const b = h(
    'button',
    {
      type: 'button',
      class: 'fix',
      'data-fix': fix.label,
      'data-form': fix.form,
      ...(period ? { 'data-period': period, 'aria-label': `${text}: ${periodText(period, L)}` } : {}),
    },
    period ? `${text} · ${periodText(period, L)}` : text,
  );
  b.addEventListener('click', () => void openForm(ctx.t, L, fix.form, fix.prefill));
  return b;
}

function periodsRow(kind: Kind, st: CardStatus, ctx: PageCtx): HTMLElement {
  const L = ctx.locale;
  const of = (f: StatusFinding) => f.rule === kind;
  const missing = st.findings.filter((f) => of(f) && (f.status === 'missing' || f.status === 'incomplete'));
  const late = st.findings.filter((f) => of(f) && f.status === 'late');
  const last = st.lastEntry[kind];
  const open = h('td', { class: missing.length ? 'red' : 'green' });
  if (missing.length)
    open.append(
      h('span', { class: 'state' }, `${msg(L, 'overview.missing', { n: missing.length })}: `),
      missing.map((f) => periodText(f.period, L)).join(', '),
    );
  else open.append(h('span', { class: 'state' }, '✓'));
  if (late.length) open.append(h('small', {}, `${msg(L, 'overview.late', { n: late.length })}: ${late.map((f) => periodText(f.period, L)).join(', ')}`));
  const fixes = missing
    .map((f) => ({ f, fix: findingFix(f, ctx.today) }))
    .filter((x): x is { f: StatusFinding; fix: Fix } => x.fix !== null)
    .sort((a, b) => b.f.period.localeCompare(a.f.period))
    .slice(0, FIXES_PER_ROW);
  if (fixes.length) open.append(h('div', { class: 'fixes' }, ...fixes.map((x) => fixButton(ctx, x.fix, x.f.period))));
  return h(
    'tr',
    { 'data-kind': kind },
    h('th', { scope: 'row' }, msg(L, `overview.${kind}` as const)),
    open,
    h('td', { class: 'hint' }, last ? formatInstant(last, L) : msg(L, 'back.none')),
  );
}

export async function renderCardBack(ctx: PageCtx): Promise<void> {
  const L = ctx.locale;
  const card = await ctx.t.card('id');
  const [res, profile, board] = await Promise.all([ctx.status.get(ctx.t), loadProfile(ctx.t), ctx.t.board('members').catch(() => ({ members: undefined }))]);
  const st: CardStatus | undefined = res.status?.cards[card.id];
  // A member no longer on the board is named in words, never by an id (docs/glossary.md).
  const names = new Map((board.members ?? []).map((m) => [m.id, m.fullName ?? m.username ?? '']));
  const who = (id: string): string => names.get(id) || msg(L, 'settings.notOnBoard');

  // Where each kind stands, per period (what the rules judged), and today's daily.
  let periods: HTMLElement;
  if (!st) periods = h('p', { class: 'messages error', id: 'periods' }, msg(L, 'back.unavailable'));
  else {
    const today = todayState(st, new Date());
    const todayRow = today
      ? h(
          'tr',
          { 'data-kind': 'today' },
          h('th', { scope: 'row' }, msg(L, 'back.todayRow')),
          h(
            'td',
            { class: today === 'over' ? 'red' : today === 'done' ? 'green' : 'pending', colspan: 2 },
            h('span', { class: 'state' }, msg(L, `overview.today.${today}` as const)),
            ...[todayFix(today, ctx.today)].filter((x): x is Fix => x !== null).map((x) => fixButton(ctx, x)),
          ),
        )
      : null;
    periods = h('table', { class: 'periods', id: 'periods' }, h('tbody', {}, todayRow, ...KINDS.map((k) => periodsRow(k, st, ctx))));
  }
  // Who answered for today, the week and the month, under which facts (the server's facts in force).
  const basis = st?.basis?.length
    ? h('ul', { class: 'hint basis', id: 'basis' }, ...st.basis.map((b) => h('li', { 'data-row': b.row, 'data-period': b.period }, basisLine(b, who, L))))
    : null;
  // What the front's compliance badge counts, and what it shows now (the same shared model, so they cannot differ).
  const badge = st ? complianceBadge(st, new Date(), L, false) : undefined;
  const explain = h('p', { class: 'hint', id: 'badge-explain' }, BADGE_COUNTS[L].counts, badge ? ` ${BADGE_COUNTS[L].now(badge.text)}` : '');

  // Readings trend from the card's own comments (the member's token); the server's latest reading otherwise.
  let comments: Array<{ text: string; date: string; author?: string }> = [];
  try {
    comments = await listComments(ctx.t, card.id, 200);
  } catch {
    comments = [];
  }
  // Only the recent entries with something unreadable: what the specialist should fix in Trello (docs/grammar.md).
  const unreadable = timelineItems(comments, 8).filter((i) => i.warnings.length);
  const warnings = unreadable.length
    ? h(
        'ul',
        { class: 'findings', id: 'entry-warnings' },
        ...unreadable.map((i) =>
          h(
            'li',
            { class: 'yellow' },
            h('time', { datetime: i.at }, formatInstant(i.at, L)),
            ` ${i.text} — `,
            h('span', { class: 'entry-warning' }, `${msg(L, 'back.entryWarning')} ${i.warnings.join(' · ')}`),
          ),
        ),
      )
    : null;
  const totals = { disk: profile.value?.quotaTotalGB, traffic: profile.value?.trafficTotalGB };
  const trends = (['disk', 'traffic'] as const).map((r) => {
    let points = readingTrend(comments, r, totals[r]);
    const latest = st?.readings[r];
    if (!points.length && latest?.percent !== undefined) points = [{ week: latest.week, percent: latest.percent }];
    return { r, points };
  });
  const trend = trends.some((t) => t.points.length)
    ? h(
        'div',
        { id: 'trend', class: 'trends' },
        ...trends
          .filter((t) => t.points.length)
          .map((t) => trendEl(t.points, msg(L, t.r === 'disk' ? 'form.disk' : 'form.traffic').replace(/\s*\(.*\)$/, ''), L)),
      )
    : h('p', { class: 'hint', id: 'trend' }, msg(L, 'back.noReadings'));

  const others = (st?.findings ?? []).filter((f) => !PERIOD_RULES.has(f.rule));
  const findings = !res.status
    ? null
    : others.length
      ? h(
          'ul',
          { class: 'findings', id: 'findings' },
          ...others.map((f) => {
            const fix = findingFix(f, ctx.today);
            return h(
              'li',
              { class: f.severity === 'critical' ? 'red' : f.severity === 'warning' ? 'yellow' : '', 'data-rule': f.rule, 'data-status': f.status },
              f.detail ? readableDates(f.detail[L], L) : f.rule,
              f.more ? ` ${msg(L, 'back.more', { n: f.more })}` : '',
              fix ? fixButton(ctx, fix) : null,
            );
          }),
        )
      : h('p', { class: 'hint', id: 'findings' }, msg(L, 'back.noFindings'));

  let golive: HTMLElement;
  const gl = st?.goLive;
  const assignedAt = profile.value?.assignedAt;
  if (gl?.live) golive = h('p', { id: 'golive', class: 'green' }, msg(L, 'back.live', { date: formatDate(gl.liveAt ?? '', L) }));
  else if (gl?.deadline && assignedAt && gl.daysLeft !== null) {
    const total = Math.max(1, daysBetween(assignedAt, gl.deadline));
    const used = Math.min(total, Math.max(0, total - gl.daysLeft));
    const pct = Math.round((used / total) * 100);
    // The same colour as the go-live badge (shared/badges.ts goLiveColor): yellow also while the steps lag the time gone.
    const behind = Boolean(gl.steps && gl.steps.total > 0 && used / total - gl.steps.done / gl.steps.total >= GOLIVE_BEHIND);
    const tone = gl.daysLeft < 0 ? 'red' : gl.daysLeft <= 14 || behind ? 'yellow' : '';
    golive = h(
      'div',
      { id: 'golive' },
      h('progress', { max: total, value: used, class: tone, 'aria-label': msg(L, 'back.golive') }, L === 'tr' ? `%${pct}` : `${pct}%`),
      h(
        'p',
        { class: tone },
        msg(L, gl.daysLeft < 0 ? 'back.overdue' : 'back.daysLeft', { deadline: formatDate(gl.deadline, L), days: Math.abs(gl.daysLeft) }),
      ),
    );
  } else golive = h('p', { class: 'hint', id: 'golive' }, res.status ? msg(L, 'back.noDeadline') : msg(L, 'back.unavailable'));

  // Frozen ranges and their approvals (R20): a lead or manager approves here.
  const freeze = await freezeSection(ctx, card.id, profile.value?.frozen ?? []).catch(() => null);
  // The specialist's side of the story beside each exception (docs/rules.md "Explanations and excused periods").
  const exceptions = (st?.findings ?? []).filter(
    (f) => PERIOD_RULES.has(f.rule) && (f.status === 'missing' || f.status === 'late' || f.status === 'incomplete') && f.period,
  );
  const story = st
    ? await explanationSection(
        ctx,
        card.id,
        exceptions.map((f) => ({ period: f.period, status: f.status })),
      ).catch(() => null)
    : null;

  // A lead's «Hatırlat» while today's daily is pending (docs/powerup.md "Nudges").
  const nudge = st ? await nudgeSection(ctx, card.id, todayState(st, new Date()) === 'pending').catch(() => null) : null;

  // R60, P18: what a cover needs to reach the customer; missing ones are said, not hidden.
  const pv = profile.value;
  const contact = h(
    'p',
    { id: 'contact', class: pv?.contactName && pv?.contactPhone ? '' : 'yellow' },
    `${msg(L, 'profile.contactName')}: ${pv?.contactName ?? msg(L, 'back.contactMissing')} · ${msg(L, 'profile.contactPhone')}: ${pv?.contactPhone ?? msg(L, 'back.contactMissing')}`,
  );
  ctx.root.append(
    h('section', {}, h('h3', {}, msg(L, 'back.contact')), contact),
    h('section', {}, h('h3', {}, msg(L, 'back.periods')), periods, basis, explain, warnings),
    h('section', {}, h('h3', {}, msg(L, 'back.trend')), trend),
    findings ? h('section', {}, h('h3', {}, msg(L, 'back.findings')), findings) : '',
    h('section', {}, h('h3', {}, msg(L, 'back.golive')), golive),
    freeze ?? '',
    story ?? '',
    nudge ?? '',
  );
  fit(ctx);
}
