// The specialist's side of the story in the evidence report (docs/rules.md "Explanations and excused periods"):
// each exception shows its explanation and whether a lead or manager accepted it; accepted ones are counted as
// excused beside their status, never dropped from it.
import { describe, expect, it } from 'vitest';
import { createEvaluator, evidenceFromStore } from '../../../server/src/reports/evaluate.js';
import type { EvidenceReport } from '../../../server/src/reports/evidence-model.js';
import { execFileSync } from 'node:child_process';
import { renderPdf } from '../../../server/src/reports/evidence-pdf.js';
import { renderCsv, renderHtml } from '../../../server/src/reports/evidence-render.js';
import { memoryStore } from '../../../server/src/store/store.js';
import { appendLedger } from '../store/helpers.js';
import { BOARD, CARD, ILKER, NOW, buildState } from './fixture.js';

const LEAD = 'm0000000000000000000m009';
const people = [{ trelloId: LEAD, name: 'Lider Leyla', role: 'teamLead' as const }];
const base = {
  boardId: BOARD,
  cardId: CARD,
  authorId: 'm0000000000000000000m001',
  authorName: 'Şule Gündoğdu',
  recordedAt: '2026-11-09T20:00:00Z',
  source: 'scan' as const,
};

async function build(withPeople: boolean): Promise<EvidenceReport> {
  const state = buildState();
  appendLedger(state, [
    // Tue 03.11 missing: Şule (responsible) explains, the lead accepts by tag.
    { ...base, type: 'comment', actionId: 'x1', postedAt: '2026-11-04T07:00:00Z', text: '#açıklama 03.11: müşteri bayram nedeniyle kapalıydı' },
    { ...base, type: 'comment', actionId: 'x2', authorId: LEAD, authorName: 'Lider Leyla', postedAt: '2026-11-04T09:00:00Z', text: '#açıklama-onay 03.11' },
    // Wed 04.11 late: only İlker (not responsible) explains; the lead accepting it excuses nothing.
    {
      ...base,
      type: 'comment',
      actionId: 'x3',
      authorId: ILKER,
      authorName: 'İlker Çağrı Öztürk',
      postedAt: '2026-11-05T07:00:00Z',
      text: '#açıklama 04.11: ben yazamadım',
    },
    { ...base, type: 'comment', actionId: 'x4', authorId: LEAD, authorName: 'Lider Leyla', postedAt: '2026-11-05T09:00:00Z', text: '#açıklama-onay 04.11' },
  ]);
  const store = await memoryStore(state);
  try {
    return await evidenceFromStore(
      store,
      { boardId: BOARD, from: '2026-11-02', to: '2026-11-08' },
      NOW,
      createEvaluator(undefined, withPeople ? people : undefined),
    );
  } finally {
    await store.close();
  }
}

describe('explanations in the evidence report', () => {
  it('shows each exception with its explanation and acceptance; accepted ones are excused, still missing', async () => {
    const r = await build(true);
    const daily = r.cards.find((c) => c.cardId === CARD)!.rows.filter((x) => x.rule === 'daily');
    const tue = daily.find((x) => x.period === '2026-11-03')!;
    const wed = daily.find((x) => x.period === '2026-11-04')!;
    expect(tue.status).toBe('missing');
    expect(tue.explanation).toMatchObject({
      text: 'müşteri bayram nedeniyle kapalıydı',
      responsible: true,
      via: 'comment',
      accepted: { by: LEAD, at: '2026-11-04T09:00:00Z' },
    });
    expect(wed.status).toBe('late');
    expect(wed.explanation).toMatchObject({ text: 'ben yazamadım', responsible: false });
    expect(wed.explanation?.accepted).toBeUndefined();
    // Never silently dropped: the missing day still counts as missing, and as excused beside it.
    const missing = r.cards.flatMap((c) => c.rows).filter((x) => x.rule === 'daily' && x.status === 'missing').length;
    expect(missing).toBeGreaterThan(1);
    expect(r.totals.daily).toMatchObject({ missing, excused: 1 });
    // An on-time day carries no explanation.
    expect(daily.find((x) => x.period === '2026-11-02')!.explanation).toBeUndefined();
  });

  it('without NABIZ_PEOPLE nothing is accepted: shown, not excused', async () => {
    const r = await build(false);
    const tue = r.cards.find((c) => c.cardId === CARD)!.rows.find((x) => x.rule === 'daily' && x.period === '2026-11-03')!;
    expect(tue.explanation).toMatchObject({ responsible: true });
    expect(tue.explanation?.accepted).toBeUndefined();
    expect(r.totals.daily.excused).toBe(0);
  });

  it('HTML and CSV carry the explanation, its acceptance and the excused count', async () => {
    const r = await build(true);
    const html = renderHtml(r, 'tr');
    expect(html).toContain('Açıklama (Şule Gündoğdu, 04.11.2026 10:00): “müşteri bayram nedeniyle kapalıydı” · kabul eden');
    expect(html).toContain('sorumlu uzman yazmadı, sayılmaz');
    expect(html).toMatch(/<th class="num">Mazeretli<\/th>/);
    const csv = renderCsv(r, 'en').split('\r\n');
    const head = csv.find((l) => l.startsWith('board_id'))!.split(';');
    const tue = csv.find((l) => l.includes(`;${CARD};`) && l.includes(';2026-11-03;'))!.split(';');
    expect(tue[head.indexOf('explanation')]).toBe('müşteri bayram nedeniyle kapalıydı');
    expect(tue[head.indexOf('excused')]).toBe('true');
    expect(tue[head.indexOf('status')]).toBe('missing');
  });

  it('the PDF shows the explanation beside the exception', async () => {
    const pdf = await renderPdf(await build(true), 'tr');
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('müşteri bayram nedeniyle kapalıydı');
    expect(text).toContain('kabul eden');
    expect(text).toMatch(/Mazeretli/);
  });
});
