// Human formats of an AuditResult (`nabiz audit --format csv|html`): readable by a team lead,
// Turkish headings, dates as 23.11.2026, every value escaped.
import { formatInstant, formatPeriod, formatPercent, ruleLabel, statusLabel, translate, type TextKey } from '../../../shared/i18n.js';
import type { AuditResult, BoardSnapshot, ComplianceCount, ComplianceSummary, Finding, Locale } from '../../../shared/types.js';
import { escapeHtml, markInvisible } from '../html.js';

export interface AuditFormatContext {
  snapshot: Pick<BoardSnapshot, 'name' | 'cards' | 'members' | 'historyCut' | 'historyFrom'>;
  now: Date;
  locale?: Locale;
}

function names(ctx: AuditFormatContext): { card: (id: string) => string; member: (id: string) => string } {
  const cards = new Map(ctx.snapshot.cards.map((c) => [c.id, c.name]));
  const members = new Map(ctx.snapshot.members.map((m) => [m.id, m.fullName]));
  const unknown = translate('audit.unknownMember', ctx.locale ?? 'tr');
  // A member who left the board is named as such, never by a piece of a Trello id (docs/glossary.md).
  const gone = translate('audit.notOnBoard', ctx.locale ?? 'tr');
  return {
    card: (id) => (id ? (cards.get(id) ?? id) : translate('audit.board', ctx.locale ?? 'tr')),
    member: (id) => (id ? (members.get(id) ?? gone) : unknown),
  };
}

/** Card and member names of an audit (shared with audit-pdf.ts). Build once per output, never per finding. */
export const auditNames = names;

type Names = ReturnType<typeof names>;

function findingRow(f: Finding, l: Locale, n: Names): string[] {
  return [
    n.card(f.cardId),
    ruleLabel(f.rule, l),
    formatPeriod(f.period, l),
    statusLabel(f.status, l),
    n.member(f.memberId),
    translate(`severity.${f.severity}`, l),
    f.detail[l],
    (f.actionIds ?? []).join(' '),
  ];
}

const FINDING_COLS = ['card', 'rule', 'period', 'status', 'member', 'severity', 'detail', 'actions'] as const;

function csvCell(v: string): string {
  // Bidi/zero-width characters shown as [U+202E] (display spoofing); formula injection guard for spreadsheets.
  const shown = markInvisible(v);
  const safe = /^[=+\-@\t\r]/.test(shown) ? `'${shown}` : shown;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** What the audit needs of a result before its findings: the summary and how many findings follow. */
export interface AuditHead {
  summary: ComplianceSummary;
  findings: number;
}

/**
 * A human format in three parts, so `nabiz audit` can write a 50,000-card export finding by finding:
 * head (everything before the findings, may use the summary), one row per finding, tail. Linear: the names
 * are looked up in maps built once.
 */
export interface AuditFormatter {
  head(h: AuditHead): string;
  row(f: Finding): string;
  tail(h: AuditHead): string;
}

/**
 * CSV with `;` separators and a UTF-8 BOM (what Excel in a Turkish locale opens correctly:
 * the comma is the decimal sign there). One row per finding.
 */
export function auditCsvFormatter(ctx: AuditFormatContext): AuditFormatter {
  const l = ctx.locale ?? 'tr';
  const n = names(ctx);
  return {
    head: () => '\uFEFF' + FINDING_COLS.map((c) => csvCell(translate(`audit.col.${c}`, l))).join(';') + '\r\n',
    row: (f) => findingRow(f, l, n).map(csvCell).join(';') + '\r\n',
    tail: () => '',
  };
}

export function renderAuditCsv(result: AuditResult, ctx: AuditFormatContext): string {
  return renderWith(auditCsvFormatter(ctx), result);
}

function renderWith(f: AuditFormatter, result: AuditResult): string {
  const h: AuditHead = { summary: result.summary, findings: result.findings.length };
  const parts = [f.head(h)];
  for (const x of result.findings) parts.push(f.row(x));
  parts.push(f.tail(h));
  return parts.join('');
}

function pct(c: ComplianceCount, l: Locale): string {
  return c.percent === null ? '–' : formatPercent(c.percent, l);
}

function countCells(c: ComplianceCount, l: Locale): string {
  return [String(c.judged), String(c.onTime), String(c.late), String(c.missing), pct(c, l)].map((v) => `<td class="num">${escapeHtml(v)}</td>`).join('');
}

const KINDS = ['daily', 'weekly', 'monthly'] as const;

/** A standalone HTML page: header, summary per specialist and per card, then the findings. */
export function auditHtmlFormatter(ctx: AuditFormatContext): AuditFormatter {
  const l = ctx.locale ?? 'tr';
  const t = (k: TextKey, v?: Record<string, string | number>): string => escapeHtml(translate(k, l, v));
  const n = names(ctx);
  const countHead = (['judged', 'onTime', 'lateCount', 'missingCount', 'percent'] as const).map((k) => `<th>${t(`audit.col.${k}`)}</th>`).join('');
  const summaryTable = (rows: Array<{ label: string; extra: string; counts: Record<(typeof KINDS)[number], ComplianceCount> }>, firstCols: TextKey[]): string =>
    `<table><thead><tr>${firstCols.map((c) => `<th>${t(c)}</th>`).join('')}<th>${t('audit.col.kind')}</th>${countHead}</tr></thead><tbody>${rows
      .map((r) =>
        KINDS.map(
          (k, i) =>
            `<tr>${i === 0 ? `<td rowspan="3">${escapeHtml(r.label)}</td>${r.extra ? `<td rowspan="3" class="num">${escapeHtml(r.extra)}</td>` : ''}` : ''}<td>${escapeHtml(ruleLabel(k, l))}</td>${countCells(r.counts[k], l)}</tr>`,
        ).join(''),
      )
      .join('')}</tbody></table>`;
  return {
    head({ summary, findings }) {
      const members = Object.entries(summary.byMember).map(([id, m]) => ({ label: m.name || n.member(id), extra: String(m.cards), counts: m }));
      const cards = Object.entries(summary.byCard).map(([, c]) => ({ label: `${c.name} — ${n.member(c.memberId)}`, extra: '', counts: c }));
      const cut = summary.historyCut ? `<p class="cut">${t('audit.historyCut', { date: summary.historyFrom ?? '' })}</p>` : '';
      return `<!doctype html>
<html lang="${l}">
<head>
<meta charset="utf-8">
<title>${t('audit.title')} — ${escapeHtml(ctx.snapshot.name)}</title>
<style>
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:13px;margin:24px;color:#172b4d}
table{border-collapse:collapse;margin:8px 0 24px;width:100%}th,td{border:1px solid #dfe1e6;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f5f7}.num{text-align:right}.sev-critical td{background:#ffebe6}.sev-warning td{background:#fffae6}.cut{color:#bf2600;font-weight:bold}
</style>
</head>
<body>
<h1>${t('audit.title')}</h1>
<p>${t('audit.board')}: <b>${escapeHtml(ctx.snapshot.name)}</b> · ${t('audit.generated')}: ${escapeHtml(formatInstant(ctx.now.toISOString(), l))}</p>
${cut}
<h2>${t('audit.byMember')}</h2>
${summaryTable(members, ['audit.col.specialist', 'audit.col.cards'])}
<h2>${t('audit.byCard')}</h2>
${summaryTable(cards, ['audit.col.card'])}
<h2>${t('audit.findings')} (${t('audit.count', { count: findings })})</h2>
${findings ? `<table><thead><tr>${FINDING_COLS.map((c) => `<th>${t(`audit.col.${c}`)}</th>`).join('')}</tr></thead><tbody>\n` : `<p>${t('audit.none')}</p>`}`;
    },
    row: (f) =>
      `<tr class="sev-${f.severity}">${findingRow(f, l, n)
        .map((v) => `<td>${escapeHtml(v)}</td>`)
        .join('')}</tr>\n`,
    tail: ({ findings }) => `${findings ? '</tbody></table>' : ''}
</body>
</html>
`,
  };
}

export function renderAuditHtml(result: AuditResult, ctx: AuditFormatContext): string {
  return renderWith(auditHtmlFormatter(ctx), result);
}
