// Escalations on record in the evidence report (docs/rules.md "Escalations on record"): a `#bildirildi` entry stands
// beside the day it was written for, with whom and what, in JSON, HTML, CSV and PDF alike.
import { describe, expect, it } from 'vitest';
import { evidenceFromStore } from '../../../server/src/reports/evaluate.js';
import type { EvidenceReport } from '../../../server/src/reports/evidence-model.js';
import { renderCsv, renderHtml } from '../../../server/src/reports/evidence-render.js';
import { isException } from '../../../server/src/reports/evidence-view.js';
import { memoryStore } from '../../../server/src/store/store.js';
import { appendLedger } from '../store/helpers.js';
import { BOARD, CARD, NOW, SULE, buildState } from './fixture.js';

async function report(): Promise<EvidenceReport> {
  const state = buildState();
  const base = { boardId: BOARD, cardId: CARD, authorId: SULE, authorName: 'Şule Gündoğdu', source: 'scan' as const };
  appendLedger(state, [
    {
      ...base,
      type: 'comment',
      actionId: 'a0000000000000000000e001',
      postedAt: '2026-11-06T13:00:00Z',
      text: '#bildirildi 06.11.2026\nTakım liderine bildirildi: departman takıldı.',
      recordedAt: '2026-11-06T14:00:00Z',
    },
  ]);
  const store = await memoryStore(state);
  try {
    return await evidenceFromStore(store, { boardId: BOARD, from: '2026-11-02', to: '2026-11-08' }, NOW);
  } finally {
    await store.close();
  }
}

describe('escalations beside their day', () => {
  it('the daily row of the day carries the escalation with whom and what; other days none', async () => {
    const r = await report();
    const rows = r.cards.find((c) => c.cardId === CARD)!.rows.filter((x) => x.rule === 'daily');
    const fri = rows.find((x) => x.period === '2026-11-06')!;
    expect(fri.escalations?.map((e) => [e.to, e.topic, e.label.tr, e.label.en, e.entry.actionId])).toEqual([
      [['teamLead'], 'department', 'Bildirildi (takım lideri): departman takıldı', 'Escalated (team lead): a department is stuck', 'a0000000000000000000e001'],
    ]);
    // The escalation is no daily entry: it does not satisfy the day, it stands beside it.
    expect(fri.entry?.actionId).not.toBe('a0000000000000000000e001');
    expect(rows.filter((x) => x.escalations).map((x) => x.period)).toEqual(['2026-11-06']);
    expect(isException(fri)).toBe(true);

    expect(renderHtml(r, 'tr')).toContain('Bildirildi (takım lideri): departman takıldı');
    expect(renderHtml(r, 'en')).toContain('Escalated (team lead): a department is stuck');
    const csv = renderCsv(r, 'en').split('\r\n');
    const line = csv.find((l) => l.includes('a0000000000000000000e001'))!;
    expect(line).toContain('2026-11-06');
    const json = JSON.parse(JSON.stringify(r)) as EvidenceReport;
    expect(
      json.cards
        .find((c) => c.cardId === CARD)!
        .rows.filter((x) => x.escalations?.length)
        .map((x) => x.period),
    ).toEqual(['2026-11-06']);
  });
});
