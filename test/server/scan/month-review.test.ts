// The team lead's month-end review (R17; docs/rules.md "Month-end review") through the emulator, the real scanner
// and the store: the scan creates the lead's card and the month's checklist with an item per specialist (once); a
// specialist joining mid-month gets an item on the next scan; ticks made in Trello (PUT /1/cards/:id/checkItem/:id)
// are stored with their author and time and judged: a tick by someone who is not a team lead does not count.
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../server/src/demo/emulator.js';
import { evidenceFromStore } from '../../../server/src/reports/evaluate.js';
import { scanBoards } from '../../../server/src/scan/scan-boards.js';
import { LEAD_CARD_NAME } from '../../../shared/month-review.js';
import { BOARD, CAN, ELIF, LEAD, LEAD_TOKEN, LIST, MERT, NABIZ, OTHER_TOKEN, leadCard, profile, tick, world as makeWorld } from './month-review-world.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function world() {
  const w = await makeWorld();
  emu = w.emu;
  return w;
}

describe('month-end review (R17) through the emulator', () => {
  it('creates the lead card and the month’s checklist once, an item per specialist, one more for a newcomer', async () => {
    const w = await world();
    const r = await scanBoards(w.deps);
    expect(r.boards[0]).toMatchObject({ ok: true, monthReview: { cardCreated: true, checklistCreated: true, itemsAdded: 2 } });
    const card = leadCard(w.emu)!;
    expect(card).toMatchObject({ idList: LIST, closed: false });
    // Trello recorded the card's creation (createCard) and the checklist's (addChecklistToCard), by Nabız's member.
    const types = [...w.emu.state.actions.values()].filter((a) => a.data.card?.id === card.id).map((a) => [a.type, a.idMemberCreator]);
    expect(types).toEqual(
      expect.arrayContaining([
        ['createCard', NABIZ],
        ['addChecklistToCard', NABIZ],
      ]),
    );
    const lists = w.emu.state.cardChecklists(card.id);
    expect(lists.map((c) => c.name)).toEqual(['Nabız: ay sonu 2026-11']);
    expect(lists[0]!.checkItems.map((i) => i.name)).toEqual(['Elif Yılmaz (@elif)', 'Mert Aksoy (@mert)']);
    // The lead card is no customer: no findings on it, no checklists of the customer kind.
    expect(r.boards[0]!.result!.findings.filter((f) => f.cardId === card.id)).toEqual([]);

    // Idempotent: a second scan (incremental) and a full pass create nothing.
    const again = await scanBoards(w.deps);
    expect(again.boards[0]!.monthReview).toEqual({ cardCreated: false, checklistCreated: false, itemsAdded: 0 });
    await scanBoards(w.deps, { full: true });
    expect([...w.emu.state.cards.values()].filter((c) => c.name === LEAD_CARD_NAME)).toHaveLength(1);
    expect(w.emu.state.cardChecklists(card.id)[0]!.checkItems).toHaveLength(2);

    // Can joins mid-month (a card assigned on 16 November): the next scan adds his item.
    w.clock.now = new Date('2026-11-16T07:00:00Z');
    const { card: c3 } = w.emu.state.addCard(LIST, 'can.com.tr', '', LEAD);
    w.emu.state.changeCardMember(c3.id, CAN, 'add', LEAD);
    w.emu.state.addPluginData(c3.id, JSON.parse(profile(CAN, '2026-11-16')), 'nabiz');
    const mid = await scanBoards(w.deps);
    expect(mid.boards[0]!.monthReview).toEqual({ cardCreated: false, checklistCreated: false, itemsAdded: 1 });
    expect(w.emu.state.cardChecklists(card.id)[0]!.checkItems.map((i) => i.name)).toContain('Can Er (@can)');

    // December: a new checklist for the new month.
    w.clock.now = new Date('2026-12-01T06:00:00Z');
    const dec = await scanBoards(w.deps);
    expect(dec.boards[0]!.monthReview).toMatchObject({ cardCreated: false, checklistCreated: true, itemsAdded: 3 });
    expect(w.emu.state.cardChecklists(card.id).map((c) => c.name)).toEqual(['Nabız: ay sonu 2026-11', 'Nabız: ay sonu 2026-12']);
  });

  it('stores each tick with its author and time and judges it at the month’s last working day', async () => {
    const w = await world();
    await scanBoards(w.deps);
    // Friday 27 November: the lead ticks Elif; Mert ticks his own item (he is no team lead).
    w.clock.now = new Date('2026-11-27T12:00:00Z');
    await tick(w.emu, LEAD_TOKEN, 'elif');
    await tick(w.emu, OTHER_TOKEN, 'mert');
    await scanBoards(w.deps);
    // The ticks are on the ledger as check-item facts with Trello's time and author.
    const facts = (await w.store.ledger.facts(BOARD)).filter((r) => r.type === 'check-item').map((r) => [r.checkItemName, r.authorId, r.postedAt]);
    expect(facts).toEqual([
      ['Elif Yılmaz (@elif)', LEAD, '2026-11-27T12:00:00.000Z'],
      ['Mert Aksoy (@mert)', MERT, '2026-11-27T12:00:00.000Z'],
    ]);
    // Tuesday 1 December: November (deadline Monday 30 November) is judged.
    w.clock.now = new Date('2026-12-01T06:00:00Z');
    const r = await scanBoards(w.deps);
    const found = r.boards[0]!.result!.findings.filter((f) => f.rule === 'month-review');
    expect(found.map((f) => [f.cardId, f.memberId, f.period, f.status, f.severity])).toEqual([['', LEAD, '2026-11', 'missing', 'warning']]);
    expect(found[0]!.detail.tr).toBe(
      'Kasım 2026 ay sonu görüşmeleri son güne kadar işaretlenmedi (son gün 30.11.2026): Mert Aksoy 27.11.2026 15:00 tarihinde Mert Aksoy tarafından işaretlendi; takım lideri değil, sayılmadı.',
    );
    // The lead calls Mert on 2 December and ticks (untick first: Mert's tick is still on): late.
    w.clock.now = new Date('2026-12-02T08:00:00Z');
    await tick(w.emu, LEAD_TOKEN, 'mert', 'incomplete');
    await tick(w.emu, LEAD_TOKEN, 'mert');
    const later = await scanBoards(w.deps);
    const after = later.boards[0]!.result!.findings.filter((f) => f.rule === 'month-review');
    expect(after.map((f) => [f.memberId, f.period, f.status, f.severity])).toEqual([[LEAD, '2026-11', 'late', 'info']]);
    expect(after[0]!.detail.en).toBe('Month-end reviews of November 2026 ticked late (due by 2026-11-30): Mert Aksoy ticked 2026-12-02 11:00 (Deniz Koç).');
    // The evidence report lists the ticks (the lead's card): the board's, and a member's own (items for them, ticks by them).
    const board = await evidenceFromStore(w.store, { boardId: BOARD, from: '2026-11-01', to: '2026-12-02' }, w.clock.now);
    const ticks = board.facts.rows.filter((r) => r.kind === 'check-item');
    expect(ticks.map((r) => [r.cardName, r.text.tr])).toEqual([
      [LEAD_CARD_NAME, '«Elif Yılmaz (@elif)» işaretlendi (Deniz Koç)'],
      [LEAD_CARD_NAME, '«Mert Aksoy (@mert)» işaretlendi (Mert Aksoy)'],
      [LEAD_CARD_NAME, '«Mert Aksoy (@mert)» işareti kaldırıldı (Deniz Koç)'],
      [LEAD_CARD_NAME, '«Mert Aksoy (@mert)» işaretlendi (Deniz Koç)'],
    ]);
    const elif = await evidenceFromStore(w.store, { boardId: BOARD, memberId: ELIF, from: '2026-11-01', to: '2026-12-02' }, w.clock.now);
    expect(elif.facts.rows.filter((r) => r.kind === 'check-item').map((r) => r.text.tr)).toEqual(['«Elif Yılmaz (@elif)» işaretlendi (Deniz Koç)']);
  });
});
