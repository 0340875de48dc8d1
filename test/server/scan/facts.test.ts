// The dated facts through the real scanner, store and emulator (docs/rules.md "Facts in force"): a hand-over is
// recorded with Trello's dates, a profile edit once (and not again while unchanged), an upgraded store starts its
// history from a baseline, and the board view hands the facts to the rules with their ledger numbers.
import { afterEach, describe, expect, it } from 'vitest';
import type { Fact } from '../../../shared/facts.js';
import { snapshotFromTrello } from '../../../shared/trello-export.js';
import { evidenceFromStore } from '../../../server/src/reports/evaluate.js';
import { renderHtml } from '../../../server/src/reports/evidence-render.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { boardView, snapshotOf } from '../../../server/src/store/board-view.js';
import { verifyLedger } from '../../../server/src/store/ledger.js';
import { memoryStore, seedStore } from '../../../server/src/store/store.js';
import type { LedgerRecord } from '../../../server/src/store/schema.js';
import { commentRecordsOf, ledgerOf } from '../store/helpers.js';
import { KEY, NOW, TOKEN, startWorld, type World } from './world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const HOUR = 3_600_000;
const B = { id: '6a00000000000000000e0001', fullName: 'Deniz Kaya', username: 'denizkaya' };

/** A second specialist on the board, so a card can be handed over to them. */
function addBoardMember(w: World, boardId: string) {
  w.emu.state.members.set(B.id, { ...B });
  w.emu.state.boards
    .get(boardId)!
    .memberships.push({ id: '6a00000000000000000f0001', idMember: B.id, memberType: 'normal', unconfirmed: false, deactivated: false });
}

async function rest(w: World, method: string, path: string, query: Record<string, string> = {}) {
  const u = new URL(`${w.emu.url}/1${path}`);
  for (const [k, v] of Object.entries({ ...query, key: KEY, token: TOKEN })) u.searchParams.set(k, v);
  const res = await fetch(u, { method });
  return { status: res.status, json: (await res.json().catch(() => null)) as unknown };
}

const factRecords = async (w: World) => (await ledgerOf(w.store)).filter((r) => !['comment', 'edit', 'delete'].includes(r.type));

describe('dated facts recorded by the scanner', () => {
  it('a hand-over: Trello’s addMemberToCard / removeMemberFromCard are recorded once, with Trello’s dates and author', async () => {
    world = await startWorld({ boards: 1, cards: 2, days: 10 });
    const boardId = world.boardIds[0]!;
    addBoardMember(world, boardId);
    await scanBoards(world.deps);
    const card = world.emu.state.exportBoard(boardId).cards[1]!;
    const a = card.idMembers[0]!;

    // The lead hands the card over on the REST API, the way Trello's board does (two actions, each dated).
    world.clock.now = new Date(NOW.getTime() + 24 * HOUR);
    const added = await rest(world, 'POST', `/cards/${card.id}/idMembers`, { value: B.id });
    expect(added.status).toBe(200);
    world.clock.now = new Date(NOW.getTime() + 24 * HOUR + 60_000);
    expect((await rest(world, 'DELETE', `/cards/${card.id}/idMembers/${a}`)).status).toBe(200);
    expect(world.emu.state.cards.get(card.id)!.idMembers).toEqual([B.id]);
    const listed = (await rest(world, 'GET', `/boards/${boardId}/actions`, { filter: 'addMemberToCard,removeMemberFromCard' })).json as Array<{
      id: string;
      type: string;
      date: string;
      idMemberCreator: string;
      data: { idMember: string };
    }>;
    expect(listed.map((x) => [x.type, x.data.idMember])).toEqual([
      ['removeMemberFromCard', a],
      ['addMemberToCard', B.id],
    ]);

    world.clock.now = new Date(NOW.getTime() + 30 * HOUR); // the scan notices later; the facts keep Trello's times
    const r = await scanBoards(world.deps);
    expect(r.boards[0]!.facts).toBeGreaterThanOrEqual(2);
    const members = (await factRecords(world)).filter((x) => x.type === 'member' && !x.baseline);
    expect(members).toEqual([
      expect.objectContaining({
        cardId: card.id,
        memberId: B.id,
        op: 'add',
        postedAt: listed[1]!.date,
        actionId: listed[1]!.id,
        authorId: listed[1]!.idMemberCreator,
        source: 'scan',
      }),
      expect.objectContaining({ cardId: card.id, memberId: a, op: 'remove', postedAt: listed[0]!.date, actionId: listed[0]!.id, source: 'scan' }),
    ]);

    // What the rules get: the facts oldest first, each with its ledger number.
    const snap = (await snapshotOf(world.store, boardId))!;
    const memberFacts = snap.facts!.filter((f) => f.kind === 'member' && f.cardId === card.id);
    expect(memberFacts.map((f) => f.kind === 'member' && [f.op, f.memberId, f.timeSource, f.at])).toEqual([
      ['add', a, 'noticed', NOW.toISOString()], // the baseline: on the card when recording began
      ['add', B.id, 'trello', listed[1]!.date],
      ['remove', a, 'trello', listed[0]!.date],
    ]);
    expect(memberFacts.every((f) => typeof f.seq === 'number')).toBe(true);

    // A board export (what `nabiz audit` reads) holds the same membership actions: the same facts, Trello-dated.
    const exported = snapshotFromTrello(world.emu.state.exportBoard(boardId)).facts!;
    const strip = (f: Fact) =>
      f.kind === 'member' ? { cardId: f.cardId, memberId: f.memberId, op: f.op, at: f.at, actionId: f.actionId, by: f.by, timeSource: f.timeSource } : f;
    expect(exported.map(strip)).toEqual(snap.facts!.filter((f) => f.kind === 'member' && !f.baseline).map(strip));
    expect(exported.every((f) => f.seq === undefined)).toBe(true);

    // Seen again (a rescan, a full pass): nothing twice.
    const n = (await ledgerOf(world.store)).length;
    await scanBoards(world.deps);
    await scanBoards(world.deps, { full: true });
    expect(await ledgerOf(world.store)).toHaveLength(n);
    expect(verifyLedger(await ledgerOf(world.store)).ok).toBe(true);
  });

  it('a profile edit is recorded once, when noticed; unchanged pluginData is never recorded again; a value that returns is a new version', async () => {
    world = await startWorld({ boards: 1, cards: 2, days: 10 });
    const boardId = world.boardIds[0]!;
    await scanBoards(world.deps);
    const base = await factRecords(world);
    // The baseline: the board's settings and each card's profile, as of the first scan.
    expect(base.filter((r) => r.type === 'card-data')).toHaveLength(2);
    expect(base.filter((r) => r.type === 'board-data')).toHaveLength(1);
    expect(base.every((r) => r.baseline === true && r.postedAt === NOW.toISOString())).toBe(true);
    expect((await snapshotOf(world.store, boardId))!.factsFrom).toBe(NOW.toISOString());

    const card = world.emu.state.exportBoard(boardId).cards[1]!;
    const original = card.pluginData![0]!.value as string;
    const profile = JSON.parse(original) as { profile: Record<string, unknown> };
    const edited = JSON.stringify({ profile: { ...profile.profile, frozen: [{ from: '2026-11-24', to: '2026-11-30' }] } });
    world.clock.now = new Date(NOW.getTime() + 2 * HOUR);
    world.emu.state.setPluginData(card.id, edited, 'nabiz'); // what the Power-Up's t.set leaves in Trello
    world.clock.now = new Date(NOW.getTime() + 3 * HOUR);
    await scanBoards(world.deps);
    await scanBoards(world.deps); // unchanged since: nothing more
    const versions = (await factRecords(world)).filter((r) => r.type === 'card-data' && r.cardId === card.id);
    expect(versions).toHaveLength(2);
    const prev = versions[0]!;
    expect(versions[1]!.baseline).toBeUndefined();
    expect(versions[1]).toMatchObject({ prevSeq: prev.seq, postedAt: world.clock.now.toISOString(), source: 'scan' });
    expect(JSON.parse(versions[1]!.value!)).toEqual([{ idPlugin: 'nabiz', value: edited }]);

    // Reverted: A → B → A is three versions, each when noticed.
    world.emu.state.setPluginData(card.id, original, 'nabiz');
    world.clock.now = new Date(NOW.getTime() + 4 * HOUR);
    await scanBoards(world.deps);
    const again = (await factRecords(world)).filter((r) => r.type === 'card-data' && r.cardId === card.id);
    expect(again).toHaveLength(3);
    expect(again[2]).toMatchObject({ prevSeq: again[1]!.seq, value: prev.value });

    // The card's report reads that card's versions and the board's settings versions, nothing of other cards.
    const view = (await boardView(world.store, boardId, { cardId: card.id }))!;
    expect(view.snapshot.facts!.filter((f) => f.kind === 'card-data').map((f) => f.seq)).toEqual(again.map((r) => r.seq));
    expect(view.snapshot.facts!.some((f) => f.kind === 'board-data')).toBe(true);
    expect(view.snapshot.facts!.every((f) => f.kind === 'board-data' || f.cardId === card.id)).toBe(true);

    // The card's evidence report lists those facts with their ledger numbers, "noticed at …" (pluginData leaves no
    // Trello action), and says the profile history is known only from the first scan for a range starting before it.
    const report = await evidenceFromStore(world.store, { boardId, cardId: card.id, from: '2026-11-01', to: '2026-11-24' }, new Date(NOW.getTime() + 5 * HOUR));
    const versionsListed = report.facts.rows.filter((f) => f.kind === 'card-data');
    expect(versionsListed.map((f) => [f.seq, f.timeSource, f.baseline])).toEqual([
      [again[0]!.seq, 'noticed', true],
      [again[1]!.seq, 'noticed', false],
      [again[2]!.seq, 'noticed', false],
    ]);
    expect(report.facts.rows.filter((f) => f.kind === 'member').every((f) => f.cardId === card.id)).toBe(true);
    expect(report.facts.knownFrom).toBe(NOW.toISOString());
    expect(report.facts.note?.en).toContain('recorded from 2026-11-23');
    const html = renderHtml(report, 'tr');
    expect(html).toContain('<table id="facts">');
    expect(html).toContain(`<td class="num">${again[1]!.seq}</td><td class="nw">fark edildi 23.11.2026 21:00</td>`);
  });

  it('an upgraded store (comments only, no fact history) starts it at the next scan: a baseline, and the membership history listed once from the beginning', async () => {
    world = await startWorld({ boards: 1, cards: 2, days: 10 });
    const boardId = world.boardIds[0]!;
    const card = world.emu.state.exportBoard(boardId).cards[0]!;
    addBoardMember(world, boardId);
    // A membership change long before the upgrade, older than the newest comment.
    const early = world.emu.state.changeCardMember(card.id, B.id, 'add', card.idMembers[0]!, new Date(NOW.getTime() - 9 * 24 * HOUR))!;
    await scanBoards(world.deps);
    // What a store written before facts were recorded holds: the comments, a comment cursor, no facts.
    const comments = await commentRecordsOf(world.store);
    const state = structuredClone(world.store.image());
    const lastComment = comments.reduce((m, r) => (r.actionId > m ? r.actionId : m), '');
    for (const b of Object.values(state.boards)) {
      delete b.facts;
      b.cursor = lastComment;
    }
    const old = await memoryStore();
    await seedStore(old, { ...state, ledger: comments } as typeof state & { ledger: LedgerRecord[] });
    expect((await snapshotOf(old, boardId))!.facts).toBeUndefined(); // before the upgrade: only the snapshot is known

    const upgradeAt = new Date(NOW.getTime() + 5 * HOUR);
    world.clock.now = upgradeAt;
    world.emu.requests.reset();
    const r = await scanBoards({ ...world.deps, store: old });
    expect(r.boards[0]!.ok).toBe(true);
    // The new actions nested in the board request + the membership history listed once.
    expect(world.emu.requests.byRoute['GET /1/boards/:id/actions']).toBe(1);
    expect(world.emu.requests.byRoute['GET /1/boards/:id']).toBe(1);
    const facts = (await ledgerOf(old)).filter((x) => x.type !== 'comment');
    expect(
      facts
        .filter((x) => x.type === 'card-data' || x.type === 'board-data')
        .every((x) => x.baseline && x.source === 'upgrade' && x.postedAt === upgradeAt.toISOString()),
    ).toBe(true);
    // The cards' members as of the upgrade.
    const current = world.emu.state.exportBoard(boardId).cards.flatMap((c) => c.idMembers.map((m) => `${c.id}|${m}`));
    expect(
      facts
        .filter((x) => x.type === 'member' && x.baseline)
        .map((x) => `${x.cardId}|${x.memberId}`)
        .sort(),
    ).toEqual(current.sort());
    expect(facts.find((x) => x.type === 'member' && !x.baseline)).toMatchObject({ actionId: early.id, postedAt: early.date, op: 'add', memberId: B.id });
    const snap = (await snapshotOf(old, boardId))!;
    expect(snap.factsFrom).toBe(upgradeAt.toISOString());
    // Once started, the next scan costs what it always did.
    world.emu.requests.reset();
    await scanBoards({ ...world.deps, store: old });
    expect(world.emu.requests.total).toBe(1);
    await old.close();
  });
});
