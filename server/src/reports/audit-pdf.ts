// `nabiz audit --format pdf` (docs/operations.md): the audit of a board export for a penalty review — summary per specialist
// and per card, then the findings grouped by card. Turkish headings, dates 23.11.2026 (English with --lang en).
import { formatInstant, formatPercent, formatPeriod, ruleLabel, statusLabel, translate, type TextKey } from '../../../shared/i18n.js';
import type { AuditResult, ComplianceCount, Finding, Locale } from '../../../shared/types.js';
import { auditNames, type AuditFormatContext } from './audit-format.js';
import { INK, MUTED, createReportPdf } from './pdf-doc.js';

const KINDS = ['daily', 'weekly', 'monthly'] as const;
const CRITICAL = '#ae2a19';
const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };

type Counts = Record<(typeof KINDS)[number], ComplianceCount>;

export function renderAuditPdf(result: AuditResult, ctx: AuditFormatContext): Promise<Buffer> {
  const l: Locale = ctx.locale ?? 'tr';
  const t = (k: TextKey, v?: Record<string, string | number>) => translate(k, l, v);
  const n = auditNames(ctx);
  const generated = formatInstant(ctx.now.toISOString(), l);
  const { doc, width, ensure, row, finish } = createReportPdf({
    Title: `${t('audit.title')} — ${ctx.snapshot.name}`,
    Subject: `${ctx.snapshot.name} ${ctx.now.toISOString()}`,
    CreationDate: ctx.now,
  });

  doc.font('B').fontSize(16).fillColor(INK).text(t('audit.title'));
  doc.moveDown(0.3);
  for (const [k, v] of [
    [t('audit.board'), ctx.snapshot.name],
    [t('audit.generated'), generated],
    [t('audit.findings'), t('audit.count', { count: result.findings.length })],
  ] as const) {
    doc.font('B').fontSize(9).fillColor(INK).text(`${k}: `, { continued: true });
    doc.font('R').text(v);
  }
  if (result.summary.historyCut) {
    doc.moveDown(0.3);
    doc
      .font('B')
      .fontSize(9)
      .fillColor(CRITICAL)
      .text(t('audit.historyCut', { date: formatPeriod(result.summary.historyFrom ?? '', l) }), { width });
  }

  // Summary tables: a label column, then kind + the counts (one row per daily/weekly/monthly).
  const countCols = (
    ['audit.col.kind', 'audit.col.judged', 'audit.col.onTime', 'audit.col.lateCount', 'audit.col.missingCount', 'audit.col.percent'] as const
  ).map((k) => t(k));
  const summary = (heading: string, firstCol: string, rows: Array<{ label: string; counts: Counts }>) => {
    ensure(60);
    doc.moveDown(0.8);
    doc.font('B').fontSize(12).fillColor(INK).text(heading, 40, doc.y);
    doc.moveDown(0.2);
    const widths = [width - 345, 55, 75, 60, 45, 50, 60];
    row([firstCol, ...countCols], widths, 'B');
    for (const r of rows) {
      ensure(40);
      KINDS.forEach((k, i) => {
        const c = r.counts[k];
        row(
          [
            i === 0 ? r.label : '',
            ruleLabel(k, l),
            String(c.judged),
            String(c.onTime),
            String(c.late),
            String(c.missing),
            c.percent === null ? '–' : formatPercent(c.percent, l),
          ],
          widths,
          'R',
        );
      });
      doc
        .moveTo(40, doc.y - 1)
        .lineTo(40 + width, doc.y - 1)
        .lineWidth(0.3)
        .strokeColor('#dfe1e6')
        .stroke();
    }
  };
  const cmp = (a: string, b: string) => a.localeCompare(b, 'tr');
  summary(
    t('audit.byMember'),
    `${t('audit.col.specialist')} (${t('audit.col.cards')})`,
    Object.entries(result.summary.byMember)
      .map(([id, m]) => ({ label: `${m.name || n.member(id)} (${m.cards})`, counts: m }))
      .sort((a, b) => cmp(a.label, b.label)),
  );
  summary(
    t('audit.byCard'),
    t('audit.col.card'),
    Object.values(result.summary.byCard)
      .map((c) => ({ label: `${c.name} — ${n.member(c.memberId)}`, counts: c }))
      .sort((a, b) => cmp(a.label, b.label)),
  );

  // Findings grouped by card (board-level findings under "Pano"), most severe first within a card.
  ensure(60);
  doc.moveDown(0.8);
  doc
    .font('B')
    .fontSize(14)
    .fillColor(INK)
    .text(`${t('audit.findings')} (${t('audit.count', { count: result.findings.length })})`, 40, doc.y);
  if (!result.findings.length) doc.font('R').fontSize(9).text(t('audit.none'));
  const byCard = new Map<string, Finding[]>();
  for (const f of result.findings) byCard.set(f.cardId, [...(byCard.get(f.cardId) ?? []), f]);
  const cols = (['audit.col.rule', 'audit.col.period', 'audit.col.status', 'audit.col.member', 'audit.col.severity', 'audit.col.detail'] as const).map((k) =>
    t(k),
  );
  const widths = [70, 75, 65, 75, 45, width - 330];
  for (const [cardId, fs] of [...byCard.entries()].sort(([a], [b]) => (a ? (b ? cmp(n.card(a), n.card(b)) : 1) : -1))) {
    ensure(70);
    doc.moveDown(0.6);
    doc.font('B').fontSize(11).fillColor(INK).text(n.card(cardId), 40, doc.y, { width });
    const owner = result.summary.byCard[cardId]?.memberId;
    doc
      .font('R')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${cardId ? `${cardId} · ` : ''}${owner ? `${t('audit.col.specialist')}: ${n.member(owner)} · ` : ''}${t('audit.count', { count: fs.length })}`);
    doc.moveDown(0.2);
    row(cols, widths, 'B');
    const sorted = [...fs].sort(
      (a, b) => (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3) || a.period.localeCompare(b.period) || a.rule.localeCompare(b.rule),
    );
    for (const f of sorted) {
      const ids = f.actionIds?.length ? `\n${t('audit.col.actions')}: ${f.actionIds.join(' ')}` : '';
      row(
        [
          ruleLabel(f.rule, l),
          formatPeriod(f.period, l) || '—',
          statusLabel(f.status, l),
          n.member(f.memberId),
          t(`severity.${f.severity}`),
          `${f.detail[l]}${ids}`,
        ],
        widths,
        'R',
        {
          color: f.severity === 'critical' ? CRITICAL : INK,
        },
      );
    }
  }

  return finish((page, pages) => `Nabız · ${t('audit.title')} · ${ctx.snapshot.name} · ${generated} · ${page}/${pages}`);
}
