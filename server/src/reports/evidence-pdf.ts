// PDF renderer of the evidence report (pdfkit), in the order a penalty review reads it (R62): the facts and the
// summary per rule, then only the exceptions with their evidence, then the on-time periods as a compact appendix
// (or none). DejaVu Sans is embedded so Turkish letters (ş ğ ı İ ü ö ç) render; dates and numbers follow the language.
import type { Locale } from '../../../shared/types.js';
import { translate } from '../../../shared/i18n.js';
import type { EvidenceEntry, EvidenceReport } from './evidence-model.js';
import { factTime, headerFacts, type RenderOptions } from './evidence-render.js';
import { appendix, datesIn, entryLines, exceptions, explanationLine, factsLine, periodText, rangeText, summaryHeader, summaryRows } from './evidence-view.js';
import { createReportPdf, fitColumns, INK, MARGIN, MUTED } from './pdf-doc.js';
import { ruleName, statusName, t } from './strings.js';
import { maxOf, minOf } from '../../../shared/arrays.js';
import { present } from '../../../shared/guards.js';

export { reportFonts, woffToSfnt } from './pdf-doc.js';

const STATUS_COLOR: Record<string, string> = {
  ok: '#216e4e',
  late: '#a54800',
  incomplete: '#a54800',
  missing: '#ae2a19',
  'not-judged': '#626f86',
};

/** Render to a PDF buffer (A4, page numbers, metadata). Deterministic apart from pdfkit's file id. */
export function renderPdf(r: EvidenceReport, lang: Locale = 'tr', opts: RenderOptions = {}): Promise<Buffer> {
  const who = r.filter.memberName ?? r.filter.cardName ?? r.board.name;
  const { doc, width, ensure, row, finish } = createReportPdf({
    Title: `${t('title', lang)} — ${who} — ${rangeText(r, lang)}`,
    Subject: `${r.board.name} · ${rangeText(r, lang)}`,
    CreationDate: new Date(r.generatedAt),
  });
  const heading = (text: string, size = 11) => {
    ensure(size * 3);
    doc.moveDown(0.5);
    doc.font('B').fontSize(size).fillColor(INK).text(text, MARGIN, doc.y, { width });
    doc.moveDown(0.2);
  };

  doc
    .font('B')
    .fontSize(14)
    .fillColor(INK)
    .text(`${t('title', lang)} — ${who}`, { width });
  doc.font('R').fontSize(10).fillColor(MUTED).text(rangeText(r, lang), { width });
  doc.moveDown(0.4);
  // Facts as a two-column table: labels never wrap, values wrap at spaces.
  const facts = headerFacts(r, lang);
  const labelW = Math.max(...facts.map(([k]) => doc.font('B').fontSize(8).widthOfString(k))) + 10;
  for (const [k, v] of facts) {
    const bad = !r.ledger.verification.ok && k === t('ledger', lang);
    row([k, v], [labelW, width - labelW], ['B', bad ? 'B' : 'R'], { color: [INK, bad ? '#ae2a19' : INK] });
  }

  // Summary per rule: header words measured so none breaks mid-word.
  heading(t('summary', lang));
  const head = summaryHeader(lang);
  const fit = fitColumns(doc, head, width, { size: 8, weights: head.map((_, i) => (i === 0 ? 2 : 1)) });
  const align = head.map((_, i): 'left' | 'right' => (i === 0 ? 'left' : 'right'));
  row(head, fit.widths, 'B', { size: fit.size, align, rule: true });
  for (const cells of summaryRows(r, lang)) row(cells, fit.widths, 'R', { size: fit.size, align, rule: true });

  // Exceptions with their evidence.
  const ex = exceptions(r);
  heading(`${t('exceptions', lang)} (${ex.length})`);
  if (!ex.length) doc.font('R').fontSize(9).fillColor(INK).text(t('noExceptions', lang), { width });
  else {
    doc.font('R').fontSize(8).fillColor(MUTED).text(t('exceptionsLead', lang), { width });
    doc.moveDown(0.3);
    const cols = [t('period', lang), t('rule', lang), t('customer', lang), t('status', lang), t('evidence', lang)];
    const widths = [78, 62, 100, 50, width - 290];
    row(cols, widths, 'B', { rule: true });
    const entryText = (e: EvidenceEntry): string => {
      const l = entryLines(e, lang);
      return [l.head, l.excerpt, ...(l.original ? [l.original] : [])].join('\n');
    };
    for (const { card, row: p } of ex) {
      const evidence = [
        p.entry ? entryText(p.entry) : t('noEntry', lang),
        ...p.others.map((o) => `+ ${entryText(o)}`),
        ...(p.escalations ?? []).map((e) => `${e.label[lang]}\n${entryText(e.entry)}`),
        ...(p.note ? [datesIn(p.note[lang], lang)] : []),
        ...(p.facts ? [factsLine(p.facts, lang)] : []),
        ...(p.explanation ? [explanationLine(p, lang) ?? ''] : []),
      ].join('\n');
      row(
        [periodText(p.period, lang), ruleName(p.rule, lang), `${card.name}\n${p.memberName}`, statusName(p.status, lang), evidence],
        widths,
        ['R', 'R', 'R', 'B', 'R'],
        { size: 7.5, color: [INK, INK, INK, STATUS_COLOR[p.status] ?? INK, INK], rule: true },
      );
    }
  }

  const others = r.cards.flatMap((c) => c.otherFindings.map((f) => ({ c, f })));
  if (others.length) {
    heading(`${t('otherFindings', lang)} (${others.length})`, 10);
    for (const { c, f } of others) {
      ensure(12);
      doc
        .font('R')
        .fontSize(7.5)
        .fillColor(INK)
        .text(
          `• ${c.name} · ${translate(`rule.${f.rule}`, lang)} · ${f.period ? periodText(f.period, lang) : '—'} · ${translate(`status.${f.status}`, lang)} — ${datesIn(f.detail[lang], lang)}`,
          MARGIN,
          doc.y,
          { width },
        );
    }
  }

  const risks = r.cards.flatMap((c) => (c.risks ?? []).map((f) => ({ c, f })));
  if (risks.length) {
    heading(`${t('risks', lang)} (${risks.length})`, 10);
    for (const { c, f } of risks) {
      ensure(12);
      doc
        .font('R')
        .fontSize(7.5)
        .fillColor(INK)
        .text(
          `• ${c.name} · ${translate(`rule.${f.rule}`, lang)} · ${f.period ? periodText(f.period, lang) : '—'} — ${datesIn(f.detail[lang], lang)}`,
          MARGIN,
          doc.y,
          { width },
        );
    }
  }

  // The facts relied on: each change with its ledger number and whether Trello dated it or Nabız noticed it; the
  // baseline taken when recording began in one line.
  heading(t('facts', lang), 10);
  doc.font('R').fontSize(7.5).fillColor(MUTED).text(t('factsLead', lang), { width });
  if (r.facts.note) doc.font('R').fontSize(7.5).fillColor(INK).text(datesIn(r.facts.note[lang], lang), { width });
  doc.moveDown(0.2);
  const base = r.facts.rows.filter((f) => f.baseline);
  const changes = r.facts.rows.filter((f) => !f.baseline);
  if (!r.facts.rows.length) doc.font('R').fontSize(7.5).fillColor(INK).text(t('noFacts', lang), { width });
  if (base.length) {
    const seqs = base.map((f) => f.seq).filter((x): x is number => x !== null);
    const range = seqs.length ? `#${minOf(seqs)}–#${maxOf(seqs)}` : '';
    ensure(12);
    doc
      .font('R')
      .fontSize(7.5)
      .fillColor(INK)
      .text(`${t('baselineGroup', lang)} (${factTime(present(base[0], 'a baseline fact'), lang)}): ${range} (${base.length})`, MARGIN, doc.y, { width });
  }
  if (changes.length) {
    const widths = [34, 120, 110, width - 264];
    row(['#', t('factTime', lang), t('customer', lang), t('fact', lang)], widths, 'B', { size: 7.5, rule: true });
    for (const f of changes)
      row([String(f.seq ?? '—'), factTime(f, lang), f.cardName ?? '—', datesIn(f.text[lang], lang)], widths, 'R', { size: 7, rule: true });
  }

  if ((opts.appendix ?? 'compact') === 'compact') {
    heading(t('appendix', lang), 10);
    doc.font('R').fontSize(7.5).fillColor(MUTED).text(t('appendixLead', lang), { width });
    doc.moveDown(0.2);
    const cols = [t('customer', lang), t('rule', lang), statusName('ok', lang), statusName('not-judged', lang)].map(
      (h) => h.charAt(0).toLocaleUpperCase('tr-TR') + h.slice(1),
    );
    const widths = [105, 70, width - 285, 110];
    row(cols, widths, 'B', { size: 7.5, rule: true });
    for (const g of appendix(r, lang)) {
      row(
        [
          g.card.name,
          ruleName(g.rule, lang),
          g.onTime.length ? `${g.onTime.length}: ${g.onTime.join(', ')}` : '—',
          g.notJudged.map((n) => n.period).join(', ') || '—',
        ],
        widths,
        'R',
        { size: 7, rule: true },
      );
    }
  } else {
    doc.moveDown(0.5);
    doc.font('R').fontSize(7.5).fillColor(MUTED).text(t('appendixOmitted', lang), MARGIN, doc.y, { width });
  }

  return finish((page, pages) => `Nabız · ${t('title', lang)} · ${who} · ${rangeText(r, lang)} · ${page}/${pages}`);
}
