// POST /api/cards/:cardId/freeze-approval (R20): only a team lead or manager known in NABIZ_PEOPLE may approve a
// freeze; the approval is a dated fact in the ledger the board view hands to the rules. Real JWTs (RS256, the
// production verifier), a real store scanned from the emulator, the real Express app.
import { afterEach, describe, expect, it } from 'vitest';
import { NOT_APPROVER_TR } from '../../../server/src/http/routes/approvals.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { snapshotOf } from '../../../server/src/store/board-view.js';
import { ledgerOf } from '../store/helpers.js';
import { startJwtApp } from './jwt-app.js';
import { startWorld, type World } from '../scan/world.js';

let world: World | undefined;
let close: (() => void) | undefined;
afterEach(async () => {
  close?.();
  await world?.close();
  world = close = undefined;
});

const LEAD = '6a00000000000000000e1001';
const OTHER_LEAD = '6a00000000000000000e1002';
const MANAGER = '6a00000000000000000e1003';

async function setup() {
  world = await startWorld({ boards: 2, cards: 2, days: 10 });
  await scanBoards(world.deps);
  const board = world.boardIds[0]!;
  const specialist = world.emu.state.exportBoard(board).cards[0]!.idMembers[0]!;
  const people = [
    { name: 'Ayşe Lider', trelloId: LEAD, role: 'teamLead', boards: [board], specialists: [specialist] },
    { name: 'Başka Lider', trelloId: OTHER_LEAD, role: 'teamLead', specialists: ['6a00000000000000000e9999'] },
    { name: 'Kemal Yönetici', trelloId: MANAGER, role: 'manager' },
  ];
  const api = await startJwtApp(world, { NABIZ_PEOPLE: JSON.stringify(people) });
  close = api.close;
  const url = api.url;
  const token = (idMember: string, idBoard = board) => api.token(idMember, idBoard);
  const cardId = world.emu.state.exportBoard(board).cards[0]!.id;
  const approve = async (idMember: string | null, body: unknown, opts: { card?: string; board?: string } = {}) => {
    const res = await fetch(`${url}/api/cards/${opts.card ?? cardId}/freeze-approval`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(idMember ? { Authorization: `Bearer ${await token(idMember, opts.board)}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const list = async (idMember: string) =>
    (await (await fetch(`${url}/api/cards/${cardId}/freeze-approvals`, { headers: { Authorization: `Bearer ${await token(idMember)}` } })).json()) as {
      canApprove: boolean;
      approvals: Array<Record<string, unknown>>;
    };
  return { board, specialist, cardId, approve, list, other: world.boardIds[1]! };
}

describe('freeze approval from the Power-Up', () => {
  it('refuses the specialist, another team’s lead and an anonymous caller (403 in Turkish / 401); records nothing', async () => {
    const s = await setup();
    const before = (await ledgerOf(world!.store)).length;
    const bySpecialist = await s.approve(s.specialist, { from: '2026-11-24', to: '2026-11-30' });
    expect(bySpecialist).toEqual({ status: 403, body: { error: NOT_APPROVER_TR } });
    expect((await s.approve(OTHER_LEAD, { from: '2026-11-24', to: '2026-11-30' })).status).toBe(403);
    expect((await s.approve(null, { from: '2026-11-24', to: '2026-11-30' })).status).toBe(401);
    expect((await s.list(s.specialist)).canApprove).toBe(false);
    expect(await ledgerOf(world!.store)).toHaveLength(before);
  });

  it('a lead of the card’s specialist approves: 200, one freeze-approval fact (who, when), once; the board view hands it to the rules', async () => {
    const s = await setup();
    expect((await s.list(LEAD)).canApprove).toBe(true);
    const r = await s.approve(LEAD, { from: '2026-11-24', to: '2026-11-30' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      recorded: true,
      approval: { from: '2026-11-24', to: '2026-11-30', by: LEAD, at: world!.clock.now.toISOString(), seq: expect.any(Number) },
    });
    const again = await s.approve(LEAD, { from: '2026-11-24', to: '2026-11-30' });
    expect(again).toMatchObject({ status: 200, body: { recorded: false, approval: { seq: (r.body.approval as { seq: number }).seq } } });
    const recs = (await ledgerOf(world!.store)).filter((x) => x.type === 'freeze-approval');
    expect(recs).toEqual([
      expect.objectContaining({
        cardId: s.cardId,
        authorId: LEAD,
        authorName: 'Ayşe Lider',
        rangeFrom: '2026-11-24',
        rangeTo: '2026-11-30',
        via: 'powerup',
        source: 'powerup',
      }),
    ]);
    const fact = (await snapshotOf(world!.store, s.board))!.facts!.find((f) => f.kind === 'freeze-approval');
    expect(fact).toEqual({
      kind: 'freeze-approval',
      cardId: s.cardId,
      from: '2026-11-24',
      to: '2026-11-30',
      by: LEAD,
      at: world!.clock.now.toISOString(),
      timeSource: 'noticed',
      via: 'powerup',
      seq: recs[0]!.seq,
    });
    expect((await s.list(s.specialist)).approvals).toEqual([expect.objectContaining({ from: '2026-11-24', to: '2026-11-30', by: LEAD, byName: 'Ayşe Lider' })]);
    // A manager may approve on any board.
    expect((await s.approve(MANAGER, { from: '2026-12-01', to: '2026-12-02' })).status).toBe(200);
  });

  it('validates the body (400) and binds the token to its board (404 for a card of another board)', async () => {
    const s = await setup();
    expect((await s.approve(LEAD, { from: '2026-11-30', to: '2026-11-24' })).status).toBe(400);
    expect((await s.approve(LEAD, { from: '24.11.2026', to: '2026-11-30' })).status).toBe(400);
    expect((await s.approve(LEAD, { from: '2026-11-24', to: '2026-11-30', by: MANAGER })).status).toBe(400);
    const foreign = world!.emu.state.exportBoard(s.other).cards[0]!.id;
    expect((await s.approve(MANAGER, { from: '2026-11-24', to: '2026-11-30' }, { card: foreign })).status).toBe(404);
  });
});
