// The quota rule (shared/compliance/rules/quota.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../../shared/compliance.js';
import { findPostponed } from '../../../shared/entries/actions.js';
import { foldTurkish } from '../../../shared/entries/fold.js';
import type { AuditResult } from '../../../shared/types.js';
import { board, ist, SPECIALIST, type CardSpec } from '../../fixtures/snapshot-builder.js';
import { of, periods, run } from './helpers.js';

describe('R38 disk · traffic (P9, A9)', () => {
  const withWeekly = (text: string, profile = {}, extra: CardSpec['comments'] = []) =>
    board([{ profile: { assignedAt: '2026-11-16', ...profile }, comments: [{ text, at: '2026-11-20 16:00' }, ...extra] }], { trackingStart: '2026-11-23' });

  it('reports high at ≥ 80 % without informed + optimized/upgrade in that week', () => {
    expect(of(run(withWeekly('#haftalık\nDisk: 8,6 / 10 GB\nTrafik: 40/100 GB'), '2026-11-23 09:00'), 'disk')).toMatchObject([
      { period: '2026-W47', status: 'high' },
    ]);
    expect(periods(run(withWeekly('#haftalık\nDisk: 7,9 / 10 GB\nTrafik: 40/100 GB'), '2026-11-23 09:00'), 'disk')).toEqual([]);
    // informed alone is not enough; informed + optimized (in another entry of the same week) is.
    expect(
      periods(run(withWeekly('#haftalık\nDisk: %86\nTrafik 40/100 GB\nmüşteri bilgilendirildi', { quotaTotalGB: 4 }), '2026-11-23 09:00'), 'disk'),
    ).toEqual(['2026-W47']);
    expect(
      periods(
        run(
          withWeekly('#haftalık\nDisk: %86\nTrafik 40/100 GB\nmüşteri bilgilendirildi', { quotaTotalGB: 4 }, [
            { text: '#günlük görseller optimize edildi', at: '2026-11-19 11:00' },
          ]),
          '2026-11-23 09:00',
        ),
        'disk',
      ),
    ).toEqual([]);
  });

  it('reports critical at ≥ 95 % whatever was done, for traffic too', () => {
    const r = run(withWeekly('#haftalık\nDisk: 1/4 GB\nTrafik: 196/200 GB\nbilgilendirildi, ek kota önerildi'), '2026-11-23 09:00');
    expect(of(r, 'traffic')).toMatchObject([{ period: '2026-W47', status: 'critical' }]);
    expect(r.findings.find((f) => f.rule === 'traffic')?.severity).toBe('critical');
  });

  it('takes the total from the profile for a used-only reading and skips thresholds for unlimited traffic (A10)', () => {
    const r = run(withWeekly('#haftalık\nDisk: 3,9 GB\nTrafik sınırsız', { quotaTotalGB: 4 }), '2026-11-23 09:00');
    expect(periods(r, 'traffic')).toEqual([]);
    expect(of(r, 'disk')).toMatchObject([{ status: 'critical' }]);
  });

  it('reports stale when the latest reading is more than 8 days old', () => {
    const snap = board([{ profile: { assignedAt: '2026-11-02' }, comments: [{ text: '#haftalık\nDisk 1/4 GB\nTrafik 10/100 GB', at: '2026-11-14 16:00' }] }], {
      trackingStart: '2026-11-23',
    });
    expect(periods(run(snap, '2026-11-22 09:00'), 'disk')).toEqual([]);
    expect(of(run(snap, '2026-11-23 09:00'), 'disk')).toMatchObject([{ period: '2026-W46', status: 'stale' }]);
  });
});

// R38, R45: a customer who postpones the quota action (`erteledi`) gets a weekly reminder until it is done.
const at = (wall: string) => new Date(ist(wall));
const postponed = (r: AuditResult) => r.findings.filter((f) => f.status === 'postponed').map((f) => `${f.rule} ${f.period} ${f.severity} ${f.class}`);
// W46 (9–15 Nov 2026): 85 % full, the customer was informed and postponed.
const snap = (disk: string, extra: CardSpec['comments'] = [], note = 'müşteri bilgilendirildi, müşteri optimizasyonu erteledi') =>
  board(
    [
      {
        profile: { assignedAt: '2026-11-02' },
        comments: [{ text: `#günlük #haftalık\nDisk: ${disk}\nTrafik: 10/100 GB\n${note}`, at: '2026-11-10 12:00' }, ...extra],
      },
    ],
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
    expect(postponed(evaluateBoard(snap('3,4 / 4 GB'), at('2026-12-02 09:00')))).toEqual([
      'disk 2026-W47 warning compliance',
      'disk 2026-W48 warning compliance',
    ]);
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
