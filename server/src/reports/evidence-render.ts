// Text renderers of the evidence report model: html (self-contained, printable), csv (one row per period), json.
import type { Locale } from '../../../shared/types.js';
import { JUDGED_RULES, istanbulTime, type EvidenceEntry, type EvidenceReport, type PeriodRow } from './evidence-model.js';
import { MARKS, ruleName, statusName, t } from './strings.js';
import { formatNumber, formatPeriod, translate } from '../../../shared/i18n.js';
import { escapeHtml } from '../html.js';

export type ReportFormat = 'html' | 'pdf' | 'csv' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'csv', 'json'];

export { escapeHtml };

/** Marks of one entry in the chosen language ("geç, silindi"). */
export function entryMarks(e: EvidenceEntry, lang: Locale): string[] {
  const m: string[] = [];
  if (e.late) m.push(MARKS.late[lang]);
  if (e.editedAfterPeriod) m.push(`${MARKS.edited[lang]} (${istanbulTime(e.editedAt!)})`);
  if (e.deleted && e.deletionNoticed && e.deletedAt) m.push(deletionNoticedMark(e.deletedAt, e.lastSeenAt, lang));
  else if (e.deleted) m.push(`${MARKS.deleted[lang]}${e.deletedAt ? ` (${istanbulTime(e.deletedAt)})` : ''}`);
  return m;
}

/** A deletion Trello never dated: when Nabız noticed it missing and when it was last seen present. */
export function deletionNoticedMark(noticedAt: string, lastSeenAt: string | undefined, lang: Locale): string {
  const seen = lastSeenAt ? istanbulTime(lastSeenAt) : '—';
  return lang === 'tr'
    ? `${MARKS.deleted[lang]} (Trello tarih vermedi: ${istanbulTime(noticedAt)} taramasında eksik bulundu, en son ${seen} görüldü)`
    : `${MARKS.deleted[lang]} (not dated by Trello: noticed missing at ${istanbulTime(noticedAt)}, last seen at ${seen})`;
}

/** One line describing the ledger verification (also printed by the CLI on failure). */
export function verificationLine(r: EvidenceReport, lang: Locale): string {
  const v = r.ledger.verification;
  if (v.ok) return `${t('verifyOk', lang)} (${v.count} ${t('records', lang)})`;
  const b = v.badRecord;
  const who = b ? ` — ${t('firstBad', lang)}: #${b.seq} (${b.type}, action ${b.actionId}, card ${b.cardId})` : ` — ${t('firstBad', lang)}: #${v.badSeq}`;
  return `${t('verifyFail', lang)}${who}: ${v.reason}`;
}

function ledgerRangeLine(r: EvidenceReport, lang: Locale): string {
  const l = r.ledger;
  if (l.firstSeq === null) return `0 ${t('records', lang)}`;
  return `#${l.firstSeq}–#${l.lastSeq} (${l.count} ${t('records', lang)}; ${istanbulTime(l.firstRecordedAt!)} – ${istanbulTime(l.lastRecordedAt!)})`;
}

/** Header facts shared by every renderer: [label, value] pairs. */
export function headerFacts(r: EvidenceReport, lang: Locale): Array<[string, string]> {
  const facts: Array<[string, string]> = [[t('board', lang), `${r.board.name} (${r.board.id})`]];
  if (r.filter.cardId) facts.push([t('card', lang), `${r.filter.cardName} (${r.filter.cardId})`]);
  if (r.filter.memberId) facts.push([t('member', lang), `${r.filter.memberName} (${r.filter.memberId})`]);
  facts.push(
    [t('range', lang), `${r.from} – ${r.to}`],
    [t('generated', lang), `${r.generatedAtLocal} (Europe/Istanbul) · ${r.generatedAt}`],
    [t('rulesVersion', lang), r.rulesVersion],
    [t('ledgerRange', lang), ledgerRangeLine(r, lang)],
    [t('ledger', lang), verificationLine(r, lang)],
    [t('history', lang), r.history.note ? r.history.note[lang] : t('historyComplete', lang)],
  );
  return facts;
}

function periodLabel(row: PeriodRow): string {
  return row.period;
}

/** HTML only: every calendar day in a text as 23.11.2026 (tr); ISO instants (…T…Z) stay as they are. */
function days(text: string, lang: Locale): string {
  return lang === 'tr' ? text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3.$2.$1') : text;
}

/** HTML only: a week also shows its Monday–Sunday, a month its name, a day 23.11.2026. */
function periodHtml(period: string, lang: Locale): string {
  const f = formatPeriod(period, lang);
  const m = /^(\S+) \((.*)\)$/.exec(f);
  return m ? `${escapeHtml(m[1]!)}<br><small>${escapeHtml(m[2]!)}</small>` : escapeHtml(f);
}

// ───────────── HTML ─────────────

const CSS = `
body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:24px;color:#172b4d;font-size:13px}
h1{font-size:20px;margin:0 0 8px}h2{font-size:16px;margin:24px 0 6px}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #c1c7d0;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f4f5f7}.facts th{width:200px}.st-missing{color:#ae2a19;font-weight:bold}.st-late,.st-incomplete{color:#a54800}
.st-ok{color:#216e4e}.st-not-judged{color:#626f86}.bad{color:#ae2a19;font-weight:bold}.mark{color:#ae2a19}
.orig{color:#626f86;font-style:italic}small{color:#626f86}td.nw{white-space:nowrap}td.num{text-align:right;font-variant-numeric:tabular-nums}
@media print{body{margin:0}a{color:inherit;text-decoration:none}}`;

function entryHtml(e: EvidenceEntry, lang: Locale): string {
  const marks = entryMarks(e, lang);
  return [
    `<a href="${escapeHtml(e.url ?? '#')}">${escapeHtml(e.actionId)}</a>`,
    ` · ${escapeHtml(e.authorName)} · ${escapeHtml(days(e.postedAtLocal, lang))} · ${t('forDate', lang)} ${escapeHtml(days(e.forDate, lang))}`,
    marks.length ? ` · <span class="mark">${escapeHtml(days(marks.join(', '), lang))}</span>` : '',
    `<br>“${escapeHtml(e.excerpt)}”`,
    e.originalText !== undefined ? `<br><span class="orig">${t('originalText', lang)}: “${escapeHtml(e.originalText)}”</span>` : '',
  ].join('');
}

export function renderHtml(r: EvidenceReport, lang: Locale = 'tr'): string {
  const facts = headerFacts(r, lang)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td${!r.ledger.verification.ok && k === t('ledger', lang) ? ' class="bad"' : ''}>${escapeHtml(days(v, lang))}</td></tr>`)
    .join('');
  const totals = JUDGED_RULES.map((rule) => {
    const x = r.totals[rule];
    return `<tr><td>${ruleName(rule, lang)}</td><td>${x.judged}</td><td>${x.ok}</td><td>${x.late}</td><td>${x.missing}</td><td>${x.incomplete}</td><td>${x.notJudged}</td><td>${x.edited}</td><td>${x.deleted}</td><td class="num">${x.percent === null || x.percent === undefined ? '—' : formatNumber(x.percent, lang)}</td></tr>`;
  }).join('');
  const totalsHead = [t('rule', lang), t('judged', lang), statusName('ok', lang), statusName('late', lang), statusName('missing', lang), statusName('incomplete', lang), statusName('not-judged', lang), MARKS.edited[lang], MARKS.deleted[lang], t('percent', lang)]
    .map((h) => `<th>${escapeHtml(h)}</th>`)
    .join('');
  const cards = r.cards
    .map((c) => {
      const rows = c.rows
        .map((row) => {
          const main = row.entry ? entryHtml(row.entry, lang) : `<span class="st-missing">${t('noEntry', lang)}</span>`;
          const others = row.others.length
            ? `<br><small>${t('alsoEntries', lang)}:</small>` + row.others.map((o) => `<br>${entryHtml(o, lang)}`).join('')
            : '';
          const note = row.note ? `<br><small>${escapeHtml(row.note[lang])}</small>` : '';
          return `<tr><td>${ruleName(row.rule, lang)}</td><td class="nw">${periodHtml(periodLabel(row), lang)}</td><td>${escapeHtml(row.memberName)}</td><td class="st-${row.status}">${escapeHtml(statusName(row.status, lang))}</td><td>${main}${others}${note}</td></tr>`;
        })
        .join('');
      const other = c.otherFindings.length
        ? `<p><b>${t('otherFindings', lang)}:</b></p><ul>${c.otherFindings.map((f) => `<li>${escapeHtml(translate(`rule.${f.rule}`, lang))} · ${escapeHtml(f.period ? days(f.period, lang) : '—')} · ${escapeHtml(translate(`status.${f.status}`, lang))} — ${escapeHtml(f.detail[lang])}</li>`).join('')}</ul>`
        : '';
      const name = c.url ? `<a href="${escapeHtml(c.url)}">${escapeHtml(c.name)}</a>` : escapeHtml(c.name);
      return `<section class="card"><h2>${name}</h2><p><small>${escapeHtml(c.cardId)} · ${t('specialist', lang)}: ${escapeHtml(c.specialistName)} · ${t('assignedAt', lang)}: ${escapeHtml(days(c.assignedAt, lang))}</small></p>
<table><thead><tr><th>${t('rule', lang)}</th><th>${t('period', lang)}</th><th>${t('member', lang)}</th><th>${t('status', lang)}</th><th>${t('entry', lang)}</th></tr></thead><tbody>${rows}</tbody></table>${other}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(`${t('title', lang)} — ${r.board.name} — ${days(r.from, lang)}…${days(r.to, lang)}`)}</title><style>${CSS}</style></head>
<body><h1>${t('title', lang)} — Nabız</h1>
<table class="facts">${facts}</table>
<h2>${t('totals', lang)}</h2><table><thead><tr>${totalsHead}</tr></thead><tbody>${totals}</tbody></table>
${cards}
</body></html>
`;
}

// ───────────── CSV ─────────────

function csvCell(v: string | number | boolean | undefined | null): string {
  let s = v === undefined || v === null ? '' : String(v);
  // A comment starting with = + - @ would run as a formula in a spreadsheet.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  'board_id', 'card_id', 'card_name', 'rule', 'period', 'member_id', 'member_name', 'status',
  'action_id', 'author_id', 'author_name', 'posted_at_istanbul', 'posted_at_utc', 'for_date',
  'late', 'edited_after_period', 'edited_at', 'deleted', 'deleted_at', 'excerpt', 'original_text', 'ledger_seqs', 'note',
  // deleted_at is then when Nabız noticed the deletion, not a time Trello gave.
  'deletion_noticed', 'last_seen_at',
] as const;

/**
 * One row per period (plus one per extra entry); `#` lines on top carry the verification and history.
 * `;` separators and a UTF-8 BOM like `nabiz audit` (Excel in a Turkish locale: the comma is the decimal sign).
 */
export function renderCsv(r: EvidenceReport, lang: Locale = 'tr'): string {
  const lines: string[] = [];
  for (const [k, v] of headerFacts(r, lang)) lines.push(`# ${k}: ${v.replace(/[\r\n]+/g, ' ')}`);
  lines.push(CSV_COLUMNS.join(';'));
  for (const c of r.cards) {
    for (const row of c.rows) {
      const entries = row.entry ? [row.entry, ...row.others] : [undefined];
      for (const e of entries) {
        lines.push(
          [
            r.board.id, c.cardId, c.name, row.rule, row.period, row.memberId, row.memberName, row.status,
            e?.actionId, e?.authorId, e?.authorName, e?.postedAtLocal, e?.postedAt, e?.forDate,
            e ? e.late : '', e ? e.editedAfterPeriod : '', e?.editedAt, e ? e.deleted : '', e?.deletedAt,
            e?.excerpt, e?.originalText, e?.ledgerSeqs.join(' '), row.note?.[lang],
            e?.deletionNoticed ? true : '', e?.lastSeenAt,
          ]
            .map(csvCell)
            .join(';'),
        );
      }
    }
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function renderJson(r: EvidenceReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}
