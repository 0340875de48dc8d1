// Dashboard front-end (bundled by esbuild on request). Turkish first; `?lang=en` switches. Data: /dashboard/api/data.
// Rule names come from the domain dictionary (shared/i18n.ts, dependency-free), the same words as the audit and digests.
import { formatPeriodWords, ruleLabel } from '../../../../shared/i18n.js';
import { weekDates } from '../../../../shared/dates.js';
import type { DashboardData, Pct, RulePcts } from '../dashboard-model.js';
import { minOf } from '../../../../shared/arrays.js';
import { isRecord } from '../../../../shared/guards.js';
import { todayCountdown } from '../../../../shared/badges.js';

type Locale = 'tr' | 'en';
const lang: Locale = document.documentElement.lang === 'en' ? 'en' : 'tr';
const powerup = document.body.dataset.powerup === '1';

const S = {
  tr: {
    title: 'Nabız — Yönetici paneli',
    lead: 'Takım lideri',
    specialist: 'Uzman',
    board: 'Pano',
    all: 'Tümü',
    thisWeek: 'Bu hafta',
    thisMonth: 'Bu ay',
    lastMonth: 'Geçen ay',
    daily: 'G',
    weekly: 'H',
    monthly: 'A',
    cards: 'Müşteri',
    missing: 'Eksik',
    late: 'Geç',
    countsOver: 'Eksik ve Geç şu aralığı sayar:',
    compliance: 'Uzman bazında uyum',
    trend: '12 haftalık eğilim (günlük + haftalık, zamanında %)',
    findings: 'Açık uyarılar',
    today: 'Bugünün günlük kayıtları',
    todayTile: 'Bugün bekleyen',
    written: 'Yazılan',
    pending: 'Bekleyen müşteriler',
    todayNote: 'Gün bitene kadar bekleyen kayıt eksik sayılmaz.',
    allDone: 'Hepsi yazıldı',
    sortBy: 'Sırala',
    week: 'hafta',
    showAll: 'Tümünü göster',
    critical: 'Kritik',
    warning: 'Uyarı',
    info: 'Bilgi',
    atRisk: 'Riskteki müşteriler',
    customer: 'Müşteri',
    since: 'başlangıç',
    daysLeft: 'gün kaldı',
    overdue: 'gün gecikti',
    rule: 'Kural',
    period: 'Dönem',
    status: 'Durum',
    detail: 'Açıklama',
    severity: 'Önem',
    none: 'Gösterilecek satır yok.',
    report: 'Kanıt raporu indir',
    from: 'Başlangıç',
    to: 'Bitiş',
    format: 'Biçim',
    download: 'İndir',
    generated: 'Oluşturulma',
    signin: 'Oturum açılamadı. Paneli Trello pano düğmesinden ya da özet e-postanızdaki bağlantıdan açın.',
    forbidden: 'Bu panel yalnızca tanımlı yöneticiler ve takım liderleri içindir.',
    error: 'Veriler alınamadı',
    manager: 'Yönetici',
    teamLead: 'Takım lideri',
    stale: 'eski',
    more: 'tanesi daha gösterilmiyor',
    role: 'Rol',
    notJudged: 'henüz değerlendirilmedi',
    customers: 'Tüm müşteriler',
    riskFindings: 'Risk: müşterinin site durumu, uzmana yazılmaz',
  },
  en: {
    title: 'Nabız — Manager dashboard',
    lead: 'Team lead',
    specialist: 'Specialist',
    board: 'Board',
    all: 'All',
    thisWeek: 'This week',
    thisMonth: 'This month',
    lastMonth: 'Last month',
    daily: 'D',
    weekly: 'W',
    monthly: 'M',
    cards: 'Customers',
    missing: 'Missing',
    late: 'Late',
    countsOver: 'Missing and Late count the range',
    compliance: 'Compliance per specialist',
    trend: '12-week trend (daily + weekly, on-time %)',
    findings: 'Open findings',
    today: "Today's daily entries",
    todayTile: 'Pending today',
    written: 'Written',
    pending: 'Pending customers',
    todayNote: 'A pending entry does not count as missing until the day is over.',
    allDone: 'All written',
    sortBy: 'Sort by',
    week: 'week',
    showAll: 'Show all',
    critical: 'Critical',
    warning: 'Warning',
    info: 'Info',
    atRisk: 'Customers at risk',
    customer: 'Customer',
    since: 'since',
    daysLeft: 'days left',
    overdue: 'days overdue',
    rule: 'Rule',
    period: 'Period',
    status: 'Status',
    detail: 'Detail',
    severity: 'Severity',
    none: 'Nothing to show.',
    report: 'Download an evidence report',
    from: 'From',
    to: 'To',
    format: 'Format',
    download: 'Download',
    generated: 'Generated',
    signin: 'Could not sign in. Open the dashboard from the Trello board button or the link in your digest.',
    forbidden: 'This dashboard is for configured managers and team leads only.',
    error: 'Could not load the data',
    manager: 'Manager',
    teamLead: 'Team lead',
    stale: 'stale',
    more: 'more not shown',
    role: 'Role',
    notJudged: 'not judged yet',
    customers: 'All customers',
    riskFindings: "Risk: the customer's site state, not counted against the specialist",
  },
}[lang];

const ruleName = (r: string) => ruleLabel(r, lang);
const R = { daily: ruleName('daily'), weekly: ruleName('weekly'), monthly: ruleName('monthly') };

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The page's element `#id`, of the kind the page's HTML puts there: a missing one is a broken page, said at once. */
function byId<T extends HTMLElement>(id: string, kind: { new (): T; prototype: T }): T {
  const el = document.getElementById(id);
  if (!(el instanceof kind)) throw new Error(`dashboard page: #${id} is missing`);
  return el;
}
const fmtPct = (p: number | null) => (p === null ? '—' : lang === 'tr' ? `%${String(p).replace('.', ',')}` : `${p}%`);
// Days as 23.11.2026 in Turkish; English keeps ISO like the finding texts (shared/i18n formatDate). Weeks stay 2026-W47.
/** A finding period in words (day, `48. hafta (…)`, `Kasım 2026`). */
const fmtPeriod = (p: string) => formatPeriodWords(p, lang);
const fmtDay = (v: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m && lang === 'tr' ? `${m[3]}.${m[2]}.${m[1]}` : v;
};
/** Trend axis: `48. hafta` over `23.11–29.11` (tr) / `week 48` over `11-23 – 11-29` (en); never `W48`. */
const weekLabel = (w: string): string[] => {
  const days = weekDates(w);
  const [mon = '', sun = ''] = [days[0], days[6]];
  const n = Number(w.slice(6));
  return lang === 'tr'
    ? [`${n}. ${S.week}`, `${mon.slice(8, 10)}.${mon.slice(5, 7)}–${sun.slice(8, 10)}.${sun.slice(5, 7)}`]
    : [`${S.week} ${n}`, `${mon.slice(5)} – ${sun.slice(5)}`];
};
const SEV_RANK = { critical: 0, warning: 1, info: 2 } as const;
const pctClass = (p: number | null) => (p === null ? 'na' : p >= 90 ? 'good' : p >= 70 ? 'mid' : 'bad');

let token: string | null = null;
async function authHeaders(): Promise<Record<string, string>> {
  if (!powerup) return {};
  if (!token) {
    // Typed as always there (@types/trellopowerup), but absent when the dashboard is opened outside Trello.
    const tpu: Trello.PowerUp.PowerUp | undefined = window.TrelloPowerUp;
    if (!tpu) return {};
    token = String(await tpu.iframe().jwt({}));
  }
  return { Authorization: `Bearer ${token}` };
}

const params = new URLSearchParams(location.search);
const filters = { lead: params.get('lead') ?? '', member: params.get('member') ?? '', board: params.get('board') ?? '' };
let chart: { destroy(): void } | null = null;
/** Severity chosen by clicking a tile (findings table shows only that severity); null = all. */
let sevFilter: 'critical' | 'warning' | 'info' | null = null;

function cell(p: Pct): string {
  return `<td class="pct ${pctClass(p.percent)}" data-v="${p.percent ?? -1}" title="${p.ok}/${p.judged}${p.percent === null ? ` · ${S.notJudged}` : ''}">${fmtPct(p.percent)}</td>`;
}
const cells = (r: RulePcts) => cell(r.daily) + cell(r.weekly) + cell(r.monthly);

function select(id: string, label: string, options: Array<[string, string]>, value: string): string {
  return `<label>${esc(label)} <select id="${id}"><option value="">${esc(S.all)}</option>${options
    .map(([v, l]) => `<option value="${esc(v)}"${v === value ? ' selected' : ''}>${esc(l)}</option>`)
    .join('')}</select></label>`;
}

function lastMonthRange(d: DashboardData): [string, string] {
  const [y = 0, m = 0] = d.lastMonth.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${d.lastMonth}-01`, `${d.lastMonth}-${String(last).padStart(2, '0')}`];
}

/** Click (or Enter on) a header with `data-col` to sort by that column; again to reverse. `data-v` numbers, `data-s` keys, else text. */
function sortable(table: HTMLTableElement): void {
  const body = table.tBodies[0];
  if (!body || body.rows.length < 2) return;
  for (const th of table.querySelectorAll<HTMLTableCellElement>('th[data-col]')) {
    th.tabIndex = 0;
    th.classList.add('sort');
    th.title = S.sortBy;
    const go = () => {
      const col = Number(th.dataset.col);
      const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      for (const x of table.querySelectorAll('th[aria-sort]')) x.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      const key = (r: HTMLTableRowElement): number | string => {
        const c = r.cells[col];
        if (!c) return '';
        if (c.dataset.v !== undefined) return Number(c.dataset.v);
        return c.dataset.s ?? (c.textContent ?? '').trim();
      };
      const rows = [...body.rows].sort((a, b) => {
        const x = key(a);
        const y = key(b);
        return dir * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), lang));
      });
      for (const r of rows) body.append(r); // one by one: a big board has more rows than a call takes arguments
    };
    th.addEventListener('click', go);
    th.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        go();
      }
    });
  }
}

async function render(d: DashboardData): Promise<void> {
  const app = byId('app', HTMLElement);
  const name = (id: string) => d.specialists.find((s) => s.id === id)?.name ?? id;
  const boardName = (id: string) => d.boards.find((b) => b.id === id)?.name ?? id;
  const other = lang === 'tr' ? 'en' : 'tr';
  const q = new URLSearchParams(location.search);
  q.set('lang', other);
  const [rf, rt] = lastMonthRange(d);

  const specRows = d.specialists
    .map(
      (s) =>
        `<tr data-specialist="${esc(s.id)}"><th scope="row">${esc(s.name)}</th><td class="num" data-v="${s.cards}">${s.cards}</td>${cells(s.thisWeek)}${cells(s.thisMonth)}${cells(s.lastMonth)}<td class="num" data-v="${s.missing}">${s.missing}</td><td class="num" data-v="${s.late}">${s.late}</td></tr>`,
    )
    .join('');
  const sub = (from: number) =>
    `<th class="num" data-col="${from}" title="${R.daily}">${S.daily}</th><th class="num" data-col="${from + 1}" title="${R.weekly}">${S.weekly}</th><th class="num" data-col="${from + 2}" title="${R.monthly}">${S.monthly}</th>`;

  // Today's dailies: who has not written yet, neutral until the day is over (R31).
  // Pending first (most pending on top), then by name: the lead sees who still has to write before 18:15 (A12).
  const todaySpecs = d.specialists
    .filter((s) => s.today.required > 0)
    .sort((a, b) => b.today.pending.length - a.today.pending.length || a.name.localeCompare(b.name, 'tr'));
  const pendingToday = todaySpecs.reduce((n, s) => n + s.today.pending.length, 0);
  // How long is left until the working day ends, from the data's own time (not the viewer's clock); amber in the last hour.
  const left = pendingToday ? todayCountdown(new Date(d.generatedAt), lang) : null;
  const leftHtml = left ? `<span class="countdown${left.amber ? ' amber' : ''}" id="today-countdown">${esc(left.text)}</span>` : '';
  // Missing/Late count the dashboard's whole window (docs/operations.md): say which, so a lead does not read "this month".
  const firstWeek = d.weeks[0];
  const windowFrom = [(firstWeek && weekDates(firstWeek)[0]) || d.today, `${d.lastMonth}-01`].sort()[0] ?? d.today;
  const windowText = `${fmtDay(windowFrom)}–${fmtDay(d.today)}`;
  const todayRows = todaySpecs
    .map(
      (s) =>
        `<tr data-specialist="${esc(s.id)}"><th scope="row">${esc(s.name)}</th><td class="num" data-v="${s.today.pending.length}">${s.today.pending.length}</td><td class="num" data-v="${s.today.done / s.today.required}">${s.today.done}/${s.today.required}</td><td>${
          s.today.pending.length
            ? s.today.pending.map((p) => `<a class="pending" href="${esc(p.url)}" target="_blank" rel="noopener">${esc(p.name)}</a>`).join(' ')
            : `<span class="good">✓ ${S.allDone}</span>`
        }</td></tr>`,
    )
    .join('');

  const risk = d.atRisk
    .map((c) => {
      const gl =
        c.goLive && c.goLive.daysLeft !== null && c.reasons.includes('golive')
          ? c.goLive.daysLeft < 0
            ? `<span class="bad">${-c.goLive.daysLeft} ${S.overdue}</span>`
            : `<span class="mid">${c.goLive.daysLeft} ${S.daysLeft}</span>`
          : '—';
      const res = (r: { percent: number; stale: boolean } | null) =>
        r
          ? `<span class="${r.percent >= 95 ? 'bad' : r.percent >= 80 ? 'mid' : ''}">${fmtPct(r.percent)}</span>${r.stale ? ` <small>(${S.stale})</small>` : ''}`
          : '—';
      return `<tr data-card="${esc(c.cardId)}"><td><a href="${esc(c.url)}" target="_blank" rel="noopener">${esc(c.name)}</a></td><td>${esc(name(c.memberId))}</td><td>${esc(boardName(c.boardId))}</td><td data-v="${c.goLive?.daysLeft ?? 9999}">${gl}</td><td data-v="${c.disk?.percent ?? -1}">${res(c.disk)}</td><td data-v="${c.traffic?.percent ?? -1}">${res(c.traffic)}</td><td data-s="${esc(c.unreachableSince ?? '')}">${c.unreachableSince ? `<span class="bad">${esc(lang === 'tr' ? `${fmtDay(c.unreachableSince)} tarihinden beri` : `${S.since} ${fmtDay(c.unreachableSince)}`)}</span>` : '—'}</td></tr>`;
    })
    .join('');

  const matching = sevFilter ? d.findings.items.filter((f) => f.severity === sevFilter) : d.findings.items;
  const shown = matching.slice(0, 200);
  const findingRows = shown
    .map(
      (f) =>
        `<tr class="sev-${f.severity}"><td data-v="${SEV_RANK[f.severity]}">${esc(S[f.severity])}</td><td><a href="${esc(f.cardUrl)}" target="_blank" rel="noopener">${esc(f.cardName)}</a></td><td>${esc(name(f.memberId))}</td><td>${esc(ruleName(f.rule))}</td><td class="period" data-s="${esc(f.period)}">${esc(f.period ? fmtPeriod(f.period) : '—')}</td><td>${esc(f.detail[lang])}</td></tr>`,
    )
    .join('');
  const total = sevFilter ? d.findings.bySeverity[sevFilter] : d.findings.total;
  const hidden = total - shown.length;

  app.innerHTML = `
<header><h1>${esc(S.title)}</h1><div class="who">${esc(d.viewer.name)} · ${esc(S[d.viewer.role])} · <a id="lang" href="?${esc(q.toString())}">${other === 'en' ? 'English' : 'Türkçe'}</a></div></header>
<section class="filters">
${
  d.teamLeads.length
    ? select(
        'f-lead',
        S.lead,
        d.teamLeads.map((l) => [l.trelloId, l.name]),
        filters.lead,
      )
    : ''
}
${select(
  'f-member',
  S.specialist,
  d.options.specialists.map((s) => [s.id, s.name]),
  filters.member,
)}
${select(
  'f-board',
  S.board,
  d.options.boards.map((b) => [b.id, b.name]),
  filters.board,
)}
<small>${S.generated}: ${esc(new Date(d.generatedAt).toLocaleString(lang === 'tr' ? 'tr-TR' : 'en-GB', { timeZone: 'Europe/Istanbul' }))}</small>
</section>
${d.boards
  .filter((b) => b.historyNote)
  .map((b) => `<p class="note">${esc(b.name)}: ${esc(b.historyNote?.[lang])}</p>`)
  .join('')}
<section class="tiles" id="severity">
<a class="tile today${pendingToday ? '' : ' done'}" href="#today" data-jump="today"><b data-today="${pendingToday}">${pendingToday}</b><span>${S.todayTile}</span>${leftHtml ? `<small>${leftHtml}</small>` : ''}</a>
${(['critical', 'warning', 'info'] as const)
  .map(
    (sev) =>
      `<a class="tile sev-${sev}${sevFilter === sev ? ' active' : ''}" href="#findings" role="button" data-filter="${sev}" aria-pressed="${sevFilter === sev}"><b data-sev="${sev}">${d.findings.bySeverity[sev]}</b><span>${S[sev]}</span></a>`,
  )
  .join('\n')}
<a class="tile" href="#at-risk" data-jump="at-risk"><b>${d.atRisk.length}</b><span>${S.atRisk}</span></a>
</section>
<section id="today-section"><h2>${S.today} (${fmtDay(d.today)})${leftHtml ? ` · ${leftHtml}` : ''}</h2>
<table id="today" class="sortable"><thead><tr><th data-col="0">${S.specialist}</th><th class="num" data-col="1">${S.todayTile}</th><th class="num" data-col="2">${S.written}</th><th>${S.pending}</th></tr></thead>
<tbody>${todayRows || `<tr><td colspan="4">${S.none}</td></tr>`}</tbody></table>
<p class="legend">${S.todayNote}</p></section>
<section><h2>${S.compliance}</h2>
<table id="specialists" class="sortable"><thead><tr><th rowspan="2" data-col="0">${S.specialist}</th><th rowspan="2" class="num" data-col="1">${S.cards}</th><th colspan="3">${S.thisWeek}</th><th colspan="3">${S.thisMonth}</th><th colspan="3">${S.lastMonth}</th><th rowspan="2" class="num" data-col="11">${S.missing}<br><small class="range">${windowText}</small></th><th rowspan="2" class="num" data-col="12">${S.late}<br><small class="range">${windowText}</small></th></tr>
<tr>${sub(2)}${sub(5)}${sub(8)}</tr></thead><tbody>${specRows || `<tr><td colspan="13">${S.none}</td></tr>`}</tbody></table>
<p class="legend">${S.daily} = ${R.daily} · ${S.weekly} = ${R.weekly} · ${S.monthly} = ${R.monthly} · — = ${S.notJudged} · ${S.countsOver} ${windowText}</p>
</section>
<section><h2>${S.trend}</h2><div class="chart"><canvas id="trend" height="110"></canvas></div></section>
<section><h2>${S.atRisk}</h2><table id="at-risk" class="sortable"><thead><tr><th data-col="0">${S.customer}</th><th data-col="1">${S.specialist}</th><th data-col="2">${S.board}</th><th data-col="3">${ruleName('golive')}</th><th data-col="4">${ruleName('disk')}</th><th data-col="5">${ruleName('traffic')}</th><th data-col="6">${ruleName('unreachable')}</th></tr></thead>
<tbody>${risk || `<tr><td colspan="7">${S.none}</td></tr>`}</tbody></table>
${(d.risks ?? []).length ? `<h3>${S.riskFindings}</h3><ul id="risk-findings">${(d.risks ?? []).map((f) => `<li><a href="${esc(f.cardUrl)}" target="_blank" rel="noopener">${esc(f.cardName)}</a> · ${esc(name(f.memberId))} · ${esc(ruleName(f.rule))} · ${esc(f.period ? fmtPeriod(f.period) : '—')}: ${esc(f.detail[lang])}</li>`).join('')}</ul>` : ''}</section>
<section><details id="customers"><summary><h2>${S.customers} (${d.cards.length})</h2></summary>
<table class="sortable"><thead><tr><th data-col="0">${S.customer}</th><th data-col="1">${S.specialist}</th><th data-col="2">${S.board}</th><th class="num" data-col="3">${S.thisMonth} ${S.daily}</th><th class="num" data-col="4">${S.thisMonth} ${S.weekly}</th><th class="num" data-col="5">${S.findings}</th></tr></thead>
<tbody>${d.cards.map((c) => `<tr><td><a href="${esc(c.url)}" target="_blank" rel="noopener">${esc(c.name)}</a></td><td>${esc(name(c.memberId))}</td><td>${esc(boardName(c.boardId))}</td>${cell(c.thisMonth.daily)}${cell(c.thisMonth.weekly)}<td class="num" data-v="${c.findings}">${c.findings}</td></tr>`).join('')}</tbody></table></details></section>
<section id="findings-section"><h2>${S.findings} (${sevFilter ? `${S[sevFilter]}: ${total}` : d.findings.total})${sevFilter ? ` <a href="#findings" id="sev-all" class="small">${S.showAll}</a>` : ''}</h2><table id="findings" class="sortable"><thead><tr><th data-col="0">${S.severity}</th><th data-col="1">${S.customer}</th><th data-col="2">${S.specialist}</th><th data-col="3">${S.rule}</th><th data-col="4">${S.period}</th><th>${S.detail}</th></tr></thead>
<tbody>${findingRows || `<tr><td colspan="6">${S.none}</td></tr>`}</tbody></table>${hidden > 0 ? `<p class="legend">${hidden} ${S.more}</p>` : ''}</section>
<section><h2>${S.report}</h2><form id="report" class="filters">
${select(
  'r-board',
  S.board,
  d.options.boards.map((b) => [b.id, b.name]),
  filters.board || d.specialists.find((s) => s.id === filters.member)?.boards[0] || d.boards[0]?.id || '',
).replace(`<option value="">${esc(S.all)}</option>`, '')}
${select(
  'r-member',
  S.specialist,
  d.options.specialists.map((s) => [s.id, s.name]),
  filters.member,
)}
<label>${S.from} <input type="date" id="r-from" value="${rf}"></label>
<label>${S.to} <input type="date" id="r-to" value="${rt}"></label>
<label>${S.format} <select id="r-format"><option value="pdf">PDF</option><option value="html">HTML</option><option value="csv">CSV</option><option value="json">JSON</option></select></label>
<a id="r-download" class="button" href="#">${S.download}</a>
</form><p id="r-error" class="error" role="alert"></p></section>`;

  for (const [id, key] of [
    ['f-lead', 'lead'],
    ['f-member', 'member'],
    ['f-board', 'board'],
  ] as const) {
    document.getElementById(id)?.addEventListener('change', (e) => {
      if (e.target instanceof HTMLSelectElement) filters[key] = e.target.value;
      void load();
    });
  }

  // Tiles: a severity shows only those findings (again: all); the others jump to their table.
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.tile[data-filter]')) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      const f = a.dataset.filter;
      const sev = f === 'critical' || f === 'warning' || f === 'info' ? f : null;
      sevFilter = sevFilter === sev ? null : sev;
      void render(d).then(() => document.getElementById('findings-section')?.scrollIntoView({ block: 'start' }));
    });
    // role="button" (a toggle with aria-pressed): Space presses it like a button.
    a.addEventListener('keydown', (e) => {
      if (e.key === ' ') {
        e.preventDefault();
        a.click();
      }
    });
  }
  document.getElementById('sev-all')?.addEventListener('click', (e) => {
    e.preventDefault();
    sevFilter = null;
    void render(d).then(() => document.getElementById('findings-section')?.scrollIntoView({ block: 'start' }));
  });
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.tile[data-jump]')) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      document.getElementById(a.dataset.jump ?? '')?.scrollIntoView({ block: 'start' });
    });
  }
  for (const t of document.querySelectorAll<HTMLTableElement>('table.sortable')) sortable(t);

  const link = byId('r-download', HTMLAnchorElement);
  const reportUrl = () => {
    const v = (id: string) => {
      const el = document.getElementById(id);
      return el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? el.value : '';
    };
    const u = new URLSearchParams({ board: v('r-board'), from: v('r-from'), to: v('r-to'), format: v('r-format'), lang });
    if (v('r-member')) u.set('member', v('r-member'));
    return `/reports/evidence?${u.toString()}`;
  };
  const sync = () => (link.href = reportUrl());
  byId('report', HTMLElement).addEventListener('change', sync);
  sync();
  // Fetched, then saved: errors (e.g. no data in the range) are shown here instead of a bare JSON page.
  link.addEventListener('click', async (e) => {
    e.preventDefault();
    const err = byId('r-error', HTMLElement);
    err.textContent = '';
    link.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(reportUrl(), { headers: await authHeaders(), credentials: 'same-origin' });
      if (!res.ok) {
        const body: unknown = await res.json().catch(() => ({}));
        const text = (k: string) => (isRecord(body) && typeof body[k] === 'string' ? body[k] : undefined);
        err.textContent = (lang === 'tr' ? text('tr') : undefined) ?? `${S.error}: ${text('error') ?? res.status}`;
        return;
      }
      const a = document.createElement('a');
      a.href = URL.createObjectURL(await res.blob());
      a.download = /filename="?([^";]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'nabiz-rapor';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } finally {
      link.setAttribute('aria-busy', 'false');
    }
  });

  await drawChart(d);
}

const COLORS = ['#0c66e4', '#e2483d', '#22a06b', '#cf9f02', '#6e5dc6', '#1d7afc', '#c9372c', '#216e4e', '#a54800', '#943d73'];

function trendFloor(d: DashboardData): number {
  const vals = d.specialists.flatMap((s) => s.trend).filter((v): v is number => typeof v === 'number');
  // At most 80 so a dip of a point or two does not look like a fall; lower when the data goes lower.
  return vals.length ? Math.max(0, Math.min(80, Math.floor((minOf(vals) - 5) / 10) * 10)) : 0;
}

type ChartCtor = new (el: HTMLCanvasElement, cfg: unknown) => { destroy(): void };
// Chart.js's UMD build sets `window.Chart` when its script has loaded (loadChart); absent before.
declare global {
  interface Window {
    Chart?: ChartCtor;
  }
}
let chartLib: Promise<ChartCtor | undefined> | undefined;
/** Chart.js (~66 KB compressed) is fetched only when a trend is drawn, not with the page. */
function loadChart(): Promise<ChartCtor | undefined> {
  chartLib ??= new Promise((resolve) => {
    if (window.Chart) return resolve(window.Chart);
    const el = document.createElement('script');
    el.src = '/dashboard/vendor/chart.umd.min.js';
    el.onload = () => resolve(window.Chart);
    el.onerror = () => {
      chartLib = undefined;
      resolve(undefined);
    };
    document.head.append(el);
  });
  return chartLib;
}

async function drawChart(d: DashboardData): Promise<void> {
  const canvas = document.getElementById('trend');
  if (!(canvas instanceof HTMLCanvasElement) || !d.specialists.some((s) => s.trend.some((v) => v !== null))) return;
  const Chart = await loadChart();
  if (!Chart || !canvas.isConnected) return;
  chart?.destroy();
  chart = new Chart(canvas, {
    type: 'line',
    data: {
      labels: d.weeks.map(weekLabel),
      datasets: d.specialists.map((s, i) => ({
        label: s.name,
        data: s.trend,
        borderColor: COLORS[i % COLORS.length],
        backgroundColor: COLORS[i % COLORS.length],
        spanGaps: true,
        tension: 0.2,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      // Zoom in on the band the lines live in (all near %100 otherwise reads as one flat line); never below 0.
      scales: { y: { min: trendFloor(d), max: 100, ticks: { callback: (v: number) => fmtPct(v) } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

async function load(): Promise<void> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  const shown = new URLSearchParams(q);
  if (lang === 'en') shown.set('lang', 'en');
  if (powerup) shown.set('powerup', '1');
  history.replaceState(null, '', `${location.pathname}${shown.toString() ? `?${shown}` : ''}`);
  const app = byId('app', HTMLElement);
  app.setAttribute('aria-busy', 'true');
  try {
    const res = await fetch(`/dashboard/api/data?${q}`, { headers: await authHeaders(), credentials: 'same-origin' });
    if (res.status === 401 || res.status === 403) {
      app.innerHTML = `<main class="denied"><p>${res.status === 401 ? S.signin : S.forbidden}</p></main>`;
      return;
    }
    if (!res.ok) {
      const body: unknown = await res.json().catch(() => ({}));
      throw new Error(isRecord(body) && typeof body.error === 'string' ? body.error : String(res.status));
    }
    // biome-ignore lint/nursery/noUnsafeTypeAssertion: our own server's answer (routes/dashboard.ts builds it as a DashboardData, same build), not outside data; its refusals and errors are read above.
    await render((await res.json()) as DashboardData);
  } catch (e) {
    app.innerHTML = `<p class="error">${esc(S.error)}: ${esc(e instanceof Error ? e.message : String(e))}</p>`;
  } finally {
    app.setAttribute('aria-busy', 'false');
    document.body.dataset.ready = '1';
  }
}

void load();
