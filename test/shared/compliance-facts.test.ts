// Facts in force (docs/rules.md "Facts in force", "Who is responsible"): the resolver, table-driven, and each
// rule change it brings — hand-over (R18), ranges removed later, scalars edited later, freeze approval (R20),
// a live frozen site's weekly reading (A21), leave without cover (R56) and extra days (R57), reproducibility.
import { describe, expect, it } from 'vitest';
import { evaluateBoard, prepareBoard } from '../../shared/compliance.js';
import { judgedPeriods } from '../../shared/compliance/judged-periods.js';
import { boardTimeline, cardTimeline, factsByCard, membersAt, type Approver } from '../../shared/compliance/facts-in-force.js';
import { parseFreezeApproval } from '../../shared/entries/freeze-approval.js';
import type { Fact, MemberFact } from '../../shared/facts.js';
import { boardStatus } from '../../shared/status.js';
import type { BoardSnapshot, Finding } from '../../shared/types.js';
import { board, COVER, dailies, ist, OTHER, SPECIALIST, type CardSpec, type CommentSpec } from '../fixtures/snapshot-builder.js';

const A = SPECIALIST;
const B = OTHER;
const LEAD = '5f3a1b2c9d8e7f6a5b4c3d99';
const MANAGER = '5f3a1b2c9d8e7f6a5b4c3d98';
const PEOPLE: Approver[] = [
  { trelloId: LEAD, role: 'teamLead' },
  { trelloId: MANAGER, role: 'manager' },
];
const CARD = 'c0000000000000000000000a';
const at = (wall: string): Date => new Date(ist(wall));
const profileValue = (p: Record<string, unknown>) => [
  { idPlugin: 'p', value: JSON.stringify({ profile: { v: 1, site: 'ornek.com.tr', trainingSlot: '10:00', ...p } }) },
];
const settingsValue = (s: Record<string, unknown>) => [{ idPlugin: 'p', value: JSON.stringify({ settings: { v: 1, trackingStart: '2000-01-03', ...s } }) }];

let seq = 100;
const cardData = (wall: string, p: Record<string, unknown>, baseline = false): Fact => ({
  kind: 'card-data',
  cardId: CARD,
  pluginData: profileValue(p),
  at: ist(wall),
  timeSource: 'noticed',
  ...(baseline ? { baseline: true } : {}),
  seq: seq++,
});
const boardData = (wall: string, s: Record<string, unknown>, baseline = false): Fact => ({
  kind: 'board-data',
  pluginData: settingsValue(s),
  at: ist(wall),
  timeSource: 'noticed',
  ...(baseline ? { baseline: true } : {}),
  seq: seq++,
});
const member = (wall: string, memberId: string, op: 'add' | 'remove'): MemberFact => ({
  kind: 'member',
  cardId: CARD,
  memberId,
  op,
  at: ist(wall),
  timeSource: 'trello',
  actionId: `act-${op}-${memberId}-${wall}`,
  seq: seq++,
});

/** One card (id CARD) with the given current profile, members, comments; facts as given (undefined: none). */
function snap(
  spec: { profile?: Record<string, unknown>; members?: string[]; comments?: CommentSpec[] },
  settings: Record<string, unknown> = {},
  facts?: Fact[],
): BoardSnapshot {
  const c: CardSpec = { id: CARD, members: spec.members ?? [A], comments: spec.comments ?? [] };
  const s = board([{ ...c, profile: null }], settings);
  s.cards[0]!.pluginData = profileValue({ assignedAt: '2026-11-02', ...(spec.profile ?? {}) });
  return facts ? { ...s, facts } : s;
}
const of = (fs: readonly Finding[], rule: string) =>
  fs.filter((f) => f.rule === rule).map((f) => ({ period: f.period, status: f.status, memberId: f.memberId }));

describe('the resolver (shared/compliance/facts-in-force.ts)', () => {
  it('replays member facts backwards from the current members', () => {
    const facts = [member('2026-11-16 10:00', A, 'remove'), member('2026-11-16 10:01', B, 'add')];
    const rows: Array<[string, string[]]> = [
      ['2026-11-10 12:00', [A]],
      ['2026-11-16 09:59', [A]],
      ['2026-11-16 10:00', []], // a fact applies from its own instant
      ['2026-11-16 10:00:30', []],
      ['2026-11-16 10:01', [B]],
      ['2026-12-01 00:00', [B]],
    ];
    for (const [wall, expected] of rows) {
      const ms = wall.length > 16 ? Date.parse(`${wall.replace(' ', 'T')}+03:00`) : Date.parse(ist(wall));
      const got = membersAt({ idMembers: [B] }, facts, ms);
      expect(got, wall).toEqual(expected);
    }
  });

  it('scalars come from the version in force; ranges also from later versions; before the history: the earliest, said', () => {
    const facts = [
      boardData('2026-11-01 09:00', { leaves: [{ memberId: A, from: '2026-11-24', to: '2026-11-26' }] }, true),
      boardData('2026-12-01 09:00', { leaves: [] }),
      cardData(
        '2026-11-01 09:00',
        { assignedAt: '2026-11-02', specialist: A, package: 'monthly', cover: [{ from: '2026-11-24', to: '2026-11-26', memberId: COVER }] },
        true,
      ),
      cardData('2026-11-20 15:00', { assignedAt: '2026-11-02', specialist: B, package: 'fixedTerm' }),
      cardData('2026-12-02 09:00', {
        assignedAt: '2026-11-02',
        specialist: B,
        package: 'other',
        cover: [{ from: '2026-11-09', to: '2026-11-10', memberId: COVER }],
      }),
    ];
    const s = snap({}, {}, facts);
    const now = at('2026-12-03 12:00');
    const bt = boardTimeline(s, now)!;
    const ct = cardTimeline(s.cards[0]!, bt, factsByCard(facts).get(CARD), now, undefined);
    const table: Array<[string, { specialist: string; pkg?: string; covers: string[]; knownFrom?: string; onLeave?: boolean }]> = [
      ['2026-10-20', { specialist: A, pkg: 'monthly', covers: ['2026-11-09', '2026-11-24'], knownFrom: '2026-11-01' }],
      ['2026-11-19', { specialist: A, pkg: 'monthly', covers: ['2026-11-09', '2026-11-24'] }],
      ['2026-11-20', { specialist: B, pkg: 'fixedTerm', covers: ['2026-11-09'] }], // changed at 15:00: applies to the day
      ['2026-12-03', { specialist: B, pkg: 'other', covers: ['2026-11-09'] }],
    ];
    for (const [day, want] of table) {
      const d = ct.on(day);
      expect(d.specialist, day).toBe(want.specialist);
      expect(d.profile.package, day).toBe(want.pkg);
      expect((d.profile.cover ?? []).map((c) => c.from).sort(), day).toEqual(want.covers);
      expect(ct.basis(day).knownFrom, day).toBe(want.knownFrom);
    }
    // The leave removed on 1 Dec still counts for its days (it happened), the cover too.
    expect(ct.on('2026-11-25').cal.onLeave(A, '2026-11-25')).toBe(true);
    const basis = ct.basis('2026-11-25');
    expect(basis).toMatchObject({ owner: B, responsible: B });
    // The cover 9–10 Nov was first recorded on 2 Dec: it counts, and says it was recorded after the day.
    const cov = ct.basis('2026-11-10');
    expect(cov.owner).toBe(A);
    expect(bt.on('2026-11-10').settings.leaves).toEqual([{ memberId: A, from: '2026-11-24', to: '2026-11-26' }]);
    // Nothing recorded after `now` is read.
    const early = cardTimeline(s.cards[0]!, boardTimeline(s, at('2026-11-20 12:00'))!, factsByCard(facts).get(CARD), at('2026-11-20 12:00'), undefined);
    expect(early.on('2026-11-20').specialist).toBe(A);
  });

  it('a range first recorded after the day says so in the basis, with its ledger number', () => {
    const facts = [
      boardData('2026-11-01 09:00', { leaves: [] }, true),
      boardData('2026-12-01 09:00', { leaves: [{ memberId: A, from: '2026-11-24', to: '2026-11-26' }] }),
      cardData('2026-11-01 09:00', { specialist: A }, true),
    ];
    const leaveSeq = facts[1]!.seq;
    const s = snap({ profile: { specialist: A }, comments: dailies('2026-11-02', '2026-11-30', ['2026-11-24', '2026-11-25', '2026-11-26']) }, {}, facts);
    const r = evaluateBoard(s, at('2026-12-03 12:00'));
    expect(of(r.findings, 'daily')).toEqual([]); // the leave added later counts …
    const ctx = prepareBoard(s, at('2026-12-03 12:00')).cards[0]!;
    const row = judgedPeriods(ctx, '2026-11-24', '2026-11-24').find((p) => p.rule === 'daily');
    expect(row).toBeUndefined(); // not required: on leave without cover
    expect(ctx.timeline!.basis('2026-11-24').leave).toEqual({
      from: '2026-11-24',
      to: '2026-11-26',
      memberId: A,
      recordedAt: ist('2026-12-01 09:00'),
      seq: leaveSeq,
      recordedAfter: true,
    });
  });

  it('parses the freeze approval tag (docs/grammar.md)', () => {
    const rows: Array<[string, string, { from: string; to: string } | null]> = [
      ['#dondurma-onay 01.12–15.12 müşteri tatilde', '2026-11-28 10:00', { from: '2026-12-01', to: '2026-12-15' }],
      ['#dondurma-onay 01.12.2026-15.12.2026', '2026-11-28 10:00', { from: '2026-12-01', to: '2026-12-15' }],
      ['#freeze-approval 2026-12-01 – 2026-12-15', '2026-11-28 10:00', { from: '2026-12-01', to: '2026-12-15' }],
      ['#dondurma-onay 28.12–05.01', '2026-12-20 10:00', { from: '2026-12-28', to: '2027-01-05' }],
      ['#dondurma-onay 05.01–10.01', '2026-12-20 10:00', { from: '2027-01-05', to: '2027-01-10' }],
      ['#dondurma-onay', '2026-11-28 10:00', null],
      ['#günlük 01.12–15.12', '2026-11-28 10:00', null],
      ['#dondurma-onay 15.12–01.12.2026', '2026-11-28 10:00', null],
    ];
    for (const [text, wall, want] of rows) expect(parseFreezeApproval(text, ist(wall)), text).toEqual(want);
  });
});

describe('hand-over (R18, docs/rules.md "Who is responsible")', () => {
  // A owns the card (first member) until 16 Nov, when Trello records remove A / add B.
  const facts = [member('2026-11-16 09:30', A, 'remove'), member('2026-11-16 09:31', B, 'add')];
  const comments = [...dailies('2026-11-02', '2026-11-20', ['2026-11-10', '2026-11-17']), { text: '#tanışma müşteri arandı', at: '2026-11-16 11:00', by: B }];
  const s = snap({ members: [B], comments }, {}, facts);
  const now = at('2026-11-23 09:00');

  it("blames each missed day on that day's owner, and the hand-over day on the new owner", () => {
    const r = evaluateBoard(s, now);
    expect(of(r.findings, 'daily')).toEqual([
      { period: '2026-11-10', status: 'missing', memberId: A },
      { period: '2026-11-17', status: 'missing', memberId: B },
    ]);
    expect(of(r.findings, 'intro').filter((f) => f.period === '2026-11-16')).toEqual([]); // B's intro on the day
    expect(r.summary.byMember[A]?.daily).toMatchObject({ judged: 10, missing: 1 });
    expect(r.summary.byMember[B]?.daily).toMatchObject({ judged: 5, missing: 1 });
  });

  it('gives the new owner an intro duty from the hand-over day (missing when none, late when after the next working day)', () => {
    const none = evaluateBoard(snap({ members: [B], comments: comments.slice(0, -1) }, {}, facts), now);
    expect(of(none.findings, 'intro')).toContainEqual({ period: '2026-11-16', status: 'missing', memberId: B });
    const late = evaluateBoard(
      snap({ members: [B], comments: [...comments.slice(0, -1), { text: '#tanışma', at: '2026-11-19 10:00', by: B }] }, {}, facts),
      now,
    );
    expect(of(late.findings, 'intro')).toContainEqual({ period: '2026-11-16', status: 'late', memberId: B });
  });

  it("without facts the current owner answers for every day (today's behaviour)", () => {
    const r = evaluateBoard(snap({ members: [B], comments }), now);
    expect(of(r.findings, 'daily').map((f) => f.memberId)).toEqual([B, B]);
  });
});

describe('edits after the fact do not rewrite the past (reproducible as of T)', () => {
  const T = at('2026-11-28 12:00');
  const base = [
    boardData('2026-11-01 09:00', { leaves: [{ memberId: A, from: '2026-11-24', to: '2026-11-26' }], saturdayRota: { '2026-11-07': [A] } }, true),
    cardData(
      '2026-11-01 09:00',
      {
        assignedAt: '2026-11-02',
        specialist: A,
        package: 'monthly',
        cover: [{ from: '2026-11-24', to: '2026-11-25', memberId: COVER }],
        frozen: [{ from: '2026-11-12', to: '2026-11-13' }],
      },
      true,
    ),
  ];
  const comments = [
    ...dailies('2026-11-02', '2026-11-27', ['2026-11-03', '2026-11-12', '2026-11-24']),
    { text: '#dondurma-onay 12.11–13.11', at: '2026-11-05 10:00', by: LEAD },
  ];
  const before = snap({ profile: { specialist: A }, comments }, {}, base);
  // After T: hand-over to B, assignedAt moved, package changed, thresholds and rota changed, old ranges removed, a new one added.
  const later: Fact[] = [
    ...base,
    member('2026-12-01 09:00', B, 'add'),
    cardData('2026-12-01 10:00', {
      assignedAt: '2026-10-01',
      specialist: B,
      package: 'other',
      cover: [{ from: '2026-12-10', to: '2026-12-11', memberId: COVER }],
    }),
    boardData('2026-12-01 11:00', {
      leaves: [{ memberId: B, from: '2026-12-10', to: '2026-12-11' }],
      saturdayRota: { '2026-11-14': [A] },
      thresholds: { high: 70, critical: 90, staleDays: 8 },
    }),
  ];
  const after: BoardSnapshot = {
    ...snap(
      { profile: { specialist: B, assignedAt: '2026-10-01' }, members: [A, B], comments },
      { leaves: [{ memberId: B, from: '2026-12-10', to: '2026-12-11' }] },
      later,
    ),
  };

  it('gives the same findings and report periods for T', () => {
    const r1 = evaluateBoard(before, T, { people: PEOPLE });
    const r2 = evaluateBoard(after, T, { people: PEOPLE });
    expect(r2).toEqual(r1);
    expect(of(r1.findings, 'daily')).toEqual([
      { period: '2026-11-03', status: 'missing', memberId: A },
      { period: '2026-11-07', status: 'missing', memberId: A }, // A's rota Saturday
      { period: '2026-11-24', status: 'missing', memberId: COVER }, // the cover answers
    ]);
    const p1 = judgedPeriods(prepareBoard(before, T, { people: PEOPLE }).cards[0]!, '2026-11-01', '2026-11-28');
    const p2 = judgedPeriods(prepareBoard(after, T, { people: PEOPLE }).cards[0]!, '2026-11-01', '2026-11-28');
    expect(p2).toEqual(p1);
  });

  it('the past keeps its facts after the edits; the days after them follow the new ones', () => {
    const r = evaluateBoard(after, at('2026-12-14 09:00'), { people: PEOPLE });
    const daily = of(r.findings, 'daily');
    expect(daily.filter((f) => f.period < '2026-11-28')).toEqual([
      { period: '2026-11-03', status: 'missing', memberId: A },
      { period: '2026-11-07', status: 'missing', memberId: A },
      { period: '2026-11-24', status: 'missing', memberId: COVER },
    ]);
    // 26 Nov (A on leave, no cover, the leave since removed): still nobody's day, and R56 keeps its finding.
    expect(of(r.findings, 'leave')).toContainEqual({ period: '2026-11-24', status: 'warning', memberId: A });
    // From 1 Dec B owns the card: B's missing days (no dailies written after 27 Nov).
    expect(daily.filter((f) => f.period >= '2026-12-01').every((f) => f.memberId === B || f.memberId === COVER)).toBe(true);
  });
});

describe('freeze approval (R20)', () => {
  const frozen = { frozen: [{ from: '2026-11-09', to: '2026-11-13', note: 'müşteri tatilde' }] };
  const comments = dailies('2026-11-02', '2026-11-20', ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13']);
  const now = at('2026-11-23 09:00');

  it('an unapproved freeze exempts nothing and is a finding for the lead, not the specialist', () => {
    const r = evaluateBoard(snap({ profile: frozen, comments }), now, { people: PEOPLE });
    expect(of(r.findings, 'daily').map((f) => f.period)).toEqual(['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13']);
    expect(of(r.findings, 'freeze')).toEqual([{ period: '2026-11-09', status: 'missing', memberId: LEAD }]);
  });

  it('a #dondurma-onay comment by a lead or manager approves it; by the specialist it does not', () => {
    const byLead = evaluateBoard(
      snap({ profile: frozen, comments: [...comments, { text: '#dondurma-onay 09.11–13.11', at: '2026-11-06 16:00', by: MANAGER }] }),
      now,
      { people: PEOPLE },
    );
    expect(of(byLead.findings, 'daily')).toEqual([]);
    expect(of(byLead.findings, 'freeze')).toEqual([]);
    const bySelf = evaluateBoard(
      snap({ profile: frozen, comments: [...comments, { text: '#dondurma-onay 09.11–13.11', at: '2026-11-06 16:00', by: A }] }),
      now,
      { people: PEOPLE },
    );
    expect(of(bySelf.findings, 'freeze')).toHaveLength(1);
    // A partial approval exempts only its days.
    const part = evaluateBoard(
      snap({ profile: frozen, comments: [...comments, { text: '#dondurma-onay 09.11–11.11', at: '2026-11-06 16:00', by: LEAD }] }),
      now,
      { people: PEOPLE },
    );
    expect(of(part.findings, 'daily').map((f) => f.period)).toEqual(['2026-11-12', '2026-11-13']);
  });

  it('a freeze-approval fact by a lead approves it (and names the approver in the period basis)', () => {
    const approval: Fact = {
      kind: 'freeze-approval',
      cardId: CARD,
      from: '2026-11-09',
      to: '2026-11-13',
      by: LEAD,
      at: ist('2026-11-06 16:00'),
      timeSource: 'noticed',
      via: 'powerup',
      seq: 7,
    };
    const s = snap({ profile: frozen, comments }, {}, [approval]);
    const r = evaluateBoard(s, now, { people: PEOPLE });
    expect(of(r.findings, 'daily')).toEqual([]);
    expect(of(r.findings, 'freeze')).toEqual([]);
    const ctx = prepareBoard(s, now, { people: PEOPLE }).cards[0]!;
    expect(ctx.timeline!.basis('2026-11-10').frozen).toMatchObject({ from: '2026-11-09', to: '2026-11-13', approved: true, approval: { by: LEAD, seq: 7 } });
    // An approval fact by someone who is no lead or manager counts for nothing.
    const fake = evaluateBoard(snap({ profile: frozen, comments }, {}, [{ ...approval, by: B }]), now, { people: PEOPLE });
    expect(of(fake.findings, 'freeze')).toHaveLength(1);
  });

  it('without a people list approvals are not judged (an export audit): frozen ranges count as written', () => {
    const r = evaluateBoard(snap({ profile: frozen, comments }), now);
    expect(of(r.findings, 'daily')).toEqual([]);
    expect(of(r.findings, 'freeze')).toEqual([]);
  });

  it('A21: a live frozen site keeps its weekly reading duty; a site not yet live does not', () => {
    const week = { frozen: [{ from: '2026-11-09', to: '2026-11-15' }] };
    const approval = { text: '#dondurma-onay 09.11–15.11', at: '2026-11-06 16:00', by: LEAD };
    const weeklies = ['2026-W45', '2026-W47'].map((w, i) => ({
      text: `#haftalık ${w} Disk: 1/4 GB Trafik: 10/100 GB`,
      at: i ? '2026-11-20 10:00' : '2026-11-06 10:00',
    }));
    const live = evaluateBoard(snap({ profile: { ...week, liveAt: '2026-11-02' }, comments: [approval, ...weeklies] }), now, { people: PEOPLE });
    expect(of(live.findings, 'weekly')).toEqual([{ period: '2026-W46', status: 'missing', memberId: A }]);
    const notLive = evaluateBoard(snap({ profile: week, comments: [approval, ...weeklies] }), now, { people: PEOPLE });
    expect(of(notLive.findings, 'weekly')).toEqual([]);
  });
});

describe('leave (R56, R57)', () => {
  const leave = { leaves: [{ memberId: A, from: '2026-11-09', to: '2026-11-10' }] };
  const comments = dailies('2026-11-02', '2026-11-20', ['2026-11-09', '2026-11-10']);
  const now = at('2026-11-23 09:00');

  it('a past leave of a monthly customer without cover stays a finding after the leave (R56)', () => {
    const r = evaluateBoard(snap({ profile: { package: 'monthly' }, comments }, leave), now);
    expect(of(r.findings, 'leave')).toEqual([{ period: '2026-11-09', status: 'warning', memberId: A }]);
    expect(of(r.findings, 'daily')).toEqual([]); // nobody answers a day of leave without cover
    const covered = evaluateBoard(
      snap({ profile: { package: 'monthly', cover: [{ from: '2026-11-09', to: '2026-11-10', memberId: COVER }] }, comments }, leave),
      now,
    );
    expect(of(covered.findings, 'leave')).toEqual([]);
    expect(of(covered.findings, 'daily')).toEqual([
      { period: '2026-11-09', status: 'missing', memberId: COVER },
      { period: '2026-11-10', status: 'missing', memberId: COVER },
    ]);
  });

  it('a fixed-term customer gets the uncovered leave days as extra days: the go-live deadline moves, the card shows them (R57)', () => {
    const s = snap({ profile: { package: 'fixedTerm', assignedAt: '2026-10-01' }, comments }, leave);
    const r = evaluateBoard(s, now);
    expect(of(r.findings, 'leave')).toEqual([]);
    const st = boardStatus(s, r, now).cards[CARD]!;
    expect(st.goLive).toMatchObject({ deadline: '2026-12-02', extraDays: ['2026-11-09', '2026-11-10'] }); // 30 Nov + 2
    const monthly = boardStatus(snap({ profile: { package: 'monthly', assignedAt: '2026-10-01' }, comments }, leave), r, now).cards[CARD]!;
    expect(monthly.goLive.deadline).toBe('2026-11-30');
    expect(monthly.goLive.extraDays).toBeUndefined();
  });
});
