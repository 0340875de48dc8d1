// PDF renderer of the evidence report (pdfkit). DejaVu Sans is embedded so Turkish letters (ş ğ ı İ ü ö ç) render.
import type { Locale } from '../../../shared/types.js';
import { JUDGED_RULES, type EvidenceEntry, type EvidenceReport } from './evidence-model.js';
import { entryMarks, headerFacts } from './evidence-render.js';
import { createReportPdf } from './pdf-doc.js';
import { MARKS, ruleName, statusName, t } from './strings.js';
import { translate } from '../../../shared/i18n.js';

export { reportFonts, woffToSfnt } from './pdf-doc.js';

const STATUS_COLOR: Record<string, string> = {
  ok: '#216e4e',
  late: '#a54800',
  incomplete: '#a54800',
  missing: '#ae2a19',
  'not-judged': '#626f86',
};

/** Render to a PDF buffer (A4, page numbers, metadata). Deterministic apart from pdfkit's file id. */
export function renderPdf(r: EvidenceReport, lang: Locale = 'tr'): Promise<Buffer> {
  const { doc, width, ensure, row: cellsRow, finish } = createReportPdf({
    Title: `${t('title', lang)} — ${r.board.name} — ${r.from}…${r.to}`,
    Subject: `${r.board.id} ${r.from} ${r.to}`,
    CreationDate: new Date(r.generatedAt),
  });

  doc.font('B').fontSize(16).fillColor('#172b4d').text(`${t('title', lang)} — Nabız`);
  doc.moveDown(0.4);
  for (const [k, v] of headerFacts(r, lang)) {
    const bad = !r.ledger.verification.ok && k === t('ledger', lang);
    doc.font('B').fontSize(9).fillColor('#172b4d').text(`${k}: `, { continued: true });
    doc.font(bad ? 'B' : 'R').fillColor(bad ? '#ae2a19' : '#172b4d').text(v);
  }

  doc.moveDown(0.6);
  doc.font('B').fontSize(12).fillColor('#172b4d').text(t('totals', lang));
  const cols = [t('rule', lang), t('judged', lang), statusName('ok', lang), statusName('late', lang), statusName('missing', lang), statusName('incomplete', lang), statusName('not-judged', lang), MARKS.edited[lang], MARKS.deleted[lang], '%'];
  const cw = width / cols.length;
  const row = (cells: string[], font: 'R' | 'B') => cellsRow(cells, cells.map(() => cw), font);
  row(cols, 'B');
  for (const rule of JUDGED_RULES) {
    const x = r.totals[rule];
    row([ruleName(rule, lang), x.judged, x.ok, x.late, x.missing, x.incomplete, x.notJudged, x.edited, x.deleted, x.percent ?? '—'].map(String), 'R');
  }

  const entryText = (e: EvidenceEntry): string => {
    const marks = entryMarks(e, lang);
    return [
      `${e.actionId} · ${e.authorName} · ${e.postedAtLocal} · ${t('forDate', lang)} ${e.forDate}${marks.length ? ` · [${marks.join(', ')}]` : ''}`,
      `“${e.excerpt}”`,
      ...(e.originalText !== undefined ? [`${t('originalText', lang)}: “${e.originalText.replace(/\s+/g, ' ').trim()}”`] : []),
    ].join('\n');
  };

  for (const c of r.cards) {
    ensure(60);
    doc.moveDown(0.8);
    doc.font('B').fontSize(12).fillColor('#172b4d').text(c.name, 40, doc.y, { width, ...(c.url ? { link: c.url } : {}) });
    doc.font('R').fontSize(8).fillColor('#626f86').text(`${c.cardId} · ${t('specialist', lang)}: ${c.specialistName} · ${t('assignedAt', lang)}: ${c.assignedAt}`);
    doc.moveDown(0.3);
    for (const rowData of c.rows) {
      const left = `${ruleName(rowData.rule, lang)} ${rowData.period}`;
      const status = statusName(rowData.status, lang);
      const body = [
        rowData.entry ? entryText(rowData.entry) : t('noEntry', lang),
        ...rowData.others.map((o) => `+ ${entryText(o)}`),
        ...(rowData.note ? [rowData.note[lang]] : []),
      ].join('\n');
      doc.font('R').fontSize(8);
      const h = Math.max(doc.heightOfString(body, { width: width - 190 }), 10);
      ensure(h + 4);
      const y = doc.y;
      doc.font('R').fontSize(8).fillColor('#172b4d').text(left, 40, y, { width: 95 });
      doc.font('B').fillColor(STATUS_COLOR[rowData.status] ?? '#172b4d').text(status, 135, y, { width: 80 });
      doc.font('R').fillColor('#172b4d').text(rowData.memberName, 135, y + 10, { width: 80 });
      doc.text(body, 230, y, { width: width - 190 });
      doc.x = 40;
      doc.y = Math.max(doc.y, y + 22) + 3;
      doc.moveTo(40, doc.y - 1).lineTo(40 + width, doc.y - 1).lineWidth(0.3).strokeColor('#dfe1e6').stroke();
    }
    if (c.otherFindings.length) {
      ensure(20);
      doc.font('B').fontSize(9).fillColor('#172b4d').text(`${t('otherFindings', lang)}:`, 40, doc.y);
      for (const fd of c.otherFindings) {
        doc.font('R').fontSize(8).text(`• ${translate(`rule.${fd.rule}`, lang)} · ${fd.period || '—'} · ${translate(`status.${fd.status}`, lang)} — ${fd.detail[lang]}`, { width });
      }
    }
  }

  return finish((page, pages) => `Nabız · ${r.board.name} · ${r.from}–${r.to} · ${r.generatedAtLocal} · ${page}/${pages}`);
}
