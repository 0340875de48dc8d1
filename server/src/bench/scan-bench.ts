// Scan benchmark (docs/operations.md, Benchmark): N boards × M cards × D days generated into the emulator with
// per-request latency and Trello's real rate limits (100/10 s per token, 300 per key); our scanner's
// full and incremental scans against (a) the lower bound boards + Σ⌈actions/1000⌉ and (b) the naive
// per-card scanner most scripts are (written below). Evaluation is excluded from the timings: both
// scanners would run the same evaluator on the same snapshot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { TrelloActionSchema, snapshotFromTrello } from '../../../shared/trello-export.js';
import type { CliIO } from '../cli/types.js';
import { startEmulator } from '../demo/emulator.js';
import { generateScaleWorkspace } from '../demo/workspace.js';
import { silentLogger } from '../log.js';
import { ACTION_FILTER, scanBoards, type ScanDeps } from '../scan/scan-boards.js';
import { openStore } from '../store/store.js';
import { createTrelloClient, type TrelloAction, type TrelloClient } from '../trello/client.js';
import { LimiterRegistry } from '../trello/rate-limiter.js';
import { maxOf, pushAll } from '../../../shared/arrays.js';
import { isRecord, present } from '../../../shared/guards.js';

export const name = 'scan';

export interface ScanBenchOptions {
  boards: number;
  cards: number;
  days: number;
  latencyMs: number;
  /** Skip the naive baseline (it is the slow part: ~1 request per card under the rate limit). */
  naive: boolean;
  /** Boards the naive baseline really scans (the rest is extrapolated from its exact request count). */
  naiveBoards: number;
  /** Pause between runs so one run's requests do not throttle the next (0 in --quick: far below the limits). */
  settleMs: number;
}

interface Row {
  scenario: string;
  requests: number;
  lowerBound: number | null;
  wallMs: number;
  peakRssMB: number;
}

const KEY = 'benchkey000000000000000000000000';
const TOKEN = 'benchtoken'.padEnd(64, '0');

/** Runs fn while sampling RSS; returns its result, wall time and peak RSS. */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; wallMs: number; peakRssMB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, wallMs: performance.now() - t0, peakRssMB: Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576) };
  } finally {
    clearInterval(timer);
  }
}

/** Trello's default page size for actions: what a script gets when it does not ask for more. */
export const NAIVE_PAGE = 50;

/**
 * The baseline most scripts are: list the board's cards, lists and members, then per card its comments
 * (Trello's default page of 50, paged with `before`) and its pluginData — one card at a time.
 */
export async function naiveScan(trello: TrelloClient, boardIds: string[]): Promise<number> {
  const Any = z.array(z.looseObject({ id: z.string() }));
  let comments = 0;
  for (const boardId of boardIds) {
    const what = `board ${boardId}`;
    const cards = await trello.request({ method: 'GET', path: `/boards/${boardId}/cards`, params: { filter: 'open' }, schema: Any, what });
    const lists = await trello.request({ method: 'GET', path: `/boards/${boardId}/lists`, schema: Any, what });
    const members = await trello.request({ method: 'GET', path: `/boards/${boardId}/members`, schema: Any, what });
    const actions: TrelloAction[] = [];
    for (const c of cards) {
      let before: string | undefined;
      for (;;) {
        const page = await trello.request({
          method: 'GET',
          path: `/cards/${c.id}/actions`,
          params: { filter: 'commentCard', limit: NAIVE_PAGE, before },
          schema: TrelloActionSchema.array(),
          what: `card ${c.id}`,
        });
        pushAll(actions, page);
        if (page.length < NAIVE_PAGE) break;
        before = page.at(-1)?.id;
      }
      c.pluginData = await trello.request({ method: 'GET', path: `/cards/${c.id}/pluginData`, schema: Any, what: `card ${c.id}` });
    }
    comments += snapshotFromTrello({ id: boardId, name: '', cards, lists, members }, actions).comments.length;
  }
  return comments;
}

/** Requests naiveScan needs for a board (exact: 3 + per open card ⌈comments/50⌉ pages (+1 when a multiple) + 1). */
export function naiveRequests(board: {
  cards: Array<{ id: string; closed?: boolean }>;
  actions: Array<{ type: string; data: { card?: { id: string } } }>;
}): number {
  const perCard = new Map<string, number>();
  for (const a of board.actions) if (a.type === 'commentCard' && a.data.card) perCard.set(a.data.card.id, (perCard.get(a.data.card.id) ?? 0) + 1);
  let n = 3;
  for (const c of board.cards) if (!c.closed) n += Math.floor((perCard.get(c.id) ?? 0) / NAIVE_PAGE) + 1 + 1;
  return n;
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

export function table(rows: Row[]): string {
  const head = ['scenario', 'requests', 'lower bound', 'req / bound', 'wall s', 'peak RSS MB'];
  const body = rows.map((r) => [
    r.scenario,
    fmt(r.requests),
    r.lowerBound === null ? '—' : fmt(r.lowerBound),
    r.lowerBound ? fmt(r.requests / r.lowerBound, 2) : '—',
    fmt(r.wallMs / 1000, 1),
    fmt(r.peakRssMB),
  ]);
  const widths = head.map((h, i) => maxOf([h.length, ...body.map((b) => (b[i] ?? '').length)]));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|', ...body.map(line)].join('\n');
}

export async function runScanBench(io: Pick<CliIO, 'stdout' | 'stderr'>, o: ScanBenchOptions): Promise<{ rows: Row[]; ok: boolean }> {
  const now = new Date('2026-11-23T12:00:00Z');
  io.stderr(`bench scan: generating ${o.boards} boards × ${o.cards} cards × ${o.days} days…\n`);
  const ws = generateScaleWorkspace({ boards: o.boards, cards: o.cards, days: o.days, seed: 7, now });
  const clock = { now: new Date(now.getTime() + 3_600_000) };
  const emu = await startEmulator({ key: KEY, token: TOKEN, boards: ws.boards, clock: () => clock.now });
  emu.faults.latencyMs = o.latencyMs;
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-bench-'));
  const rows: Row[] = [];
  const checks: Array<[string, boolean]> = [];
  try {
    const boardIds = ws.boards.map((b) => b.id);
    const listed = new Set(ACTION_FILTER.split(','));
    const perBoard = ws.boards.map((b) => b.actions.filter((a) => listed.has(a.type) && a.type !== 'updateComment').length);
    const totalActions = perBoard.reduce((a, b) => a + b, 0);
    const lowerBound = boardIds.length + perBoard.reduce((n, a) => n + Math.ceil(a / 1000), 0);
    io.stderr(`bench scan: ${fmt(totalActions)} listed actions; lower bound ${lowerBound} requests; latency ${o.latencyMs} ms/request, Trello's limits\n`);

    const mkClient = () =>
      createTrelloClient({ baseUrl: emu.url, key: KEY, token: TOKEN, clock: () => new Date(), log: silentLogger, limits: { registry: new LimiterRegistry() } });
    const store = await openStore(join(dir, 'nabiz.sqlite'));
    const deps: ScanDeps = { store, trello: mkClient(), boards: boardIds, clock: () => clock.now, log: silentLogger };
    // Let the rate-limit window empty between runs so each starts with Trello's full budget.
    const settle = () => new Promise((r) => setTimeout(r, o.settleMs));

    /** Wall and CPU time (ms) of the last run: CPU time (this process: scanner, store and the in-process emulator) is far less disturbed by other work on the machine. */
    let last = { wallMs: 0, cpuMs: 0 };
    const timed = async <T>(fn: () => Promise<T>) => {
      emu.requests.reset();
      const cpu0 = process.cpuUsage();
      const m = await measure(fn);
      const cpu = process.cpuUsage(cpu0);
      last = { wallMs: m.wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
      return m;
    };
    const run = async <T>(scenario: string, lb: number | null, fn: () => Promise<T>): Promise<T> => {
      const m = await timed(fn);
      rows.push({ scenario, requests: emu.requests.total, lowerBound: lb, wallMs: m.wallMs, peakRssMB: m.peakRssMB });
      io.stderr(`  ${scenario}: ${emu.requests.total} requests, ${fmt(m.wallMs / 1000, 1)} s\n`);
      return m.value;
    };

    // What recording the dated facts costs (membership actions in the listing, pluginData versions, the baseline):
    // the same scans of the same Trello into stores WITHOUT facts (the scan as it was), measured in this run, in
    // A-B-B-A order so warm-up and drift fall on both sides.
    const baseStore = await openStore(join(dir, 'nabiz-nofacts.sqlite'));
    const baseDeps: ScanDeps = { ...deps, store: baseStore, trello: mkClient() };
    const noFacts = { evaluate: false, facts: false } as const;
    const withFacts = { evaluate: false } as const;
    const scratch: Array<Awaited<ReturnType<typeof openStore>>> = [];
    const fresh = async (name: string) => {
      const st = await openStore(join(dir, name));
      scratch.push(st);
      return { ...deps, store: st, trello: mkClient() } satisfies ScanDeps;
    };
    type Sample = { wallMs: number; cpuMs: number };
    type Cost = { what: string; facts: Sample[]; base: Sample[] };
    const cost: Cost[] = [];
    const sample = async (fn: () => Promise<unknown>): Promise<Sample> => {
      await timed(fn);
      return last;
    };

    const first = await run('full scan (first: backfill)', lowerBound, () => scanBoards(deps, withFacts));
    if (!first.boards.every((b) => b.ok)) throw new Error(`bench: scan failed: ${first.boards.find((b) => !b.ok)?.error}`);
    const fullCost: Cost = { what: 'full scan (first: backfill)', facts: [last], base: [] };
    await settle();
    await run('full scan without facts (as before)', lowerBound, () => scanBoards(baseDeps, noFacts));
    fullCost.base.push(last);
    await settle();
    const b2 = await fresh('nabiz-nofacts-2.sqlite');
    fullCost.base.push(await sample(() => scanBoards(b2, noFacts)));
    await settle();
    const f2 = await fresh('nabiz-facts-2.sqlite');
    fullCost.facts.push(await sample(() => scanBoards(f2, withFacts)));
    cost.push(fullCost);
    await settle();
    await run('incremental, nothing new', boardIds.length, () => scanBoards(deps, withFacts));
    const inc0 = present(rows.at(-1), 'the incremental row');
    // Incremental scans: after one unmeasured scan of the other store, 3 rounds of A-B-B-A, each run after a full
    // rate-limit window (both clients share the token's budget).
    const incCost: Cost = { what: 'incremental, nothing new', facts: [], base: [] };
    await settle();
    await sample(() => scanBoards(baseDeps, noFacts));
    for (let i = 0; i < 3; i++) {
      for (const [side, d, opts] of [
        ['facts', deps, withFacts],
        ['base', baseDeps, noFacts],
        ['base', baseDeps, noFacts],
        ['facts', deps, withFacts],
      ] as const) {
        await settle();
        incCost[side].push(await sample(() => scanBoards(d, opts)));
      }
    }
    cost.push(incCost);
    // One new comment and one profile edit (a t.set) per board, as between two 10-minute scans; twice, in A-B then
    // B-A order.
    const editCost: Cost = { what: 'incremental, 1 new comment + 1 profile edit/board', facts: [], base: [] };
    for (let round = 0; round < 2; round++) {
      clock.now = new Date(clock.now.getTime() + 600_000);
      for (const b of ws.boards) {
        const card = present(b.cards[0], 'a workspace card');
        emu.state.addComment(card.id, card.idMembers[0] ?? present(b.members[0], 'a board member').id, '#günlük bench', clock.now);
        const second = b.cards[1];
        const pd = second && [...emu.state.pluginData.values()].find((p) => p.idModel === second.id);
        const value: unknown = pd ? JSON.parse(pd.value) : undefined;
        if (second && pd)
          emu.state.setPluginData(second.id, JSON.stringify({ ...(isRecord(value) ? value : {}), bench: clock.now.toISOString() }), pd.idPlugin);
      }
      const order = round === 0 ? (['facts', 'base'] as const) : (['base', 'facts'] as const);
      for (const side of order) {
        await settle();
        if (side === 'facts' && round === 0) {
          await run('incremental, 1 new comment + 1 profile edit/board', boardIds.length, () => scanBoards(deps, withFacts));
          editCost.facts.push(last);
        } else editCost[side].push(await sample(() => scanBoards(side === 'facts' ? deps : baseDeps, side === 'facts' ? withFacts : noFacts)));
      }
    }
    cost.push(editCost);
    for (const st of scratch) await st.close();
    await baseStore.close();
    await settle();
    await run('full pass (nightly: edits, deletions)', lowerBound, () => scanBoards(deps, { full: true, evaluate: false }));
    const full = present(rows[0], 'the full-scan row');
    checks.push([`full scan requests ≤ 1.1 × lower bound (${full.requests} ≤ ${fmt(1.1 * lowerBound, 1)})`, full.requests <= 1.1 * lowerBound]);
    checks.push([`incremental with nothing new ≤ 1 request/board (${fmt(inc0.requests / boardIds.length, 2)})`, inc0.requests <= boardIds.length]);

    if (o.naive) {
      // The baseline is slow by nature (one request per card and page under the same limits): it runs on a
      // sample of boards and its exact request count for all boards is computed the same way it requests.
      const sample = boardIds.slice(0, Math.min(o.naiveBoards, boardIds.length));
      // Always a full rate-limit window: the fact-cost runs above send a burst even at small sizes, and a 429 retry
      // would count as a naive request.
      await new Promise((r) => setTimeout(r, Math.max(o.settleMs, 10_500)));
      const label = sample.length === boardIds.length ? 'naive per-card scanner (baseline)' : `naive per-card, measured on ${sample.length} board(s)`;
      await run(label, null, () => naiveScan(mkClient(), sample));
      const measured = present(rows.at(-1), 'the measured row');
      const exactSample = ws.boards.slice(0, sample.length).reduce((n, b) => n + naiveRequests(b), 0);
      if (measured.requests !== exactSample) io.stderr(`  (note) naive sample sent ${measured.requests} requests, model says ${exactSample}\n`);
      let naive = measured;
      if (sample.length < boardIds.length) {
        const total = ws.boards.reduce((n, b) => n + naiveRequests(b), 0);
        naive = {
          scenario: `naive per-card, all ${boardIds.length} boards (×${fmt(total / measured.requests, 1)} of the sample)`,
          requests: total,
          lowerBound: null,
          wallMs: (measured.wallMs * total) / measured.requests,
          peakRssMB: measured.peakRssMB,
        };
        rows.push(naive);
      }
      const atScale = o.boards * o.cards >= 1000 && o.days >= 180;
      const ratio = `naive / ours requests ≥ 10× (${fmt(naive.requests / full.requests, 1)}×)`;
      // The issue sets the 10× target at 20 × 50 × 180; smaller runs only report the ratio.
      if (atScale) checks.push([ratio, naive.requests >= 10 * full.requests]);
      else io.stderr(`  (info) ${ratio.replace(' ≥ 10×', '')}: the 10× target applies at 20 × 50 × 180\n`);
      checks.push([`ours faster than naive (${fmt(full.wallMs / 1000, 1)} s vs ${fmt(naive.wallMs / 1000, 1)} s)`, full.wallMs < naive.wallMs]);
    }
    io.stdout(
      `\nScan benchmark: ${o.boards} boards × ${o.cards} cards × ${o.days} days = ${fmt(totalActions)} comment actions; ${o.latencyMs} ms latency per request; rate limits 100/10 s per token, 300/10 s per key (client throttles at 90/270). Store on disk (SQLite, WAL). Evaluation excluded. Naive = per card: comments in Trello's default pages of ${NAIVE_PAGE} + its pluginData.\n\n`,
    );
    io.stdout(table(rows) + '\n\n');
    // Recording the facts: at most 1.1× the scan without them (median of the A-B-B-A runs). The wall time swings with
    // whatever else the machine runs; the CPU time of this process much less, so either within 1.1× passes.
    io.stdout('Fact history cost (same run; with facts vs without, the median of the runs; CPU = this process: scanner, store, in-process emulator):\n\n');
    const median = (xs: number[]) => {
      const o = [...xs].sort((a, b) => a - b);
      const at = (i: number) => o[i] ?? Number.NaN;
      return o.length % 2 ? at((o.length - 1) / 2) : (at(o.length / 2 - 1) + at(o.length / 2)) / 2;
    };
    for (const c of cost) {
      const m = (side: Sample[], k: keyof Sample) => median(side.map((x) => x[k]));
      const wall = m(c.facts, 'wallMs') / m(c.base, 'wallMs');
      const cpu = m(c.facts, 'cpuMs') / m(c.base, 'cpuMs');
      io.stdout(
        `  ${c.what} (${c.facts.length}+${c.base.length} runs): wall ${fmt(m(c.facts, 'wallMs') / 1000, 2)} s with facts vs ${fmt(m(c.base, 'wallMs') / 1000, 2)} s without (×${fmt(wall, 2)}); ` +
          `CPU ${fmt(m(c.facts, 'cpuMs') / 1000, 2)} s vs ${fmt(m(c.base, 'cpuMs') / 1000, 2)} s (×${fmt(cpu, 2)})\n`,
      );
      checks.push([`${c.what}: with fact history ≤ 1.1 × without (wall ×${fmt(wall, 2)}, CPU ×${fmt(cpu, 2)})`, wall <= 1.1 || cpu <= 1.1]);
    }
    io.stdout('\n');
    for (const [text, pass] of checks) io.stdout(`  ${pass ? 'PASS' : 'FAIL'}  ${text}\n`);
    io.stdout('\n');
    return { rows, ok: checks.every(([, p]) => p) };
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Entry point for `nabiz bench` (server/src/cli/bench.ts runs every module here). */
export async function run(io: CliIO, opts: { quick?: boolean; argv?: string[] } = {}): Promise<void> {
  const num = (flag: string, def: number) => {
    const i = opts.argv?.indexOf(flag) ?? -1;
    const v = i >= 0 ? Number(opts.argv?.[i + 1]) : def;
    if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} must be a positive integer`);
    return v;
  };
  const quick = opts.quick === true;
  const r = await runScanBench(io, {
    boards: num('--boards', quick ? 3 : 20),
    cards: num('--cards', quick ? 10 : 50),
    days: num('--days', quick ? 30 : 180),
    latencyMs: num('--latency', 20),
    naive: !opts.argv?.includes('--no-naive'),
    naiveBoards: opts.argv?.includes('--naive-all') ? Number.MAX_SAFE_INTEGER : num('--naive-boards', quick ? 3 : 2),
    settleMs: quick ? 0 : 10_500,
  });
  if (!r.ok) io.stderr('bench scan: a target was missed (see FAIL above)\n');
}
