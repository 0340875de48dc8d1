// Opening the configured store: the engine from DATABASE_URL, the one-time import of the old lowdb files, and
// the start-up check of the evidence chain (docs/operations.md "Store"). A broken ledger is never served
// quietly: the check's result feeds /healthz and the log names the first bad record.
import { existsSync, renameSync } from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../log.js';
import { errorMessage } from '../errors.js';
import { present } from '../../../shared/guards.js';
import { importLegacyFiles, needsImport, type LegacyFiles } from './import.js';
import { checkWitnesses, saveCheckpoint } from './integrity.js';
import type { ChainHead } from './ledger.js';
import { openStore, StoreError, type Store } from './store.js';
import { describeMismatch, matchHead, readWitnessFile, witnessFileFor, witnessWriter, type WitnessCheck, type WitnessWriter } from './witness.js';

export interface LedgerHealth {
  state: 'checking' | 'ok' | 'broken';
  /** Records the ledger holds, and the head hash. */
  count: number;
  head: string;
  /** First bad record (broken chain). */
  badSeq?: number;
  reason?: string;
  /** What this store last wrote, when the ledger holds fewer records (restored from an older backup, lost tail). */
  lost?: { expected: number; found: number };
  /** The witnesses of the head, as checked at open and after the chain check. */
  witnesses?: WitnessCheck[];
  /** Resets the operator accepted (`serve --accept-reset`), newest last: written down in the store's meta. */
  resets?: LedgerReset[];
  /** Reset records the store holds that cannot be read (shown, never guessed). */
  unreadableResets?: UnreadableReset[];
}

/** An accepted loss: what the witnesses had seen, what the store held, when and by whom it was accepted. */
export interface LedgerReset {
  at: string;
  found: ChainHead;
  witnesses: string[];
  via: 'serve --accept-reset';
}

/** The store is missing records (or holds another chain) that a witness saw: refused unless accepted. */
export class LedgerLossError extends StoreError {
  override name = 'StoreError';
}

export interface OpenedStore {
  store: Store;
  /** The quick check done at open (count/head vs last written); `verifyChain()` completes it. */
  health: LedgerHealth;
  /** Recompute the whole chain (streamed) and update `health`. */
  verifyChain(): Promise<LedgerHealth>;
}

const RESETS_KEY = 'ledger_resets';
// The meta value written below (JSON of LedgerReset[]); loose, so /healthz and reports show it as written.
const ResetSchema = z.looseObject({
  at: z.string(),
  found: z.object({ count: z.number(), hash: z.string() }),
  witnesses: z.array(z.string()),
  via: z.literal('serve --accept-reset'),
});

/**
 * A reset record the store holds but that cannot be read (not JSON, or an entry failing its schema). Its content is
 * not guessed: where it is and why it failed is what a review sees (docs/operations.md "Evidence ledger").
 */
export interface UnreadableReset {
  /** The meta key holding it. */
  key: string;
  /** Its position in the stored list; absent when the whole value cannot be read. */
  index?: number;
  reason: string;
}

export interface StoredResets {
  resets: LedgerReset[];
  unreadable: UnreadableReset[];
}

/** One line per unreadable reset record (log, `nabiz verify`). */
export function describeUnreadableReset(u: UnreadableReset): string {
  return `a ledger reset record exists but could not be read (meta ${u.key}${u.index !== undefined ? `, entry ${u.index}` : ''}: ${u.reason})`;
}

/** The stored resets, each entry on its own: one bad entry never hides the others, and is itself reported. */
export async function readStoredResets(store: Pick<Store, 'meta'>): Promise<StoredResets> {
  const raw = await store.meta(RESETS_KEY);
  const out: StoredResets = { resets: [], unreadable: [] };
  if (raw === undefined || raw === '') return out;
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch (e) {
    out.unreadable.push({ key: RESETS_KEY, reason: `not valid JSON (${errorMessage(e)})` });
    return out;
  }
  if (!Array.isArray(list)) {
    out.unreadable.push({ key: RESETS_KEY, reason: 'not a list of resets' });
    return out;
  }
  list.forEach((entry: unknown, index) => {
    const r = ResetSchema.safeParse(entry);
    if (r.success) out.resets.push(r.data);
    else
      out.unreadable.push({
        key: RESETS_KEY,
        index,
        reason: r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '),
      });
  });
  return out;
}

/** The readable resets (see readStoredResets for the ones that are not). */
export async function readResets(store: Pick<Store, 'meta'>): Promise<LedgerReset[]> {
  return (await readStoredResets(store)).resets;
}

/** The stored value with `reset` appended; entries that cannot be read are kept as they are (a whole unreadable value as entry 0). */
async function appendReset(store: Store, reset: LedgerReset): Promise<string> {
  const raw = await store.meta(RESETS_KEY);
  let list: unknown[] = [];
  if (raw !== undefined && raw !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = raw;
    }
    list = Array.isArray(parsed) ? parsed : [raw];
  }
  return JSON.stringify([...list, reset]);
}

/** The witness file follows every commit of `store` from now on (witness.ts WitnessWriter). */
export function followHead(store: Store, witnessFile: string, log: Pick<Logger, 'error'>): WitnessWriter {
  const writer = witnessWriter(witnessFile, store.location);
  writer.report = (message) => log.error(`store: ${message}`);
  store.onAppend((h) => writer.advance(h));
  return writer;
}

/**
 * Open the store and check the ledger against its witnesses: the witness file outside the store, and what this
 * store last wrote (meta). Records a witness saw that the ledger no longer holds (or another chain at that count)
 * refuse the open with one line (exit 2) unless `acceptReset`: then the decision is written into the store's
 * meta, logged, shown on /healthz and in reports, every board is marked for a full pass (its cursor cleared) so
 * the next scan fetches what Trello still has, and the witness starts again from the store's head.
 */
export async function openConfiguredStore(
  config: { DATABASE_URL: string; DATA_FILE: string; LEDGER_FILE: string; WITNESS_FILE?: string | undefined },
  log: Pick<Logger, 'info' | 'warn' | 'error'>,
  opts: { import?: boolean; acceptReset?: boolean } = {},
): Promise<OpenedStore> {
  const witnessFile = witnessFileFor(config.DATABASE_URL, config.DATA_FILE, config.WITNESS_FILE);
  const store = await openStore(config.DATABASE_URL, { witnessFile });
  try {
    const files: LegacyFiles = { dataFile: config.DATA_FILE, ledgerFile: config.LEDGER_FILE };
    if (opts.import !== false && (await needsImport(store, files))) await importLegacyFiles(store, files, log);
    // Witnesses first, the head last: another process may commit in between, and a witness is written only after
    // its commit, so read in this order a witness is never ahead of the head by a race.
    const w = readWitnessFile(witnessFile);
    const written = await store.lastWritten();
    const head = await store.ledger.head();
    const health: LedgerHealth = { state: 'checking', count: head.count, head: head.hash };
    const hashAt = async (seq: number) => (await store.ledger.bySeq(seq))?.hash;
    const checks: WitnessCheck[] = [];
    if (w.ok)
      checks.push({
        source: `witness file ${witnessFile}`,
        status: await matchHead(w.doc.head, head.count, hashAt),
        count: w.doc.head.count,
        hash: w.doc.head.hash,
        at: w.doc.head.at,
      });
    else if (!w.missing) checks.push({ source: `witness file ${witnessFile}`, status: 'unreadable', reason: w.reason });
    if (written)
      checks.push({
        source: "the store's own record of its last write",
        status: await matchHead(written, head.count, hashAt),
        count: written.count,
        hash: written.hash,
      });
    const failed = checks.filter((c) => c.status === 'missing-records' || c.status === 'mismatch');
    const firstFailed = failed[0];
    if (firstFailed) {
      const what = describeMismatch(firstFailed, head.count);
      if (!opts.acceptReset) {
        throw new LedgerLossError(
          `the evidence ledger at ${store.location} is not the one its witnesses saw: ${what}. Restore the store from a backup (docs/operations.md "Evidence ledger"); to go on with this store anyway, start once with \`nabiz serve --accept-reset\` (written down and reported)`,
        );
      }
      const reset: LedgerReset = {
        at: new Date().toISOString(),
        found: head,
        witnesses: failed.map((c) => describeMismatch(c, head.count)),
        via: 'serve --accept-reset',
      };
      await store.setMeta(RESETS_KEY, await appendReset(store, reset));
      log.error(
        `store: RESET ACCEPTED (--accept-reset): ${reset.witnesses.join('; ')}. Written into the store; /healthz and every report show it. Every board gets a full pass on its next scan.`,
      );
      if (written && written.count > head.count) health.lost = { expected: written.count, found: head.count };
      // The stored snapshot may be newer than the pluginData versions the ledger kept: the next scan compares every
      // card with the ledger (recheck); a board with no version left starts its fact history again.
      const kept = new Set<string>();
      for (const id of store.boards.keys()) if ((await store.ledger.facts(id)).some((r) => r.type === 'board-data')) kept.add(id);
      await store.write(async (tx) => {
        for (const id of store.boards.keys()) {
          const { cursor: _c, facts, ...b } = present(store.boards.get(id), `board ${id}`);
          await tx.boards.put(id, { ...b, backfilled: false, ...(facts && kept.has(id) ? { facts: { from: facts.from, recheck: true } } : {}) });
        }
      });
      await store.setMeta('ledger_written', JSON.stringify({ count: head.count, hash: head.hash }));
      // The old witness is kept beside the new one (it is evidence of what was lost).
      if (existsSync(witnessFile)) renameSync(witnessFile, `${witnessFile}.replaced-${reset.at.replace(/[:.]/g, '-')}`);
    } else if (w.ok === false && !w.missing) {
      log.error(`store: ${w.reason}; kept as ${witnessFile}.unreadable and written again from the store's head`);
      renameSync(witnessFile, `${witnessFile}.unreadable`);
    } else if (!w.ok && head.count > 0) {
      log.warn(
        `store: no witness file at ${witnessFile} yet (first start with witnesses, or it was removed): written now from the store's head, ${head.count} records`,
      );
    }
    const { resets, unreadable } = await readStoredResets(store);
    if (resets.length) health.resets = resets;
    if (unreadable.length) {
      health.unreadableResets = unreadable;
      log.warn(`store: ${unreadable.map(describeUnreadableReset).join('; ')}; /healthz, \`nabiz verify\` and every report say so`);
    }
    // From here on the witness follows every commit, off the commit path (witness.ts WitnessWriter: never
    // backwards, another process may be ahead; store.close() waits for the last write).
    const writer = followHead(store, witnessFile, log);
    const cur = readWitnessFile(witnessFile);
    if (!cur.ok || cur.doc.head.count < head.count) writer.advance(head);
    await writer.flush();
    health.witnesses = await checkWitnesses(store);
    const verifyChain = async (): Promise<LedgerHealth> => {
      const { verification: v, checkpoint } = await store.ledger.verifyFull();
      const now = await store.ledger.head();
      health.count = now.count;
      health.head = now.hash;
      health.witnesses = await checkWitnesses(store);
      if (v.ok) {
        health.state = 'ok';
        if (checkpoint) await saveCheckpoint(store, checkpoint);
        log.info(
          `store: ledger verified: ${now.count} records, head ${now.hash.slice(0, 12)}… (${store.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'} ${store.location})`,
        );
      } else {
        Object.assign(health, { state: 'broken', badSeq: v.badSeq, reason: v.reason });
        const rec = await store.ledger.rowAt(v.badSeq);
        log.error(
          `store: the evidence ledger is BROKEN at record seq ${v.badSeq}${rec ? ` (${rec.type} of action ${rec.actionId}, card ${rec.cardId})` : ''}: ${v.reason}. ` +
            `/healthz reports it and reports say VERIFICATION FAILED; keep the store as it is for the review and restore from a backup.`,
        );
      }
      return health;
    };
    return { store, health, verifyChain };
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
}
