// evaluateBoardByCard hands out exactly evaluateBoard's findings (same order) and summary, card by card.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../shared/compliance.js';
import { evaluateBoardByCard } from '../../shared/compliance/by-card.js';
import { snapshotFromTrello } from '../../shared/trello-export.js';
import type { BoardSnapshot, Finding } from '../../shared/types.js';
import { buildLargeExport } from '../fixtures/build-large-export.js';
import { SPECIALIST, board, dailies } from '../fixtures/snapshot-builder.js';

function byCard(s: BoardSnapshot, now: Date, chunk: number): { findings: Finding[]; summary: unknown; batches: string[] } {
  const it = evaluateBoardByCard(s, now, { chunk });
  const findings: Finding[] = [];
  const batches: string[] = [];
  for (let r = it.next(); ; r = it.next()) {
    if (r.done) return { findings, summary: r.value, batches };
    batches.push(r.value.cardId);
    expect(r.value.findings.every((f) => f.cardId === r.value.cardId)).toBe(true);
    findings.push(...r.value.findings);
  }
}

const cases: Array<[string, () => BoardSnapshot, Date]> = [
  [
    'the Ayşe export (every rule)',
    () => snapshotFromTrello(JSON.parse(readFileSync('test/fixtures/export-ayse-2026-11.json', 'utf8'))),
    new Date('2026-12-01T09:00:00+03:00'),
  ],
  ['a cut 40-card export with overlapping slots', () => snapshotFromTrello(buildLargeExport()), new Date('2026-11-21T09:00:00+03:00')],
  [
    'leaves, a bad settings value and cards of two specialists',
    () =>
      board(
        [
          { comments: dailies('2026-11-02', '2026-11-06', ['2026-11-04']), profile: { assignedAt: '2026-11-02', trainingSlot: '10:00' } },
          { comments: [], profile: { assignedAt: '2026-11-02', trainingSlot: '10:30' } },
          { comments: [], profile: { assignedAt: '2026-11-02' } },
        ],
        { leaves: [{ memberId: SPECIALIST, from: '2026-11-12', to: '2026-11-13', createdAt: '2026-11-11T09:00:00Z' }] } as never,
      ),
    new Date('2026-11-10T12:00:00+03:00'),
  ],
];

describe('evaluateBoardByCard', () => {
  for (const [name, make, now] of cases) {
    it(`${name}: same findings in the same order and the same summary, whatever the chunk size`, () => {
      const s = make();
      const whole = evaluateBoard(s, now);
      expect(whole.findings.length).toBeGreaterThan(0);
      for (const chunk of [1, 3, 500]) {
        const r = byCard(s, now, chunk);
        expect(r.findings).toEqual(whole.findings);
        expect(r.summary).toEqual(whole.summary);
        expect(r.batches[0]).toBe('');
      }
    });
  }
});
