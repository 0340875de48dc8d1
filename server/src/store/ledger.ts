// CONTRACT STUB — the sync-service work replaces this with the implementation. Signatures are binding.
import type { BoardSnapshot, CommentRecord } from '../../../shared/types.js';
import type { LedgerRecord, State } from './schema.js';

export type LedgerInput = Omit<LedgerRecord, 'seq' | 'prevHash' | 'hash'>;

/** SHA-256 over the record's fields (canonical JSON, without `hash`) chained to prevHash. */
export declare function hashRecord(r: Omit<LedgerRecord, 'hash'>): string;
/** Append records to state.ledger, assigning seq/prevHash/hash. Mutates state. */
export declare function appendLedger(state: State, records: LedgerInput[]): LedgerRecord[];
/** Recompute the chain: ok, or the first bad record's seq and why. */
export declare function verifyLedger(ledger: LedgerRecord[]): { ok: true; count: number } | { ok: false; count: number; badSeq: number; reason: string };
/** Current view of every comment of a board from the ledger: latest text, originalText, editedAt, deletedAt. */
export declare function commentsFromLedger(ledger: LedgerRecord[], boardId: string): CommentRecord[];
/** The board's last scanned snapshot with its comments from the ledger (input of evaluateBoard). Null when never scanned. */
export declare function snapshotFromState(state: State, boardId: string): BoardSnapshot | null;
