// The growth rule (shared/compliance/rules/growth.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { missingCount } from '../../../shared/status.js';
import { board, SPECIALIST, type CardSpec } from '../../fixtures/snapshot-builder.js';
import { of, periods, run } from './helpers.js';

describe('R39 abnormal growth (P10, A11) — additional warning', () => {
  const wk = (day: string, disk: string, traffic = 'Trafik: 40/100 GB', id?: string) => ({
    text: `#haftalık\n${disk}\n${traffic}`,
    at: `${day} 16:00`,
    ...(id ? { id } : {}),
  });
  const growth = (comments: CardSpec['comments'], profile = {}, now = '2026-11-23 09:00', settings = {}) =>
    run(board([{ profile: { assignedAt: '2026-11-02', ...profile }, comments }], settings), now);

  it('warns when a reading grew ≥ 10 points of the total since the previous weekly reading (exactly 10 counts)', () => {
    const r = growth([wk('2026-11-06', 'Disk: 2/4 GB', undefined, 'w45'), wk('2026-11-13', 'Disk: 2,4/4 GB', undefined, 'w46')]);
    expect(of(r, 'growth')).toEqual([{ period: '2026-W46', status: 'warning', memberId: SPECIALIST, actionIds: ['w45', 'w46'] }]);
    const f = r.findings.find((x) => x.rule === 'growth');
    expect(f?.severity).toBe('warning');
    expect(f?.detail).toEqual({
      // One level of parentheses: the week's own dates (docs/glossary.md).
      tr: 'Disk kullanımı 45. hafta (02.11–08.11.2026) okumasından 46. hafta (09.11–15.11.2026) okumasına 10 puan arttı: %50 → %60; anormal artış incelenmeli.',
      en: 'Disk usage grew 10 percentage points from the week 45 (2026-11-02 – 11-08) reading to the week 46 (2026-11-09 – 11-15) reading: 50% → 60%; investigate the abnormal increase.',
    });
  });

  it('stays silent under 10 points, on a decrease, and with a single reading', () => {
    expect(periods(growth([wk('2026-11-06', 'Disk: %50'), wk('2026-11-13', 'Disk: %59,9')]), 'growth')).toEqual([]);
    expect(periods(growth([wk('2026-11-06', 'Disk: 3/4 GB'), wk('2026-11-13', 'Disk: 1/4 GB')]), 'growth')).toEqual([]);
    expect(periods(growth([wk('2026-11-13', 'Disk: 3,9/4 GB')]), 'growth')).toEqual([]);
  });

  it('checks traffic too, with the profile total for used-only readings; unlimited traffic restarts the comparison (A10)', () => {
    const traffic = growth([wk('2026-11-06', 'Disk 1/4 GB', 'Trafik: 100 GB'), wk('2026-11-13', 'Disk 1/4 GB', 'Trafik: 130 GB')], { trafficTotalGB: 200 });
    expect(of(traffic, 'growth')).toMatchObject([{ period: '2026-W46', status: 'warning' }]);
    expect(traffic.findings.find((f) => f.rule === 'growth')?.detail.en).toMatch(/^Traffic usage grew 15 percentage points/);
    const unlimited = growth([
      wk('2026-11-02', 'Disk 1/4 GB', 'Trafik: 10/100 GB'),
      wk('2026-11-13', 'Disk 1/4 GB', 'Trafik sınırsız'),
      wk('2026-11-20', 'Disk 1/4 GB', 'Trafik: 60/100 GB'),
    ]);
    expect(periods(unlimited, 'growth')).toEqual([]);
  });

  it('takes each week’s newest reading and compares with the nearest earlier week that has one', () => {
    // W45: 50 % then 55 % (newest); W46 none; W47: 64 % → +9 from 55 %, not from 50 %.
    expect(periods(growth([wk('2026-11-03', 'Disk: 2/4 GB'), wk('2026-11-06', 'Disk: 2,2/4 GB'), wk('2026-11-20', 'Disk: 2,56/4 GB')]), 'growth')).toEqual([]);
    // W45 50 %, a skipped week, W47 70 %: still flagged, for W47.
    expect(of(growth([wk('2026-11-06', 'Disk: 2/4 GB'), wk('2026-11-20', 'Disk: 2,8/4 GB')]), 'growth')).toMatchObject([{ period: '2026-W47' }]);
  });

  it('does not report weeks before the judged window, and is not counted by the compliance badge', () => {
    const comments = [wk('2026-11-06', 'Disk: 1/4 GB'), wk('2026-11-13', 'Disk: 2/4 GB'), wk('2026-11-20', 'Disk: 2,2/4 GB')];
    expect(periods(growth(comments, {}, '2026-11-23 09:00', { trackingStart: '2026-11-16' }), 'growth')).toEqual([]);
    const r = growth(comments);
    expect(periods(r, 'growth')).toEqual(['2026-W46']);
    expect(missingCount(r.findings.filter((f) => f.rule === 'growth'))).toBe(0);
  });
});
