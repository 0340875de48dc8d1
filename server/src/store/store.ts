// Storage port: lowdb over an adapter. Production: DataFile (atomic writes via steno's temp+rename);
// tests: Memory. A corrupt file fails loudly and is never overwritten.
import { Low, Memory, type Adapter } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StateSchema, emptyState, type State } from './schema.js';

export class StoreError extends Error {
  override name = 'StoreError';
}

export interface Store {
  /** Current state (read once at open; kept in memory — lowdb is single-process). */
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

/** Open the data file; a file that is not valid JSON or fails the schema throws StoreError naming the path. */
export async function openFileStore(path: string): Promise<Store> {
  if (!existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true });
  const adapter = new DataFile<State>(path, {
    parse: (s) => {
      let json: unknown;
      try {
        json = JSON.parse(s);
      } catch (e) {
        throw new StoreError(`${path} is not valid JSON (${(e as Error).message}); fix or move it away — it was not touched`);
      }
      const r = StateSchema.safeParse(json);
      if (!r.success) {
        const i = r.error.issues[0]!;
        throw new StoreError(`${path} failed validation at ${i.path.join('.') || '(root)'}: ${i.message}; it was not touched`);
      }
      return r.data;
    },
    stringify: (d) => JSON.stringify(d),
  });
  return openStore(adapter);
}
