// Rule tests, one describe per handbook rule (HANDBOOK-RULES.md IDs; DESIGN §5 decides).
import { describe, expect, it } from 'vitest';
import { evaluateBoard, firstCompleteDay, goLiveDeadline } from '../../shared/compliance.js';
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
