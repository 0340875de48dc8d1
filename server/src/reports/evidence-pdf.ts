// PDF renderer of the evidence report (pdfkit). DejaVu Sans is embedded so Turkish letters (ş ğ ı İ ü ö ç) render.
import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import type { Locale } from '../../../shared/types.js';
import { JUDGED_RULES, type EvidenceEntry, type EvidenceReport } from './evidence-model.js';
import { entryMarks, headerFacts } from './evidence-render.js';
import { MARKS, ruleName, statusName, t } from './strings.js';
import { translate } from '../../../shared/i18n.js';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;

/**
 * WOFF 1.0 → plain sfnt (TrueType). fontkit reads WOFF but inflates tables on every access, which made one
 * report take ~5 s; unpacked once, pdfkit embeds the same font in milliseconds.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: Array<{ tag: number; checksum: number; data: Buffer }> = [];
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const offset = woff.readUInt32BE(e + 4);
    const compLength = woff.readUInt32BE(e + 8);
    const origLength = woff.readUInt32BE(e + 12);
    const raw = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(raw) : Buffer.from(raw);
    if (data.length !== origLength) throw new Error('WOFF table length mismatch');
    tables.push({ tag: woff.readUInt32BE(e), checksum: woff.readUInt32BE(e + 16), data });
  }
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  const head = Buffer.alloc(12 + 16 * numTables);
  head.writeUInt32BE(flavor, 0);
  head.writeUInt16BE(numTables, 4);
  head.writeUInt16BE(searchRange, 6);
  head.writeUInt16BE(entrySelector, 8);
  head.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tables.forEach((t, i) => {
    const r = 12 + i * 16;
    head.writeUInt32BE(t.tag, r);
    head.writeUInt32BE(t.checksum, r + 4);
    head.writeUInt32BE(offset, r + 8);
    head.writeUInt32BE(t.data.length, r + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

/** DejaVu Sans from @fontsource/dejavu-sans (its "latin" WOFF holds the full Latin Extended-A set: ş ğ ı İ). */
export function reportFonts(): { regular: Buffer; bold: Buffer } {
  const load = (w: string) => woffToSfnt(readFileSync(require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${w}-normal.woff`)));
  fonts ??= { regular: load('400'), bold: load('700') };
  return fonts;
}

const STATUS_COLOR: Record<string, string> = {
  ok: '#216e4e',
  late: '#a54800',
  incomplete: '#a54800',
  missing: '#ae2a19',
  'not-judged': '#626f86',
};

/** Render to a PDF buffer (A4, page numbers, metadata). Deterministic apart from pdfkit's file id. */
export function renderPdf(r: EvidenceReport, lang: Locale = 'tr'): Promise<Buffer> {
  const f = reportFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    bufferPages: true,
    info: {
      Title: `${t('title', lang)} — ${r.board.name} — ${r.from}…${r.to}`,
      Author: 'Nabız',
      Subject: `${r.board.id} ${r.from} ${r.to}`,
      CreationDate: new Date(r.generatedAt),
    },
  });
  doc.registerFont('R', f.regular);
  doc.registerFont('B', f.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 80;
  const ensure = (h: number) => {
    if (doc.y + h > doc.page.height - 50) doc.addPage();
  };

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
  const row = (cells: string[], font: 'R' | 'B') => {
    ensure(24);
    const y = doc.y;
    let h = 0;
    cells.forEach((c, i) => {
      doc.font(font).fontSize(8).fillColor('#172b4d');
      h = Math.max(h, doc.heightOfString(c, { width: cw - 4 }));
      doc.text(c, 40 + i * cw, y, { width: cw - 4 });
    });
    doc.x = 40;
    doc.y = y + h + 3;
  };
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

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('R').fontSize(7).fillColor('#626f86')
      .text(`Nabız · ${r.board.name} · ${r.from}–${r.to} · ${r.generatedAtLocal} · ${i + 1}/${range.count}`, 40, doc.page.height - 30, { width, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
