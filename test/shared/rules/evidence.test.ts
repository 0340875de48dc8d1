// The evidence rule (shared/compliance/rules/evidence.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { dailies, SPECIALIST } from '../../fixtures/snapshot-builder.js';
import { oneCard, of, periods, run } from './helpers.js';

describe('R62 evidence', () => {
  it('reports an entry edited after its period ended, not one edited the same day', () => {
    const r = run(
      oneCard({
        comments: [
          ...dailies('2026-11-02', '2026-11-05'),
          { text: '#günlük kontrol (düzeltildi)', at: '2026-11-06 10:00', editedAt: '2026-11-09 14:00', id: 'edited-1' },
          { text: '#günlük kontrol', at: '2026-11-09 10:00', editedAt: '2026-11-09 18:00' },
        ],
      }),
      '2026-11-10 09:00',
    );
    expect(of(r, 'evidence')).toEqual([{ period: '2026-11-06', status: 'edited', memberId: SPECIALIST, actionIds: ['edited-1'] }]);
  });

  it('judges a weekly-only entry against its week, and catches an edit that removed the tag', () => {
    const r = run(
      oneCard({
        comments: [
          { text: '#haftalık\nDisk 1/4\nTrafik 1/100', at: '2026-11-02 10:00', editedAt: '2026-11-08 20:00' },
          { text: 'yanlış karta yazılmıştı', originalText: '#günlük kontrol', at: '2026-11-03 10:00', editedAt: '2026-11-10 09:00', id: 'untagged' },
        ],
      }),
      '2026-11-11 09:00',
    );
    expect(of(r, 'evidence')).toMatchObject([{ period: '2026-11-03', status: 'edited', actionIds: ['untagged'] }]);
  });

  it('lets a monthly entry be edited until the end of its grace (3rd working day), not after', () => {
    const monthly = (editedAt: string) => run(oneCard({ comments: [{ text: '#aylık 2026-10 rapor', at: '2026-10-30 16:00', editedAt }] }), '2026-11-10 09:00');
    expect(periods(monthly('2026-11-04 17:00'), 'evidence')).toEqual([]);
    expect(of(monthly('2026-11-05 09:00'), 'evidence')).toMatchObject([{ period: '2026-10-01', status: 'edited' }]);
  });

  it('reports a deleted entry, and ignores edits/deletions after `now`', () => {
    const comments = [{ text: '#günlük', at: '2026-11-02 10:00', deletedAt: '2026-11-04 10:00', id: 'del-1' }];
    expect(of(run(oneCard({ comments }), '2026-11-05 09:00'), 'evidence')).toMatchObject([{ period: '2026-11-02', status: 'deleted', actionIds: ['del-1'] }]);
    expect(periods(run(oneCard({ comments }), '2026-11-03 09:00'), 'evidence')).toEqual([]);
  });
});
