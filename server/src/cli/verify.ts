// `nabiz verify`: recompute the evidence ledger's hash chain and every derived column, streamed in seq order
// (constant memory), and check the head against every witness it can read (the witness file, `--head`).
// Exit 1 naming the first bad record or the witness the ledger does not match.
import { notRegularFile } from '../input-file.js';
import { existsSync } from 'node:fs';
import { DEMO_DATA_FILE, ledgerFileFor, storeFileFor } from '../config.js';
import { verifyLegacyFiles } from '../store/import.js';
import type { ChainHead, LedgerVerification } from '../store/ledger.js';
import { checkWitnesses, saveCheckpoint } from '../store/integrity.js';
import { isPostgresUrl, openStore, type LedgerRowRef } from '../store/store.js';
import { describeMismatch, parseHead, witnessFileFor, type WitnessCheck } from '../store/witness.js';
import { describeUnreadableReset, readStoredResets, type StoredResets } from '../store/open.js';
import { parseFlags } from './args.js';
import { UsageError, type CliCommand } from './types.js';

const help = `nabiz verify — check the evidence ledger: its SHA-256 hash chain, every column derived from it, and its witnesses

Usage: nabiz verify [--db LOCATION | --data FILE [--ledger FILE]] [--head COUNT:HASH]… [--witness FILE] [--json]

  --db LOCATION   the store: a SQLite file or postgres://… (default: DATABASE_URL, or the SQLite file next to
                  DATA_FILE; the demo's ${storeFileFor(DEMO_DATA_FILE)} without TRELLO_TOKEN)
  --head C:H      a head copied from a managers' digest or a board's Nabız comment ("Kanıt defteri başı"):
                  the ledger must hold record C-1 with hash H (a larger C means records are missing); repeatable
  --witness FILE  the witness file (default: WITNESS_FILE, or beside the SQLite file; for PostgreSQL the
                  data folder's nabiz-ledger.witness.json)
  --data FILE     verify an old lowdb data file and its ledger file where they are (before/after an import)
  --ledger FILE   that ledger file (default: the data file's name with .json → .ledger.jsonl)
  --json          print { ok, count, head, badSeq?, reason?, witnesses, resets?, unreadableResets? }

Exit 0 when every record matches its hash, links to the one before, its columns say what it says, and every
readable witness matches; 1 otherwise, naming the first bad record or the witness. A whole-chain success is kept
as the verified checkpoint reports start from (docs/operations.md "Evidence ledger"). Resets accepted with
\`serve --accept-reset\` are listed, and a reset record the store holds but that cannot be read is named.
`;

export const command: CliCommand = {
  help,
  async run(argv, io) {
    const args = parseFlags(
      argv,
      {
        db: { type: 'string' },
        data: { type: 'string' },
        ledger: { type: 'string' },
        head: { type: 'string', multiple: true },
        witness: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      help,
      io,
    );
    if (!args) return 0;
    if (args.db && args.data) throw new UsageError('--db and --data exclude each other');
    const heads = (args.head ?? []).map((h) => {
      const p = parseHead(h);
      if (!p) throw new UsageError(`--head must be COUNT:HASH (a number, a colon, 64 hex digits), got "${h}"`);
      return { source: `--head ${p.count}:${p.hash.slice(0, 12)}…`, head: p };
    });
    let r: LedgerVerification;
    let head: ChainHead;
    let where: string;
    let bad: LedgerRowRef | undefined;
    let witnesses: WitnessCheck[] = [];
    let stored: StoredResets = { resets: [], unreadable: [] };
    if (args.data) {
      const ledgerFile = args.ledger ?? ledgerFileFor(args.data);
      if (!existsSync(args.data) && !existsSync(ledgerFile)) throw new UsageError(`${args.data} does not exist`);
      // A device or pipe (--data /dev/zero) would be read forever.
      for (const f of [args.data, ledgerFile]) {
        const problem = notRegularFile(f);
        if (problem) throw new UsageError(problem);
      }
      ({ verification: r, head } = await verifyLegacyFiles({ dataFile: args.data, ledgerFile }, { warn: (m) => io.stderr(`nabiz verify: ${m}\n`) }));
      where = existsSync(ledgerFile) ? ledgerFile : args.data;
    } else {
      const dataFile = io.env.DATA_FILE ?? (io.env.TRELLO_TOKEN ? 'data/nabiz-data.json' : DEMO_DATA_FILE);
      const location = args.db ?? io.env.DATABASE_URL ?? storeFileFor(dataFile);
      if (!isPostgresUrl(location) && !existsSync(location.replace(/^sqlite:/i, ''))) {
        throw new UsageError(`${location} does not exist — run a scan (or start the service) first, or pass --db LOCATION`);
      }
      const store = await openStore(location, { witnessFile: args.witness ?? witnessFileFor(location, dataFile, io.env.WITNESS_FILE), ledgerOnly: true });
      try {
        const full = await store.ledger.verifyFull();
        r = full.verification;
        head = await store.ledger.head();
        witnesses = await checkWitnesses(store, heads);
        // An accepted loss is part of what a reviewer must see beside the chain (docs/operations.md "Evidence ledger").
        stored = await readStoredResets(store);
        if (!r.ok) bad = await store.ledger.rowAt(r.badSeq);
        else if (full.checkpoint && !witnesses.some((w) => w.status === 'missing-records' || w.status === 'mismatch'))
          await saveCheckpoint(store, full.checkpoint);
        where = store.location;
      } finally {
        await store.close();
      }
    }
    const failedWitness = witnesses.filter((w) => w.status === 'missing-records' || w.status === 'mismatch');
    const ok = r.ok && failedWitness.length === 0;
    if (args.json) {
      io.stdout(
        JSON.stringify({
          ...r,
          ok,
          head: head.hash,
          witnesses,
          ...(stored.resets.length ? { resets: stored.resets } : {}),
          ...(stored.unreadable.length ? { unreadableResets: stored.unreadable } : {}),
        }) + '\n',
      );
    } else {
      if (r.ok)
        io.stdout(`ledger ${ok ? 'OK' : 'NOT AS WITNESSED'}: ${r.count} records, hash chain and derived columns intact, head ${head.hash} (${where})\n`);
      else {
        io.stdout(
          `ledger BROKEN at record seq ${r.badSeq}${bad ? ` (${bad.type} of action ${bad.actionId}, card ${bad.cardId})` : ''}: ${r.reason}\n` +
            `  ${r.badSeq} of ${r.count} records verified before it; keep the store as it is for the review and restore from a backup.\n`,
        );
      }
      for (const w of witnesses)
        io.stdout(`  ${w.status === 'match' ? 'ok  ' : w.status === 'unreadable' ? 'n/a ' : 'FAIL'} ${describeMismatch(w, head.count)}\n`);
      for (const x of stored.resets) io.stdout(`  RESET accepted at ${x.at} (${x.via}): ${x.witnesses.join('; ')}\n`);
      for (const u of stored.unreadable) io.stdout(`  RESET? ${describeUnreadableReset(u)}\n`);
      if (failedWitness.length)
        io.stdout(
          `  records a witness saw are not in the store: restore the store from a backup taken after that witness (docs/operations.md "Evidence ledger").\n`,
        );
    }
    return ok ? 0 : 1;
  },
};
