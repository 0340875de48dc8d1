// Witnesses of the ledger head outside the store (docs/operations.md "Evidence ledger"). The chain proves that
// no record was changed; it cannot prove that none is missing, nor that the store was not swapped for an older
// or a new empty one: that needs copies of the head (count + hash) where the store cannot take them along.
// - The witness file: beside the SQLite file (or where WITNESS_FILE says: PostgreSQL's default is the data
//   folder), rewritten after every commit (write to a temporary file, then rename: never half-written), off the
//   commit path (WitnessWriter: one write in flight, the latest head wins).
// - The managers' digest and a daily comment on each tracked board carry the head as `COUNT:HASH`, so copies
//   live in mailboxes and in Trello; `nabiz verify --head COUNT:HASH` checks one of them.
// A head of count N matches a ledger when the ledger holds at least N records and record N-1 has that hash.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { ChainHead } from './ledger.js';
import { errorMessage } from '../errors.js';

const HeadSchema = z.object({ count: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/), at: z.string() });
export type WitnessHead = z.infer<typeof HeadSchema>;

export const WitnessDocSchema = z.object({
  v: z.literal(1),
  /** Where the ledger lives (SQLite path or the PostgreSQL URL without password). */
  store: z.string(),
  /** The head after the latest commit this file saw. */
  head: HeadSchema,
  /** The latest whole-chain verification (the checkpoint reports start from). */
  verified: HeadSchema.optional(),
});
export type WitnessDoc = z.infer<typeof WitnessDocSchema>;

/** Default: beside the SQLite file; for PostgreSQL in the data folder (DATA_FILE's directory). */
export function witnessFileFor(location: string, dataFile: string, override?: string): string {
  if (override) return override;
  if (/^postgres(ql)?:\/\//i.test(location)) return join(dirname(dataFile), 'nabiz-ledger.witness.json');
  return `${location.replace(/^sqlite:/i, '')}.witness.json`;
}

export type WitnessRead = { ok: true; doc: WitnessDoc } | { ok: false; missing: boolean; reason: string };

export function readWitnessFile(file: string): WitnessRead {
  if (!existsSync(file)) return { ok: false, missing: true, reason: `${file} does not exist` };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, missing: false, reason: `${file} cannot be read: ${errorMessage(e)}` };
  }
  return witnessOfText(file, text);
}

/** A witness file's text checked against its schema (readWitnessFile, readWitnessFileAsync). */
function witnessOfText(file: string, text: string): WitnessRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, missing: false, reason: `${file} cannot be read: ${errorMessage(e)}` };
  }
  const r = WitnessDocSchema.safeParse(json);
  const issue = r.error?.issues[0];
  if (!r.success) return { ok: false, missing: false, reason: `${file} is not a witness file (${issue?.path.join('.')}: ${issue?.message})` };
  return { ok: true, doc: r.data };
}

/** readWitnessFile without blocking the event loop. */
async function readWitnessFileAsync(file: string): Promise<WitnessRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (isMissing(e)) return { ok: false, missing: true, reason: `${file} does not exist` };
    return { ok: false, missing: false, reason: `${file} cannot be read: ${errorMessage(e)}` };
  }
  return witnessOfText(file, text);
}

const isMissing = (e: unknown): boolean => e instanceof Error && 'code' in e && e.code === 'ENOENT';

/**
 * The witness file of one store, written off the commit path (docs/operations.md "Evidence ledger"). A commit only
 * hands its head over (`advance`); one write at a time runs on libuv's threads, and heads that arrive meanwhile are
 * coalesced: the next write takes the latest. A rename over the old file waits for the disk on ext4 (1.5 ms here),
 * which on the event loop delayed every webhook answer of the commit. The file never goes backwards (read before each
 * write: another process may be ahead) and never ahead of a commit (a head is handed over after its commit), so a
 * process killed before its write leaves a witness BEHIND the store, which matches it (matchHead) and is caught up
 * at the next start. Checkpoints (`setVerified`) go through the same queue, so a head write never drops one.
 * One writer per file per process (witnessWriter); `flush` waits for everything handed over (store.close does).
 */
export class WitnessWriter {
  private head: (ChainHead & { at: string }) | null = null;
  private checkpoints: Array<{ cp: WitnessHead; done: (e?: unknown) => void }> = [];
  private running: Promise<void> | null = null;
  /** Where a failed head write is reported (the follower's log); a failed checkpoint rejects its own promise. */
  report: (message: string) => void = () => undefined;
  /** Writes done (tests, bench). */
  writes = 0;

  constructor(
    readonly file: string,
    public location: string,
  ) {}

  /** A commit's head: written soon, unless a later head replaces it first. */
  advance(h: ChainHead): void {
    if (this.head && this.head.count >= h.count) return;
    this.head = { count: h.count, hash: h.hash, at: new Date().toISOString() };
    this.kick();
  }

  /** Keep a whole-chain verification in the file (only into a witness of this chain: its head at or after it). */
  setVerified(cp: WitnessHead): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.checkpoints.push({ cp, done: (e) => (e === undefined ? resolve() : reject(e)) });
      this.kick();
    });
  }

  /** Resolves when every head and checkpoint handed over so far is written (or its failure reported). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    if (!this.running) this.running = this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.head || this.checkpoints.length) {
        const head = this.head;
        this.head = null;
        const cps = this.checkpoints.splice(0);
        const cp = cps.reduce<WitnessHead | undefined>((a, c) => (!a || c.cp.count >= a.count ? c.cp : a), undefined);
        try {
          await this.apply(head, cp);
          for (const c of cps) c.done();
        } catch (e) {
          if (head) this.report(`cannot write the witness file ${this.file}: ${errorMessage(e)}`);
          for (const c of cps) c.done(e);
        }
      }
    } finally {
      this.running = null;
    }
  }

  private async apply(head: WitnessHead | null, cp: WitnessHead | undefined): Promise<void> {
    const cur = await readWitnessFileAsync(this.file);
    let doc = cur.ok ? cur.doc : null;
    let changed = false;
    if (head && (!doc || doc.head.count < head.count)) {
      doc = { v: 1, store: this.location, head, ...(doc?.verified ? { verified: doc.verified } : {}) };
      changed = true;
    }
    if (cp) {
      if (doc && doc.head.count >= cp.count) {
        doc = { ...doc, verified: cp };
        changed = true;
      } else if (!doc && !cur.ok && cur.missing) {
        // No witness yet: the checkpoint is the head it saw. An unreadable one is left for the start to set aside.
        doc = { v: 1, store: this.location, head: cp, verified: cp };
        changed = true;
      }
    }
    if (!changed || !doc) return;
    await mkdir(dirname(resolve(this.file)), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(doc, null, 1) + '\n');
    await rename(tmp, this.file);
    this.writes++;
  }
}

const writers = new Map<string, WitnessWriter>();

/** This process's writer of `file` (one queue per file, whichever store instance commits). */
export function witnessWriter(file: string, location: string): WitnessWriter {
  const key = resolve(file);
  let w = writers.get(key);
  if (!w) writers.set(key, (w = new WitnessWriter(file, location)));
  else w.location = location;
  return w;
}

/** Wait for the pending writes of `file`, if this process has a writer for it. */
export async function flushWitness(file: string | undefined): Promise<void> {
  if (file) await writers.get(resolve(file))?.flush();
}

/** `COUNT:HASH` as printed in digests, board comments and `nabiz verify`. */
export function formatHead(h: ChainHead): string {
  return `${h.count}:${h.hash}`;
}

export function parseHead(s: string): ChainHead | null {
  const m = /^\s*(\d+):([0-9a-fA-F]{64})\s*$/.exec(s);
  const [, count, hash] = m ?? [];
  return count && hash ? { count: Number(count), hash: hash.toLowerCase() } : null;
}

/** How a witnessed head relates to the ledger. */
export type HeadMatch = 'match' | 'missing-records' | 'mismatch';

/**
 * Compare a witnessed head with the ledger: `bySeq` reads one record. A witness of an empty ledger matches
 * anything; a larger count means records the witness saw are gone; a different hash at that count means the
 * chain is not the one the witness saw (rewritten, or another store).
 */
export async function matchHead(w: ChainHead, ledgerCount: number, hashAt: (seq: number) => Promise<string | undefined>): Promise<HeadMatch> {
  if (w.count === 0) return 'match';
  if (w.count > ledgerCount) return 'missing-records';
  return (await hashAt(w.count - 1)) === w.hash ? 'match' : 'mismatch';
}

/** One witness as checked: what it says and whether the ledger agrees. */
export interface WitnessCheck {
  /** "file /data/nabiz-data.sqlite.witness.json", "--head". */
  source: string;
  status: HeadMatch | 'unreadable';
  count?: number;
  hash?: string;
  /** When the witness was written (file), when known. */
  at?: string;
  reason?: string;
}

export function describeMismatch(c: WitnessCheck, ledgerCount: number): string {
  const count = c.count ?? 0;
  if (c.status === 'missing-records')
    return `${c.source} saw ${c.count} records (head ${c.hash?.slice(0, 12)}…${c.at ? `, ${c.at}` : ''}) but the ledger holds ${ledgerCount}: ${count - ledgerCount} records are missing`;
  if (c.status === 'mismatch')
    return `${c.source} saw record ${count - 1} with hash ${c.hash?.slice(0, 12)}…${c.at ? ` (${c.at})` : ''} but the ledger's record ${count - 1} has another hash: the chain is not the one the witness saw`;
  if (c.status === 'unreadable') return `${c.source} could not be checked: ${c.reason}`;
  return `${c.source} matches (${c.count} records${c.at ? `, ${c.at}` : ''})`;
}
