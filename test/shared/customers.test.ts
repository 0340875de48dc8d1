// Which cards are customers and from when a board is judged (shared/customers.ts), and how the export reader
// dates cards whose ids carry no timestamp.
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../shared/compliance.js';
import { judgingStart, selectCustomers } from '../../shared/customers.js';
import { readSettings } from '../../shared/profile.js';
import { snapshotFromTrello } from '../../shared/trello-export.js';
import { board, dailies, ist } from '../fixtures/snapshot-builder.js';

const NOW = new Date(ist('2026-11-23 09:00'));

describe('selectCustomers', () => {
  it('open cards of open lists, minus templates, cards outside the customer lists and "not a customer" profiles', () => {
    const snap = board(
      [
        { name: 'müşteri' },
        { name: 'arşiv', closed: true },
        { name: 'arşiv listesinde', idList: 'list-closed' },
        { name: 'başka listede', idList: 'list-other' },
        { name: 'not', profile: { notCustomer: true } },
      ],
      { customerLists: ['list-open', 'list-closed'] },
    );
    snap.cards.push({ ...snap.cards[0]!, id: 'tpl', name: 'şablon', isTemplate: true });
    const sel = selectCustomers(snap);
    expect(sel.customers.map((c) => c.name)).toEqual(['müşteri']);
    expect(sel.skipped.map((s) => [s.card.name, s.reason])).toEqual([
      ['arşiv', 'closed'],
      ['arşiv listesinde', 'archived-list'],
      ['başka listede', 'other-list'],
      ['not', 'not-customer'],
      ['şablon', 'template'],
    ]);
    expect(sel.unknownLists).toEqual([]);
    // Default: every list holds customers.
    expect(selectCustomers(board([{ idList: 'list-other' }])).customers).toHaveLength(1);
    // The switch rejects non-booleans with a clear message (bad input never silently excludes a customer).
    const bad = board([{ profile: { notCustomer: 'evet' as unknown as boolean } }]);
    expect(selectCustomers(bad).customers).toHaveLength(1);
    expect(evaluateBoard(bad, NOW).findings.find((f) => f.rule === 'profile')?.detail.en).toMatch(/notCustomer: must be true or false/);
  });
});

describe('judgingStart', () => {
  it('settings first, else the first recognised entry of the board (Istanbul day), else nothing', () => {
    const withStart = board([{ comments: dailies('2026-11-02', '2026-11-06') }], { trackingStart: '2026-10-01' });
    expect(judgingStart(withStart, readSettings(withStart.pluginData).settings)).toEqual({ day: '2026-10-01', source: 'settings' });
    const fromEntry = board([{ comments: [{ text: 'merhaba', at: '2026-10-30 10:00' }, ...dailies('2026-11-03', '2026-11-06')] }], {
      trackingStart: undefined,
    });
    expect(judgingStart(fromEntry, readSettings(fromEntry.pluginData).settings)).toEqual({ day: '2026-11-03', source: 'first-entry' });
    // An audit of the past does not see later entries.
    expect(judgingStart(fromEntry, readSettings(fromEntry.pluginData).settings, new Date(ist('2026-11-01 09:00')))).toEqual({ source: 'none' });
  });

  it('a board judged from its first entry has no missing days before it; a board without entries has no findings', () => {
    const snap = board([{ profile: { assignedAt: '2026-10-01' }, comments: dailies('2026-11-16', '2026-11-20') }], { trackingStart: undefined });
    const daily = evaluateBoard(snap, NOW).findings.filter((f) => f.rule === 'daily');
    expect(daily.every((f) => f.period >= '2026-11-16')).toBe(true);
    const tracked = board([{ profile: { assignedAt: '2026-10-01' }, comments: dailies('2026-11-16', '2026-11-20') }], { trackingStart: '2026-10-01' });
    expect(evaluateBoard(tracked, NOW).findings.some((f) => f.rule === 'daily' && f.period < '2026-11-16')).toBe(true);
    const silent = board([{ profile: { assignedAt: '2026-10-01' } }], { trackingStart: undefined });
    expect(evaluateBoard(silent, NOW).findings).toEqual([]);
  });
});

describe('export reader: ids without a timestamp', () => {
  it('dates a card by its first action, else the export’s newest action; real ids need neither', () => {
    const snap = snapshotFromTrello({
      id: 'b',
      cards: [
        { id: 'c-1', name: 'a', idList: 'l' },
        { id: 'c-2', name: 'b', idList: 'l' },
        { id: '5f3a1b2c9d8e7f6a5b4c3d21', name: 'c', idList: 'l' },
      ],
      actions: [
        { id: 'x2', type: 'commentCard', date: '2026-10-05T10:00:00Z', data: { text: 'y', card: { id: 'c-1' } } },
        { id: 'x1', type: 'createCard', date: '2026-10-01T10:00:00Z', data: { card: { id: 'c-1' } } },
        { id: 'x3', type: 'updateList', date: '2026-11-01T10:00:00Z', data: {} },
      ],
    });
    expect(snap.cards.map((c) => c.createdAt)).toEqual(['2026-10-01T10:00:00.000Z', '2026-11-01T10:00:00.000Z', undefined]);
  });
});
