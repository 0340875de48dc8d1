// Right-to-left overrides and zero-width characters in names and excerpts are shown as [U+202E] in every report
// format (HTML, CSV, PDF), so "\u202Egnp.exe" cannot pass for "exe.png" in a penalty review.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../../shared/compliance.js';
import { renderAuditCsv, renderAuditHtml } from '../../../server/src/reports/audit-format.js';
import { renderAuditPdf } from '../../../server/src/reports/audit-pdf.js';
import { evidenceFromStore } from '../../../server/src/reports/evaluate.js';
import { memoryStore } from '../../../server/src/store/store.js';
import { renderCsv, renderHtml } from '../../../server/src/reports/evidence-render.js';
import { renderPdf } from '../../../server/src/reports/evidence-pdf.js';
import { markInvisible } from '../../../server/src/html.js';
import { SPECIALIST, board } from '../../fixtures/snapshot-builder.js';
import { BOARD, CARD, NOW, buildState } from './fixture.js';

const RLO = '\u202E';
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\u180E]/;
const dir = mkdtempSync(join(tmpdir(), 'nabiz-bidi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pdfText = (pdf: Buffer): string => {
  const file = join(dir, `r${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

// Audit: a card named "‮gnp.exe" and a specialist "Ay\u200Bşe".
const snap = board([{ name: `${RLO}gnp.exe`, profile: { assignedAt: '2026-11-02' } }]);
snap.members = snap.members.map((m) => (m.id === SPECIALIST ? { ...m, fullName: 'Ay\u200Bşe Yılmaz' } : m));
const now = new Date('2026-11-10T12:00:00+03:00');
const result = evaluateBoard(snap, now);
const ctx = { snapshot: snap, now, locale: 'tr' as const };

// Evidence report: the card name and a comment excerpt carry an isolate and a zero-width joiner.
const state = buildState();
const snapBoard = state.boards[BOARD]!.snapshot as { cards: Array<{ id: string; name: string }> };
snapBoard.cards = snapBoard.cards.map((c) => (c.id === CARD ? { ...c, name: `Mağaza ${RLO}lmth.exe` } : c));
// The late Wednesday entry: an exception, so its excerpt is in every format (the PDF lists only exceptions in full).
state.ledger[1]!.text = '#günlük 04.11.2026 müşteri\u2067 ile\u200D görüşüldü';
const evidence = await evidenceFromStore(await memoryStore(state), { boardId: BOARD, from: '2026-11-02', to: '2026-11-08' }, NOW);

describe('bidi controls and zero-width characters in reports', () => {
  it('markInvisible names every such character', () => {
    expect(markInvisible(`${RLO}gnp.exe\u202C a\u200Bb \u2066x\u2069`)).toBe('[U+202E]gnp.exe[U+202C] a[U+200B]b [U+2066]x[U+2069]');
    expect(markInvisible('Ayşe Yılmaz — ödeme')).toBe('Ayşe Yılmaz — ödeme');
  });

  it('HTML (audit and evidence report)', () => {
    expect(result.findings.length).toBeGreaterThan(0);
    const audit = renderAuditHtml(result, ctx);
    expect(audit).not.toMatch(INVISIBLE);
    expect(audit).toContain('[U+202E]gnp.exe');
    expect(audit).toContain('Ay[U+200B]şe Yılmaz');
    const ev = renderHtml(evidence, 'tr');
    expect(ev).not.toMatch(INVISIBLE);
    expect(ev).toContain('Mağaza [U+202E]lmth.exe');
  });

  it('CSV (audit and evidence report)', () => {
    const audit = renderAuditCsv(result, ctx);
    expect(audit).not.toMatch(INVISIBLE);
    expect(audit).toContain('[U+202E]gnp.exe;');
    const ev = renderCsv(evidence, 'tr');
    expect(ev).not.toMatch(INVISIBLE);
    expect(ev).toContain('Mağaza [U+202E]lmth.exe');
    expect(ev).toContain('müşteri[U+2067] ile[U+200D] görüşüldü');
  });

  it('PDF (audit and evidence report), read back with pdftotext', async () => {
    const audit = pdfText(await renderAuditPdf(result, ctx));
    expect(audit).not.toMatch(INVISIBLE);
    expect(audit).toContain('[U+202E]gnp.exe');
    const ev = pdfText(await renderPdf(evidence, 'tr'));
    expect(ev).not.toMatch(INVISIBLE);
    expect(ev).toContain('[U+202E]lmth.exe');
    expect(ev).toContain('[U+2067]');
  });
});
