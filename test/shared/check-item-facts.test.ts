// A card's ticks as the rules read them (shared/checklists.ts cardTicks) and an export's ticks as facts
// (shared/trello-export.ts): the recorded facts and the snapshot's copy are one list, each Trello action once.
import { describe, expect, it } from 'vitest';
import { cardTicks, type CheckTick } from '../../shared/checklists.js';
import type { CheckItemFact } from '../../shared/facts.js';
import { snapshotFromTrello } from '../../shared/trello-export.js';

const CARD = '6a3000000000000000000d01';
const tick = (actionId: string, at: string, state: CheckTick['state']): CheckTick => ({
  actionId,
  cardId: CARD,
  checklistId: 'cl1',
  itemId: 'it1',
  itemName: 'İlk rapor gönderildi',
  state,
  at,
  memberId: 'm1',
});
const fact = (t: CheckTick): CheckItemFact => ({
  kind: 'check-item',
  cardId: t.cardId,
  checklistId: t.checklistId,
  itemId: t.itemId,
  itemName: t.itemName,
  state: t.state,
  at: t.at,
  timeSource: 'trello',
  actionId: t.actionId,
  by: t.memberId,
  seq: 7,
});

describe('cardTicks', () => {
  it('joins the recorded facts with the snapshot’s ticks, each action once, oldest first', () => {
    const a = tick('a1', '2026-11-18T08:00:00.000Z', 'complete');
    const b = tick('a2', '2026-11-20T08:00:00.000Z', 'incomplete');
    const c = tick('a3', '2026-11-25T08:00:00.000Z', 'complete');
    // The snapshot knows a and b (an older store); the ledger b and c (c came by webhook, before the next scan).
    expect(cardTicks({ id: CARD, checkTicks: [b, a] }, [fact(c), fact(b)])).toEqual([a, b, c]);
    // No facts: the snapshot's ticks; neither: none.
    expect(cardTicks({ id: CARD, checkTicks: [a] }, undefined)).toEqual([a]);
    expect(cardTicks({ id: CARD }, [])).toEqual([]);
    // Another card's facts are not this card's.
    expect(cardTicks({ id: 'other' }, [fact(c)])).toEqual([]);
  });
});

describe('an export’s ticks', () => {
  const action = (id: string, type: string, date: string, data: Record<string, unknown>) => ({
    id,
    type,
    date,
    idMemberCreator: 'm1',
    memberCreator: { id: 'm1', fullName: 'Elif', username: 'elif' },
    data: { board: { id: 'b1' }, card: { id: CARD, name: 'x' }, ...data },
  });
  const board = (actions: unknown[]) => ({
    id: 'b1',
    name: 'Destek',
    lists: [{ id: 'l1', name: 'Müşteriler' }],
    members: [{ id: 'm1', fullName: 'Elif', username: 'elif' }],
    cards: [{ id: CARD, name: 'x', idList: 'l1', idMembers: ['m1'], pluginData: [] }],
    checklists: [{ id: 'cl1', idCard: CARD, name: 'Nabız: karşılama', checkItems: [{ id: 'it1', name: 'İlk rapor gönderildi', state: 'complete' }] }],
    pluginData: [],
    actions,
  });
  const tickAction = action('t1', 'updateCheckItemStateOnCard', '2026-11-24T07:00:00.000Z', {
    checklist: { id: 'cl1', name: 'Nabız: karşılama' },
    checkItem: { id: 'it1', name: 'İlk rapor gönderildi', state: 'complete' },
  });

  it('are check-item facts beside the membership facts, and stay on the card’s checkTicks', () => {
    const snap = snapshotFromTrello(board([tickAction, action('m9', 'addMemberToCard', '2026-11-16T07:00:00.000Z', { idMember: 'm1' })]));
    expect(snap.facts!.map((f) => [f.kind, f.at])).toEqual([
      ['member', '2026-11-16T07:00:00.000Z'],
      ['check-item', '2026-11-24T07:00:00.000Z'],
    ]);
    expect(snap.facts![1]).toEqual({
      kind: 'check-item',
      cardId: CARD,
      checklistId: 'cl1',
      itemId: 'it1',
      itemName: 'İlk rapor gönderildi',
      state: 'complete',
      at: '2026-11-24T07:00:00.000Z',
      timeSource: 'trello',
      actionId: 't1',
      by: 'm1',
    });
    expect(snap.cards[0]!.checkTicks!.map((t) => t.actionId)).toEqual(['t1']);
  });

  it('alone do not switch the export to facts in force (the card’s checkTicks carry them)', () => {
    const snap = snapshotFromTrello(board([tickAction]));
    expect(snap.facts).toBeUndefined();
    expect(snap.cards[0]!.checkTicks!.map((t) => [t.actionId, t.at, t.memberId])).toEqual([['t1', '2026-11-24T07:00:00.000Z', 'm1']]);
  });
});
