// Storage port: lowdb over an adapter. Production: two files — the state without the ledger in DATA_FILE
// (atomic writes via steno's temp+rename) and the evidence ledger as an append-only JSON-lines file
// (LEDGER_FILE), so a save appends only the new records instead of rewriting them all; tests: Memory.
// A corrupt file fails loudly and is never overwritten.
import { Low, Memory, type Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import { existsSync, mkdirSync } from 'node:fs';
import { open, readFile, rename, rm, truncate } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ledgerFileFor } from '../config.js';
import type { Logger } from '../log.js';
import { LedgerRecordSchema, StateSchema, emptyState, type LedgerRecord, type State } from './schema.js';

export class StoreError extends Error {
  override name = 'StoreError';
}

export interface Store {
  /** Current state (read once at open; kept in memory — lowdb is single-process). `data.ledger` only grows. */
  readonly data: State;
  /** Mutate and persist atomically. Writes are serialised. */
  update<T>(fn: (s: State) => T): Promise<T>;
  /**
   * Mutate in memory only (serialised with updates); persisted by the next update/flush. Every mutation is
   * applied whole, so any later write is a consistent state (the scanner checkpoints big backfills this way).
   */
  mutate<T>(fn: (s: State) => T): Promise<T>;
  /** Persist the current state now. */
  flush(): Promise<void>;
}

class LowStore implements Store {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly db: Low<State>) {}
  get data(): State {
    return this.db.data;
  }
  update<T>(fn: (s: State) => T): Promise<T> {
    return this.enqueue(fn, true);
  }
  mutate<T>(fn: (s: State) => T): Promise<T> {
    return this.enqueue(fn, false);
  }
  flush(): Promise<void> {
    return this.enqueue(() => undefined, true);
  }
  private enqueue<T>(fn: (s: State) => T, write: boolean): Promise<T> {
    const run = this.queue.then(async () => {
      const out = fn(this.db.data);
      if (write) await this.db.write();
      return out;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

export async function openStore(adapter: Adapter<State>): Promise<Store> {
  const db = new Low<State>(adapter, emptyState());
  await db.read();
  return new LowStore(db);
}

export function memoryStore(initial?: State): Promise<Store> {
  const m = new Memory<State>();
  if (initial) void m.write(initial);
  return openStore(m);
}

export interface FileStoreOptions {
  /** The append-only JSON-lines ledger (default: ledgerFileFor(path), next to the data file). */
  ledgerFile?: string;
  /** Receives the warning about a torn last ledger line (default: stderr). */
  log?: Pick<Logger, 'warn'>;
  /**
   * Read only (verify, report): an old data file is not migrated, a torn last ledger line is dropped in memory
   * but not truncated on disk, and every write throws.
   */
  readOnly?: boolean;
}

/**
 * Open the data file and its ledger file. A data file that is not valid JSON or fails the schema, or a ledger
 * line that does (other than a torn last line), throws StoreError naming the path (and line) and touches nothing.
 * A data file from before the ledger file (ledger inside the JSON) is migrated once.
 */
export async function openFileStore(path: string, opts: FileStoreOptions = {}): Promise<Store> {
  if (!opts.readOnly && !existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true });
  return openStore(new SplitFileAdapter(path, opts.ledgerFile ?? ledgerFileFor(path), opts));
}

/** Lines of the ledger file, each validated. Null when the file does not exist. */
export interface LedgerFileContent {
  records: LedgerRecord[];
  /** Bytes of complete lines (the file is cut here when a torn last line is dropped). */
  bytes: number;
  /** Bytes of an incomplete last line that were dropped (0 when none). */
  tornBytes: number;
}

/**
 * Read and validate a ledger file: one LedgerRecord per `\n`-terminated line. An incomplete last line (a crash
 * mid-append) is reported in tornBytes; any other bad line throws StoreError with the path and line number.
 */
export async function readLedgerFile(path: string): Promise<LedgerFileContent | null> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const bytes = buf.lastIndexOf(0x0a) + 1;
  const text = buf.toString('utf8', 0, bytes);
  const records: LedgerRecord[] = [];
  const bad = (line: number, why: string) =>
    new StoreError(`${path}:${line}: ${why}; fix or move it away (the ledger is append-only) — it was not touched`);
  for (let start = 0, line = 1; start < text.length; line++) {
    const nl = text.indexOf('\n', start);
    const raw = text.slice(start, nl);
    start = nl + 1;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      throw bad(line, `not valid JSON (${(e as Error).message})`);
    }
    const r = LedgerRecordSchema.safeParse(json);
    if (!r.success) {
      const i = r.error.issues[0]!;
      throw bad(line, `failed validation at ${i.path.join('.') || '(root)'}: ${i.message}`);
    }
    records.push(r.data);
  }
  return { records, bytes, tornBytes: buf.length - bytes };
}

/** Append text to a file and fsync it; a failed append is cut back so the file never keeps half a write. */
async function appendDurably(path: string, text: string): Promise<void> {
  const fh = await open(path, 'a');
  try {
    const { size } = await fh.stat();
    try {
      await fh.appendFile(text, 'utf8');
      await fh.sync();
    } catch (e) {
      await fh.truncate(size).catch(() => undefined);
      throw e;
    }
  } finally {
    await fh.close();
  }
}

/** The state as DATA_FILE holds it: everything but the ledger. */
function stringifyState(s: State): string {
  return JSON.stringify({ ...s, ledger: undefined });
}

/**
 * DATA_FILE (state without the ledger, rewritten atomically) + LEDGER_FILE (append-only JSON lines).
 * A save appends the records the ledger file does not hold yet (fsync'd) and only then rewrites DATA_FILE:
 * a crash in between leaves ledger lines ahead of the state (its cursors), whose facts the next scan finds
 * again and skips (appendNewLedger dedupes by fact), so nothing is lost or duplicated.
 */
class SplitFileAdapter implements Adapter<State> {
  private readonly main: TextFile;
  /** Records the ledger file holds, and the hash of the last one. */
  private persisted = 0;
  private lastHash: string | undefined;

  constructor(
    private readonly path: string,
    private readonly ledgerPath: string,
    private readonly opts: FileStoreOptions,
  ) {
    this.main = new TextFile(path);
  }

  async read(): Promise<State | null> {
    const text = await this.main.read();
    let json: unknown = null;
    if (text !== null) {
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new StoreError(`${this.path} is not valid JSON (${(e as Error).message}); fix or move it away — it was not touched`);
      }
    }
    const file = await readLedgerFile(this.ledgerPath);
    if (json === null && file === null) return null;
    let state: State;
    if (json === null) state = emptyState();
    else {
      const r = StateSchema.safeParse(json);
      if (!r.success) {
        const i = r.error.issues[0]!;
        throw new StoreError(`${this.path} failed validation at ${i.path.join('.') || '(root)'}: ${i.message}; it was not touched`);
      }
      state = r.data;
    }
    // A data file from before the ledger file keeps its ledger inside the JSON.
    const legacy = json !== null && typeof json === 'object' && 'ledger' in json;
    if (legacy && file) {
      // A migration interrupted after the ledger file was written: it must hold the same records.
      const same = file.records.length >= state.ledger.length && state.ledger.every((r, i) => file.records[i]!.hash === r.hash);
      if (!same) {
        throw new StoreError(
          `${this.path} holds a ledger and ${this.ledgerPath} exists with different records; move one of them away — neither was touched`,
        );
      }
    }
    if (file && file.tornBytes > 0) {
      (this.opts.log ?? stderrLog).warn(
        `${this.ledgerPath}: dropped an incomplete last line (${file.tornBytes} bytes after line ${file.records.length}: a save was interrupted)` +
          `${this.opts.readOnly ? '' : '; the file was cut back to its last complete line'}. The next scan fetches what it held again.`,
      );
      if (!this.opts.readOnly) await truncate(this.ledgerPath, file.bytes);
    }
    if (file) state.ledger = file.records;
    this.persisted = state.ledger.length;
    this.lastHash = state.ledger.at(-1)?.hash;
    if (legacy && !this.opts.readOnly) {
      // Migrate once: the ledger file first (whole, fsync'd, renamed into place), then the JSON without it.
      if (!file) {
        const tmp = `${this.ledgerPath}.tmp`;
        await truncate(tmp, 0).catch(() => undefined);
        await appendDurably(tmp, state.ledger.map((r) => JSON.stringify(r) + '\n').join(''));
        await rename(tmp, this.ledgerPath);
      }
      await this.main.write(stringifyState(state));
    }
    return state;
  }

  async write(data: State): Promise<void> {
    if (this.opts.readOnly) throw new StoreError(`${this.path} was opened read-only`);
    const ledger = data.ledger;
    if (ledger.length < this.persisted || (this.persisted > 0 && ledger[this.persisted - 1]!.hash !== this.lastHash)) {
      throw new StoreError(
        `the ledger in memory no longer starts with the ${this.persisted} records of ${this.ledgerPath} (it is append-only); nothing was written`,
      );
    }
    if (ledger.length > this.persisted) {
      let lines = '';
      for (let i = this.persisted; i < ledger.length; i++) lines += JSON.stringify(ledger[i]) + '\n';
      await appendDurably(this.ledgerPath, lines);
      this.persisted = ledger.length;
      this.lastHash = ledger.at(-1)!.hash;
    }
    try {
      await this.main.write(stringifyState(data));
    } catch (e) {
      // steno writes `.<name>.tmp` then renames it; a failed write (full disk, rename refused) must not leave it
      // behind: the data file itself is untouched and still the last good state.
      await rm(join(dirname(this.path), `.${basename(this.path)}.tmp`), { force: true }).catch(() => undefined);
      throw e;
    }
  }
}

const stderrLog: Pick<Logger, 'warn'> = { warn: (m) => void process.stderr.write(`WARN ${m}\n`) };
