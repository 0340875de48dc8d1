// The leave rule (shared/compliance/rules/leave.ts); rule ids and decisions: docs/rules.md.
import { describe, expect, it } from 'vitest';
import { missingCount } from '../../../shared/status.js';
import type { AuditResult } from '../../../shared/types.js';
import { board, COVER, idAt, OTHER, SPECIALIST, type CardSpec } from '../../fixtures/snapshot-builder.js';
import { of, run } from './helpers.js';

describe('R54 leave notice (P15, A13) — additional warning', () => {
  // Wednesday 25 Nov 2026. The card has a cover for every leave below, so P16 stays out of the way.
  const NOW = '2026-11-25 12:00';
  const notice = (leave: Record<string, unknown>, now = NOW, settings = {}) =>
    run(
      board([{ profile: { assignedAt: '2026-11-02', cover: [{ from: '2026-11-01', to: '2026-12-31', memberId: COVER }] } }], {
        leaves: [{ memberId: SPECIALIST, from: '2026-11-26', to: '2026-11-27', ...leave } as never],
        ...settings,
      }),
      now,
    );
  const board0 = (r: AuditResult) => r.findings.filter((f) => f.rule === 'leave');

  it('warns, board-level, when the leave was recorded later than 2 calendar days before it starts (P15)', () => {
    const r = notice({ createdAt: '2026-11-25' });
    expect(board0(r)).toEqual([
      {
        rule: 'leave',
        cardId: '',
        memberId: SPECIALIST,
        period: '2026-11-26',
        status: 'warning',
        severity: 'warning',
        class: 'compliance',
        detail: {
          tr: '26.11.2026–27.11.2026 izni 25.11.2026 tarihinde, yalnızca 1 gün önce kaydedildi ve acil izin değil; takım liderine en az 2 takvim günü önce, en geç 24.11.2026 tarihinde bildirilmeli.',
          en: 'The leave 2026-11-26–2026-11-27 was recorded on 2026-11-25, only 1 day ahead, and is not marked emergency; the team lead must be told at least 2 calendar days before, by 2026-11-24.',
        },
      },
    ]);
    // Board-level findings sort before every card's; warnings are not counted by the badge.
    expect(r.findings.find((f) => f.rule !== 'capacity' && f.rule !== 'inactive')?.rule).toBe('leave'); // the team lead's board-level warnings come alongside
    expect(missingCount(r.findings)).toBe(missingCount(r.findings.filter((f) => f.rule !== 'leave')));
  });

  it('exactly 2 calendar days ahead is enough (A13); the same day or after the start is not', () => {
    expect(board0(notice({ createdAt: '2026-11-24' }))).toEqual([]);
    expect(board0(notice({ createdAt: '2026-11-26' }, '2026-11-26 09:00')).map((f) => f.period)).toEqual(['2026-11-26']);
    const after = board0(notice({ createdAt: '2026-11-27' }, '2026-11-27 09:00'));
    expect(after[0]?.detail.en).toBe(
      'The leave 2026-11-26–2026-11-27 was recorded on 2026-11-27, after it began, and is not marked emergency; the team lead must be told at least 2 calendar days before, by 2026-11-24.',
    );
  });

  it('exempts emergency leave (A13); does not judge a leave without createdAt, one recorded after now, or one before trackingStart', () => {
    expect(board0(notice({ createdAt: '2026-11-25', emergency: true }))).toEqual([]);
    expect(board0(notice({}))).toEqual([]);
    // An audit of 24 Nov does not see a leave recorded on the 25th (it was not announced yet).
    expect(board0(notice({ createdAt: '2026-11-25' }, '2026-11-24 23:59'))).toEqual([]);
    expect(board0(notice({ createdAt: '2026-11-25' }, '2026-11-25 00:01'))).toHaveLength(1);
    expect(board0(notice({ createdAt: '2026-11-25' }, NOW, { trackingStart: '2026-11-30' }))).toEqual([]);
  });

  it('also judges a leave that already happened (the notice was short either way)', () => {
    const r = notice({ from: '2026-11-10', to: '2026-11-10', createdAt: '2026-11-09' });
    expect(board0(r).map((f) => `${f.cardId}|${f.period}|${f.memberId}`)).toEqual([`|2026-11-10|${SPECIALIST}`]);
  });
});

describe('R55–R57 leave cover (P16, A19) — additional warning', () => {
  // Monday 23 Nov 2026; the leave is Mon 30 Nov – Fri 4 Dec (5 working days).
  const NOW = '2026-11-23 09:00';
  const LEAVE = { memberId: SPECIALIST, from: '2026-11-30', to: '2026-12-04', createdAt: '2026-11-01' };
  const cover = (from: string, to: string) => ({ from, to, memberId: COVER });
  const leaveRun = (
    profile: Partial<CardSpec['profile']> & object,
    leave: Record<string, unknown> = {},
    now = NOW,
    settings = {},
    extra: Partial<CardSpec> = {},
  ) =>
    run(
      board([{ profile: { assignedAt: '2026-11-02', package: 'monthly', ...profile }, ...extra }], { leaves: [{ ...LEAVE, ...leave } as never], ...settings }),
      now,
    );
  const leaveOf = (r: AuditResult) => r.findings.filter((f) => f.rule === 'leave');

  it('warns on a monthly-package card with no cover for an upcoming leave (R56)', () => {
    const r = leaveRun({});
    expect(of(r, 'leave')).toEqual([{ period: '2026-11-30', status: 'warning', memberId: SPECIALIST }]);
    const f = leaveOf(r)[0];
    expect(f?.cardId).toBe(Object.keys(r.summary.byCard)[0]);
    expect(f?.severity).toBe('warning');
    expect(f?.detail).toEqual({
      tr: '30.11.2026–04.12.2026 izninde 5 iş günü için vekil atanmamış (ilk gün 30.11.2026); aylık paket müşterisine istemese bile geçici personel atanmalı.',
      en: 'No cover for 5 working days of the leave 2026-11-30–2026-12-04 (first 2026-11-30); a monthly-package customer gets a temporary assignee even if they decline.',
    });
    // A warning: the compliance badge and the notify ladder ignore it.
    expect(missingCount(r.findings)).toBe(missingCount(r.findings.filter((x) => x.rule !== 'leave')));
  });

  it('is satisfied by covers that together span every working day; a gap on a working day still warns', () => {
    expect(leaveOf(leaveRun({ cover: [cover('2026-11-30', '2026-12-04')] }))).toEqual([]);
    expect(leaveOf(leaveRun({ cover: [cover('2026-11-30', '2026-12-01'), cover('2026-12-02', '2026-12-04')] }))).toEqual([]);
    const gap = leaveOf(leaveRun({ cover: [cover('2026-11-30', '2026-12-02')] }));
    expect(gap.map((f) => f.detail.en)).toEqual([expect.stringMatching(/^No cover for 2 working days .* \(first 2026-12-03\)/)]);
  });

  it('needs no cover on weekends, holidays or frozen days, but on the specialist’s rota Saturday (R50)', () => {
    // Fri 27 Nov – Mon 30 Nov: covers on the Friday and the Monday only.
    const weekend = { from: '2026-11-27', to: '2026-11-30' };
    const split = { cover: [cover('2026-11-27', '2026-11-27'), cover('2026-11-30', '2026-11-30')] };
    expect(leaveOf(leaveRun(split, weekend))).toEqual([]);
    expect(leaveOf(leaveRun(split, weekend, NOW, { saturdayRota: { '2026-11-28': [SPECIALIST] } })).map((f) => f.detail.en)).toEqual([
      expect.stringMatching(/^No cover for 1 working day of .* \(first 2026-11-28\)/),
    ]);
    // 1 Jan 2027 is a public holiday; the rest of the leave is frozen.
    expect(leaveOf(leaveRun({ frozen: [{ from: '2026-12-28', to: '2026-12-31' }] }, { from: '2026-12-28', to: '2027-01-01' }, '2026-12-21 09:00'))).toEqual([]);
  });

  it('assumes a cover is required when the package is unknown (A19); fixedTerm and other are not judged', () => {
    const unknown = leaveOf(leaveRun({ package: undefined }));
    expect(unknown.map((f) => f.detail.en)).toEqual([expect.stringContaining('the profile records no package, so a temporary assignee is assumed required')]);
    expect(leaveOf(run(board([{ profile: null, members: [SPECIALIST], id: idAt('2026-11-02') }], { leaves: [LEAVE] }), NOW))).toHaveLength(1);
    // R57: a fixed-term customer may take extra days instead; the profile records no extraDays, so no finding.
    expect(leaveOf(leaveRun({ package: 'fixedTerm' }))).toEqual([]);
    expect(leaveOf(leaveRun({ package: 'other' }))).toEqual([]);
  });

  it('judges leave starting within 14 days, running now, or ended inside the window (R56: the finding stays); not later ones', () => {
    expect(of(leaveRun({}, { from: '2026-12-07', to: '2026-12-08' }), 'leave').map((f) => f.period)).toEqual(['2026-12-07']); // today + 14
    expect(leaveOf(leaveRun({}, { from: '2026-12-08', to: '2026-12-09' }))).toEqual([]); // today + 15
    expect(of(leaveRun({}, { from: '2026-11-19', to: '2026-11-24' }), 'leave').map((f) => f.period)).toEqual(['2026-11-19']); // running
    expect(of(leaveRun({}, { from: '2026-11-19', to: '2026-11-23' }), 'leave').map((f) => f.period)).toEqual(['2026-11-19']); // ends today
    // Ended without a cover: the finding stays after the leave (R56), with every uncovered working day.
    expect(leaveOf(leaveRun({}, { from: '2026-11-16', to: '2026-11-20' })).map((f) => [f.period, f.detail.en])).toEqual([
      ['2026-11-16', expect.stringContaining('No cover for 5 working days')],
    ]);
  });

  it('judges only active cards of the specialist on leave: not another member’s leave, an archived card, a card assigned later', () => {
    expect(leaveOf(leaveRun({}, { memberId: OTHER }))).toEqual([]);
    expect(leaveOf(leaveRun({}, {}, NOW, {}, { idList: 'list-closed' }))).toEqual([]);
    expect(leaveOf(leaveRun({}, {}, NOW, {}, { closed: true }))).toEqual([]);
    expect(leaveOf(leaveRun({ assignedAt: '2026-11-25' }))).toEqual([]);
    // The card's specialist is OTHER: Ayşe's leave does not concern it.
    expect(leaveOf(leaveRun({ specialist: OTHER }))).toEqual([]);
    // Frozen over the whole leave: nothing to cover.
    expect(leaveOf(leaveRun({ frozen: [{ from: '2026-11-23', to: '2026-12-31' }] }))).toEqual([]);
  });
});
