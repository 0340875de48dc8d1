import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateBoard } from '../../shared/compliance.js';
import {
  parseTrelloBoard,
  snapshotFromTrello,
  TrelloActionSchema,
  TrelloBoardSchema,
  TrelloCardSchema,
  TrelloExportError,
} from '../../shared/trello-export.js';
import { buildAyseExport, FIXTURE_PATH } from '../fixtures/build-export-ayse.js';
import { buildLargeExport } from '../fixtures/build-large-export.js';

const commentCard = (id: string, cardId: string, date: string, text: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'commentCard',
  date,
  idMemberCreator: 'm1',
  memberCreator: { id: 'm1', fullName: 'Ayşe Yılmaz', username: 'ayse' },
  data: { text, card: { id: cardId, name: 'Kart' }, board: { id: 'b1' }, ...extra },
});

const minimal = (actions: unknown[] = []) => ({
  id: 'b1',
  name: 'Pano',
  cards: [{ id: 'c1', name: 'Kart', idList: 'l1', closed: false, idMembers: ['m1'], pluginData: [{ idPlugin: 'x', value: '{"profile":{"v":1}}' }] }],
  lists: [{ id: 'l1', name: 'Müşteriler', closed: false }],
  members: [{ id: 'm1', fullName: 'Ayşe Yılmaz', username: 'ayse' }],
  actions,
});

describe('Trello board export / REST shapes', () => {
  it('the committed fixture is what the builder makes, and parses with the exported schemas', () => {
    const json = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8'));
    expect(json).toEqual(buildAyseExport());
    const board = TrelloBoardSchema.parse(json);
    for (const c of board.cards) TrelloCardSchema.parse(c);
    for (const a of board.actions ?? []) TrelloActionSchema.parse(a);
  });

  it('turns comments into records: author, posted time, dateLastEdited → editedAt', () => {
    const snap = snapshotFromTrello(
      minimal([
        commentCard('a2', 'c1', '2026-11-20T08:00:00.000Z', '#günlük düzeltildi', { dateLastEdited: '2026-11-22T10:00:00.000Z' }),
        commentCard('a1', 'c1', '2026-11-19T08:00:00.000Z', '#günlük'),
        { id: 'x1', type: 'updateCard', date: '2026-11-19T09:00:00.000Z', data: { card: { id: 'c1' } } },
        { id: 'x2', type: 'somethingNew', date: 'not a date' },
        { nonsense: true },
      ]),
    );
    expect(snap.comments).toEqual([
      { id: 'a1', cardId: 'c1', authorId: 'm1', authorName: 'Ayşe Yılmaz', postedAt: '2026-11-19T08:00:00.000Z', text: '#günlük' },
      {
        id: 'a2',
        cardId: 'c1',
        authorId: 'm1',
        authorName: 'Ayşe Yılmaz',
        postedAt: '2026-11-20T08:00:00.000Z',
        text: '#günlük düzeltildi',
        editedAt: '2026-11-22T10:00:00.000Z',
      },
    ]);
    expect(snap.cards[0]).toMatchObject({
      id: 'c1',
      idList: 'l1',
      closed: false,
      idMembers: ['m1'],
      pluginData: [{ idPlugin: 'x', value: '{"profile":{"v":1}}' }],
    });
    expect(snap.historyCut).toBe(false);
  });

  it('applies updateComment (old text kept) and deleteComment (REST/webhook actions passed separately)', () => {
    const snap = snapshotFromTrello(minimal(), [
      commentCard('a1', 'c1', '2026-11-19T08:00:00.000Z', '#günlük v3'),
      {
        id: 'u2',
        type: 'updateComment',
        date: '2026-11-21T08:00:00.000Z',
        data: { action: { id: 'a1', text: '#günlük v3' }, old: { text: '#günlük v2' }, card: { id: 'c1' } },
      },
      {
        id: 'u1',
        type: 'updateComment',
        date: '2026-11-20T08:00:00.000Z',
        data: { action: { id: 'a1', text: '#günlük v2' }, old: { text: '#günlük v1' }, card: { id: 'c1' } },
      },
      commentCard('a3', 'c1', '2026-11-19T09:00:00.000Z', '#haftalık'),
      { id: 'd1', type: 'deleteComment', date: '2026-11-22T08:00:00.000Z', data: { action: { id: 'a3' }, card: { id: 'c1' } } },
      { id: 'd2', type: 'deleteComment', date: '2026-11-22T09:00:00.000Z', idMemberCreator: 'm1', data: { action: { id: 'gone' }, card: { id: 'c1' } } },
    ]);
    const byId = Object.fromEntries(snap.comments.map((c) => [c.id, c]));
    expect(byId.a1).toMatchObject({ text: '#günlük v3', originalText: '#günlük v1', editedAt: '2026-11-21T08:00:00.000Z' });
    expect(byId.a3).toMatchObject({ text: '#haftalık', deletedAt: '2026-11-22T08:00:00.000Z' });
    expect(byId.gone).toMatchObject({ text: '', deletedAt: '2026-11-22T09:00:00.000Z', cardId: 'c1' });
  });

  it('flags an export holding Trello’s cap of 1000 actions as cut from its oldest action', () => {
    const big = buildLargeExport();
    expect(big.actions).toHaveLength(1000);
    const snap = snapshotFromTrello(big);
    const oldest = (big.actions as Array<{ date: string }>).map((a) => a.date).sort()[0];
    expect(snap).toMatchObject({ historyCut: true, historyFrom: oldest });
    // The same actions passed as a REST page set are not "cut".
    expect(snapshotFromTrello({ ...big, actions: undefined }, big.actions as unknown[]).historyCut).toBe(false);
  });

  it('a board the emulator marks as held only from an instant (emulatorHistoryFrom) is cut there, REST or export', () => {
    const mark = '2026-11-20T06:00:00.000Z';
    const board = { ...minimal([commentCard('a1', 'c1', '2026-11-21T07:00:00.000Z', '#günlük')]), emulatorHistoryFrom: mark };
    expect(snapshotFromTrello(board)).toMatchObject({ historyCut: true, historyFrom: mark });
    expect(snapshotFromTrello(board, [])).toMatchObject({ historyCut: true, historyFrom: mark });
    // With an export at Trello's cap as well: complete only from the later of the two instants.
    const big = buildLargeExport();
    const oldest = (big.actions as Array<{ date: string }>).map((a) => a.date).sort()[0]!;
    expect(snapshotFromTrello({ ...big, emulatorHistoryFrom: '2020-01-01T00:00:00.000Z' }).historyFrom).toBe(oldest);
    expect(snapshotFromTrello({ ...big, emulatorHistoryFrom: '2099-01-01T00:00:00.000Z' }).historyFrom).toBe('2099-01-01T00:00:00.000Z');
    // No mark, no cap: complete.
    expect(snapshotFromTrello(minimal([commentCard('a1', 'c1', '2026-11-21T07:00:00.000Z', '#günlük')])).historyCut).toBe(false);
  });

  it('accepts pluginData values that are already objects and members known only as comment authors', () => {
    const b = minimal([
      { ...commentCard('a1', 'c1', '2026-11-19T08:00:00.000Z', 'hi'), idMemberCreator: 'm9', memberCreator: { id: 'm9', fullName: 'Eski Çalışan' } },
    ]);
    (b.cards[0] as { pluginData: unknown[] }).pluginData = [{ idPlugin: 'x', value: { profile: { v: 1 } } }];
    const snap = snapshotFromTrello(b);
    expect(snap.cards[0]?.pluginData[0]?.value).toBe('{"profile":{"v":1}}');
    expect(snap.members.map((m) => m.fullName)).toEqual(['Ayşe Yılmaz', 'Eski Çalışan']);
  });

  it('rejects what is no board with one line naming the problem', () => {
    expect(() => parseTrelloBoard([])).toThrow(TrelloExportError);
    expect(() => parseTrelloBoard({ id: 'b', name: 'x' })).toThrow(/no "cards" array/);
    expect(() => parseTrelloBoard({ id: 'b', cards: [{ name: 'no id' }] })).toThrow(/cards\.0\.id/);
    expect(() => parseTrelloBoard({ cards: [] })).toThrow(/^not a valid Trello board export: id: /);
  });

  it('never crashes on arbitrary JSON: a snapshot that evaluates, or a TrelloExportError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ id: fc.string(), cards: fc.array(fc.jsonValue()), actions: fc.array(fc.jsonValue()) })), (value) => {
        try {
          const snap = snapshotFromTrello(value);
          evaluateBoard(snap, new Date('2026-11-23T06:00:00Z'));
        } catch (e) {
          expect(e).toBeInstanceOf(TrelloExportError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
