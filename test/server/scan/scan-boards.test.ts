// The scanner against the emulator: request budget, backfill, incremental, full pass, failures.
import { commentRecordsOf, ledgerOf } from '../store/helpers.js';
import { afterEach, describe, expect, it } from 'vitest';
import { storedResult } from '../../../server/src/store/judge.js';
import { evaluateBoard } from '../../../shared/compliance.js';
import { snapshotFromTrello } from '../../../shared/trello-export.js';
import { scanBoards, createScanRunner } from '../../../server/src/scan/scan-boards.js';
import { verifyLedger } from '../../../server/src/store/ledger.js';
import { snapshotOf } from '../../../server/src/store/store.js';
import { ledgerFacts, NOW, startWorld, type World } from './world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const later = (w: World, ms: number) => {
  w.clock.now = new Date(w.clock.now.getTime() + ms);
  return w.clock.now;
};

describe('scanBoards', () => {
  it('first scan backfills every comment with one board request + one action page per board', async () => {
    world = await startWorld({ boards: 2, cards: 3, days: 20 });
    world.emu.requests.reset();
    const r = await scanBoards(world.deps);
    expect(r.boards.every((b) => b.ok)).toBe(true);
    expect(r.requests).toBe(4);
    expect(world.emu.requests.total).toBe(4);
    expect(world.emu.requests.byRoute).toEqual({ 'GET /1/boards/:id': 2, 'GET /1/boards/:id/actions': 2 });
    expect(await commentRecordsOf(world.store)).toHaveLength(world.commentIds.length);
    expect(verifyLedger(await ledgerOf(world.store)).ok).toBe(true);
    for (const id of world.boardIds) {
      expect(world.store.boards.get(id)).toMatchObject({ backfilled: true, cursor: expect.any(String) });
      expect(world.store.evaluations.get(id)).toBeDefined();
      expect(await storedResult(world.store, id)).toMatchObject({ findings: expect.any(Array) });
    }
    expect(world.store.scans.list().at(-1)).toMatchObject({ kind: 'incremental', requests: 4 });
    expect(r.boards[0]!.newComments).toBeGreaterThan(0);
  });

  it('an incremental scan with nothing new costs 1 request per board, appends nothing and evaluates nothing again', async () => {
    world = await startWorld();
    await scanBoards(world.deps);
    const before = (await ledgerOf(world.store)).length;
    const w = world;
    const marks = Object.fromEntries(w.boardIds.map((id) => [id, w.store.evaluations.get(id)]));
    world.emu.requests.reset();
    later(world, 60_000);
    const r = await scanBoards(world.deps);
    expect(world.emu.requests.total).toBe(world.boardIds.length);
    expect(world.emu.requests.byRoute).toEqual({ 'GET /1/boards/:id': world.boardIds.length });
    expect(r.requests).toBe(world.boardIds.length);
    expect(r.boards.every((b) => b.newComments === 0 && b.unchanged === true)).toBe(true);
    expect(await ledgerOf(world.store)).toHaveLength(before);
    // Same day, same facts, same board: the stored evaluation stands (not re-evaluated: same evaluatedAt).
    expect(Object.fromEntries(w.boardIds.map((id) => [id, w.store.evaluations.get(id)]))).toEqual(marks);
    // Not read whole either (the service's scans): the log counts each board's rows, as many as its result lists.
    const whole = await Promise.all(w.boardIds.map(async (id) => (await storedResult(w.store, id))!));
    expect(r.boards.map((b) => b.result)).toEqual(w.boardIds.map(() => null));
    expect(w.store.scans.last()!.boards.map((b) => b.findings)).toEqual(whole.map((x) => x.findings.length));
    expect(whole.every((x) => x.findings.length > 0)).toBe(true);
    // Asked for (the CLI's scan --json): every board's result from its rows, the same as after its judge.
    later(w, 60_000);
    const asked = await scanBoards(w.deps, { results: true });
    expect(asked.boards.map((b) => b.result)).toEqual(whole);
    // A changed board (a card renamed) is evaluated again, still with one request.
    const card = world.emu.state.exportBoard(world.boardIds[0]!).cards[0]!;
    world.emu.state.cards.get(card.id)!.name = 'yeni-ad.com.tr';
    later(world, 60_000);
    const r2 = await scanBoards(world.deps);
    expect(r2.boards[0]!.unchanged).toBe(false);
    expect(r2.boards[1]!.unchanged).toBe(true);
    expect(world.store.evaluations.get(world.boardIds[0]!)!.evaluatedAt).not.toBe(marks[world.boardIds[0]!]!.evaluatedAt);
    expect(world.store.evaluations.get(world.boardIds[1]!)).toEqual(marks[world.boardIds[1]!]);
  });

  it("counts its own requests only: another caller of the same client meanwhile is not the scan's (the emulator agrees)", async () => {
    world = await startWorld({ boards: 3 });
    world.emu.requests.reset();
    const w = world;
    const [r] = await Promise.all([scanBoards(w.deps), ...w.boardIds.map((b) => w.deps.trello.getBoardLabels(b))]);
    const scanRoutes = (w.emu.requests.byRoute['GET /1/boards/:id/actions'] ?? 0) + (w.emu.requests.byRoute['GET /1/boards/:id'] ?? 0) - w.boardIds.length;
    expect(w.emu.requests.total).toBe(r.requests + w.boardIds.length);
    expect(r.requests).toBe(scanRoutes);
    expect(r.boards.reduce((n, b) => n + b.requests, 0)).toBe(r.requests);
    expect(w.store.scans.list().at(-1)!.requests).toBe(r.requests);
  });

  it('picks up new comments since the cursor and never re-lists old ones', async () => {
    world = await startWorld();
    await scanBoards(world.deps);
    const card = world.emu.state.exportBoard(world.boardIds[0]!).cards[1]!;
    later(world, 60_000);
    const a = world.emu.state.addComment(card.id, card.idMembers[0]!, '#günlük bugün arandı, sorun yok');
    const r = await scanBoards(world.deps);
    expect(r.boards[0]!.newComments).toBe(1);
    expect(r.boards[1]!.newComments).toBe(0);
    expect((await ledgerOf(world.store)).at(-1)).toMatchObject({ type: 'comment', actionId: a.id, source: 'scan', text: '#günlük bugün arandı, sorun yok' });
  });

  it('pages boards with more than 1000 comments (backwards, 1000 at a time)', async () => {
    world = await startWorld({ boards: 1, cards: 12, days: 60, perDay: 6 });
    expect(world.commentIds.length).toBeGreaterThan(2000);
    world.emu.requests.reset();
    await scanBoards(world.deps);
    const pages = Math.ceil(world.commentIds.length / 1000) + (world.commentIds.length % 1000 === 0 ? 1 : 0);
    expect(world.emu.requests.byRoute['GET /1/boards/:id/actions']).toBe(pages);
    expect(new Set((await commentRecordsOf(world.store)).map((r) => r.actionId)).size).toBe(world.commentIds.length);
  });

  it('a deletion is never listed: incremental scans ask for commentCard only, the next full pass records it as noticed, not dated by Trello', async () => {
    world = await startWorld();
    await scanBoards(world.deps);
    const firstPassAt = world.clock.now.toISOString();
    const victim = world.commentIds[3]!;
    const original = (await ledgerOf(world.store)).find((r) => r.actionId === victim)!;
    later(world, 60_000);
    world.emu.state.deleteComment(victim, original.authorId);
    const inc = await scanBoards(world.deps);
    expect(inc.boards.reduce((n, b) => n + b.deletions, 0)).toBe(0);
    later(world, 3_600_000);
    const full = await scanBoards(world.deps, { full: true });
    expect(full.boards.reduce((n, b) => n + b.deletions, 0)).toBe(1);
    const del = (await ledgerOf(world.store)).at(-1)!;
    expect(del).toMatchObject({
      type: 'delete',
      actionId: victim,
      oldText: original.text,
      source: 'full-scan',
      recordedAt: world.clock.now.toISOString(),
      lastSeenAt: firstPassAt,
    });
    expect(del.occurredAt).toBeUndefined();
    const snap = (await snapshotOf(world.store, original.boardId))!;
    expect(snap.comments.find((c) => c.id === victim)).toMatchObject({
      text: original.text,
      deletedAt: world.clock.now.toISOString(),
      deletionNoticedAt: world.clock.now.toISOString(),
      lastSeenAt: firstPassAt,
    });
    // The evidence finding says it was noticed, not when Trello deleted it.
    const finding = full.boards
      .flatMap((b) => b.result?.findings ?? [])
      .find((f) => f.rule === 'evidence' && f.status === 'deleted' && f.actionIds?.includes(victim));
    expect(finding?.detail.en).toMatch(/Trello gave no time: noticed missing at .+, last seen at .+\./);
    expect(finding?.detail.tr).toMatch(/Trello tarih vermedi/);
  });

  it('the full pass catches edits (old text kept) and comments that vanished without a trace', async () => {
    world = await startWorld();
    await scanBoards(world.deps);
    const edited = world.commentIds[1]!;
    const vanished = world.commentIds[2]!;
    const rec = (await ledgerOf(world.store)).find((r) => r.actionId === edited)!;
    later(world, 3_600_000);
    world.emu.state.editComment(edited, rec.authorId, '#günlük düzeltildi');
    // A comment gone from Trello with no deleteComment listed (e.g. its card was deleted).
    const gone = world.emu.state.actions.get(vanished)!;
    world.emu.state.actions.delete(vanished);
    for (const arr of world.emu.state.boardActions.values()) {
      const i = arr.indexOf(gone);
      if (i >= 0) arr.splice(i, 1);
    }
    const inc = await scanBoards(world.deps);
    expect(inc.boards.every((b) => b.edits === 0 && b.deletions === 0)).toBe(true); // TRELLO-787: invisible incrementally
    const full = await scanBoards(world.deps, { full: true });
    expect(full.kind).toBe('full');
    const tail = (await ledgerOf(world.store)).slice(-2);
    expect(tail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'edit',
          actionId: edited,
          oldText: rec.text,
          text: '#günlük düzeltildi',
          dateLastEdited: world.clock.now.toISOString(),
          source: 'full-scan',
        }),
        expect.objectContaining({ type: 'delete', actionId: vanished, source: 'full-scan' }),
      ]),
    );
    // Running the full pass again adds nothing.
    const n = (await ledgerOf(world.store)).length;
    await scanBoards(world.deps, { full: true });
    expect(await ledgerOf(world.store)).toHaveLength(n);
    const c = (await snapshotOf(world.store, rec.boardId))!.comments.find((x) => x.id === edited)!;
    expect(c).toMatchObject({ text: '#günlük düzeltildi', originalText: rec.text, editedAt: world.clock.now.toISOString() });
  });

  it('one failing board never stops the others; a malformed field is named', async () => {
    world = await startWorld({ boards: 3 });
    // Board 2 returns a card whose idList is a number: zod rejects the response.
    const card = [...world.emu.state.cards.values()].find((c) => c.idBoard === world!.boardIds[1])!;
    (card as unknown as { idList: unknown }).idList = 42;
    world.deps.boards = [...world.boardIds, '6a0000000000000000ffffff'];
    const r = await scanBoards(world.deps);
    expect(r.boards.map((b) => b.ok)).toEqual([true, false, true, false]);
    expect(r.boards[1]!.error).toMatch(/field cards\.\d+\.idList/);
    expect(r.boards[1]!.code).toBe('trello-invalid-response');
    expect(r.boards[3]!.code).toBe('trello-not-found');
    expect(
      world.store.scans
        .list()
        .at(-1)!
        .boards.filter((b) => !b.ok),
    ).toHaveLength(2);
    expect(world.store.evaluations.get(world.boardIds[2]!)).toBeDefined();
  });

  it('findings equal evaluateBoard over the same board built from the emulator export', async () => {
    world = await startWorld();
    await scanBoards(world.deps, { now: NOW });
    for (const id of world.boardIds) {
      const exp = world.emu.state.exportBoard(id, { actionsLimit: 100_000 });
      const expected = evaluateBoard(snapshotFromTrello(exp), NOW);
      const got = (await storedResult(world.store, id))!;
      expect(got.findings).toEqual(expected.findings);
      expect(got.findings.length).toBeGreaterThan(0);
    }
  });

  it('--now evaluates as of that instant', async () => {
    world = await startWorld();
    const early = new Date(NOW.getTime() - 10 * 86_400_000);
    const r1 = await scanBoards(world.deps, { now: early });
    const r2 = await scanBoards(world.deps, { now: NOW });
    expect(r1.evaluatedAt).toBe(early.toISOString());
    expect(r1.boards[0]!.result!.findings.length).toBeLessThan(r2.boards[0]!.result!.findings.length);
    expect(world.store.scans.list()[0]!.evaluatedFor).toBe(early.toISOString());
  });

  it('the runner serialises overlapping requests (cron + webhook + button)', async () => {
    world = await startWorld();
    const runner = createScanRunner(world.deps);
    world.emu.requests.reset();
    const [a, b, c] = await Promise.all([runner.run(), runner.run(), runner.run()]);
    expect(a).not.toBe(b);
    expect(b).toBe(c); // the two callers during the first run share the next one
    // First run: board + one page each; the shared second run: one request each.
    expect(world.emu.requests.total).toBe(3 * world.boardIds.length);
    await runner.idle();
    expect(runner.busy).toBe(false);
    expect((await commentRecordsOf(world.store)).length).toBe(world.commentIds.length);
  });
});

describe('createScanRunner', () => {
  it('a full request while an incremental one waits upgrades it instead of running twice at once', async () => {
    world = await startWorld();
    const runner = createScanRunner(world.deps);
    const first = runner.run();
    const waiting = runner.run();
    const upgraded = runner.run({ full: true });
    expect(upgraded).toBe(waiting);
    const [, second] = await Promise.all([first, waiting]);
    expect(second.kind).toBe('full');
    expect(world.store.scans.list().map((s) => s.kind)).toEqual(['incremental', 'full']);
  });
});
