// Verify benchmark (docs/operations.md "Evidence ledger"): a ledger of N boards × M cards × D days built through
// the store's append, on SQLite and on PostgreSQL (--sqlite-only / --postgres-only), then what an operator and a
// reviewer run as processes: `nabiz verify` (the whole chain and every derived column, streamed: records/s and
// peak RSS) and `nabiz report` of one card's month (which checks only the records after the verified checkpoint).
// Printed, never asserted; targets beside the numbers.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, dateKey } from '../../../shared/calendar.js';
import type { CliIO } from '../cli/types.js';
import { openStore } from '../store/store.js';
import { NOW, boardId, boardInputs, cardId, snapshotOfBoard, startPostgres } from './store-bench.js';
import { maxOf, pushAll } from '../../../shared/arrays.js';
import { runMeasured } from './child.js';
import { present } from '../../../shared/guards.js';

export const name = 'verify';

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

function opt(argv: string[], flag: string, def: number): number {
  const i = argv.indexOf(flag);
  if (i < 0) return def;
  const v = Number(argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} needs a positive integer`);
  return v;
}

type Row = [string, string, string];

export async function run(io: Pick<CliIO, 'stdout' | 'stderr'>, opts: { quick: boolean; argv: string[] }): Promise<void> {
  const o = {
    boards: opt(opts.argv, '--boards', opts.quick ? 10 : 100),
    cards: opt(opts.argv, '--cards', 50),
    days: opt(opts.argv, '--days', 365),
  };
  // Both engines (docs/operations.md "Store"); PostgreSQL on NABIZ_BENCH_PG_URL (an empty database) or a throw-away server.
  const engines = opts.argv.includes('--sqlite-only') ? ['sqlite'] : opts.argv.includes('--postgres-only') ? ['postgres'] : ['sqlite', 'postgres'];
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-verify-bench-'));
  let pg: { url: string; stop: () => void } | undefined;
  const rows: Row[] = [];
  let records = 0;
  try {
    io.stderr(`bench verify: ${o.boards} boards × ${o.cards} cards × ${o.days} days\n`);
    for (const engine of engines) {
      let location = join(dir, 'nabiz.sqlite');
      if (engine === 'postgres') {
        location = process.env.NABIZ_BENCH_PG_URL ?? '';
        if (!location) {
          pg = await startPostgres();
          location = pg.url;
        }
      }
      const label = engine === 'postgres' ? 'PostgreSQL' : 'SQLite';
      const r = await benchEngine(io, label, location, join(dir, engine), o);
      records = r.records;
      pushAll(rows, r.rows);
    }
  } finally {
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const w = [maxOf(rows.map((r) => r[0].length)), maxOf(rows.map((r) => r[1].length)), maxOf(rows.map((r) => r[2].length))];
  io.stdout(
    `\nVerify benchmark: ${fmt(records)} records (${o.boards} boards × ${o.cards} cards × ${o.days} days) per engine; each line is a separate process (wall, CPU of that process, peak RSS = VmHWM).\n\n`,
  );
  io.stdout(`| ${'what'.padEnd(w[0] ?? 0)} | ${'measured'.padStart(w[1] ?? 0)} | ${'target'.padEnd(w[2] ?? 0)} |\n`);
  for (const r of rows) io.stdout(`| ${r[0].padEnd(w[0] ?? 0)} | ${r[1].padStart(w[1] ?? 0)} | ${r[2].padEnd(w[2] ?? 0)} |\n`);
  io.stdout('\n');
}

async function benchEngine(
  io: Pick<CliIO, 'stdout' | 'stderr'>,
  label: string,
  location: string,
  dataDir: string,
  o: { boards: number; cards: number; days: number },
): Promise<{ records: number; rows: Row[] }> {
  mkdirSync(dataDir, { recursive: true });
  const store = await openStore(location);
  const start = addDays(dateKey(NOW), -o.days - 7);
  let records = 0;
  for (let b = 0; b < o.boards; b++) {
    const inputs = boardInputs(b, o.cards, o.days);
    const snapshot = snapshotOfBoard(b, o.cards, start);
    const cursor = present(inputs.at(-1), "the board's newest record").actionId;
    const added = await store.append(inputs, (tx) =>
      tx.boards.put(boardId(b), { id: boardId(b), name: snapshot.name, backfilled: true, cursor, lastScanAt: NOW.toISOString() }, snapshot),
    );
    records += added.length;
    if (b % 10 === 9 || b === o.boards - 1) io.stderr(`  ${label}: ${b + 1}/${o.boards} boards, ${fmt(records)} records\n`);
  }
  await store.close();
  const monthFrom = `${dateKey(NOW).slice(0, 7)}-01`;
  const lastMonth = addDays(monthFrom, -1).slice(0, 7);
  const report = [
    'report',
    '--db',
    location,
    '--board',
    boardId(0),
    '--card',
    cardId(0, 7),
    '--from',
    `${lastMonth}-01`,
    '--to',
    addDays(monthFrom, -1),
    '--format',
    'json',
    '--now',
    NOW.toISOString(),
  ];
  // The data folder of this engine's run: a PostgreSQL store's witness file lives there.
  const env = { DATA_FILE: join(dataDir, 'nabiz.json'), LOG_LEVEL: 'warn' };
  io.stderr(`  ${label}: report before any verify…\n`);
  const before = await runMeasured(report, env);
  io.stderr(`  ${label}: verify…\n`);
  const verify = await runMeasured(['verify', '--db', location], env);
  if (verify.code !== 0) throw new Error(`verify failed on ${label}: ${verify.out}`);
  io.stderr(`  ${label}: report after verify…\n`);
  const after = await runMeasured(report, env);
  if (after.code !== 0) throw new Error(`report failed on ${label}: ${after.out.slice(-500)}`);
  return {
    records,
    rows: [
      [
        `${label}: nabiz verify, whole chain + columns`,
        `${fmt(verify.ms / 1000, 1)} s wall, ${fmt(verify.cpuS, 1)} s CPU, ${fmt(records / (verify.ms / 1000))} records/s wall, ${fmt(records / verify.cpuS)} per CPU s`,
        '≥ 100,000 records/s',
      ],
      [`${label}: nabiz verify, peak RSS`, `${fmt(verify.peakMB)} MB`, '≤ 150 MB, flat'],
      [
        `${label}: card × month report process, no checkpoint yet`,
        `${fmt(before.ms)} ms wall, ${fmt(before.cpuS * 1000)} ms CPU, ${fmt(before.peakMB)} MB`,
        '',
      ],
      [
        `${label}: card × month report process, after verify (checkpoint)`,
        `${fmt(after.ms)} ms wall, ${fmt(after.cpuS * 1000)} ms CPU, ${fmt(after.peakMB)} MB`,
        '≤ 1,000 ms whole process',
      ],
    ],
  };
}
