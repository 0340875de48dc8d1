// `nabiz verify`: recompute the evidence ledger's hash chain (DESIGN §9). Exit 1 naming the first bad record.
import { existsSync } from 'node:fs';
import { DEMO_DATA_FILE } from '../main.js';
import { verifyLedger } from '../store/ledger.js';
import { openFileStore } from '../store/store.js';
import { parseFlags } from './args.js';
import { UsageError, type CliCommand } from './types.js';

const help = `nabiz verify — check the evidence ledger's SHA-256 hash chain

Usage: nabiz verify [--data FILE] [--json]

  --data FILE   the data file (default: DATA_FILE, or the demo's ${DEMO_DATA_FILE} without TRELLO_TOKEN)
  --json        print { ok, count, badSeq?, reason? }

Exit 0 when every record matches its hash and links to the one before; 1 otherwise, naming the first bad record.
`;

export const command: CliCommand = {
  help,
  async run(argv, io) {
    const args = parseFlags(argv, { data: { type: 'string' }, json: { type: 'boolean', default: false } }, help, io);
    if (!args) return 0;
    const file = args.data ?? io.env.DATA_FILE ?? (io.env.TRELLO_TOKEN ? 'data/nabiz-data.json' : DEMO_DATA_FILE);
    if (!existsSync(file)) throw new UsageError(`${file} does not exist — run a scan first, or pass --data FILE`);
    // openFileStore refuses a file that is not valid JSON or fails the schema (and never rewrites it).
    const store = await openFileStore(file);
    const r = verifyLedger(store.data.ledger);
    if (args.json) {
      io.stdout(JSON.stringify(r) + '\n');
    } else if (r.ok) {
      io.stdout(`ledger OK: ${r.count} records, hash chain intact (${file})\n`);
    } else {
      const rec = store.data.ledger.find((x) => x.seq === r.badSeq) ?? store.data.ledger[r.badSeq];
      io.stdout(
        `ledger BROKEN at record seq ${r.badSeq}${rec ? ` (${rec.type} of action ${rec.actionId}, card ${rec.cardId})` : ''}: ${r.reason}\n` +
          `  ${r.badSeq} of ${r.count} records verified before it; keep this file as it is for the review and restore from a backup.\n`,
      );
    }
    return r.ok ? 0 : 1;
  },
};
