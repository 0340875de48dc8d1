// What a report and `nabiz verify` can say about the ledger (docs/operations.md "Evidence ledger"): the chain and
// every derived column recomputed (wholly, or from the verified checkpoint on), and each witness of the head
// checked. The checkpoint (seq + hash + records per board and card) is kept in the store's meta AND in the
// witness file; a report trusts it only when both agree and the ledger still holds that record with that hash.
import { z } from 'zod';
import { present } from '../../../shared/guards.js';
import type { ChainHead, LedgerVerification } from './ledger.js';
import type { Checkpoint, Store } from './store.js';
import { describeMismatch, matchHead, readWitnessFile, witnessWriter, type WitnessCheck } from './witness.js';

const CHECKPOINT_KEY = 'ledger_verified';

const CheckpointSchema = z.object({
  count: z.number().int().nonnegative(),
  hash: z.string(),
  at: z.string(),
  boards: z.record(z.string(), z.number()),
  cards: z.record(z.string(), z.number()),
});

export async function readCheckpoint(store: Store): Promise<Checkpoint | null> {
  const raw = await store.meta(CHECKPOINT_KEY);
  if (!raw) return null;
  try {
    const r = CheckpointSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** Keep a whole-chain verification as the checkpoint: in the store's meta and in the witness file. */
export async function saveCheckpoint(store: Store, cp: Checkpoint): Promise<void> {
  await store.setMeta(CHECKPOINT_KEY, JSON.stringify(cp));
  if (!store.witnessFile) return;
  // Through the file's writer: a head write in flight never drops it (witness.ts WitnessWriter).
  await witnessWriter(store.witnessFile, store.location).setVerified({ count: cp.count, hash: cp.hash, at: cp.at });
}

const hashAt = (store: Store) => async (seq: number) => (await store.ledger.bySeq(seq))?.hash;

/** Check the witness file (when the store has one) and any heads given (`--head COUNT:HASH`). */
export async function checkWitnesses(store: Store, heads: ReadonlyArray<{ source: string; head: ChainHead }> = []): Promise<WitnessCheck[]> {
  // The file first, the head after: a witness is written after its commit, so read in this order another
  // process's commit in between can never make the witness look ahead of the ledger.
  const w = store.witnessFile ? readWitnessFile(store.witnessFile) : null;
  const { count } = await store.ledger.head();
  const out: WitnessCheck[] = [];
  if (store.witnessFile && w) {
    const source = `witness file ${store.witnessFile}`;
    if (!w.ok)
      out.push({ source, status: 'unreadable', reason: w.missing ? 'it does not exist (the store has never written it, or it was removed)' : w.reason });
    else out.push({ source, status: await matchHead(w.doc.head, count, hashAt(store)), count: w.doc.head.count, hash: w.doc.head.hash, at: w.doc.head.at });
  }
  for (const h of heads) out.push({ source: h.source, status: await matchHead(h.head, count, hashAt(store)), count: h.head.count, hash: h.head.hash });
  return out;
}

/** The verification a report is stamped with. */
export interface LedgerStamp {
  verification: LedgerVerification;
  /** 0: the whole chain was recomputed; N: records from N on, and the report's own rows before (checkpoint). */
  checkedFrom: number;
  checkpointAt?: string;
  witnesses: WitnessCheck[];
}

/**
 * The report's verification: from the checkpoint when the store's meta and the witness file agree on it (and the
 * ledger still holds that record with that hash), else the whole chain once per process. A witness that saw
 * records the ledger no longer holds (or another chain) fails it, naming the witness.
 */
export async function verifyForReport(store: Store, scope: { boardId?: string; cardId?: string }): Promise<LedgerStamp> {
  const cp = await readCheckpoint(store);
  const w = store.witnessFile ? readWitnessFile(store.witnessFile) : null;
  let verification: LedgerVerification;
  let checkedFrom = 0;
  let checkpointAt: string | undefined;
  const usable =
    cp &&
    cp.count > 0 &&
    w?.ok &&
    w.doc.verified?.count === cp.count &&
    w.doc.verified.hash === cp.hash &&
    (await store.ledger.bySeq(cp.count - 1))?.hash === cp.hash;
  if (usable) {
    verification = await store.ledger.verifyAfter(cp, scope);
    checkedFrom = cp.count;
    checkpointAt = cp.at;
  } else {
    verification = await store.ledger.verifyCached();
  }
  const witnesses = await checkWitnesses(store);
  const ledgerCount = (await store.ledger.head()).count;
  const bad = witnesses.find((c) => c.status === 'missing-records' || c.status === 'mismatch');
  if (verification.ok && bad) {
    verification = {
      ok: false,
      count: verification.count,
      badSeq: Math.min(present(bad.count, "a failed witness's count") - 1, ledgerCount),
      reason: describeMismatch(bad, ledgerCount),
    };
  }
  return { verification, checkedFrom, ...(checkpointAt ? { checkpointAt } : {}), witnesses };
}
