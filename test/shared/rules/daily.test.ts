// The daily rule (shared/compliance/rules/daily.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { firstCompleteDay } from '../../../shared/compliance.js';
import { board, COVER, dailies, ist, OTHER, SPECIALIST } from '../../fixtures/snapshot-builder.js';
import { oneCard, of, periods, run } from './helpers.js';

describe('R31 daily (P1)', () => {
  it('reports each ended working day without a daily as missing, blaming the specialist', () => {
    const r = run(oneCard({ comments: dailies('2026-11-02', '2026-11-06', ['2026-11-04']) }), '2026-11-09 09:00');
    expect(of(r, 'daily')).toEqual([{ period: '2026-11-04', status: 'missing', memberId: SPECIALIST }]);
    expect(r.summary.byCard[r.summary && Object.keys(r.summary.byCard)[0]!]?.daily).toEqual({ judged: 5, onTime: 4, late: 0, missing: 1, percent: 80 });
  });

  it('never reports today (due) as missing, even at 23:59', () => {
    const r = run(oneCard({ comments: dailies('2026-11-02', '2026-11-03') }), '2026-11-04 23:59');
    expect(periods(r, 'daily')).toEqual([]);
    const r2 = run(oneCard({ comments: dailies('2026-11-02', '2026-11-03') }), '2026-11-05 00:01');
    expect(periods(r2, 'daily', 'missing')).toEqual(['2026-11-04']);
  });

  it('does not require public holidays (29 Ekim) or Saturdays without a rota (A1, A2)', () => {
    const r = run(board([{ profile: { assignedAt: '2026-10-26' }, comments: dailies('2026-10-26', '2026-11-02', ['2026-10-29']) }]), '2026-11-03 09:00');
    expect(periods(r, 'daily')).toEqual([]);
    // 28 Ekim (half-day eve) is a working day (A2).
    const r2 = run(
      board([{ profile: { assignedAt: '2026-10-26' }, comments: dailies('2026-10-26', '2026-11-02', ['2026-10-28', '2026-10-29']) }]),
      '2026-11-03 09:00',
    );
    expect(periods(r2, 'daily')).toEqual(['2026-10-28']);
  });

  it('requires a Saturday only for the member on that Saturday’s rota (R50)', () => {
    const comments = dailies('2026-11-02', '2026-11-09');
    const onRota = run(oneCard({ comments }, { saturdayRota: { '2026-11-07': [SPECIALIST] } }), '2026-11-10 09:00');
    expect(periods(onRota, 'daily', 'missing')).toEqual(['2026-11-07']);
    const otherOnRota = run(oneCard({ comments }, { saturdayRota: { '2026-11-07': [OTHER] } }), '2026-11-10 09:00');
    expect(periods(otherOnRota, 'daily')).toEqual([]);
  });

  it('counts a backdated entry for its day but marks it late (A26), citing the comment', () => {
    const comments = [
      ...dailies('2026-11-02', '2026-11-06', ['2026-11-03']),
      { text: '#günlük 03.11 eğitim yapıldı, girmeyi unutmuşum', at: '2026-11-05 09:05', id: 'late-action-1' },
    ];
    const r = run(oneCard({ comments }), '2026-11-09 09:00');
    expect(of(r, 'daily')).toEqual([{ period: '2026-11-03', status: 'late', memberId: SPECIALIST, actionIds: ['late-action-1'] }]);
    const count = Object.values(r.summary.byCard)[0]?.daily;
    expect(count).toMatchObject({ judged: 5, onTime: 4, late: 1, missing: 0, percent: 80 });
  });

  it('an entry posted before midnight Istanbul counts for that day; after midnight it is late', () => {
    const base = dailies('2026-11-02', '2026-11-06', ['2026-11-04']);
    const onTime = run(oneCard({ comments: [...base, { text: '#gunluk', at: '2026-11-04 23:58' }] }), '2026-11-09 09:00');
    expect(periods(onTime, 'daily')).toEqual([]);
    // 21:30Z on the 4th is 00:30 on the 5th in Istanbul: for the 5th, so the 4th stays missing.
    const next = run(oneCard({ comments: [...base, { text: '#gunluk', at: '2026-11-05 00:30' }] }), '2026-11-09 09:00');
    expect(periods(next, 'daily')).toEqual(['2026-11-04']);
  });

  it('accepts intro and unreachable entries as the day’s entry', () => {
    const comments = [
      { text: '#tanışma araması yapıldı', at: '2026-11-02 15:00' },
      { text: '#ulaşılamadı aradım açmadı', at: '2026-11-03 11:00' },
      ...dailies('2026-11-04', '2026-11-06'),
    ];
    expect(periods(run(oneCard({ comments }), '2026-11-09 09:00'), 'daily')).toEqual([]);
  });

  it('skips leave without a cover and blames the cover during covered leave (R59)', () => {
    const settings = { leaves: [{ memberId: SPECIALIST, from: '2026-11-04', to: '2026-11-05' }] };
    const comments = dailies('2026-11-02', '2026-11-06', ['2026-11-04', '2026-11-05']);
    const noCover = run(oneCard({ comments }, settings), '2026-11-09 09:00');
    expect(periods(noCover, 'daily')).toEqual([]);
    const covered = run(
      oneCard(
        {
          comments: [...comments, { text: '#günlük (vekil) arandı', at: '2026-11-04 10:00', by: COVER }],
          profile: { cover: [{ from: '2026-11-04', to: '2026-11-05', memberId: COVER }] },
        },
        settings,
      ),
      '2026-11-09 09:00',
    );
    expect(of(covered, 'daily')).toEqual([{ period: '2026-11-05', status: 'missing', memberId: COVER }]);
    expect(covered.summary.byMember[COVER]?.daily).toMatchObject({ judged: 2, onTime: 1, missing: 1 });
    expect(covered.summary.byMember[SPECIALIST]?.daily).toMatchObject({ judged: 3, onTime: 3 });
  });

  it('skips frozen days (R20, A21)', () => {
    const r = run(
      oneCard({ comments: dailies('2026-11-02', '2026-11-03'), profile: { frozen: [{ from: '2026-11-04', to: '2026-11-30' }] } }),
      '2026-11-23 09:00',
    );
    expect(periods(r, 'daily')).toEqual([]);
  });

  it('judges nothing before assignedAt or the board’s trackingStart', () => {
    const r = run(board([{ profile: { assignedAt: '2026-11-04' }, comments: dailies('2026-11-04', '2026-11-06') }]), '2026-11-09 09:00');
    expect(periods(r, 'daily')).toEqual([]);
    const tracked = run(
      board([{ profile: { assignedAt: '2026-10-01' }, comments: dailies('2026-11-04', '2026-11-06') }], { trackingStart: '2026-11-04' }),
      '2026-11-09 09:00',
    );
    expect(periods(tracked, 'daily')).toEqual([]);
  });

  it('with a cut history judges only from the first complete day and says so in the summary', () => {
    const snap = oneCard({ comments: dailies('2026-11-05', '2026-11-06') });
    snap.historyCut = true;
    snap.historyFrom = ist('2026-11-04 15:00');
    const r = run(snap, '2026-11-09 09:00');
    expect(periods(r, 'daily')).toEqual([]);
    expect(r.summary).toMatchObject({ historyCut: true, historyFrom: '2026-11-05' });
    expect(firstCompleteDay(ist('2026-11-04 00:00'))).toBe('2026-11-04');
  });

  it('ignores archived cards and cards in archived lists (not customers)', () => {
    const r = run(
      board([
        { closed: true, profile: { assignedAt: '2026-11-02' } },
        { idList: 'list-closed', profile: { assignedAt: '2026-11-02' } },
      ]),
      '2026-11-23 09:00',
    );
    expect(r.findings).toEqual([]);
    expect(r.summary.byCard).toEqual({});
  });
});
