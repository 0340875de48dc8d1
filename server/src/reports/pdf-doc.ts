// Shared by the PDF renderers (evidence report, `nabiz audit --format pdf`): pdfkit on A4 with DejaVu Sans embedded
// so Turkish letters (ş ğ ı İ ü ö ç) render, collected into a Buffer, plus the column rows and page footers.
import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { markInvisible } from '../html.js';

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

export const INK = '#172b4d';
export const MUTED = '#626f86';
export const MARGIN = 40;

/**
 * Column widths (and a font size) for a table whose header words must never break mid-word: each column is at
 * least as wide as its longest header word; when they do not fit in `total` the size shrinks (down to `minSize`),
 * and what is left over goes to the columns in proportion to their `weights` (default: equal).
 */
export function fitColumns(
  doc: PDFKit.PDFDocument,
  headers: string[],
  total: number,
  opts: { font?: string; size?: number; minSize?: number; weights?: number[]; pad?: number } = {},
): { widths: number[]; size: number } {
  const pad = opts.pad ?? 6;
  let size = opts.size ?? 8;
  const minSize = opts.minSize ?? 6;
  const need = (sz: number) => {
    doc.font(opts.font ?? 'B').fontSize(sz);
    return headers.map((h) => Math.max(...h.split(/\s+/).map((w) => doc.widthOfString(w))) + pad);
  };
  let mins = need(size);
  while (mins.reduce((a, b) => a + b, 0) > total && size > minSize) {
    size = Math.max(minSize, Math.floor(size * 4 * (total / mins.reduce((a, b) => a + b, 0))) / 4);
    mins = need(size);
  }
  const weights = opts.weights ?? headers.map(() => 1);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const spare = Math.max(0, total - mins.reduce((a, b) => a + b, 0));
  return { widths: mins.map((m, i) => m + (spare * (weights[i] ?? 0)) / wsum), size };
}

export interface PdfInfo {
  Title: string;
  Subject?: string;
  CreationDate: Date;
}

export interface ReportPdf {
  doc: PDFKit.PDFDocument;
  /** Usable width between the margins. */
  width: number;
  /** Start a new page unless `h` points still fit above the bottom margin. */
  ensure(h: number): void;
  /** One table row: `cells` in columns of `widths` (from the left margin), as high as its tallest cell. */
  row(
    cells: string[],
    widths: number[],
    font: 'R' | 'B' | Array<'R' | 'B'>,
    opts?: { size?: number; color?: string | string[]; align?: Array<'left' | 'right'>; rule?: boolean },
  ): void;
  /** Write `footer(page, pages)` at the bottom of every page, end the document and resolve with the bytes. */
  finish(footer: (page: number, pages: number) => string): Promise<Buffer>;
}

/** A4, 40 pt margins, fonts 'R' (regular) and 'B' (bold) registered, pages buffered for the footers. */
export function createReportPdf(info: PdfInfo): ReportPdf {
  const f = reportFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Author: 'Nabız', ...info, Title: markInvisible(info.Title), ...(info.Subject ? { Subject: markInvisible(info.Subject) } : {}) },
  });
  doc.registerFont('R', f.regular);
  doc.registerFont('B', f.bold);
  // Every string drawn or measured shows bidi controls and zero-width characters as [U+202E] (html.ts markInvisible).
  // The wrappers pass every argument through unchanged except a string first one, so each keeps pdfkit's overloads,
  // which a wrapper's own signature cannot restate: hence the casts.
  // biome-ignore lint/nursery/noUnsafeTypeAssertion: see above (the original, taking any arguments).
  const text = doc.text.bind(doc) as (...a: unknown[]) => PDFKit.PDFDocument;
  // biome-ignore lint/nursery/noUnsafeTypeAssertion: see above.
  const height = doc.heightOfString.bind(doc) as (...a: unknown[]) => number;
  // biome-ignore lint/nursery/noUnsafeTypeAssertion: see above (the wrapper, with pdfkit's overloads).
  doc.text = ((t: unknown, ...rest: unknown[]) => text(typeof t === 'string' ? markInvisible(t) : t, ...rest)) as typeof doc.text;
  // biome-ignore lint/nursery/noUnsafeTypeAssertion: see above.
  doc.heightOfString = ((t: unknown, ...rest: unknown[]) => height(typeof t === 'string' ? markInvisible(t) : t, ...rest)) as typeof doc.heightOfString;
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const ensure = (h: number) => {
    if (doc.y + h > doc.page.height - 50) doc.addPage();
  };
  return {
    doc,
    width,
    ensure,
    row(cells, widths, font, opts = {}) {
      const size = opts.size ?? 8;
      const fontOf = (i: number) => (Array.isArray(font) ? (font[i] ?? 'R') : font);
      const h = Math.max(
        ...cells.map((c, i) =>
          doc
            .font(fontOf(i))
            .fontSize(size)
            .heightOfString(c, { width: (widths[i] ?? 0) - 4 }),
        ),
        size + 2,
      );
      ensure(h + 4);
      const y = doc.y;
      let x = MARGIN;
      cells.forEach((c, i) => {
        const w = widths[i] ?? 0;
        const color = Array.isArray(opts.color) ? (opts.color[i] ?? INK) : (opts.color ?? INK);
        doc
          .font(fontOf(i))
          .fontSize(size)
          .fillColor(color)
          .text(c, x, y, { width: w - 4, align: opts.align?.[i] ?? 'left' });
        x += w;
      });
      doc.x = MARGIN;
      doc.y = y + h + 3;
      if (opts.rule)
        doc
          .moveTo(MARGIN, doc.y - 1.5)
          .lineTo(MARGIN + width, doc.y - 1.5)
          .lineWidth(0.3)
          .strokeColor('#dfe1e6')
          .stroke();
    },
    finish(footer) {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc
          .font('R')
          .fontSize(7)
          .fillColor(MUTED)
          .text(footer(i + 1, range.count), MARGIN, doc.page.height - 30, { width, align: 'center' });
        doc.page.margins.bottom = bottom;
      }
      doc.end();
      return done;
    },
  };
}
