// `nabiz verify`: recompute the evidence ledger's hash chain, streamed in seq order (constant memory).
// Exit 1 naming the first bad record.
import { notRegularFile } from '../input-file.js';
import { existsSync } from 'node:fs';
import { DEMO_DATA_FILE, ledgerFileFor, storeFileFor } from '../config.js';
import { verifyLegacyFiles } from '../store/import.js';
import type { ChainHead, LedgerVerification } from '../store/ledger.js';
import type { LedgerRecord } from '../store/schema.js';
import { isPostgresUrl, openStore } from '../store/store.js';
import { parseFlags } from './args.js';
import { UsageError, type CliCommand } from './types.js';

const help = `nabiz verify — check the evidence ledger's SHA-256 hash chain

Usage: nabiz verify [--db LOCATION | --data FILE [--ledger FILE]] [--json]

  --db LOCATION  the store: a SQLite file or postgres://… (default: DATABASE_URL, or the SQLite file next to
                 DATA_FILE; the demo's ${storeFileFor(DEMO_DATA_FILE)} without TRELLO_TOKEN)
  --data FILE    verify an old lowdb data file and its ledger file where they are (before/after an import)
  --ledger FILE  that ledger file (default: the data file's name with .json → .ledger.jsonl)
  --json         print { ok, count, head, badSeq?, reason? }

Exit 0 when every record matches its hash and links to the one before; 1 otherwise, naming the first bad record.
`;

export const command: CliCommand = {
  help,
  async run(argv, io) {
    const args = parseFlags(
      argv,
      { db: { type: 'string' }, data: { type: 'string' }, ledger: { type: 'string' }, json: { type: 'boolean', default: false } },
      help,
      io,
    );
    if (!args) return 0;
    if (args.db && args.data) throw new UsageError('--db and --data exclude each other');
    let r: LedgerVerification;
    let head: ChainHead;
    let where: string;
    let bad: LedgerRecord | undefined;
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
      const store = await openStore(location);
      try {
        r = await store.ledger.verify();
        head = await store.ledger.head();
        if (!r.ok) bad = await store.ledger.bySeq(r.badSeq);
        where = store.location;
      } finally {
        await store.close();
      }
    }
    if (args.json) {
      io.stdout(JSON.stringify({ ...r, head: head.hash }) + '\n');
    } else if (r.ok) {
      io.stdout(`ledger OK: ${r.count} records, hash chain intact, head ${head.hash} (${where})\n`);
    } else {
      io.stdout(
        `ledger BROKEN at record seq ${r.badSeq}${bad ? ` (${bad.type} of action ${bad.actionId}, card ${bad.cardId})` : ''}: ${r.reason}\n` +
          `  ${r.badSeq} of ${r.count} records verified before it; keep the store as it is for the review and restore from a backup.\n`,
      );
    }
    return r.ok ? 0 : 1;
  },
};
