// Store benchmark (docs/operations.md "Store"): N boards × M cards × D days of entries ingested through the
// scanner's commit path, then what the product asks of the store, per engine (SQLite file; PostgreSQL on a
// throw-away server from scripts/postgres.mjs, or NABIZ_BENCH_PG_URL): ingest rate, `serve` steady and peak RSS
// (its start-up chain check included), `verify` time and peak RSS, a one-card month report, the status API of
// one board, a webhook append. Printed, never asserted; targets from the issue are shown beside the numbers.
// `serve` is the real binary pointed at the Trello emulator (TRELLO_API_URL), as an operator runs it before
// registering the Power-Up: the status API is timed over HTTP with t.jwt() tokens the emulator signs, verified
// with the keys serve fetches from the emulator's /1/resource/jwt-public-keys (docs/emulator.md).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addDays, dateKey, isoWeekday } from '../../../shared/calendar.js';
import type { BoardSnapshot } from '../../../shared/types.js';
import type { CliIO } from '../cli/types.js';
import { startEmulator } from '../demo/emulator.js';
import { createEvaluator, evidenceFromStore } from '../reports/evaluate.js';
import { diffActions } from '../scan/scan-boards.js';
import type { LedgerInput } from '../store/ledger.js';
import { openStore, type Store } from '../store/store.js';
import { openPostgres, openSqlite } from '../store/sql.js';
import { followHead } from '../store/open.js';
import { witnessFileFor } from '../store/witness.js';
import { runMeasured } from './child.js';
import type { TrelloAction } from '../trello/client.js';
import { BURSTS, firstScanPeak, incrementalNothingNew, webhookAndStatus, type FirstScanRow, type IncrementalRow, type WebhookStatusRow } from './io-bench.js';
import { maxOf } from '../../../shared/arrays.js';
import { evaluationMark, judgeStoredBoard, storedResult } from '../store/judge.js';
import { pluginDataValue } from '../store/board-view.js';
import type { Server } from 'node:http';
import { loadConfig } from '../config.js';
import { createApp } from '../http/app.js';
import type { AppDeps } from '../http/deps.js';
import { silentLogger } from '../log.js';
import { viewerFor } from '../reports/access.js';
import { dashboardFromRows } from '../reports/dashboard-rows.js';
import { errorMessage } from '../errors.js';
import { isRecord, present } from '../../../shared/guards.js';
import { z } from 'zod';

/** What the bench reads of the dashboard's answer. */
const DashboardTotal = z.object({ findings: z.object({ total: z.number() }) });

/** scripts/postgres.mjs (plain JavaScript, what `npm test` uses): a throw-away PostgreSQL. */
export async function startPostgres(): Promise<{ url: string; stop: () => void }> {
  const mod: unknown = await import(pathToFileURL(join(ROOT, 'scripts/postgres.mjs')).href);
  const started: unknown = isRecord(mod) && typeof mod.startPostgres === 'function' ? await mod.startPostgres() : undefined;
  if (!isRecord(started) || typeof started.url !== 'string' || typeof started.stop !== 'function')
    throw new Error('bench: scripts/postgres.mjs did not start a PostgreSQL');
  const stop = started.stop;
  return { url: started.url, stop: () => void stop() };
}

export const name = 'store';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const BIN = join(ROOT, 'bin/nabiz.js');
export const NOW = new Date('2026-11-23T12:00:00Z');
const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
export const boardId = (b: number) => `6b${hex(b, 22)}`;
export const cardId = (b: number, c: number) => `6c${hex(b, 10)}${hex(c, 12)}`;
const memberId = (b: number) => `6d${hex(b, 22)}`;

export function snapshotOfBoard(b: number, cards: number, start: string): BoardSnapshot {
  const m = memberId(b);
  return {
    id: boardId(b),
    name: `Gelişmiş Destek ${b + 1}`,
    lists: [{ id: `6e${hex(b, 22)}`, name: 'Müşteriler', closed: false }],
    members: [{ id: m, fullName: `Uzman ${b + 1}`, username: `uzman${b + 1}` }],
    cards: Array.from({ length: cards }, (_, c) => ({
      id: cardId(b, c),
      name: `musteri-${b}-${c}.com.tr`,
      idList: `6e${hex(b, 22)}`,
      closed: false,
      idMembers: [m],
      pluginData: [{ value: JSON.stringify({ profile: { v: 1, site: `musteri-${b}-${c}.com.tr`, assignedAt: start, specialist: m, trainingSlot: '10:00' } }) }],
    })),
    pluginData: [],
    comments: [],
    historyCut: false,
  };
}

/** One board's history: a daily per working day per card, a weekly on Fridays, a monthly on the last working day. */
export function boardInputs(b: number, cards: number, days: number): LedgerInput[] {
  const out: LedgerInput[] = [];
  const today = dateKey(NOW);
  let seq = 0;
  for (let d = days; d >= 1; d--) {
    const day = addDays(today, -d);
    const wd = isoWeekday(day);
    if (wd > 5) continue;
    for (let c = 0; c < cards; c++) {
      const post = (minutes: number, text: string) => {
        const t = new Date(`${day}T07:00:00Z`).getTime() + minutes * 60_000;
        const id = `${hex(Math.floor(t / 1000), 8)}${hex(b, 4)}${hex(seq++, 12)}`;
        out.push({
          type: 'comment',
          actionId: id,
          boardId: boardId(b),
          cardId: cardId(b, c),
          authorId: memberId(b),
          authorName: `Uzman ${b + 1}`,
          postedAt: new Date(t).toISOString(),
          text,
          recordedAt: NOW.toISOString(),
          source: 'scan',
        });
      };
      // Some days slip (missing entries feed the findings, as in real boards).
      if ((b * 31 + c * 7 + d) % 23 !== 0)
        post(60 + ((c * 13 + d) % 300), `#günlük ${day} müşteri arandı, ödeme adımı ve kargo entegrasyonu kontrol edildi, sorun yok`);
      if (wd === 5) post(400, `#haftalık ${day}\nDisk: ${(c % 4) + 1},2 / 10 GB\nTrafik: ${20 + (c % 50)}/200 GB\nSipariş akışı normal`);
      if (addDays(day, 1).slice(0, 7) !== day.slice(0, 7)) post(420, `#aylık ${day.slice(0, 7)} ay özeti: kampanya sonuçları ve iade oranı görüşüldü`);
    }
  }
  return out;
}

/**
 * Runs a child process, sampling its RSS from /proc; resolves with wall time, steady (last) and peak RSS. Once
 * `until` holds, `during` runs (requests to a started serve), then the child settles `settleMs` and is stopped.
 */
function runChild(
  args: string[],
  env: NodeJS.ProcessEnv,
  until?: (out: string) => boolean,
  settleMs = 0,
  during?: (out: string, pid: number) => Promise<void>,
) {
  return new Promise<{ code: number | null; ms: number; peakMB: number; steadyMB: number; out: string; failed: boolean }>((res) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let peak = 0;
    let last = 0;
    const sample = () => {
      try {
        const s = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+)/.exec(s);
        const rss = /VmRSS:\s+(\d+)/.exec(s);
        if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
        if (rss) last = Number(rss[1]) / 1024;
      } catch {
        /* exited */
      }
    };
    const timer = setInterval(sample, 25);
    let stopping = false;
    let steady = 0;
    let duringError: unknown;
    const onOut = (d: Buffer) => {
      out += d.toString();
      if (until && !stopping && until(out)) {
        stopping = true;
        const stop = () =>
          setTimeout(() => {
            sample();
            steady = last;
            child.kill('SIGTERM');
          }, settleMs);
        if (during)
          during(out, child.pid ?? 0).then(stop, (e: unknown) => {
            duringError = e;
            stop();
          });
        else stop();
      }
    };
    child.stdout.on('data', onOut);
    child.stderr.on('data', onOut);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (duringError) out += `\nbench: requests to the child failed: ${errorMessage(duringError)}`;
      res({ code, ms: performance.now() - t0, peakMB: peak, steadyMB: steady || last, out, failed: duringError !== undefined });
    });
  });
}

/** A process's resident set now and its high-water mark, from /proc (MB). */
function procMemory(pid: number): { rssMB: number; hwmMB: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (re: RegExp) => Number(re.exec(s)?.[1] ?? 0) / 1024;
  return { rssMB: kb(/VmRSS:\s+(\d+)/), hwmMB: kb(/VmHWM:\s+(\d+)/) };
}

/** The live serve's manager dashboard (cold: its first request) and the serve process's memory around it. */
interface ServeDashboard {
  coldMs: number;
  findings: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  hwmAfterMB: number;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

const median = (xs: number[]) => present([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)], 'a sample');
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

interface Result {
  engine: string;
  records: number;
  ingestPerS: number;
  /** Records per CPU-second of this process (the machine is shared: wall time is inflated by other work). */
  ingestPerCpuS: number;
  /** PostgreSQL on this machine: records per CPU-second of this process and the server's processes together. */
  ingestPerBothCpuS?: number;
  serveSteadyMB: number;
  servePeakMB: number;
  verifyS: number;
  verifyPerS: number;
  verifyPerCpuS: number;
  verifyMB: number;
  size: SizeRow;
  reportColdMs: number;
  reportWarmMs: number;
  statusFirstMs: number;
  statusMs: number;
  webhookMs: number;
  io?: WebhookStatusRow;
  verdicts?: VerdictRow;
  dashboard?: DashboardRow;
  serveDashboard?: ServeDashboard;
}

/** The verdict rows on board 0 (store/judge.ts): every card, one touched card, unchanged, and the SQL totals. */
interface VerdictRow {
  cards: number;
  allMs: number;
  oneCardMs: number;
  /** After an author's first comment of the day (the rules reading who wrote when run again): median of 5 authors. */
  oneCardFirstMs: number;
  /** The first of those: the specialist's own first comment of the day. */
  oneCardOwnFirstMs: number;
  /** After a slot change on one card (every rule across cards runs again): median of 4. */
  slotChangeMs: number;
  /** The same, CPU of the bench process (user + system): the wall time is noisy on a loaded machine. */
  slotChangeCpuMs: number;
  unchangedMs: number;
  unchangedWritten: number;
  totalsMs: number;
  /** SQL statements sent (store/sql.ts: each a round trip on PostgreSQL): all cards / unchanged / one card (median). */
  statements: { all: number; unchanged: number; one: number };
  /** The board's kept findings: its verdict rows, their JSON, the biggest rules, rows repeating another's every field. */
  kept: { rows: number; mb: number; rules: string; repeats: number; wholeRowMB: number };
}

/** The manager dashboard over every board (reports/dashboard-rows.ts), as the service's route answers it. */
interface DashboardRow {
  boards: number;
  /** Judging every board into rows (what the scans do), total and per board. */
  judgeAllMs: number;
  coldMs: number;
  /** The route's cache answering. */
  warmMs: number;
  /** The rows read again, no cache, warm process. */
  againMs: number;
  /** This process's RSS before and after the cold request (it holds the store like the service). */
  rssBeforeMB: number;
  rssAfterMB: number;
  /** Answered from the rows (not the whole-board path). */
  fromRows: boolean;
  findings: number;
}

/** Bytes per record of the ledger and of the kept parses, each table (with its TOAST) and its indexes. */
interface SizeRow {
  ledgerTable: number;
  ledgerIndexes: number;
  entriesTable: number;
  entriesIndexes: number;
}

/** What the store takes per record on disk (SQLite: dbstat pages; PostgreSQL: relation sizes). */
async function storeSize(location: string, records: number): Promise<SizeRow> {
  const pg = /^postgres(ql)?:\/\//i.test(location);
  const db = pg ? openPostgres(location, { max: 1 }) : openSqlite(location, { readOnly: true });
  try {
    const sizes: Record<'ledger' | 'entries', { table: number; indexes: number }> = { ledger: { table: 0, indexes: 0 }, entries: { table: 0, indexes: 0 } };
    for (const t of ['ledger', 'entries'] as const) {
      if (pg) {
        const [row] = await db.all<{ total: number | string; indexes: number | string }>(
          `SELECT pg_total_relation_size(?) AS total, pg_indexes_size(?) AS indexes`,
          [t, t],
        );
        sizes[t] = { table: Number(row?.total ?? 0) - Number(row?.indexes ?? 0), indexes: Number(row?.indexes ?? 0) };
      } else {
        const rows = await db.all<{ name: string; type: string; bytes: number }>(
          `SELECT s.name, s.type, SUM(d.pgsize) AS bytes FROM sqlite_schema s JOIN dbstat d ON d.name = s.name WHERE s.tbl_name = ? GROUP BY s.name, s.type`,
          [t],
        );
        // The table's own b-tree; its indexes (the implicit key index of a BIGINT PRIMARY KEY included).
        for (const r of rows) {
          if (r.type === 'table') sizes[t].table += Number(r.bytes);
          else sizes[t].indexes += Number(r.bytes);
        }
      }
    }
    const per = (n: number) => n / Math.max(1, records);
    return {
      ledgerTable: per(sizes.ledger.table),
      ledgerIndexes: per(sizes.ledger.indexes),
      entriesTable: per(sizes.entries.table),
      entriesIndexes: per(sizes.entries.indexes),
    };
  } finally {
    await db.close();
  }
}

function sizeTable(rows: Result[]): string {
  const head = ['engine', 'ledger table B/rec', 'ledger indexes B/rec', 'entries table B/rec', 'entries indexes B/rec', 'total KB/rec (≤0.7)'];
  const body = rows.map((r) => {
    const z = r.size;
    return [
      r.engine,
      fmt(z.ledgerTable),
      fmt(z.ledgerIndexes),
      fmt(z.entriesTable),
      fmt(z.entriesIndexes),
      fmt((z.ledgerTable + z.ledgerIndexes + z.entriesTable + z.entriesIndexes) / 1024, 2),
    ];
  });
  const widths = head.map((h, i) => maxOf([h.length, ...body.map((b) => (b[i] ?? '').length)]));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|', ...body.map(line)].join('\n');
}

async function dashboardBench(store: Store, boardIds: string[]): Promise<DashboardRow> {
  const judge = await timed(async () => {
    for (const id of boardIds) await judgeStoredBoard(store, id, NOW);
  });
  // Marked judged by these rules, as a scan marks them: the dashboard answers only from rows of this rule set revision.
  await store.write(async (tx) => {
    for (const id of boardIds) await tx.evaluations.put(id, evaluationMark(NOW));
  });
  const manager = { name: 'Bench Yönetici', trelloId: 'bench-manager', role: 'manager' as const };
  const config = loadConfig({
    TRELLO_KEY: 'benchkey'.padEnd(32, '0'),
    TRELLO_TOKEN: 'benchtoken'.padEnd(64, '0'),
    NABIZ_BOARDS: boardIds.join(','),
    TRELLO_API_URL: 'http://127.0.0.1:9',
    NABIZ_PEOPLE: JSON.stringify([manager]),
  });
  const deps: AppDeps = {
    config,
    store,
    clock: () => NOW,
    log: silentLogger,
    verifyJwt: async () => ({ idBoard: present(boardIds[0], 'a bench board'), idMember: manager.trelloId, idPlugin: 'bench' }),
  };
  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('bench: the dashboard server has no TCP address');
  const url = `http://127.0.0.1:${addr.port}/dashboard/api/data`;
  const get = async () => {
    const res = await fetch(url, { headers: { authorization: 'Bearer x' } });
    const body = await res.text();
    if (!res.ok) throw new Error(`dashboard answered ${res.status}: ${body.slice(0, 200)}`);
    return DashboardTotal.parse(JSON.parse(body));
  };
  try {
    const rssBeforeMB = process.memoryUsage().rss / 1048576;
    const cold = await timed(get);
    const rssAfterMB = process.memoryUsage().rss / 1048576;
    const warm = await timed(get);
    // The rows read again in a warm process without the route's cache (what a new viewer or scope costs), and
    // whether the route could answer from the rows at all (else it took the whole-board path: the row says so).
    const again = await timed(() => dashboardFromRows(store, { boardKeys: boardIds, viewer: viewerFor(manager), people: [manager], now: NOW }));
    return {
      boards: boardIds.length,
      judgeAllMs: judge.ms,
      coldMs: cold.ms,
      warmMs: warm.ms,
      againMs: again.ms,
      rssBeforeMB,
      rssAfterMB,
      fromRows: again.value !== null,
      findings: cold.value.findings.total,
    };
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections();
  }
}

/**
 * The postmaster's pid of the PostgreSQL server at `url` when it runs on this machine (its backend's parent, read in
 * /proc), else null: the server's CPU is then not measured.
 */
async function postmasterOf(url: string): Promise<number | null> {
  const db = openPostgres(url, { max: 1 });
  try {
    const [row] = await db.all<{ pid: number | string }>(`SELECT pg_backend_pid() AS pid`);
    const status = readFileSync(`/proc/${Number(row?.pid)}/status`, 'utf8');
    const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
    return ppid > 1 ? ppid : null;
  } catch {
    return null;
  } finally {
    await db.close();
  }
}

/** CPU ms so far of a PostgreSQL server's processes alive now (the postmaster and its children; Linux USER_HZ 100). */
function serverCpuMs(postmaster: number): number {
  let ticks = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // After "pid (comm) ": state, ppid, … utime and stime are the 12th and 13th fields.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(d) === postmaster || Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * 10;
}

async function benchEngine(io: Pick<CliIO, 'stderr'>, engine: string, location: string, o: { boards: number; cards: number; days: number }): Promise<Result> {
  // Opened as serve opens it: the witness file follows every commit (docs/operations.md "Evidence ledger").
  const witnessFile = witnessFileFor(location, join(mkdtempSync(join(tmpdir(), 'nabiz-bench-witness-')), 'nabiz.json'));
  const store: Store = await openStore(location, { witnessFile });
  followHead(store, witnessFile, silentLogger);
  // The PostgreSQL server's own CPU during the ingest: on a 2-core machine it competes with this process.
  const postmaster = store.kind === 'postgres' ? await postmasterOf(location) : null;
  const server0 = postmaster ? serverCpuMs(postmaster) : 0;
  const start = addDays(dateKey(NOW), -o.days - 7);
  let records = 0;
  let ingestMs = 0;
  let ingestCpuMs = 0;
  for (let b = 0; b < o.boards; b++) {
    const inputs = boardInputs(b, o.cards, o.days);
    const snapshot = snapshotOfBoard(b, o.cards, start);
    const cpu0 = process.cpuUsage();
    const t = await timed(() =>
      store.append(inputs, (tx) =>
        tx.boards.put(
          boardId(b),
          { id: boardId(b), name: snapshot.name, backfilled: true, cursor: present(inputs.at(-1), 'the last input').actionId, lastScanAt: NOW.toISOString() },
          snapshot,
        ),
      ),
    );
    const cpu = process.cpuUsage(cpu0);
    ingestCpuMs += (cpu.user + cpu.system) / 1000;
    records += t.value.length;
    ingestMs += t.ms;
    if (b % 10 === 9 || b === o.boards - 1)
      io.stderr(`  ${engine}: ${b + 1}/${o.boards} boards, ${fmt(records)} records, ${fmt(records / (ingestMs / 1000))}/s\n`);
  }
  // The statistics refresh and witness write the last commits started belong to the ingest (and would otherwise run
  // under the first judge measured below).
  const cpuS = process.cpuUsage();
  const settle = await timed(() => store.settled());
  const cpuSettle = process.cpuUsage(cpuS);
  ingestMs += settle.ms;
  ingestCpuMs += (cpuSettle.user + cpuSettle.system) / 1000;
  const ingestServerCpuMs = postmaster ? serverCpuMs(postmaster) - server0 : null;
  const size = await storeSize(location, records);
  // PostgreSQL: the VACUUM (ANALYZE) autovacuum starts after a bulk load, run here to its end (not counted in the
  // ingest): at 1.55M the throttled autovacuum of the 2.1 GB ledger otherwise runs for minutes under the re-judge and
  // webhook rows below, which then measure the store settling, not the path (docs/operations.md "PostgreSQL at 1.55M").
  if (store.kind === 'postgres') {
    const db = openPostgres(location, { max: 1 });
    try {
      const v = await timed(() => db.run(`VACUUM (ANALYZE) ledger, entries`));
      io.stderr(`  ${engine}: VACUUM (ANALYZE) after the ingest ${fmt(v.ms / 1000, 1)} s (not in the ingest rate)\n`);
    } finally {
      await db.close();
    }
  }
  // Board 0 marked judged, as a scan marks it (the status API answers for judged boards; its findings are the rows below).
  const b0 = boardId(0);
  await store.sync();
  await store.write((tx) => tx.evaluations.put(b0, evaluationMark(NOW)));

  // Verdict rows: judge board 0 into rows (every card), again with nothing changed, one touched card; SQL totals.
  const counted = async <T>(fn: () => Promise<T>) => {
    const before = store.statements();
    const t = await timed(fn);
    return { ...t, statements: store.statements() - before };
  };
  const all = await counted(() => judgeStoredBoard(store, b0, NOW));
  const unchanged = await counted(() => judgeStoredBoard(store, b0, NOW));
  // One touched card after a webhook's fact: a new comment on it (appended, not timed), then its re-judge; each a
  // different card (the shared machine's load makes one run noisy). First 5 authors' first comment of the day (the
  // who-wrote-when part changes: the rules reading it run again, store/across.ts), the specialist's own first; then 9
  // more of the specialist's (nothing across cards changes): the median of each.
  const firsts: number[] = [];
  const ones: number[] = [];
  const oneStatements: number[] = [];
  for (let i = 0; i < 14; i++) {
    const at = new Date(NOW.getTime() - 3_600_000 + i * 60_000).toISOString();
    const id = `${hex(Math.floor(NOW.getTime() / 1000), 8)}fffe${hex(i, 12)}`;
    const first = i < 5;
    await store.append([
      {
        type: 'comment',
        actionId: id,
        boardId: b0,
        cardId: cardId(0, 3 + i),
        authorId: first && i > 0 ? `6d${hex(0, 10)}${hex(i, 12)}` : memberId(0),
        authorName: first && i > 0 ? `Yardımcı ${i}` : 'Uzman 1',
        postedAt: at,
        text: `#günlük ${dateKey(NOW)} müşteri arandı, sorun yok`,
        recordedAt: at,
        source: 'webhook',
      },
    ]);
    const t = await counted(() => judgeStoredBoard(store, b0, NOW, { cardIds: [cardId(0, 3 + i)], stale: true }));
    if (first) firsts.push(t.ms);
    else {
      ones.push(t.ms);
      oneStatements.push(t.statements);
    }
  }
  // A slot change a scan notices (a card's pluginData version): that card is prepared again and the rules across cards
  // run again over every card (the slot rule's 50 overlaps, one per card on the hour, and back). The first version on a
  // board without any prepares the part anew (not timed); then the median of 4, wall and this process's CPU.
  const slots: number[] = [];
  const slotCpus: number[] = [];
  const versions = new Map<string, number>();
  for (let i = 0; i < 5; i++) {
    const c = cardId(0, 20 + Math.floor((i + 1) / 2));
    const slot = i % 2 === 1 ? '11:30' : '10:00';
    const profile = { v: 1, site: `musteri-0-${20 + Math.floor((i + 1) / 2)}.com.tr`, assignedAt: start, specialist: memberId(0), trainingSlot: slot };
    const at = new Date(NOW.getTime() - 1_800_000 + i * 60_000).toISOString();
    const value = pluginDataValue([{ value: JSON.stringify({ profile }) }]);
    // Linked to the card's version before, as the scanner appends it (scan/facts.ts dataInputs).
    const prevSeq = versions.get(c);
    const [version] = await store.append([
      {
        type: 'card-data',
        actionId: `card-data:${c}`,
        boardId: b0,
        cardId: c,
        authorId: '',
        postedAt: at,
        value,
        ...(prevSeq === undefined ? {} : { prevSeq }),
        recordedAt: at,
        source: 'scan',
      },
    ]);
    if (version) versions.set(c, version.seq);
    const cpu0 = process.cpuUsage();
    const ms = (await timed(() => judgeStoredBoard(store, b0, NOW, { cardIds: [c], stale: true }))).ms;
    const cpu = process.cpuUsage(cpu0);
    if (i > 0) {
      slots.push(ms);
      slotCpus.push((cpu.user + cpu.system) / 1000);
    }
  }
  const one = {
    ms: median(ones),
    firstMs: median(firsts),
    ownFirstMs: present(firsts[0], 'the first re-judge'),
    slotMs: median(slots),
    slotCpuMs: median(slotCpus),
  };
  const totals = await timed(() => store.verdicts.totals());
  // The board's kept findings (its verdict rows) and the whole-board row the scan kept beside them before (migration 8).
  const kept = await store.verdicts.findings(b0);
  const docs = kept.map((f) => JSON.stringify(f));
  const byRule = new Map<string, number>();
  for (const f of kept) byRule.set(`${f.rule} ${f.status}`, (byRule.get(`${f.rule} ${f.status}`) ?? 0) + 1);
  const whole = await storedResult(store, b0);
  const verdicts: VerdictRow = {
    cards: all.value?.judged ?? 0,
    allMs: all.ms,
    oneCardMs: one.ms,
    oneCardFirstMs: one.firstMs,
    oneCardOwnFirstMs: one.ownFirstMs,
    slotChangeMs: one.slotMs,
    slotChangeCpuMs: one.slotCpuMs,
    unchangedMs: unchanged.ms,
    unchangedWritten: unchanged.value?.written ?? -1,
    totalsMs: totals.ms,
    statements: { all: all.statements, unchanged: unchanged.statements, one: median(oneStatements) },
    kept: {
      rows: kept.length,
      mb: docs.reduce((n, d) => n + d.length, 0) / 1e6,
      rules: [...byRule]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([k, n]) => `${fmt(n)} ${k}`)
        .join(', '),
      repeats: docs.length - new Set(docs).size,
      wholeRowMB: JSON.stringify({ evaluatedAt: NOW.toISOString(), result: whole }).length / 1e6,
    },
  };

  // Reports: the service verifies the chain once at start (verifyCached), then each report evaluates its board.
  await store.ledger.verifyCached();
  const monthFrom = `${dateKey(NOW).slice(0, 7)}-01`;
  const lastMonth = addDays(monthFrom, -1).slice(0, 7);
  const req = { boardId: b0, cardId: cardId(0, 7), from: `${lastMonth}-01`, to: addDays(monthFrom, -1) };
  const cold = await timed(() => evidenceFromStore(store, req, NOW, createEvaluator()));
  const warmEv = createEvaluator();
  await evidenceFromStore(store, req, NOW, warmEv);
  const warm = await timed(() => evidenceFromStore(store, { ...req, cardId: cardId(0, 8) }, NOW, warmEv));
  // Webhook: one new comment, one indexed lookup + one insert (median of 50).
  const hooks: number[] = [];
  for (let i = 0; i < 50; i++) {
    const id = `${hex(Math.floor(NOW.getTime() / 1000) + i, 8)}ffff${hex(i, 12)}`;
    const action: TrelloAction = {
      id,
      type: 'commentCard',
      date: NOW.toISOString(),
      idMemberCreator: memberId(2),
      data: { text: `#günlük webhook ${i}`, card: { id: cardId(2, i % o.cards) }, board: { id: boardId(2) } },
    };
    const t = await timed(() =>
      store.append(async () =>
        diffActions(await store.ledger.records(boardId(2), [id]), boardId(2), [action], { full: false, source: 'webhook', recordedAt: NOW.toISOString() }),
      ),
    );
    hooks.push(t.ms);
  }
  // The service's webhook and status routes on board 0 (its snapshot and findings are stored above).
  io.stderr(`  ${engine}: webhook burst and status API…\n`);
  const web = await webhookAndStatus(
    store,
    b0,
    Array.from({ length: o.cards }, (_, c) => cardId(0, c)),
    memberId(0),
    2000,
  );
  io.stderr(`  ${engine}: judge every board, dashboard…\n`);
  const dashboard = await dashboardBench(
    store,
    Array.from({ length: o.boards }, (_, b) => boardId(b)),
  );
  await store.close();

  // `serve` on this store, live against the emulator: start (the chain check streams the whole ledger), the status
  // API over HTTP, the manager dashboard, settle, stop. No scan at start: the emulator holds no boards, only Trello's JWT key endpoint.
  // serve runs on the bench's clock (`serve --now`, the emulator likewise): the rows judged above at NOW are today's
  // for it, so its dashboard answers from them as the service does on the day they were judged.
  const offset = NOW.getTime() - Date.now();
  const benchClock = () => new Date(Date.now() + offset);
  const emu = await startEmulator({ key: 'benchkey', token: 'benchtoken', clock: benchClock });
  const manager = { name: 'Bench Yönetici', trelloId: memberId(9999), role: 'manager' as const };
  // A data folder of this run's own: a PostgreSQL store's witness file lives there (docs/operations.md "Evidence
  // ledger"), and one shared between runs made `verify` compare this run's ledger with an earlier run's head.
  const dataDir = mkdtempSync(join(tmpdir(), 'nabiz-bench-data-'));
  const dataFile = join(dataDir, 'nabiz.json');
  const env = {
    DATABASE_URL: location,
    TRELLO_KEY: 'benchkey',
    TRELLO_TOKEN: 'benchtoken',
    TRELLO_API_URL: emu.url,
    NABIZ_BOARDS: Array.from({ length: o.boards }, (_, b) => boardId(b)).join(','),
    NABIZ_PEOPLE: JSON.stringify([manager]),
    SCAN_ON_START: 'false',
    PORT: '0',
    LOG_LEVEL: 'info',
    NOTIFY_LABELS: 'false',
    DATA_FILE: dataFile,
  };
  io.stderr(`  ${engine}: serve (live, against the emulator at ${emu.url})…\n`);
  const statusTimes: number[] = [];
  let serveDash: ServeDashboard | undefined;
  const statusApi = async (out: string, pid: number) => {
    const url = /dashboard\s+(http:\/\/\S+)\/dashboard/.exec(out)?.[1];
    if (!url) throw new Error('serve printed no URL');
    // One board's status as the Power-Up asks for it: a fresh t.jwt() per request (the first also loads the keys
    // from the emulator and reads the board from the ledger; the next ones hit the status cache).
    for (let i = 0; i < 51; i++) {
      const token = await emu.jwt.sign({ idPlugin: 'bench-plugin', idBoard: b0, idMember: memberId(0) });
      const t = await timed(async () => {
        const res = await fetch(`${url}/api/boards/${b0}/status`, { headers: { Authorization: `Bearer ${token}` } });
        const body = await res.text();
        if (!res.ok) throw new Error(`status API answered ${res.status}: ${body.slice(0, 200)}`);
      });
      statusTimes.push(t.ms);
    }
    // Then the manager's dashboard, cold (its first request), as the board button asks for it; the service's RSS
    // before and after it.
    const before = procMemory(pid);
    const dashToken = await emu.jwt.sign({ idPlugin: 'bench-plugin', idBoard: b0, idMember: manager.trelloId });
    const cold = await timed(async () => {
      const res = await fetch(`${url}/dashboard/api/data`, { headers: { Authorization: `Bearer ${dashToken}` } });
      const body = await res.text();
      if (!res.ok) throw new Error(`dashboard answered ${res.status}: ${body.slice(0, 200)}`);
      return DashboardTotal.parse(JSON.parse(body)).findings.total;
    });
    const after = procMemory(pid);
    serveDash = { coldMs: cold.ms, findings: cold.value, rssBeforeMB: before.rssMB, rssAfterMB: after.rssMB, hwmAfterMB: after.hwmMB };
  };
  const serve = await runChild(
    ['serve', '--now', NOW.toISOString()],
    env,
    (out) => /Press Ctrl\+C/.test(out) && /store: ledger verified/.test(out),
    5000,
    statusApi,
  ).finally(() => emu.close());
  if (serve.failed) throw new Error(`serve against the emulator failed on ${engine}: ${serve.out.slice(-1500)}`);
  io.stderr(`  ${engine}: verify…\n`);
  const verify = await runMeasured(['verify', '--db', location], { DATA_FILE: dataFile });
  rmSync(dataDir, { recursive: true, force: true });
  if (verify.code !== 0) throw new Error(`verify failed on ${engine}: ${verify.out}`);
  return {
    engine,
    records: records + 50,
    ingestPerS: records / (ingestMs / 1000),
    ingestPerCpuS: records / (ingestCpuMs / 1000),
    ...(ingestServerCpuMs !== null ? { ingestPerBothCpuS: records / ((ingestCpuMs + ingestServerCpuMs) / 1000) } : {}),
    serveSteadyMB: serve.steadyMB,
    servePeakMB: serve.peakMB,
    verifyS: verify.ms / 1000,
    verifyPerS: (records + 50) / (verify.ms / 1000),
    verifyPerCpuS: (records + 50) / verify.cpuS,
    verifyMB: verify.peakMB,
    size,
    reportColdMs: cold.ms,
    reportWarmMs: warm.ms,
    statusFirstMs: present(statusTimes[0], 'the first status time'),
    statusMs: median(statusTimes.slice(1)),
    webhookMs: median(hooks),
    io: web,
    verdicts,
    dashboard,
    ...(serveDash ? { serveDashboard: serveDash } : {}),
  };
}

function table(rows: Result[]): string {
  const head = [
    'engine',
    'records',
    'ingest rec/s (≥16,700) wall / per CPU s (PostgreSQL: / per CPU s with the server)',
    'serve steady MB (≤200)',
    'serve peak MB (≤300)',
    'verify s',
    'verify rec/s (≥100k) wall / per CPU s',
    'verify peak MB (≤150)',
    'card month report ms (≤300) first / next',
    'status API ms (live serve) first / next',
    'webhook append ms (≤5)',
  ];
  const body = rows.map((r) => [
    r.engine,
    fmt(r.records),
    `${fmt(r.ingestPerS)} / ${fmt(r.ingestPerCpuS)}${r.ingestPerBothCpuS !== undefined ? ` / ${fmt(r.ingestPerBothCpuS)}` : ''}`,
    fmt(r.serveSteadyMB),
    fmt(r.servePeakMB),
    fmt(r.verifyS, 1),
    `${fmt(r.verifyPerS)} / ${fmt(r.verifyPerCpuS)}`,
    fmt(r.verifyMB),
    `${fmt(r.reportColdMs)} / ${fmt(r.reportWarmMs)}`,
    `${fmt(r.statusFirstMs, 1)} / ${fmt(r.statusMs, 1)}`,
    fmt(r.webhookMs, 2),
  ]);
  const widths = head.map((h, i) => maxOf([h.length, ...body.map((b) => (b[i] ?? '').length)]));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|', ...body.map(line)].join('\n');
}

function opt(argv: string[], flag: string, def: number): number {
  const i = argv.indexOf(flag);
  if (i < 0) return def;
  const v = Number(argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} needs a positive integer`);
  return v;
}

/** The I/O rows (issue targets beside what was measured; "before" = the figures measured before these paths changed). */
function ioTable(inc: IncrementalRow | undefined, first: FirstScanRow | undefined, rows: Result[]): string {
  const out: string[][] = [];
  if (inc) {
    out.push([
      `incremental scan, nothing new, ${inc.boards} boards`,
      '2 requests/board; 2 min 17 s (100 boards re-evaluated)',
      '≤ 1 request/board, no evaluation of unchanged boards',
      `${fmt(inc.requests / inc.boards, 2)} requests/board (${inc.requests}), ${fmt(inc.wallMs / 1000, 1)} s, ${inc.evaluated} boards evaluated`,
    ]);
    out.push([`incremental scan, every board with a live webhook`, '—', 'no request', `${inc.liveRequests} requests, ${fmt(inc.liveWallMs)} ms`]);
  }
  if (first) {
    const run = (r: FirstScanRow['sync']) => `peak ${fmt(r.peakMB)} MB, ${fmt(r.wallMs / 1000, 1)} s, ${r.pages} pages${r.ok ? '' : ' (FAILED)'}`;
    out.push([
      `first scan of one ${fmt(first.comments)}-comment board, sync (scan --once --sync-only)`,
      'peak 1,226–1,516 MB (at 250k, with evaluation)',
      'peak ≤ 400 MB',
      run(first.sync),
    ]);
    out.push([
      `first scan of one ${fmt(first.comments)}-comment board, sync + evaluation (scan --once)`,
      'peak 1,226–1,516 MB (at 250k)',
      'peak ≤ 400 MB',
      run(first.whole),
    ]);
  }
  for (const r of rows) {
    const w = r.io;
    if (!w) continue;
    out.push([
      `${r.engine}: webhook burst of 20 (one board; ${BURSTS} bursts)`,
      'p50 1,358 ms; p50 34.9 / p99 35.4 ms with the client in the bench process',
      'p99 ≤ 20 ms',
      `p50 ${fmt(w.burstP50, 1)} ms, p99 ${fmt(w.burstP99, 1)} ms (client process); in the service p50 ${fmt(w.burstServerP50, 1)} ms, p99 ${fmt(w.burstServerP99, 1)} ms, CPU ${fmt(w.burstCpuMs, 2)} ms per delivery; ${w.burstEvaluations} evaluation(s) in all; load average ${fmt(w.burstLoad, 1)}`,
    ]);
    out.push([
      `${r.engine}: ${fmt(w.many)} deliveries, 20 in flight`,
      '465 s',
      '≤ 20 s, nothing lost',
      `${fmt(w.manyMs / 1000, 1)} s incl. the last evaluation, ${w.manyEvaluations} evaluations; ${w.lost ? `${fmt(w.lost)} of ${fmt(w.delivered)} deliveries LOST` : `all ${fmt(w.delivered)} deliveries in the ledger`}`,
    ]);
    out.push([
      `${r.engine}: status response size`,
      '381 KB JSON, compressed per request',
      'only what the badges need, ETag/304, compressed once',
      `${fmt(w.statusRawKB, 1)} KB raw, ${fmt(w.statusBrKB, 1)} KB brotli (cached), 304 in ${fmt(w.status304Ms, 1)} ms`,
    ]);
    out.push([
      `${r.engine}: status API cold / after a webhook / warm`,
      '1,883 ms / 858 ms',
      '≤ 200 ms / ≤ 50 ms',
      `${fmt(w.statusColdMs)} ms / ${fmt(w.statusAfterWebhookMs)} ms / ${fmt(w.statusWarmMs, 1)} ms`,
    ]);
  }
  for (const r of rows) {
    const v = r.verdicts;
    if (!v) continue;
    out.push([
      `${r.engine}: verdict rows, judge one ${v.cards}-card board (all cards / unchanged again; SQL statements)`,
      'PostgreSQL 13,251 / 9,516 ms; 3,570 / 112 statements',
      'unchanged ≤ 1 s',
      `${fmt(v.allMs)} ms / ${fmt(v.unchangedMs)} ms, ${v.unchangedWritten} rows written; ${fmt(v.statements.all)} / ${fmt(v.statements.unchanged)} statements`,
    ]);
    out.push([
      `${r.engine}: re-judge after a webhook's comment (one touched card + board-level part, median of 9 / of 5 authors' first of the day)`,
      '858 ms (whole board); 61 ms (every card across); PostgreSQL 260 ms, 41 statements; first of the day 48 ms (69 ms under load)',
      '≤ 20 ms; first of the day ≤ 50 ms',
      `${fmt(v.oneCardMs)} ms; the author's first comment of the day ${fmt(v.oneCardFirstMs)} ms (the specialist's own ${fmt(v.oneCardOwnFirstMs)} ms); ${fmt(v.statements.one)} statements`,
    ]);
    out.push([
      `${r.engine}: re-judge after a slot change on one card (rules across cards again over every card: one overlap per card on the hour; median of 4)`,
      '79 ms (2,450 overlaps, one per pair); PostgreSQL 188 ms',
      '≤ 50 ms',
      `${fmt(v.slotChangeMs)} ms (CPU of this process ${fmt(v.slotChangeCpuMs, 1)} ms)`,
    ]);
    out.push([
      `${r.engine}: stored findings of one ${v.cards}-card board (verdict rows; no whole-board row since migration 8)`,
      'one 30.5 MB JSON row: 60,433 findings, 44,400 growth warnings',
      'open findings plus a per-period history that does not repeat',
      `${fmt(v.kept.rows)} rows, ${fmt(v.kept.mb, 2)} MB (${v.kept.rules}); ${v.kept.repeats} repeated; the dropped row was ${fmt(v.kept.wholeRowMB, 2)} MB more`,
    ]);
    out.push([
      `${r.engine}: dashboard totals in SQL over card rows (all boards judged so far)`,
      '327 s at 1.55M (31 s at 150k)',
      '≤ 1 s',
      `${fmt(v.totalsMs, 1)} ms`,
    ]);
  }
  for (const r of rows) {
    const d = r.dashboard;
    if (!d) continue;
    out.push([
      `${r.engine}: judge every board into rows (${d.boards} boards; what scans keep current)`,
      '—',
      '—',
      `${fmt(d.judgeAllMs / 1000, 1)} s (${fmt(d.judgeAllMs / d.boards)} ms/board)`,
    ]);
    out.push([
      `${r.engine}: manager dashboard cold / cached / rows again without cache (GET /dashboard/api/data, ${d.boards} boards${d.fromRows ? ', from the rows' : ', WHOLE-BOARD PATH'})`,
      '327 s at 1.55M (31 s at 150k)',
      '≤ 1 s',
      `${fmt(d.coldMs)} ms / ${fmt(d.warmMs, 1)} ms / ${fmt(d.againMs)} ms (${fmt(d.findings)} open findings)`,
    ]);
    out.push([
      `${r.engine}: RSS of the bench process holding the store, before / after dashboard cold`,
      '424 MB → 3.7 GB (1.55M)',
      '≤ 300 MB',
      `${fmt(d.rssBeforeMB)} MB / ${fmt(d.rssAfterMB)} MB`,
    ]);
    const s = r.serveDashboard;
    if (!s) continue;
    out.push([
      `${r.engine}: live serve (--now), manager dashboard cold (its first request)`,
      '327 s at 1.55M (31 s at 150k)',
      '≤ 1 s',
      `${fmt(s.coldMs)} ms (${fmt(s.findings)} open findings)`,
    ]);
    out.push([
      `${r.engine}: live serve RSS before / after that dashboard (VmRSS; VmHWM after)`,
      '424 MB → 3.7 GB and stays (1.55M)',
      '≤ 300 MB',
      `${fmt(s.rssBeforeMB)} MB / ${fmt(s.rssAfterMB)} MB (peak ${fmt(s.hwmAfterMB)} MB)`,
    ]);
  }
  const head = ['row', 'before', 'target', 'measured'];
  const widths = head.map((h, i) => maxOf([h.length, ...out.map((b) => (b[i] ?? '').length)]));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...out.map(line)].join('\n');
}

export async function run(io: Pick<CliIO, 'stdout' | 'stderr'>, opts: { quick: boolean; argv: string[] }): Promise<void> {
  // --quick: a real team's first year on 10 boards (≈ 150k comments); the full run 100 boards (≈ 1.55M).
  const o = {
    boards: opt(opts.argv, '--boards', opts.quick ? 10 : 100),
    cards: opt(opts.argv, '--cards', 50),
    days: opt(opts.argv, '--days', 365),
  };
  const engines = opts.argv.includes('--sqlite-only') ? ['sqlite'] : opts.argv.includes('--postgres-only') ? ['postgres'] : ['sqlite', 'postgres'];
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-store-bench-'));
  const rows: Result[] = [];
  let pg: { url: string; stop: () => void } | undefined;
  let inc: IncrementalRow | undefined;
  let first: FirstScanRow | undefined;
  const skipIo = opts.argv.includes('--no-io');
  try {
    io.stderr(`bench store: ${o.boards} boards × ${o.cards} cards × ${o.days} days\n`);
    if (!skipIo) {
      const log = (m: string) => io.stderr(m);
      inc = await incrementalNothingNew(log, opts.quick ? 20 : o.boards, o.cards, 14);
      first = await firstScanPeak(log, opts.quick ? 150_000 : 250_000);
    }
    if (engines.includes('sqlite')) rows.push(await benchEngine(io, 'SQLite (WAL)', join(dir, 'nabiz.sqlite'), o));
    if (engines.includes('postgres')) {
      const url = process.env.NABIZ_BENCH_PG_URL;
      let pgUrl = url;
      if (!pgUrl) {
        pg = await startPostgres();
        pgUrl = pg.url;
      }
      rows.push(await benchEngine(io, 'PostgreSQL', pgUrl, o));
    }
  } finally {
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  io.stdout(
    `\nStore benchmark: ${o.boards} boards × ${o.cards} cards × ${o.days} days (a daily per working day per card with slips, weekly, monthly), ingested board by board through the scanner's commit (ledger + cursor + snapshot in one transaction). serve: start-up with its whole-chain check, RSS sampled from /proc; verify: \`nabiz verify --db\` as a process; report: one card's previous month as the dashboard route builds it (first = board not evaluated yet, next = evaluation cached); status API: GET /api/boards/:id/status of one board over HTTP on the live serve with an emulator-signed t.jwt() (first = key fetch + ledger read, next = median of 50 with a fresh token each); webhook: one new comment (median of 50).\n\n`,
  );
  io.stdout(table(rows) + '\n\n');
  io.stdout(
    `Store size per record right after the ingest (ledger: the hashed record JSON and the columns derived from it; entries: the kept parses):\n\n${sizeTable(rows)}\n\n`,
  );
  io.stdout(
    `I/O paths (incremental scan: ${inc?.boards ?? 0} boards × ${o.cards} cards × 14 days in the emulator, SQLite; first scan: emulator in the bench process, the scanner a child process; webhook/status: board 1 of the store above, 20 deliveries in flight):\n\n`,
  );
  io.stdout(ioTable(inc, first, rows) + '\n\n');
}
