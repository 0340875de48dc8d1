// The specialist's side of the story from the Power-Up (docs/rules.md "Explanations and excused periods"):
// POST /api/cards/:cardId/explanation records the writer's explanation of a period, POST …/explanation-accept a
// lead's or manager's acceptance; both are dated ledger facts the board view hands to the reports. Real JWTs,
// a real store scanned from the emulator, the real Express app.
import { afterEach, describe, expect, it } from 'vitest';
import { NOT_ACCEPTOR_TR } from '../../../server/src/http/routes/approvals.js';
import { explanationsOf } from '../../../shared/explanations.js';
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
  const post = async (path: 'explanation' | 'explanation-accept', idMember: string | null, body: unknown, opts: { card?: string; board?: string } = {}) => {
    const res = await fetch(`${url}/api/cards/${opts.card ?? cardId}/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(idMember ? { Authorization: `Bearer ${await token(idMember, opts.board)}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const list = async (idMember: string) =>
    (await (await fetch(`${url}/api/cards/${cardId}/explanations`, { headers: { Authorization: `Bearer ${await token(idMember)}` } })).json()) as {
      canAccept: boolean;
      records: Array<Record<string, unknown>>;
    };
  return { board, specialist, cardId, post, list, other: world.boardIds[1]! };
}

describe('explanations from the Power-Up', () => {
  it('the specialist explains, a lead accepts: two ledger facts (who, when) the reports resolve as excused', async () => {
    const s = await setup();
    const day = '2026-11-24';
    const said = await s.post('explanation', s.specialist, { period: day, text: 'müşteri bayram nedeniyle kapalıydı' });
    expect(said.status).toBe(200);
    expect(said.body).toMatchObject({ recorded: true, explanation: { period: day, by: s.specialist, seq: expect.any(Number) } });
    // The specialist may not accept their own explanation.
    expect(await s.post('explanation-accept', s.specialist, { period: day })).toEqual({ status: 403, body: { error: NOT_ACCEPTOR_TR } });
    expect((await s.post('explanation-accept', OTHER_LEAD, { period: day })).status).toBe(403);
    expect((await s.list(s.specialist)).canAccept).toBe(false);
    expect((await s.list(LEAD)).canAccept).toBe(true);
    const ok = await s.post('explanation-accept', LEAD, { period: day });
    expect(ok).toMatchObject({ status: 200, body: { recorded: true, acceptance: { period: day, by: LEAD } } });
    // Once per lead and period.
    expect((await s.post('explanation-accept', LEAD, { period: day })).body).toMatchObject({ recorded: false });
    const listed = await s.list(LEAD);
    expect(listed.records.map((r) => [r.type, r.period, r.by])).toEqual([
      ['explanation', day, s.specialist],
      ['explanation-accept', day, LEAD],
    ]);
    const snap = (await snapshotOf(world!.store, s.board))!;
    const facts = snap.facts!.filter((f) => f.kind === 'explanation' || f.kind === 'explanation-accept');
    expect(facts).toHaveLength(2);
    const resolved = explanationsOf(snap, world!.clock.now, {
      people: [{ trelloId: LEAD, role: 'teamLead' }],
      responsibleFor: () => [s.specialist],
    });
    expect(resolved.get(s.cardId)!.get(day)!.accepted).toMatchObject({ by: LEAD, via: 'powerup' });
  });

  it('validates the body (400), needs a token (401) and binds it to its board (404)', async () => {
    const s = await setup();
    const before = (await ledgerOf(world!.store)).length;
    expect((await s.post('explanation', s.specialist, { period: '2026-11-24', text: '   ' })).status).toBe(400);
    expect((await s.post('explanation', s.specialist, { period: '24.11.2026', text: 'x' })).status).toBe(400);
    expect((await s.post('explanation', s.specialist, { period: '2026-02-30', text: 'x' })).status).toBe(400);
    expect((await s.post('explanation', s.specialist, { period: '2026-W48', text: 'x', by: LEAD })).status).toBe(400);
    expect((await s.post('explanation', null, { period: '2026-W48', text: 'x' })).status).toBe(401);
    expect((await s.post('explanation-accept', LEAD, { period: '2026-11-24' }, { board: s.other })).status).toBe(404);
    expect(await ledgerOf(world!.store)).toHaveLength(before);
    expect((await s.post('explanation', s.specialist, { period: '2026-W48', text: 'haftalık okuma alınamadı' })).status).toBe(200);
    expect((await s.post('explanation', s.specialist, { period: '2026-11', text: 'aylık gecikti' })).status).toBe(200);
  });
});
