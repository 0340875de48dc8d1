// Rule tests, one describe per handbook rule (rule IDs and decisions: docs/rules.md).
import { describe, expect, it } from 'vitest';
import { evaluateBoard, firstCompleteDay, goLiveDeadline } from '../../shared/compliance.js';
import { missingCount } from '../../shared/status.js';
import type { AuditResult, BoardSnapshot, Finding, RuleId } from '../../shared/types.js';
import { board, COVER, dailies, idAt, ist, OTHER, SPECIALIST, type CardSpec } from '../fixtures/snapshot-builder.js';

const at = (wall: string): Date => new Date(ist(wall));

function run(snap: BoardSnapshot, now: string): AuditResult {
  return evaluateBoard(snap, at(now));
}

function of(result: AuditResult, rule: RuleId): Array<Pick<Finding, 'period' | 'status' | 'memberId'> & { actionIds?: string[] }> {
  return result.findings
    .filter((f) => f.rule === rule)
    .map((f) => ({ period: f.period, status: f.status, memberId: f.memberId, ...(f.actionIds ? { actionIds: f.actionIds } : {}) }));
}

function periods(result: AuditResult, rule: RuleId, status?: string): string[] {
  return result.findings.filter((f) => f.rule === rule && (!status || f.status === status)).map((f) => f.period);
}

/** One card assigned on a Monday, judged from then on. */
function oneCard(spec: CardSpec, settings = {}): BoardSnapshot {
  return board([{ ...spec, profile: { assignedAt: '2026-11-02', ...(spec.profile ?? {}) } }], settings);
}

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
    const r2 = run(board([{ profile: { assignedAt: '2026-10-26' }, comments: dailies('2026-10-26', '2026-11-02', ['2026-10-28', '2026-10-29']) }]), '2026-11-03 09:00');
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
      oneCard({ comments: [...comments, { text: '#günlük (vekil) arandı', at: '2026-11-04 10:00', by: COVER }], profile: { cover: [{ from: '2026-11-04', to: '2026-11-05', memberId: COVER }] } }, settings),
      '2026-11-09 09:00',
    );
    expect(of(covered, 'daily')).toEqual([{ period: '2026-11-05', status: 'missing', memberId: COVER }]);
    expect(covered.summary.byMember[COVER]?.daily).toMatchObject({ judged: 2, onTime: 1, missing: 1 });
    expect(covered.summary.byMember[SPECIALIST]?.daily).toMatchObject({ judged: 3, onTime: 3 });
  });

  it('skips frozen days (R20, A21)', () => {
    const r = run(oneCard({ comments: dailies('2026-11-02', '2026-11-03'), profile: { frozen: [{ from: '2026-11-04', to: '2026-11-30' }] } }), '2026-11-23 09:00');
    expect(periods(r, 'daily')).toEqual([]);
  });

  it('judges nothing before assignedAt or the board’s trackingStart', () => {
    const r = run(board([{ profile: { assignedAt: '2026-11-04' }, comments: dailies('2026-11-04', '2026-11-06') }]), '2026-11-09 09:00');
    expect(periods(r, 'daily')).toEqual([]);
    const tracked = run(board([{ profile: { assignedAt: '2026-10-01' }, comments: dailies('2026-11-04', '2026-11-06') }], { trackingStart: '2026-11-04' }), '2026-11-09 09:00');
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

describe('R34/R36 weekly (P2)', () => {
  const weekly = (at: string, text = '#haftalık\nDisk: 2,1/4 GB\nTrafik: 40/100 GB') => ({ text, at });

  it('requires a weekly entry in each ended week with a working day', () => {
    const r = run(oneCard({ comments: [...dailies('2026-11-02', '2026-11-13'), weekly('2026-11-06 16:00')] }), '2026-11-16 09:00');
    expect(of(r, 'weekly')).toEqual([{ period: '2026-W46', status: 'missing', memberId: SPECIALIST }]);
  });

  it('never reports the running week', () => {
    const r = run(oneCard({ comments: dailies('2026-11-02', '2026-11-06') }), '2026-11-08 23:00');
    expect(periods(r, 'weekly')).toEqual([]);
  });

  it('marks a weekly posted after Sunday 23:59 as late (written for the week)', () => {
    const r = run(oneCard({ comments: [...dailies('2026-11-02', '2026-11-06'), weekly('2026-11-09 09:10', '#haftalık 2026-W45\nDisk 2/4 GB\nTrafik 40/100 GB')] }), '2026-11-10 09:00');
    expect(of(r, 'weekly')).toMatchObject([{ period: '2026-W45', status: 'late' }]);
    expect(Object.values(r.summary.byCard)[0]?.weekly).toMatchObject({ judged: 1, late: 1, onTime: 0 });
  });

  it('reports incomplete when the week’s entries lack a traffic (or disk) reading (R37)', () => {
    const r = run(oneCard({ comments: [...dailies('2026-11-02', '2026-11-06'), weekly('2026-11-06 16:00', '#haftalık kontrol yapıldı\nDisk: 2,1/4 GB')] }), '2026-11-09 09:00');
    expect(of(r, 'weekly')).toMatchObject([{ period: '2026-W45', status: 'incomplete' }]);
    expect(r.findings.find((f) => f.rule === 'weekly')?.detail.tr).toContain('trafik');
    // A reading in another entry of the same week completes it; "sınırsız" traffic counts (A10).
    const r2 = run(
      oneCard({ comments: [...dailies('2026-11-02', '2026-11-06'), weekly('2026-11-06 16:00', '#haftalık\nDisk: 2,1/4 GB'), { text: '#günlük\nTrafik sınırsız', at: '2026-11-06 17:00' }] }),
      '2026-11-09 09:00',
    );
    expect(periods(r2, 'weekly')).toEqual([]);
  });

  it('does not require a wholly frozen week', () => {
    const r = run(oneCard({ comments: [...dailies('2026-11-02', '2026-11-06'), weekly('2026-11-06 16:00')], profile: { frozen: [{ from: '2026-11-09', to: '2026-11-15' }] } }), '2026-11-16 09:00');
    expect(periods(r, 'weekly')).toEqual([]);
  });
});

describe('R41 monthly (P4, A5)', () => {
  const octCard = (comments: CardSpec['comments'], profile = {}) => board([{ profile: { assignedAt: '2026-10-01', ...profile }, comments: [...dailies('2026-10-01', '2026-11-06', ['2026-10-29']), ...(comments ?? [])] }]);

  it('is not judged before the end of the 3rd working day of the next month (4 Nov 2026)', () => {
    expect(periods(run(octCard([]), '2026-11-04 23:00'), 'monthly')).toEqual([]);
    expect(of(run(octCard([]), '2026-11-05 00:00'), 'monthly')).toEqual([{ period: '2026-10', status: 'missing', memberId: SPECIALIST }]);
  });

  it('is on time until the 3rd working day, late after', () => {
    expect(periods(run(octCard([{ text: '#aylık 2026-10 rapor gönderildi', at: '2026-11-04 18:00' }]), '2026-11-09 09:00'), 'monthly')).toEqual([]);
    expect(of(run(octCard([{ text: '#aylık 2026-10 rapor gönderildi', at: '2026-11-05 09:00' }]), '2026-11-09 09:00'), 'monthly')).toMatchObject([{ period: '2026-10', status: 'late' }]);
  });

  it('counts an undated monthly posted in the first 3 working days of the next month for the previous month (P4)', () => {
    expect(periods(run(octCard([{ text: '#aylik rapor gönderildi', at: '2026-11-02 12:00' }]), '2026-11-09 09:00'), 'monthly')).toEqual([]);
  });

  it('does not require a month with fewer than 10 active working days', () => {
    const r = run(board([{ profile: { assignedAt: '2026-10-19' }, comments: dailies('2026-10-19', '2026-11-06', ['2026-10-29']) }]), '2026-11-09 09:00');
    // 19–31 Oct: 9 working days (29 Ekim is a holiday).
    expect(periods(r, 'monthly')).toEqual([]);
  });
});

describe('R18 intro (P5, A14)', () => {
  it('accepts an intro on the assignment day or the next working day (Friday → Monday)', () => {
    const r = run(board([{ profile: { assignedAt: '2026-11-06' }, comments: [{ text: '#tanışma araması yapıldı', at: '2026-11-09 11:00' }, ...dailies('2026-11-06', '2026-11-06')] }]), '2026-11-10 09:00');
    expect(periods(r, 'intro')).toEqual([]);
  });

  it('reports a later intro as late and none as missing, only after the deadline day', () => {
    const late = run(oneCard({ comments: [{ text: '#tanisma', at: '2026-11-04 10:00', id: 'intro-1' }] }), '2026-11-09 09:00');
    expect(of(late, 'intro')).toEqual([{ period: '2026-11-02', status: 'late', memberId: SPECIALIST, actionIds: ['intro-1'] }]);
    expect(periods(run(oneCard({}), '2026-11-03 23:59'), 'intro')).toEqual([]);
    expect(of(run(oneCard({}), '2026-11-04 00:00'), 'intro')).toMatchObject([{ period: '2026-11-02', status: 'missing' }]);
  });
});

describe('R27/R28 go-live (P7, A6, A7)', () => {
  it('computes the deadline: 60 days, 90 with integration or design, frozen days pause it', () => {
    expect(goLiveDeadline({ assignedAt: '2026-08-03', integration: false, design: false })).toBe('2026-10-02');
    expect(goLiveDeadline({ assignedAt: '2026-08-03', integration: false, design: true })).toBe('2026-11-01');
    expect(goLiveDeadline({ assignedAt: '2026-08-03', integration: false, design: false, frozen: [{ from: '2026-09-01', to: '2026-09-10' }] })).toBe('2026-10-12');
  });

  it('is due-soon at ≤ 14 days, silent before', () => {
    const snap = (assignedAt: string) => board([{ profile: { assignedAt }, comments: [] }], { trackingStart: '2026-11-23' });
    // 2026-09-24 + 60 = 2026-11-23 (today) → 0 days left.
    expect(of(run(snap('2026-10-08'), '2026-11-23 09:00'), 'golive')).toMatchObject([{ period: '2026-12-07', status: 'due-soon' }]);
    expect(periods(run(snap('2026-10-09'), '2026-11-23 09:00'), 'golive')).toEqual([]);
  });

  it('is overdue after the deadline day, and asks for a #gecikme posted since (R28)', () => {
    const snap = (comments: CardSpec['comments']) => board([{ profile: { assignedAt: '2026-08-03' }, comments }], { trackingStart: '2026-11-23' });
    const none = run(snap([]), '2026-11-23 09:00');
    expect(of(none, 'golive')).toMatchObject([{ period: '2026-10-02', status: 'overdue' }]);
    expect(of(none, 'golive-reason')).toMatchObject([{ period: '2026-10-02', status: 'missing' }]);
    expect(none.findings.find((f) => f.rule === 'golive')?.detail.tr).toBe('Canlıya geçiş 52 gün gecikti (son gün 02.10.2026).');
    // A delay entry before the deadline does not explain the overdue state; one after does.
    expect(periods(run(snap([{ text: '#gecikme entegrasyon bekleniyor', at: '2026-09-30 10:00' }]), '2026-11-23 09:00'), 'golive-reason')).toEqual(['2026-10-02']);
    expect(periods(run(snap([{ text: '#gecikme entegrasyon bekleniyor', at: '2026-10-05 10:00' }]), '2026-11-23 09:00'), 'golive-reason')).toEqual([]);
  });

  it('stops once live (liveAt or a #canlı entry)', () => {
    expect(periods(run(board([{ profile: { assignedAt: '2026-08-03', liveAt: '2026-09-15' } }], { trackingStart: '2026-11-23' }), '2026-11-23 09:00'), 'golive')).toEqual([]);
    expect(periods(run(board([{ profile: { assignedAt: '2026-08-03' }, comments: [{ text: '#canlı yayına alındı', at: '2026-10-10 10:00' }] }], { trackingStart: '2026-11-23' }), '2026-11-23 09:00'), 'golive')).toEqual([]);
  });
});

describe('R38 disk · traffic (P9, A9)', () => {
  const withWeekly = (text: string, profile = {}, extra: CardSpec['comments'] = []) =>
    board([{ profile: { assignedAt: '2026-11-16', ...profile }, comments: [{ text, at: '2026-11-20 16:00' }, ...extra] }], { trackingStart: '2026-11-23' });

  it('reports high at ≥ 80 % without informed + optimized/upgrade in that week', () => {
    expect(of(run(withWeekly('#haftalık\nDisk: 8,6 / 10 GB\nTrafik: 40/100 GB'), '2026-11-23 09:00'), 'disk')).toMatchObject([{ period: '2026-W47', status: 'high' }]);
    expect(periods(run(withWeekly('#haftalık\nDisk: 7,9 / 10 GB\nTrafik: 40/100 GB'), '2026-11-23 09:00'), 'disk')).toEqual([]);
    // informed alone is not enough; informed + optimized (in another entry of the same week) is.
    expect(periods(run(withWeekly('#haftalık\nDisk: %86\nTrafik 40/100 GB\nmüşteri bilgilendirildi', { quotaTotalGB: 4 }), '2026-11-23 09:00'), 'disk')).toEqual(['2026-W47']);
    expect(
      periods(
        run(withWeekly('#haftalık\nDisk: %86\nTrafik 40/100 GB\nmüşteri bilgilendirildi', { quotaTotalGB: 4 }, [{ text: '#günlük görseller optimize edildi', at: '2026-11-19 11:00' }]), '2026-11-23 09:00'),
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
    const snap = board([{ profile: { assignedAt: '2026-11-02' }, comments: [{ text: '#haftalık\nDisk 1/4 GB\nTrafik 10/100 GB', at: '2026-11-14 16:00' }] }], { trackingStart: '2026-11-23' });
    expect(periods(run(snap, '2026-11-22 09:00'), 'disk')).toEqual([]);
    expect(of(run(snap, '2026-11-23 09:00'), 'disk')).toMatchObject([{ period: '2026-W46', status: 'stale' }]);
  });
});

describe('R11 unreachable (P11, A8)', () => {
  const u = (day: string) => ({ text: '#ulaşılamadı aradım, açmadı', at: `${day} 10:30` });

  it('escalates after 3 consecutive working days of only unreachable entries; a weekend does not break it', () => {
    const r = run(oneCard({ comments: [...dailies('2026-11-02', '2026-11-04'), u('2026-11-05'), u('2026-11-06'), u('2026-11-09'), ...dailies('2026-11-10', '2026-11-13')] }), '2026-11-16 09:00');
    expect(of(r, 'unreachable')).toMatchObject([{ period: '2026-11-05', status: 'escalate' }]);
  });

  it('does not escalate 2 days, or when a day also has another entry', () => {
    expect(periods(run(oneCard({ comments: [...dailies('2026-11-02', '2026-11-04'), u('2026-11-05'), u('2026-11-06'), ...dailies('2026-11-09', '2026-11-10')] }), '2026-11-11 09:00'), 'unreachable')).toEqual([]);
    expect(
      periods(run(oneCard({ comments: [u('2026-11-02'), u('2026-11-03'), { text: '#günlük sonra ulaşıldı', at: '2026-11-03 16:00' }, u('2026-11-04'), u('2026-11-05')] }), '2026-11-06 09:00'), 'unreachable'),
    ).toEqual([]);
  });
});

describe('R1/R3/R53 training slots (P13, A16)', () => {
  it('requires a slot unless pool, and flags slots of one specialist under 50 minutes apart', () => {
    const r = run(
      board(
        [
          { name: 'A', profile: { trainingSlot: '10:00' } },
          { name: 'B', profile: { trainingSlot: '10:40' } },
          { name: 'C', profile: { trainingSlot: '11:30' } },
          { name: 'D', profile: { trainingSlot: undefined } },
          { name: 'E', profile: { trainingSlot: undefined, pool: true } },
          { name: 'F', profile: { trainingSlot: '10:20', specialist: OTHER } },
        ],
        { trackingStart: '2026-11-23' },
      ),
      '2026-11-23 09:00',
    );
    const slots = r.findings.filter((f) => f.rule === 'slot').map((f) => `${r.summary.byCard[f.cardId]?.name}:${f.status}`);
    // B–C are exactly 50 minutes apart: no overlap.
    expect(slots.sort()).toEqual(['A:overlap', 'B:overlap', 'D:missing']);
  });
});

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
    const monthly = (editedAt: string) =>
      run(oneCard({ comments: [{ text: '#aylık 2026-10 rapor', at: '2026-10-30 16:00', editedAt }] }), '2026-11-10 09:00');
    expect(periods(monthly('2026-11-04 17:00'), 'evidence')).toEqual([]);
    expect(of(monthly('2026-11-05 09:00'), 'evidence')).toMatchObject([{ period: '2026-10-01', status: 'edited' }]);
  });

  it('reports a deleted entry, and ignores edits/deletions after `now`', () => {
    const comments = [{ text: '#günlük', at: '2026-11-02 10:00', deletedAt: '2026-11-04 10:00', id: 'del-1' }];
    expect(of(run(oneCard({ comments }), '2026-11-05 09:00'), 'evidence')).toMatchObject([{ period: '2026-11-02', status: 'deleted', actionIds: ['del-1'] }]);
    expect(periods(run(oneCard({ comments }), '2026-11-03 09:00'), 'evidence')).toEqual([]);
  });
});

describe('profile (bad input)', () => {
  it('reports an invalid profile with the zod message and still evaluates the card with defaults', () => {
    const snap = board([{ id: idAt('2026-10-30', 1), rawProfile: JSON.stringify({ profile: { v: 1, site: 'ornek.com.tr', assignedAt: '2026-10-30', trainingSlot: '14.00' } }), comments: [] }]);
    const r = run(snap, '2026-11-04 09:00');
    const p = r.findings.find((f) => f.rule === 'profile');
    expect(p).toMatchObject({ status: 'invalid', period: '' });
    expect(p?.detail.en).toContain('trainingSlot');
    // Defaults: assignedAt = card creation (30.10.2026), no slot.
    expect(periods(r, 'daily', 'missing')).toEqual(['2026-10-30', '2026-11-02', '2026-11-03']);
    expect(periods(r, 'slot', 'missing')).toEqual(['']);
  });

  it('reports invalid board settings once and goes on with defaults', () => {
    const snap = board([{ comments: [] }]);
    snap.pluginData = [{ value: JSON.stringify({ settings: { v: 1, saturdayRota: { '2026-11-06': [SPECIALIST] } } }) }];
    const r = run(snap, '2026-11-04 09:00');
    expect(r.findings.filter((f) => f.cardId === '' && f.rule === 'profile')).toHaveLength(1);
  });
});

// ───────── additional handbook predicates (status `warning` only; never counted as missing) ─────────

describe('R39 abnormal growth (P10, A11) — additional warning', () => {
  const wk = (day: string, disk: string, traffic = 'Trafik: 40/100 GB', id?: string) => ({ text: `#haftalık\n${disk}\n${traffic}`, at: `${day} 16:00`, ...(id ? { id } : {}) });
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
    const unlimited = growth([wk('2026-11-02', 'Disk 1/4 GB', 'Trafik: 10/100 GB'), wk('2026-11-13', 'Disk 1/4 GB', 'Trafik sınırsız'), wk('2026-11-20', 'Disk 1/4 GB', 'Trafik: 60/100 GB')]);
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

describe('R51 training slot outside working hours (P13, A12) — additional warning', () => {
  const hours = (specs: CardSpec[]) => {
    const r = run(board(specs, { trackingStart: '2026-11-23' }), '2026-11-23 09:00');
    return r.findings.filter((f) => f.rule === 'slot' && f.status === 'warning').map((f) => `${r.summary.byCard[f.cardId]?.name}`);
  };
  // One specialist per card so that overlaps (R53) do not interfere.
  const at = (name: string, trainingSlot: string, extra = {}): CardSpec => ({ name, profile: { trainingSlot, specialist: idAt('2026-01-01', name.charCodeAt(0)), ...extra } });

  it('warns on a slot starting before 08:15 or whose 50 minutes end after 18:15; the bounds themselves are fine', () => {
    expect(hours([at('A', '08:14'), at('B', '08:15'), at('C', '17:25'), at('D', '17:26'), at('E', '07:00'), at('F', '18:30'), at('G', '12:00')]).sort()).toEqual(['A', 'D', 'E', 'F']);
  });

  it('is a warning with the session end in both languages, and not counted as missing', () => {
    const r = run(board([at('A', '17:40')], { trackingStart: '2026-11-23' }), '2026-11-23 09:00');
    const f = r.findings.find((x) => x.rule === 'slot');
    expect(f).toMatchObject({ status: 'warning', period: '', severity: 'warning' });
    expect(f?.detail).toEqual({
      tr: '17:40 eğitim saati mesai saatleri (08:15–18:15) dışında: 50 dakikalık eğitim 18:30 saatinde biter.',
      en: 'The 17:40 training slot lies outside working hours (08:15–18:15): the 50-minute session ends at 18:30.',
    });
    expect(missingCount(r.findings)).toBe(missingCount(r.findings.filter((x) => x !== f)));
  });

  it('ignores pool cards and cards frozen today (they hold no slot), and keeps overlap/missing as before', () => {
    expect(hours([at('P', '19:00', { pool: true }), at('Z', '19:00', { frozen: [{ from: '2026-11-20', to: '2026-11-30' }] })])).toEqual([]);
    const r = run(board([{ name: 'A', profile: { trainingSlot: '17:30' } }, { name: 'B', profile: { trainingSlot: '17:00' } }], { trackingStart: '2026-11-23' }), '2026-11-23 09:00');
    expect(r.findings.filter((f) => f.rule === 'slot').map((f) => `${r.summary.byCard[f.cardId]?.name}:${f.status}`).sort()).toEqual(['A:overlap', 'A:warning', 'B:overlap']);
  });
});

describe('R35/R4 pool weekly contact (P3, A3) — additional warning', () => {
  const u = (day: string, id?: string) => ({ text: '#ulaşılamadı aradım, açmadı', at: `${day} 10:30`, ...(id ? { id } : {}) });
  const pool = (comments: CardSpec['comments'], now = '2026-11-23 09:00', profile = {}, settings = {}) =>
    run(board([{ profile: { assignedAt: '2026-11-02', pool: true, trainingSlot: undefined, ...profile }, comments }], settings), now);

  it('warns for an ended week with only unreachable entries, or none, on a pool card', () => {
    // W45 dailies; W46 only #ulaşılamadı; W47 nothing at all; W48 is running.
    const comments = [...dailies('2026-11-02', '2026-11-06'), u('2026-11-09', 'u1'), u('2026-11-10', 'u2'), u('2026-11-11', 'u3'), u('2026-11-12', 'u4'), u('2026-11-13', 'u5')];
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

  it('counts any daily, weekly, monthly or intro entry for a day in the week — also a late one — but not #gecikme', () => {
    const weekOnly = [...dailies('2026-11-02', '2026-11-06'), { text: '#haftalık\nDisk 1/4 GB\nTrafik 1/100 GB', at: '2026-11-12 15:00' }, ...dailies('2026-11-16', '2026-11-20')];
    expect(periods(pool(weekOnly), 'pool-contact')).toEqual([]);
    const late = [...dailies('2026-11-02', '2026-11-06'), { text: '#günlük 11.11 arandı, kontrol yapıldı', at: '2026-11-16 09:00' }, ...dailies('2026-11-16', '2026-11-20')];
    expect(periods(pool(late), 'pool-contact')).toEqual([]);
    // A monthly written for a whole month counts in the week it was posted (it names no day).
    const monthly = [...dailies('2026-11-02', '2026-11-06'), { text: '#aylık 2026-10 rapor gönderildi, toplantı yapıldı', at: '2026-11-10 11:00' }, ...dailies('2026-11-16', '2026-11-20')];
    expect(periods(pool(monthly), 'pool-contact')).toEqual([]);
    const delayOnly = [...dailies('2026-11-02', '2026-11-06'), { text: '#gecikme tasarım bekleniyor', at: '2026-11-10 11:00' }, ...dailies('2026-11-16', '2026-11-20')];
    expect(periods(pool(delayOnly), 'pool-contact')).toEqual(['2026-W46']);
  });

  it('judges only ended weeks with a required working day inside the window (running, frozen, leave-only and pre-history weeks are skipped)', () => {
    const w45 = dailies('2026-11-02', '2026-11-06');
    expect(periods(pool(w45, '2026-11-15 23:00'), 'pool-contact')).toEqual([]); // W46 still running
    expect(periods(pool(w45, '2026-11-16 00:01'), 'pool-contact')).toEqual(['2026-W46']);
    expect(periods(pool(w45, '2026-11-16 09:00', { frozen: [{ from: '2026-11-09', to: '2026-11-15' }] }), 'pool-contact')).toEqual([]);
    expect(periods(pool(w45, '2026-11-16 09:00', {}, { leaves: [{ memberId: SPECIALIST, from: '2026-11-09', to: '2026-11-13' }] }), 'pool-contact')).toEqual([]);
    const cut = board([{ profile: { assignedAt: '2026-11-02', pool: true, trainingSlot: undefined }, comments: [{ text: '#günlük', at: '2026-11-05 10:00' }] }]);
    cut.historyCut = true;
    cut.historyFrom = ist('2026-11-04 15:00');
    expect(periods(run(cut, '2026-11-16 09:00'), 'pool-contact')).toEqual(['2026-W46']); // W45 begins before the complete history
    // A week before assignment is outside the window; the assignment week counts contact on any of its days.
    expect(periods(pool([{ text: '#tanışma araması yapıldı', at: '2026-11-04 10:00' }], '2026-11-09 09:00', { assignedAt: '2026-11-04' }), 'pool-contact')).toEqual([]);
  });
});

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
    expect(r.findings[0]?.rule).toBe('leave');
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
  const leaveRun = (profile: Partial<CardSpec['profile']> & object, leave: Record<string, unknown> = {}, now = NOW, settings = {}, extra: Partial<CardSpec> = {}) =>
    run(board([{ profile: { assignedAt: '2026-11-02', package: 'monthly', ...profile }, ...extra }], { leaves: [{ ...LEAVE, ...leave } as never], ...settings }), now);
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
