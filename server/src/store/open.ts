// Opening the configured store: the engine from DATABASE_URL, the one-time import of the old lowdb files, and
// the start-up check of the evidence chain (docs/operations.md "Store"). A broken ledger is never served
// quietly: the check's result feeds /healthz and the log names the first bad record.
import type { Logger } from '../log.js';
import { importLegacyFiles, needsImport, type LegacyFiles } from './import.js';
import type { ChainHead } from './ledger.js';
import { openStore, type Store } from './store.js';

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
}

export interface OpenedStore {
  store: Store;
  /** The quick check done at open (count/head vs last written); `verifyChain()` completes it. */
  health: LedgerHealth;
  /** Recompute the whole chain (streamed) and update `health`. */
  verifyChain(): Promise<LedgerHealth>;
}

/**
 * Open the store and check the ledger against what this store last wrote. When records were lost, every
 * board is marked for a full pass (its cursor cleared), so the next scan fetches the lost evidence again
 * instead of raising "missing" findings meanwhile.
 */
export async function openConfiguredStore(
  config: { DATABASE_URL: string; DATA_FILE: string; LEDGER_FILE: string },
  log: Pick<Logger, 'info' | 'warn' | 'error'>,
  opts: { import?: boolean } = {},
): Promise<OpenedStore> {
  const store = await openStore(config.DATABASE_URL);
  try {
    const files: LegacyFiles = { dataFile: config.DATA_FILE, ledgerFile: config.LEDGER_FILE };
    if (opts.import !== false && (await needsImport(store, files))) await importLegacyFiles(store, files, log);
    const head = await store.ledger.head();
    const written = await store.lastWritten();
    const health: LedgerHealth = { state: 'checking', count: head.count, head: head.hash };
    if (written && !(await continues(store, written, head))) {
      health.lost = { expected: written.count, found: head.count };
      log.error(
        `store: the ledger holds ${head.count} records but this store last wrote ${written.count} (head ${written.hash.slice(0, 12)}…): records were lost ` +
          `(a restore from an older backup?). Every board gets a full pass on its next scan to fetch them again.`,
      );
      // The stored snapshot may be newer than the pluginData versions the ledger kept: the next scan compares every
      // card with the ledger (recheck); a board with no version left starts its fact history again.
      const kept = new Set<string>();
      for (const id of Object.keys(store.data.boards)) if ((await store.ledger.facts(id)).some((r) => r.type === 'board-data')) kept.add(id);
      await store.update((s) => {
        for (const [id, b] of Object.entries(s.boards)) {
          b.backfilled = false;
          delete b.cursor;
          if (b.facts && kept.has(id)) b.facts = { from: b.facts.from, recheck: true };
          else delete b.facts;
        }
      });
      await store.setMeta('ledger_written', JSON.stringify(head));
    }
    const verifyChain = async (): Promise<LedgerHealth> => {
      const v = await store.ledger.verifyCached();
      const now = await store.ledger.head();
      health.count = now.count;
      health.head = now.hash;
      if (v.ok) {
        health.state = 'ok';
        log.info(`store: ledger verified: ${now.count} records, head ${now.hash.slice(0, 12)}… (${store.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'} ${store.location})`);
      } else {
        Object.assign(health, { state: 'broken', badSeq: v.badSeq, reason: v.reason });
        const rec = await store.ledger.bySeq(v.badSeq);
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

/** Does the ledger still hold the record this store last wrote, with the same hash? */
async function continues(store: Store, written: ChainHead, head: ChainHead): Promise<boolean> {
  if (written.count === 0) return true;
  if (head.count < written.count) return false;
  const rec = await store.ledger.bySeq(written.count - 1);
  return rec?.hash === written.hash;
}
