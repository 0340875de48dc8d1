// R38, R45: a customer who postpones the quota action (`erteledi`) gets a weekly reminder until it is done.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../shared/compliance.js';
import { findPostponed } from '../../shared/entries/actions.js';
import { foldTurkish } from '../../shared/entries/fold.js';
import type { AuditResult } from '../../shared/types.js';
import { board, ist, SPECIALIST, type CardSpec } from '../fixtures/snapshot-builder.js';

const at = (wall: string) => new Date(ist(wall));
const postponed = (r: AuditResult) => r.findings.filter((f) => f.status === 'postponed').map((f) => `${f.rule} ${f.period} ${f.severity} ${f.class}`);
// W46 (9–15 Nov 2026): 85 % full, the customer was informed and postponed.
const snap = (disk: string, extra: CardSpec['comments'] = [], note = 'müşteri bilgilendirildi, müşteri optimizasyonu erteledi') =>
  board(
    [{ profile: { assignedAt: '2026-11-02' }, comments: [{ text: `#günlük #haftalık\nDisk: ${disk}\nTrafik: 10/100 GB\n${note}`, at: '2026-11-10 12:00' }, ...extra] }],
    { trackingStart: '2026-11-02' },
  );

describe('erteledi: weekly reminder until the action is done (R38, R45)', () => {
  it('an ended week after the postponement without a reminder is a finding; the running week is not judged', () => {
    const r = evaluateBoard(snap('3,4 / 4 GB'), at('2026-11-25 09:00'));
    expect(postponed(r)).toEqual(['disk 2026-W47 warning compliance']);
    const f = r.findings.find((x) => x.status === 'postponed')!;
    expect(f.memberId).toBe(SPECIALIST);
    expect(f.detail.tr).toContain('10.11.2026');
    expect(f.detail.tr).toContain('erteledi');
    expect(f.detail.en).toContain('postponed');
    expect(f.actionIds?.length).toBe(1);
  });

  it('every week keeps its reminder due: two ended weeks, two findings', () => {
    expect(postponed(evaluateBoard(snap('3,4 / 4 GB'), at('2026-12-02 09:00')))).toEqual(['disk 2026-W47 warning compliance', 'disk 2026-W48 warning compliance']);
  });

  it('a week with an informed entry (the reminder) or a new postponement is fine', () => {
    const reminded = snap('3,4 / 4 GB', [
      { text: '#günlük müşteri tekrar bilgilendirildi', at: '2026-11-17 10:00' },
      { text: '#günlük müşteri yine erteledi', at: '2026-11-24 10:00' },
    ]);
    expect(postponed(evaluateBoard(reminded, at('2026-12-01 09:00')))).toEqual([]);
  });

  it('stops once the action is done: optimised, or a reading below the threshold', () => {
    const optimised = snap('3,4 / 4 GB', [{ text: '#günlük görseller optimize edildi', at: '2026-11-18 10:00' }]);
    expect(postponed(evaluateBoard(optimised, at('2026-12-09 09:00')))).toEqual([]);
    const lower = snap('3,4 / 4 GB', [{ text: '#günlük #haftalık\nDisk: 2 / 4 GB\nTrafik: 10/100 GB', at: '2026-11-24 10:00' }]);
    expect(postponed(evaluateBoard(lower, at('2026-12-09 09:00')))).toEqual(['disk 2026-W47 warning compliance']);
  });

  it('a postponement on a reading below the threshold asks for no reminder', () => {
    expect(postponed(evaluateBoard(snap('2 / 4 GB'), at('2026-12-02 09:00')))).toEqual([]);
  });

  it('only a done postponement counts: not negated, future or conditional', () => {
    const yes = ['müşteri erteledi', 'işlem ertelendi', 'Musteri ERTELEMIS', 'customer postponed the upgrade'];
    const no = ['müşteri ertelemedi', 'müşteri erteleyecek', 'ertelediyse tekrar ara', 'not postponed', 'if postponed call again'];
    expect(yes.map((t) => findPostponed(foldTurkish(t)))).toEqual(yes.map(() => true));
    expect(no.map((t) => findPostponed(foldTurkish(t)))).toEqual(no.map(() => false));
    // Without a postponement nothing is due: a plain high reading keeps its own `high` finding only.
    expect(postponed(evaluateBoard(snap('3,4 / 4 GB', [], 'müşteri bilgilendirildi'), at('2026-12-02 09:00')))).toEqual([]);
  });
});
