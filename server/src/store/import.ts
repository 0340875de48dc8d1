// One-time import of the lowdb store (a JSON data file + an append-only JSON-lines ledger file) into the SQL
// store (docs/operations.md "Moving from the data file"). The ledger file is streamed line by line and its
// chain verified while it is read; everything goes in ONE transaction (a kill mid-import leaves nothing, the
// rerun starts over); the old files are only read, never changed; afterwards the imported chain is verified
// again and must end at the same count and head hash.
import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Logger } from '../log.js';
import { errorCode, errorMessage } from '../errors.js';
import { present } from '../../../shared/guards.js';
import { ChainVerifier, type ChainHead, type LedgerVerification } from './ledger.js';
import { LedgerRecordSchema, LegacyStateSchema, type LedgerRecord, type State } from './schema.js';
import { StoreError, type Store } from './store.js';

export interface LegacyFiles {
  dataFile: string;
  ledgerFile: string;
}

export interface ImportResult {
  from: string[];
  count: number;
  head: ChainHead;
}

/** The data file, validated (null when absent). */
async function readDataFile(path: string): Promise<{ state: State; ledger: LedgerRecord[] | undefined } | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return null;
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new StoreError(`${path} is not valid JSON (${errorMessage(e)}); fix or move it away — it was not touched`);
  }
  const r = LegacyStateSchema.safeParse(json);
  if (!r.success) {
    const i = present(r.error.issues[0], 'the first validation issue');
    throw new StoreError(`${path} failed validation at ${i.path.join('.') || '(root)'}: ${i.message}; it was not touched`);
  }
  const { ledger, ...state } = r.data;
  return { state, ledger };
}

/**
 * Ledger file lines, validated and chain-checked as they stream by. An incomplete last line (a crash
 * mid-append) is skipped with a warning; any other bad line, or a broken chain, throws naming the line.
 */
async function* ledgerLines(path: string, verifier: ChainVerifier, log: Pick<Logger, 'warn'>): AsyncGenerator<LedgerRecord> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  let pending: string | null = null;
  const take = (raw: string, n: number): LedgerRecord => {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      throw new StoreError(`${path}:${n}: not valid JSON (${errorMessage(e)}); nothing was imported and the file was not touched`);
    }
    const r = LedgerRecordSchema.safeParse(json);
    if (!r.success) {
      const i = present(r.error.issues[0], 'the first validation issue');
      throw new StoreError(`${path}:${n}: failed validation at ${i.path.join('.') || '(root)'}: ${i.message}; nothing was imported`);
    }
    if (!verifier.push(r.data)) {
      const f = present(verifier.failure, 'the chain failure');
      throw new StoreError(
        `${path}:${n}: the hash chain is broken at record seq ${f.badSeq}: ${f.reason}; nothing was imported — keep the file for the review and restore from a backup`,
      );
    }
    return r.data;
  };
  for await (const raw of rl) {
    line++;
    if (pending !== null) yield take(pending, line - 1);
    pending = raw;
  }
  if (pending !== null && pending !== '') {
    // readline cannot tell whether the last line ended with \n: a line that does not parse there is torn.
    try {
      yield take(pending, line);
    } catch (e) {
      if (!(e instanceof StoreError) || !/not valid JSON/.test(e.message)) throw e;
      log.warn(`${path}: skipped an incomplete last line ${line} (a save was interrupted); the next scan fetches what it held again`);
    }
  }
}

/**
 * Verify the old files where they are (streamed, nothing imported, nothing changed): `nabiz verify --data`,
 * to compare with the store after the import.
 */
export async function verifyLegacyFiles(files: LegacyFiles, log: Pick<Logger, 'warn'>): Promise<{ verification: LedgerVerification; head: ChainHead }> {
  const v = new ChainVerifier();
  try {
    if (existsSync(files.ledgerFile)) {
      for await (const _r of ledgerLines(files.ledgerFile, v, log)) void _r;
    } else {
      for (const r of (await readDataFile(files.dataFile))?.ledger ?? []) if (!v.push(r)) break;
    }
  } catch (e) {
    if (!(e instanceof StoreError) || !v.failure) throw e;
  }
  return { verification: v.result(), head: v.head };
}

/** True when there is something to import: the store is empty, never imported, and an old file exists. */
export async function needsImport(store: Store, files: LegacyFiles): Promise<boolean> {
  if (!existsSync(files.dataFile) && !existsSync(files.ledgerFile)) return false;
  if (await store.meta('imported_from')) return false;
  const head = await store.ledger.head();
  return head.count === 0 && store.boards.keys().length === 0;
}

/** Import the old files into an empty store (see the file comment). */
export async function importLegacyFiles(store: Store, files: LegacyFiles, log: Pick<Logger, 'info' | 'warn'>): Promise<ImportResult> {
  const data = await readDataFile(files.dataFile);
  const hasLedgerFile = existsSync(files.ledgerFile);
  if (data?.ledger?.length && hasLedgerFile) {
    throw new StoreError(
      `${files.dataFile} holds a ledger and ${files.ledgerFile} exists too; move one of them away — neither was touched, nothing was imported`,
    );
  }
  const before = new ChainVerifier();
  const source: Iterable<LedgerRecord> | AsyncIterable<LedgerRecord> = hasLedgerFile
    ? ledgerLines(files.ledgerFile, before, log)
    : (function* () {
        for (const r of data?.ledger ?? []) {
          if (!before.push(r)) {
            const f = present(before.failure, 'the chain failure');
            throw new StoreError(`${files.dataFile}: the hash chain is broken at record seq ${f.badSeq}: ${f.reason}; nothing was imported`);
          }
          yield r;
        }
      })();
  const from = [...(data ? [files.dataFile] : []), ...(hasLedgerFile ? [files.ledgerFile] : [])];
  const head = await store.importAll(source, data?.state ?? null, {
    imported_from: JSON.stringify({ files: from, count: before.head.count, head: before.head.hash }),
  });
  // After: the store's chain, recomputed from what it holds, must end where the file's did.
  const after = await store.ledger.verify();
  const storeHead = await store.ledger.head();
  if (!after.ok || after.count !== before.head.count || storeHead.hash !== before.head.hash || head.count !== before.head.count) {
    throw new StoreError(
      `the imported ledger does not match ${from.join(' + ')} (${after.ok ? `${after.count} records, head ${storeHead.hash}` : `broken at seq ${after.badSeq}: ${after.reason}`}; ` +
        `the file had ${before.head.count}, head ${before.head.hash}); the old files were not touched`,
    );
  }
  log.info(
    `store: imported ${before.head.count} ledger records (head ${before.head.hash.slice(0, 12)}…) and the state from ${from.join(' + ')}; ` +
      `the data now lives in ${store.location} — the old files were left as they were and are no longer read`,
  );
  return { from, count: before.head.count, head: before.head };
}
