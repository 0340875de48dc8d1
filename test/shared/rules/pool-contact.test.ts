// The pool-contact rule (shared/compliance/rules/pool-contact.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { missingCount } from '../../../shared/status.js';
import { board, dailies, ist, SPECIALIST, type CardSpec } from '../../fixtures/snapshot-builder.js';
import { of, periods, run } from './helpers.js';

describe('R35/R4 pool weekly contact (P3, A3) — additional warning', () => {
  const u = (day: string, id?: string) => ({ text: '#ulaşılamadı aradım, açmadı', at: `${day} 10:30`, ...(id ? { id } : {}) });
  const pool = (comments: CardSpec['comments'], now = '2026-11-23 09:00', profile = {}, settings = {}) =>
    run(board([{ profile: { assignedAt: '2026-11-02', pool: true, trainingSlot: undefined, ...profile }, comments }], settings), now);

  it('warns for an ended week with only unreachable entries, or none, on a pool card', () => {
    // W45 dailies; W46 only #ulaşılamadı; W47 nothing at all; W48 is running.
    const comments = [
      ...dailies('2026-11-02', '2026-11-06'),
      u('2026-11-09', 'u1'),
      u('2026-11-10', 'u2'),
      u('2026-11-11', 'u3'),
      u('2026-11-12', 'u4'),
      u('2026-11-13', 'u5'),
    ];
    const r = pool(comments);
    expect(of(r, 'pool-contact')).toEqual([
      { period: '2026-W46', status: 'warning', memberId: SPECIALIST, actionIds: ['u1', 'u2', 'u3', 'u4', 'u5'] },
      { period: '2026-W47', status: 'warning', memberId: SPECIALIST },
    ]);
    const [w46, w47] = r.findings.filter((f) => f.rule === 'pool-contact');
    expect(w46?.severity).toBe('warning');
    expect(w46?.detail).toEqual({
      tr: 'Havuz müşterisine 46. hafta (09.11–15.11.2026) içinde ulaşılamadı; haftada en az bir gerçek görüşme gerekli.',
      en: 'The pool customer was unreachable throughout week 46 (2026-11-09 – 11-15); at least one real contact a week is needed.',
    });
    expect(w47?.detail.en).toBe('No real contact (call or meeting) with this pool customer recorded in week 47 (2026-11-16 – 11-22).');
    // Warnings only: the badge counts the missing dailies/weeklies, not these.
    expect(missingCount(r.findings)).toBe(missingCount(r.findings.filter((f) => f.rule !== 'pool-contact')));
    // A non-pool card is not judged by P3.
    expect(periods(run(board([{ profile: { assignedAt: '2026-11-02' }, comments }]), '2026-11-23 09:00'), 'pool-contact')).toEqual([]);
  });

  it('counts a call or meeting («telefon veya toplantı»): intro, monthly, or a daily/weekly that says so — also a late one — but not #gecikme', () => {
    const weekOnly = [
      ...dailies('2026-11-02', '2026-11-06'),
      { text: '#haftalık\nDisk 1/4 GB\nTrafik 1/100 GB', at: '2026-11-12 15:00' },
      ...dailies('2026-11-16', '2026-11-20'),
    ];
    expect(periods(pool(weekOnly), 'pool-contact')).toEqual(['2026-W46']); // site checks only: no call, no meeting
    const weekCalled = [
      ...dailies('2026-11-02', '2026-11-06'),
      { text: '#haftalık telefonla görüşüldü\nDisk 1/4 GB\nTrafik 1/100 GB', at: '2026-11-12 15:00' },
      ...dailies('2026-11-16', '2026-11-20'),
    ];
    expect(periods(pool(weekCalled), 'pool-contact')).toEqual([]);
    const checkOnly = [
      ...dailies('2026-11-02', '2026-11-06'),
      { text: '#günlük site kontrol edildi', at: '2026-11-11 10:00' },
      ...dailies('2026-11-16', '2026-11-20'),
    ];
    expect(periods(pool(checkOnly), 'pool-contact')).toEqual(['2026-W46']);
    const late = [
      ...dailies('2026-11-02', '2026-11-06'),
      { text: '#günlük 11.11 arandı, kontrol yapıldı', at: '2026-11-16 09:00' },
      ...dailies('2026-11-16', '2026-11-20'),
    ];
    expect(periods(pool(late), 'pool-contact')).toEqual([]);
    // A monthly written for a whole month counts in the week it was posted (it names no day).
    const monthly = [
      ...dailies('2026-11-02', '2026-11-06'),
      { text: '#aylık 2026-10 rapor gönderildi, toplantı yapıldı', at: '2026-11-10 11:00' },
      ...dailies('2026-11-16', '2026-11-20'),
    ];
    expect(periods(pool(monthly), 'pool-contact')).toEqual([]);
    const delayOnly = [
      ...dailies('2026-11-02', '2026-11-06'),
      { text: '#gecikme tasarım bekleniyor', at: '2026-11-10 11:00' },
      ...dailies('2026-11-16', '2026-11-20'),
    ];
    expect(periods(pool(delayOnly), 'pool-contact')).toEqual(['2026-W46']);
  });

  it('judges only ended weeks with a required working day inside the window (running, frozen, leave-only and pre-history weeks are skipped)', () => {
    const w45 = dailies('2026-11-02', '2026-11-06');
    expect(periods(pool(w45, '2026-11-15 23:00'), 'pool-contact')).toEqual([]); // W46 still running
    expect(periods(pool(w45, '2026-11-16 00:01'), 'pool-contact')).toEqual(['2026-W46']);
    expect(periods(pool(w45, '2026-11-16 09:00', { frozen: [{ from: '2026-11-09', to: '2026-11-15' }] }), 'pool-contact')).toEqual([]);
    expect(periods(pool(w45, '2026-11-16 09:00', {}, { leaves: [{ memberId: SPECIALIST, from: '2026-11-09', to: '2026-11-13' }] }), 'pool-contact')).toEqual(
      [],
    );
    const cut = board([
      { profile: { assignedAt: '2026-11-02', pool: true, trainingSlot: undefined }, comments: [{ text: '#günlük', at: '2026-11-05 10:00' }] },
    ]);
    cut.historyCut = true;
    cut.historyFrom = ist('2026-11-04 15:00');
    expect(periods(run(cut, '2026-11-16 09:00'), 'pool-contact')).toEqual(['2026-W46']); // W45 begins before the complete history
    // A week before assignment is outside the window; the assignment week counts contact on any of its days.
    expect(
      periods(pool([{ text: '#tanışma araması yapıldı', at: '2026-11-04 10:00' }], '2026-11-09 09:00', { assignedAt: '2026-11-04' }), 'pool-contact'),
    ).toEqual([]);
  });
});
