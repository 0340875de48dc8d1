// Test helpers over the store port.
import type { BoardSnapshot } from '../../../shared/types.js';
import { EMPTY_HEAD, chainRecords, foldComments, type LedgerInput } from '../../../server/src/store/ledger.js';
import { emptyState, type LedgerRecord, type State } from '../../../server/src/store/schema.js';
import type { Store } from '../../../server/src/store/store.js';

/** Every ledger record in seq order (tests only: the product never loads the whole ledger). */
export async function ledgerOf(store: Store): Promise<LedgerRecord[]> {
  const out: LedgerRecord[] = [];
  for await (const r of store.ledger.stream()) out.push(r);
  return out;
}

/** The comment evidence records (comment, edit, delete) in seq order, without the dated facts (membership, pluginData versions …). */
export async function commentRecordsOf(store: Store): Promise<LedgerRecord[]> {
  return (await ledgerOf(store)).filter((r) => r.type === 'comment' || r.type === 'edit' || r.type === 'delete');
}

/** A scanned `#günlük` comment on board b1, card c1 by m1 (store contract tests); `over` changes any field. */
export const commentInput = (actionId: string, over: Partial<LedgerInput> = {}): LedgerInput => ({
  type: 'comment',
  actionId,
  boardId: 'b1',
  cardId: 'c1',
  authorId: 'm1',
  postedAt: '2026-11-20T09:00:00.000Z',
  text: `#günlük ${actionId}`,
  recordedAt: '2026-11-20T09:05:00.000Z',
  source: 'scan',
  ...over,
});

/** A State with its ledger inside, as tests build it by hand (seeded into a store with memoryStore). */
export type TestState = State & { ledger: LedgerRecord[] };

export function testState(): TestState {
  return { ...emptyState(), ledger: [] };
}

/** Chain records onto a hand-built state's ledger. */
export function appendLedger(state: { ledger?: LedgerRecord[] }, inputs: LedgerInput[]): LedgerRecord[] {
  const ledger = (state.ledger ??= []);
  const last = ledger.at(-1);
  const recs = chainRecords(last ? { count: last.seq + 1, hash: last.hash } : EMPTY_HEAD, inputs);
  ledger.push(...recs);
  return recs;
}

/** The board snapshot of a hand-built state with its comments folded from the ledger (as the store serves it). */
export function snapshotFromTestState(state: TestState, boardId: string): BoardSnapshot | null {
  const b = state.boards[boardId];
  if (!b?.snapshot) return null;
  const { historyFrom: _f, ...snap } = b.snapshot as BoardSnapshot;
  return { ...snap, comments: foldComments(state.ledger.filter((r) => r.boardId === boardId)), historyCut: false };
}
