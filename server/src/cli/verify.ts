// `nabiz verify`: recompute the evidence ledger's hash chain (DESIGN §9). Exit 1 naming the first bad record.
import { existsSync } from 'node:fs';
import { ledgerFileFor } from '../config.js';
import { DEMO_DATA_FILE } from '../config.js';
import { verifyLedger } from '../store/ledger.js';
import { openFileStore } from '../store/store.js';
import { parseFlags } from './args.js';
import { UsageError, type CliCommand } from './types.js';

const help = `nabiz verify — check the evidence ledger's SHA-256 hash chain

Usage: nabiz verify [--data FILE [--ledger FILE]] [--json]

  --data FILE   the data file (default: DATA_FILE, or the demo's ${DEMO_DATA_FILE} without TRELLO_TOKEN)
  --ledger FILE its ledger file (default: LEDGER_FILE, or the data file's name with .json → .ledger.jsonl)
  --json        print { ok, count, badSeq?, reason? }

Exit 0 when every record matches its hash and links to the one before; 1 otherwise, naming the first bad record.
`;

export const command: CliCommand = {
  help,
  async run(argv, io) {
    const args = parseFlags(argv, { data: { type: 'string' }, ledger: { type: 'string' }, json: { type: 'boolean', default: false } }, help, io);
    if (!args) return 0;
    const file = args.data ?? io.env.DATA_FILE ?? (io.env.TRELLO_TOKEN ? 'data/nabiz-data.json' : DEMO_DATA_FILE);
    const ledgerFile = args.ledger ?? (!args.data && io.env.LEDGER_FILE ? io.env.LEDGER_FILE : ledgerFileFor(file));
    if (!existsSync(file) && !existsSync(ledgerFile)) throw new UsageError(`${file} does not exist — run a scan first, or pass --data FILE`);
    // Read only: openFileStore refuses a file that is not valid JSON or fails the schema (naming the ledger line),
    // and neither migrates an old data file nor cuts a torn last ledger line here.
    const store = await openFileStore(file, { ledgerFile, readOnly: true, log: { warn: (m) => io.stderr(`nabiz verify: ${m}\n`) } });
    const r = verifyLedger(store.data.ledger);
    if (args.json) {
      io.stdout(JSON.stringify(r) + '\n');
    } else if (r.ok) {
      io.stdout(`ledger OK: ${r.count} records, hash chain intact (${existsSync(ledgerFile) ? ledgerFile : file})\n`);
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
