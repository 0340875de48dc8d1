// Verdicts judged with the facts of their day, through the emulator, the real scanner and the store
// (docs/rules.md "Facts in force", "Who is responsible"): a hand-over, settings edited after the fact, a freeze
// without approval, past leave without cover and fixed-term extra days, and `report --now T` unchanged byte for
// byte after every kind of fact is edited after T.
import { afterEach, describe, expect, it } from 'vitest';
import { storedResult } from '../../../server/src/store/judge.js';
import type { Approver } from '../../../shared/compliance/facts-in-force.js';
import { boardStatus } from '../../../shared/status.js';
import type { AuditResult } from '../../../shared/types.js';
import { createEvaluator, evidenceFromStore } from '../../../server/src/reports/evaluate.js';
import { renderCsv, renderHtml, renderJson } from '../../../server/src/reports/evidence-render.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { snapshotOf } from '../../../server/src/store/board-view.js';
import { NOW, startWorld, type World } from './world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const HOUR = 3_600_000;
const A = '6a00000000000000000a0000'; // the board's specialist (world.ts)
const B = { id: '6a00000000000000000e0001', fullName: 'Deniz Kaya', username: 'denizkaya' };
const LEAD = { id: '6a00000000000000000e0002', fullName: 'Leyla Lider', username: 'leylalider' };
const PEOPLE: Approver[] = [{ trelloId: LEAD.id, role: 'teamLead' }];
const ist = (wall: string): Date => new Date(`${wall.replace(' ', 'T')}:00+03:00`);

async function world1(): Promise<{ w: World; boardId: string; card: string; card2: string }> {
  const w = await startWorld({ boards: 1, cards: 3, days: 20 });
  const boardId = w.boardIds[0]!;
  for (const m of [B, LEAD]) {
    w.emu.state.members.set(m.id, { ...m });
    w.emu.state.boards
      .get(boardId)!
      .memberships.push({ id: `${m.id.slice(0, 20)}f00${m.id.slice(-1)}`, idMember: m.id, memberType: 'normal', unconfirmed: false, deactivated: false });
  }
  const cards = w.emu.state.exportBoard(boardId).cards;
  world = w;
  return { w, boardId, card: cards[1]!.id, card2: cards[2]!.id };
}

const profile = (card: string, p: Record<string, unknown>) =>
  JSON.stringify({ profile: { v: 1, site: `${card.slice(-4)}.com.tr`, trainingSlot: '11:00', assignedAt: '2026-10-29', ...p } });
const settings = (s: Record<string, unknown>) => JSON.stringify({ settings: { v: 1, trackingStart: '2026-11-03', ...s } });

async function evaluate(w: World, boardId: string, now: Date): Promise<AuditResult> {
  const ev = createEvaluator(undefined, PEOPLE);
  return (await ev(w.store, boardId, now))!.result;
}
const of = (r: AuditResult, rule: string, card?: string) =>
  r.findings.filter((f) => f.rule === rule && (!card || f.cardId === card)).map((f) => ({ period: f.period, status: f.status, memberId: f.memberId }));

describe('facts in force, through the emulator, scanner and store', () => {
  it('1 · hand-over on 16 Nov: A’s missed days stay A’s (and in report --member A); B answers from the hand-over day and owes an intro', async () => {
    const { w, boardId, card } = await world1();
    w.emu.state.changeCardMember(card, B.id, 'add', LEAD.id, ist('2026-11-16 10:00'));
    w.emu.state.changeCardMember(card, A, 'remove', LEAD.id, ist('2026-11-16 10:01'));
    await scanBoards(w.deps);
    const r = await evaluate(w, boardId, NOW);
    // Card 1 skips 3, 11 and 19 Nov (world.ts); the first two were A's days, the 19th B's.
    expect(of(r, 'daily', card)).toEqual([
      { period: '2026-11-03', status: 'missing', memberId: A },
      { period: '2026-11-11', status: 'missing', memberId: A },
      { period: '2026-11-19', status: 'missing', memberId: B.id },
    ]);
    expect(of(r, 'intro', card)).toContainEqual({ period: '2026-11-16', status: 'missing', memberId: B.id });

    const forA = await evidenceFromStore(w.store, { boardId, memberId: A, from: '2026-11-01', to: '2026-11-22' }, NOW, createEvaluator(undefined, PEOPLE));
    const rowsA = forA.cards.find((c) => c.cardId === card)!.rows.filter((x) => x.rule === 'daily' && x.status === 'missing');
    expect(rowsA.map((x) => x.period)).toEqual(['2026-11-03', '2026-11-11']);
    expect(rowsA[1]!.facts).toMatchObject({ owner: A, ownerFrom: 'members', responsible: A });
    const forB = await evidenceFromStore(w.store, { boardId, memberId: B.id, from: '2026-11-01', to: '2026-11-22' }, NOW, createEvaluator(undefined, PEOPLE));
    const rowsB = forB.cards.find((c) => c.cardId === card)!.rows;
    expect(rowsB.filter((x) => x.status === 'missing').map((x) => `${x.rule} ${x.period}`)).toEqual(['intro 2026-11-16', 'daily 2026-11-19']);
    // The owner's add comes from Trello's addMemberToCard, with its ledger number.
    expect(rowsB.find((x) => x.period === '2026-11-19')!.facts).toMatchObject({ owner: B.id, ownerFrom: 'members', ownerSeq: expect.any(Number) });
  });

  it('2 · settings edited after T (leave and cover removed, package, rota, assignedAt, specialist changed): report --now T is byte for byte the same', async () => {
    const { w, boardId, card } = await world1();
    const T = NOW;
    w.emu.state.setPluginData(
      boardId,
      settings({
        leaves: [{ memberId: A, from: '2026-11-17', to: '2026-11-18' }],
        saturdayRota: { '2026-11-14': [A] },
        thresholds: { high: 80, critical: 95, staleDays: 8 },
      }),
      'nabiz',
    );
    w.emu.state.setPluginData(
      card,
      profile(card, {
        specialist: A,
        package: 'monthly',
        cover: [{ from: '2026-11-17', to: '2026-11-17', memberId: B.id }],
        frozen: [{ from: '2026-11-10', to: '2026-11-11' }],
      }),
      'nabiz',
    );
    w.emu.state.addComment(card, LEAD.id, '#dondurma-onay 10.11–11.11 müşteri talebi', ist('2026-11-06 17:00'));
    await scanBoards(w.deps);
    const report = async () => {
      const r = await evidenceFromStore(w.store, { boardId, from: '2026-11-01', to: '2026-11-23' }, T, createEvaluator(undefined, PEOPLE));
      return { r, html: renderHtml(r, 'tr'), json: renderJson(r), csv: renderCsv(r, 'en') };
    };
    const before = await report();
    const daily = before.r.cards.find((c) => c.cardId === card)!.rows.filter((x) => x.rule === 'daily' && x.status === 'missing');
    // 11 Nov frozen (approved by the lead), 14 Nov A's rota Saturday, 18 Nov A on leave without cover.
    expect(daily.map((x) => [x.period, x.memberId])).toEqual([
      ['2026-11-03', A],
      ['2026-11-14', A],
      ['2026-11-19', A],
    ]);
    // 17 Nov was the cover's day (B), written.
    expect(before.r.cards.find((c) => c.cardId === card)!.rows.find((x) => x.period === '2026-11-17')).toMatchObject({ memberId: B.id, status: 'ok' });
    expect(of(await evaluate(w, boardId, T), 'leave', card)).toEqual([{ period: '2026-11-17', status: 'warning', memberId: A }]);

    // After T: hand the card over, change assignedAt, specialist, package, thresholds and rota, drop the old leave,
    // cover and freeze ranges (docs/rules.md's advice under 4096 characters), add new ones.
    w.clock.now = new Date(T.getTime() + 2 * HOUR);
    w.emu.state.changeCardMember(card, B.id, 'add', LEAD.id);
    w.emu.state.changeCardMember(card, A, 'remove', LEAD.id);
    w.emu.state.setPluginData(
      card,
      profile(card, {
        assignedAt: '2026-11-12',
        specialist: B.id,
        package: 'other',
        cover: [{ from: '2026-12-07', to: '2026-12-08', memberId: A }],
        frozen: [{ from: '2026-12-14', to: '2026-12-18' }],
      }),
      'nabiz',
    );
    w.emu.state.setPluginData(
      boardId,
      settings({
        leaves: [{ memberId: B.id, from: '2026-12-07', to: '2026-12-08' }],
        saturdayRota: { '2026-11-21': [B.id] },
        thresholds: { high: 70, critical: 90, staleDays: 5 },
      }),
      'nabiz',
    );
    w.clock.now = new Date(T.getTime() + 3 * HOUR);
    await scanBoards(w.deps);
    await scanBoards(w.deps, { full: true });
    const snap = (await snapshotOf(w.store, boardId))!;
    expect(
      snap
        .facts!.filter((f) => Date.parse(f.at) > T.getTime())
        .map((f) => f.kind)
        .sort(),
    ).toEqual(['board-data', 'card-data', 'member', 'member']);

    const after = await report();
    // Two lines describe the store when the report is made, not the verdicts: the chain check runs over the whole
    // ledger (its record count grew with the facts recorded after T) and the store's last scan is later.
    const norm = (s: string) =>
      s
        .replace(/\(\d+ (kayıt|records)\)/g, '(N $1)')
        .replace(/("verification": \{\n\s+"ok": true,\n\s+"count": )\d+/, '$1N')
        .replace(/\n\s+"lastScanAt": "[^"]+",/, '');
    expect(after.r.ledger.verification.count).toBeGreaterThan(before.r.ledger.verification.count);
    expect(JSON.parse(after.json).cards).toEqual(JSON.parse(before.json).cards);
    expect(after.r.history.lastScanAt).not.toBe(before.r.history.lastScanAt);
    expect(norm(after.json)).toBe(norm(before.json));
    expect(norm(after.html)).toBe(norm(before.html));
    expect(norm(after.csv)).toBe(norm(before.csv));
  });

  it('3 · a freeze without a lead’s approval exempts nothing and is the lead’s finding; the lead’s #dondurma-onay approves it; a live frozen site keeps its weekly reading', async () => {
    const { w, boardId, card } = await world1();
    w.emu.state.setPluginData(card, profile(card, { specialist: A, liveAt: '2026-11-02', frozen: [{ from: '2026-11-09', to: '2026-11-15' }] }), 'nabiz');
    await scanBoards(w.deps);
    const r = await evaluate(w, boardId, NOW);
    expect(of(r, 'freeze', card)).toEqual([{ period: '2026-11-09', status: 'missing', memberId: LEAD.id }]);
    expect(of(r, 'daily', card).map((f) => f.period)).toContain('2026-11-11');

    // The specialist's own approval tag counts for nothing; the lead's does.
    w.clock.now = new Date(NOW.getTime() + HOUR);
    w.emu.state.addComment(card, A, '#dondurma-onay 09.11–15.11');
    await scanBoards(w.deps);
    expect(of(await evaluate(w, boardId, w.clock.now), 'freeze', card)).toHaveLength(1);
    w.emu.state.addComment(card, LEAD.id, '#dondurma-onay 09.11–15.11 onaylandı');
    await scanBoards(w.deps);
    const approved = await evaluate(w, boardId, w.clock.now);
    expect(of(approved, 'freeze', card)).toEqual([]);
    expect(of(approved, 'daily', card).map((f) => f.period)).not.toContain('2026-11-11');
    // A21: live, so the frozen week 46 still needs its weekly reading (world.ts writes it on Fridays: the 13th was frozen, not skipped).
    const weekly = of(approved, 'weekly', card).filter((f) => f.period === '2026-W46');
    expect(weekly.every((f) => f.status !== 'missing')).toBe(true);
    const ctx = (await createEvaluator(undefined, PEOPLE)(w.store, boardId, w.clock.now))!.prepared().cards.find((c) => c.card.id === card)!;
    expect(ctx.weeklyRequired.has('2026-11-13')).toBe(true);
    expect(ctx.required.has('2026-11-13')).toBe(false);
  });

  it('4 · past leave of a monthly customer without cover stays a finding; a fixed-term customer gets the leave days as extra days on the card', async () => {
    const { w, boardId, card, card2 } = await world1();
    w.emu.state.setPluginData(boardId, settings({ leaves: [{ memberId: A, from: '2026-11-17', to: '2026-11-18', createdAt: '2026-11-01' }] }), 'nabiz');
    w.emu.state.setPluginData(card, profile(card, { specialist: A, package: 'monthly' }), 'nabiz');
    w.emu.state.setPluginData(card2, profile(card2, { specialist: A, package: 'fixedTerm', trainingSlot: '14:00' }), 'nabiz');
    await scanBoards(w.deps);
    const r = await evaluate(w, boardId, NOW); // the leave ended on the 18th
    expect(of(r, 'leave', card)).toEqual([{ period: '2026-11-17', status: 'warning', memberId: A }]);
    expect(of(r, 'leave', card2)).toEqual([]);
    const snap = (await snapshotOf(w.store, boardId))!;
    const status = boardStatus(snap, r, NOW, { evaluate: { people: PEOPLE } });
    expect(status.cards[card2]!.goLive).toMatchObject({ deadline: '2026-12-30', extraDays: ['2026-11-17', '2026-11-18'] }); // 28 Dec + 2
    expect(status.cards[card]!.goLive.extraDays).toBeUndefined();
  });

  it('a profile saved during the day is in force for the scan that records it (status rows: go-live from today)', async () => {
    const { w, boardId, card } = await world1();
    await scanBoards(w.deps);
    const goLive = async () => (await w.store.verdicts.cards(boardId)).find((c) => c.cardId === card)?.status?.base.goLive;
    expect(await goLive()).toMatchObject({ deadline: '2026-12-28', live: false }); // assigned 29 Oct + 60 days
    // Assigned again today. A real clock moves while the scan fetches and records (each read here one second later),
    // so the pluginData version is recorded after the scan started; the judgement must see it in force.
    let t = NOW.getTime();
    w.emu.state.setPluginData(card, profile(card, { assignedAt: '2026-11-23' }), 'nabiz');
    await scanBoards({ ...w.deps, clock: () => new Date((t += 1000)) });
    expect(await goLive()).toMatchObject({ deadline: '2027-01-22', live: false }); // 23 Nov + 60 days
    // The days before stay judged with the profile in force then (assigned 29 Oct): their misses remain.
    expect(of((await storedResult(w.store, boardId))!, 'daily', card).map((f) => f.period)).toEqual(['2026-11-03', '2026-11-11', '2026-11-19']);
  });
});
