// The dashboard's numbers come from the same period rows as the evidence report.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../../shared/compliance.js';
import { appendLedger, snapshotFromTestState, type TestState } from '../store/helpers.js';
import { buildDashboard, lastWeeks } from '../../../server/src/reports/dashboard-model.js';
import { viewerFor } from '../../../server/src/reports/access.js';
import type { Person } from '../../../server/src/config.js';
import { BOARD, CARD2, ILKER, NOW, SULE, buildState } from './fixture.js';

const manager: Person = { name: 'Mehmet Yılmaz', trelloId: 'p1', role: 'manager' };
const lead: Person = { name: 'Ayşe Kılıç', trelloId: 'p2', role: 'teamLead', specialists: [ILKER] };

function dashboard(state: TestState, person: Person = manager) {
  const snapshot = snapshotFromTestState(state, BOARD)!;
  return buildDashboard({
    boards: [{ snapshot, result: evaluateBoard(snapshot, NOW), records: state.ledger, backfilled: true }],
    viewer: viewerFor(person),
    people: [manager, lead],
    now: NOW,
  });
}

describe('dashboard model', () => {
  it('a lead sees their own month-end review finding (R17: the lead is its member); another lead does not', () => {
    const state = buildState();
    const snapshot = snapshotFromTestState(state, BOARD)!;
    const result = evaluateBoard(snapshot, NOW);
    const detail = { tr: 'Ekim 2026 ay sonu görüşmeleri son güne kadar işaretlenmedi', en: 'Month-end reviews of October 2026 not ticked' };
    result.findings.push({
      rule: 'month-review',
      cardId: '',
      memberId: 'p2',
      period: '2026-10',
      status: 'missing',
      detail,
      severity: 'warning',
      class: 'compliance',
    });
    const other: Person = { name: 'Başka Lider', trelloId: 'p3', role: 'teamLead', specialists: [SULE] };
    const seen = (person: Person) =>
      buildDashboard({
        boards: [{ snapshot, result, records: state.ledger, backfilled: true }],
        viewer: viewerFor(person),
        people: [manager, lead, other],
        now: NOW,
      }).findings.items.filter((f) => f.rule === 'month-review');
    expect(seen(lead).map((f) => [f.memberId, f.period, f.cardName])).toEqual([['p2', '2026-10', snapshot.name]]);
    expect(seen(manager)).toHaveLength(1);
    expect(seen(other)).toEqual([]);
  });

  it('a specialist who left the board is "Panoda olmayan üye", never a raw Trello id', () => {
    const state = buildState();
    const snap = state.boards[BOARD]!.snapshot as { members: Array<{ id: string }> };
    snap.members = snap.members.filter((m) => m.id !== SULE);
    const d = dashboard(state);
    const names = d.specialists.map((s) => s.name);
    expect(names).toContain('Panoda olmayan üye');
    expect(names.join(' ')).not.toContain(SULE);
  });

  it('compliance % per specialist for this week, this month, last month', () => {
    const d = dashboard(buildState());
    expect(d).toMatchObject({ today: '2026-11-10', week: '2026-W46', month: '2026-11', lastMonth: '2026-10' });
    const sule = d.specialists.find((s) => s.id === SULE)!;
    expect(sule.name).toBe('Şule Gündoğdu');
    expect(sule.cards).toBe(1);
    // This week: Monday 9 Nov missing (Tuesday is today: not judged).
    expect(sule.thisWeek.daily).toEqual({ ok: 0, judged: 1, percent: 0 });
    expect(sule.thisWeek.weekly.percent).toBeNull();
    // November: 2, 5, 6 on time; 3 and 9 missing; 4 late → 3/6.
    expect(sule.thisMonth.daily).toEqual({ ok: 3, judged: 6, percent: 50 });
    expect(sule.thisMonth.weekly).toEqual({ ok: 1, judged: 1, percent: 100 });
    expect(sule.thisMonth.monthly.percent).toBeNull();
    // October: assigned Monday 26th; 29th is Republic Day; nothing written → 26, 27, 28, 30 missing.
    expect(sule.lastMonth.daily).toEqual({ ok: 0, judged: 4, percent: 0 });
    // Per customer too, linking to the Trello card.
    const card = d.cards.find((c) => c.memberId === SULE)!;
    expect(card).toMatchObject({ name: 'Örnek Mağaza Işıklar', url: 'https://trello.com/c/Xy12ab/ornek' });
    expect(card.thisMonth.daily.percent).toBe(50);
    expect(card.findings).toBeGreaterThan(0);
  });

  it('a 12-week trend of daily + weekly on-time %', () => {
    const d = dashboard(buildState());
    expect(d.weeks).toEqual(lastWeeks('2026-11-10'));
    expect(d.weeks).toHaveLength(12);
    expect(d.weeks.at(-1)).toBe('2026-W46');
    const sule = d.specialists.find((s) => s.id === SULE)!;
    expect(sule.trend.slice(0, 9).every((x) => x === null)).toBe(true);
    // W44: 4 missing days + missing weekly → 0; W45: 3 on time of 5 days + weekly on time → 4/6.
    expect(sule.trend.slice(9)).toEqual([0, 66.7, 0]);
  });

  it('open findings by severity, each linking to its Trello card', () => {
    const d = dashboard(buildState());
    const sum = d.findings.bySeverity.critical + d.findings.bySeverity.warning + d.findings.bySeverity.info;
    expect(sum).toBe(d.findings.total);
    expect(d.findings.items.some((f) => f.rule === 'evidence' && f.status === 'deleted')).toBe(true); // R62
    // Most severe first.
    const rank = { critical: 0, warning: 1, info: 2 } as const;
    const ranks = d.findings.items.map((f) => rank[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Board-level findings (the team lead's capacity warning) link to their board.
    expect(d.findings.items.every((f) => f.cardUrl.startsWith(f.cardId ? 'https://trello.com/c/' : 'https://trello.com/b/'))).toBe(true);
  });

  it("today's dailies per specialist: pending (neutral) until written, before the day is over", () => {
    const state = buildState();
    const before = dashboard(state);
    // Tuesday 10 Nov 12:00 Istanbul: neither has written today's daily yet; nothing is "missing" for today.
    expect(before.specialists.find((s) => s.id === SULE)!.today).toEqual({
      required: 1,
      done: 0,
      pending: [{ boardId: BOARD, cardId: 'c0000000000000000000c001', name: 'Örnek Mağaza Işıklar', url: 'https://trello.com/c/Xy12ab/ornek' }],
    });
    expect(before.findings.items.some((f) => f.period === '2026-11-10')).toBe(false);
    appendLedger(state, [
      {
        type: 'comment',
        actionId: 'a0000000000000000000a098',
        boardId: BOARD,
        cardId: CARD2,
        authorId: ILKER,
        postedAt: '2026-11-10T08:30:00Z',
        text: '#günlük bugün kurulum sürdü',
        recordedAt: '2026-11-10T08:40:00Z',
        source: 'scan',
      },
    ]);
    const after = dashboard(state);
    expect(after.specialists.find((s) => s.id === ILKER)!.today).toEqual({ required: 1, done: 1, pending: [] });
    expect(after.specialists.find((s) => s.id === SULE)!.today.pending).toHaveLength(1);
  });

  it('a chosen specialist narrows the lists, while the filter options still list everyone', () => {
    const state = buildState();
    const snapshot = snapshotFromTestState(state, BOARD)!;
    const d = buildDashboard({
      boards: [{ snapshot, result: evaluateBoard(snapshot, NOW), records: state.ledger, backfilled: true }],
      viewer: viewerFor(manager),
      people: [manager, lead],
      now: NOW,
      focus: { member: ILKER },
    });
    expect(d.specialists.map((s) => s.id)).toEqual([ILKER]);
    expect(d.options.specialists.map((s) => s.id).sort()).toEqual([ILKER, SULE].sort());
    expect(d.findings.items.every((f) => f.memberId === ILKER)).toBe(true);
    expect(d.findings.total).toBe(d.findings.bySeverity.critical + d.findings.bySeverity.warning + d.findings.bySeverity.info);
    expect(d.cards.every((c) => c.memberId === ILKER)).toBe(true);
    expect(d.focus).toEqual({ member: ILKER });
  });

  it('customers at risk: a critical disk reading', () => {
    const state = buildState();
    expect(dashboard(state).atRisk).toEqual([]);
    appendLedger(state, [
      {
        type: 'comment',
        actionId: 'a0000000000000000000a099',
        boardId: BOARD,
        cardId: CARD2,
        authorId: ILKER,
        postedAt: '2026-11-08T12:00:00Z',
        text: '#haftalık\nDisk: 3,9 / 4 GB\nTrafik: 50/200 GB',
        recordedAt: '2026-11-09T20:00:00Z',
        source: 'scan',
      },
    ]);
    const risk = dashboard(state).atRisk;
    expect(risk).toHaveLength(1);
    expect(risk[0]).toMatchObject({ cardId: CARD2, name: 'Çiçekçi Güneş', url: 'https://trello.com/c/Zz34cd/cicekci', reasons: ['disk'] });
    expect(risk[0]!.disk!.percent).toBe(97.5);
  });

  it('leave warnings (P15 board-level, P16 on the card) link to the board and the card, for the member on leave', () => {
    const state = buildState();
    // İlker's leave on 11–12 Nov was recorded today, 10 Nov: short notice (P15); Çiçekçi Güneş has no cover (P16, A19).
    const settings = { settings: { v: 1, leaves: [{ memberId: ILKER, from: '2026-11-11', to: '2026-11-12', createdAt: '2026-11-10' }] } };
    (state.boards[BOARD]!.snapshot as { pluginData: Array<{ value: string }> }).pluginData = [{ value: JSON.stringify(settings) }];
    const leave = (p: Person) => dashboard(state, p).findings.items.filter((f) => f.rule === 'leave');
    expect(leave(manager).map((f) => ({ cardId: f.cardId, cardName: f.cardName, cardUrl: f.cardUrl, memberId: f.memberId, status: f.status }))).toEqual([
      { cardId: '', cardName: 'Gelişmiş Destek — İstanbul', cardUrl: 'https://trello.com/b/abc123/gelismis-destek', memberId: ILKER, status: 'warning' },
      { cardId: CARD2, cardName: 'Çiçekçi Güneş', cardUrl: 'https://trello.com/c/Zz34cd/cicekci', memberId: ILKER, status: 'warning' },
    ]);
    expect(leave(lead)).toHaveLength(2); // İlker is in the lead's team
  });

  it("a team lead's dashboard holds only their team", () => {
    const d = dashboard(buildState(), lead);
    expect(d.specialists.map((s) => s.id)).toEqual([ILKER]);
    expect(d.cards.map((c) => c.cardId)).toEqual([CARD2]);
    expect(d.findings.items.every((f) => f.memberId === ILKER)).toBe(true);
    expect(d.teamLeads.map((t) => t.trelloId)).toEqual(['p2']);
  });
});
