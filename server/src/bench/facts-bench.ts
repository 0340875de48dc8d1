// Facts-in-force benchmark: evaluateBoard on one generated board without facts (the current snapshot only) and
// with a fact history (a baseline profile per card and of the settings, a later version for one card in five,
// a hand-over for one card in ten, a settings edit). What to look for: the ratio with/without facts stays small
// (the resolver memoises per card and day; calendars per settings version). Printed, never asserted.
import { evaluateBoard } from '../../../shared/compliance.js';
import type { Fact } from '../../../shared/facts.js';
import { snapshotFromTrello } from '../../../shared/trello-export.js';
import type { BoardSnapshot } from '../../../shared/types.js';
import type { CliIO } from '../cli/types.js';
import { buildBigExport } from './audit-bench.js';

export const name = 'facts';

const DAY = 86_400_000;

/** The board's own data as a fact history: baselines `days` before `now`, then a few edits. */
export function withHistory(snap: BoardSnapshot, now: Date, days = 50): BoardSnapshot {
  const base = new Date(now.getTime() - days * DAY).toISOString();
  const later = new Date(now.getTime() - Math.floor(days / 2) * DAY).toISOString();
  const facts: Fact[] = [{ kind: 'board-data', pluginData: snap.pluginData, at: base, timeSource: 'noticed', baseline: true }];
  let seq = 1;
  snap.cards.forEach((card, i) => {
    facts.push({ kind: 'card-data', cardId: card.id, pluginData: card.pluginData, at: base, timeSource: 'noticed', baseline: true, seq: seq++ });
    if (i % 5 === 0) {
      const value = card.pluginData[0]?.value ?? '{}';
      facts.push({
        kind: 'card-data',
        cardId: card.id,
        pluginData: [{ value: value.replace('"integration":true', '"integration":false') }],
        at: later,
        timeSource: 'noticed',
        seq: seq++,
      });
    }
    if (i % 10 === 0 && card.idMembers[0]) {
      facts.push({ kind: 'member', cardId: card.id, memberId: card.idMembers[0], op: 'add', at: later, timeSource: 'trello', actionId: `m${i}`, seq: seq++ });
    }
  });
  facts.push({ kind: 'board-data', pluginData: snap.pluginData, at: later, timeSource: 'noticed', seq: seq++ });
  facts.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { ...snap, facts, factsFrom: base };
}

function best(fn: () => void, runs: number): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

export async function run(io: Pick<CliIO, 'stdout'>, opts: { quick: boolean }): Promise<void> {
  const sizes = opts.quick ? [200, 500] : [500, 2000];
  const now = new Date('2026-11-20T15:00:00Z');
  io.stdout('facts bench: evaluateBoard without facts vs with a fact history (60 days, best of 3)\n');
  io.stdout('cards   without ms  with facts ms  ratio\n');
  for (const cards of sizes) {
    const snap = snapshotFromTrello(buildBigExport(cards, { days: 60, end: '2026-11-20' }));
    const plain: BoardSnapshot = { ...snap };
    delete plain.facts;
    const history = withHistory(plain, now);
    evaluateBoard(plain, now); // warm-up (holiday tables, modules)
    const a = best(() => evaluateBoard(plain, now), 3);
    const b = best(() => evaluateBoard(history, now), 3);
    io.stdout(`${String(cards).padEnd(8)}${a.toFixed(0).padStart(10)}  ${b.toFixed(0).padStart(13)}  ${(b / a).toFixed(2).padStart(5)}\n`);
  }
}
