// Audit benchmark: `nabiz audit` on generated exports of 1,000, 5,000 and 50,000 cards (--quick: 500, 1,000,
// 2,000), json/csv/html written card by card to a file. What to look for: ms per 1,000 cards stays roughly
// constant (linear; the old formatter rebuilt the name maps per finding and went quadratic) and the heap stays
// bounded (the old path held every finding and the whole output). Printed, never asserted.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { snapshotFromTrello } from '../../../shared/trello-export.js';
import { fileSink, writeAuditStreaming } from '../reports/audit-stream.js';
import type { CliIO } from '../cli/types.js';
import { present } from '../../../shared/guards.js';

export const name = 'audit';

const DAY_MS = 86_400_000;
const hexId = (ms: number, n: number): string =>
  Math.floor(ms / 1000)
    .toString(16)
    .padStart(8, '0') + n.toString(16).padStart(16, '0');

/**
 * A Trello board export of `cards` customer cards: a specialist per 20 cards, 8 cards each with a training slot
 * (hourly, no overlaps) and the rest in the pool, assigned `days` ago, and Trello's cap of 1000 comment
 * actions spread over the cards. Deterministic.
 */
export function buildBigExport(cards: number, opts: { days?: number; end?: string } = {}): Record<string, unknown> {
  const days = opts.days ?? 30;
  const endMs = Date.parse(`${opts.end ?? '2026-11-20'}T00:00:00+03:00`);
  const startMs = endMs - (days - 1) * DAY_MS;
  const nMembers = Math.max(1, Math.ceil(cards / 20));
  const members = Array.from({ length: nMembers }, (_, i) => ({
    id: hexId(startMs - 400 * DAY_MS, 1 + i),
    fullName: `Uzman ${i + 1}`,
    username: `uzman${i + 1}`,
  }));
  const assignedAt = new Date(startMs + 3 * 3_600_000).toISOString().slice(0, 10);
  const cardList = Array.from({ length: cards }, (_, i) => {
    const id = hexId(startMs - 2 * DAY_MS, 100_000 + i);
    const member = present(members[Math.floor(i / 20) % nMembers], 'a member');
    const k = i % 20;
    const profile = {
      v: 1,
      site: `magaza${i + 1}.com.tr`,
      assignedAt,
      specialist: member.id,
      ...(k < 8 ? { trainingSlot: `${String(9 + k).padStart(2, '0')}:00` } : { pool: true }),
      integration: i % 3 === 0,
      quotaTotalGB: 4 + (i % 4) * 2,
      trafficTotalGB: 100,
    };
    return {
      id,
      name: `Mağaza ${i + 1} — magaza${i + 1}.com.tr`,
      idList: 'list1',
      closed: false,
      idMembers: [member.id],
      pluginData: [{ id: `pd${i}`, idPlugin: 'plug', scope: 'card', idModel: id, value: JSON.stringify({ profile }), access: 'shared' }],
    };
  });
  const actions = Array.from({ length: Math.min(1000, cards * 5) }, (_, a) => {
    const card = present(cardList[(a * 7919) % cards], 'a card');
    const member = present(members[Math.floor(((a * 7919) % cards) / 20) % nMembers], 'a member');
    const posted = startMs + (a % days) * DAY_MS + (9 + (a % 8)) * 3_600_000;
    const text = a % 3 === 0 ? `#haftalık kontrol\nDisk: 2,1/4 GB\nTrafik: %55\nmüşteri bilgilendirildi` : '#günlük eğitim yapıldı';
    return {
      id: hexId(posted, a + 1),
      type: 'commentCard',
      date: new Date(posted).toISOString(),
      idMemberCreator: member.id,
      memberCreator: member,
      data: { text, card: { id: card.id, name: card.name }, board: { id: 'bigboard' } },
    };
  });
  actions.sort((x, y) => Date.parse(y.date) - Date.parse(x.date));
  return { id: 'bigboard', name: 'Büyük pano', cards: cardList, lists: [{ id: 'list1', name: 'Müşteriler', closed: false }], members, pluginData: [], actions };
}

export interface AuditBenchRow {
  cards: number;
  format: 'json' | 'csv' | 'html';
  findings: number;
  ms: number;
  msPer1k: number;
  outMB: number;
  heapMB: number;
}

/** One audit of a generated export into a file (what `nabiz audit --export … --format F --out FILE` does). */
/** A collection between runs, so one run's garbage is not counted in the next one's heap (bench only). */
function collect(): void {
  try {
    setFlagsFromString('--expose_gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') gc();
  } catch {
    // Not available: the heap column then includes earlier garbage.
  }
}

export function auditOnce(dir: string, cards: number, format: 'json' | 'csv' | 'html'): AuditBenchRow {
  const text = JSON.stringify(buildBigExport(cards));
  collect();
  const now = new Date('2026-11-21T09:00:00+03:00');
  const out = join(dir, `audit-${cards}.${format}`);
  let heap = process.memoryUsage().heapUsed;
  const tick = setInterval(() => (heap = Math.max(heap, process.memoryUsage().heapUsed)), 20);
  const t0 = performance.now();
  let findings = 0;
  try {
    const snapshot = snapshotFromTrello(JSON.parse(text));
    const sink = fileSink(out);
    ({ findings } = writeAuditStreaming(snapshot, now, format, { snapshot, now, locale: 'tr' }, sink));
    sink.close();
  } finally {
    clearInterval(tick);
  }
  const ms = performance.now() - t0;
  heap = Math.max(heap, process.memoryUsage().heapUsed);
  return { cards, format, findings, ms, msPer1k: (ms / cards) * 1000, outMB: statSync(out).size / 1e6, heapMB: heap / 1e6 };
}

export async function run(io: Pick<CliIO, 'stdout'>, opts: { quick: boolean }): Promise<void> {
  const sizes = opts.quick ? [500, 1000, 2000] : [1000, 5000, 50_000];
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-audit-bench-'));
  try {
    io.stdout(`audit bench: generated exports of ${sizes.join(', ')} cards (a specialist per 20 cards, 30 days, 1000 actions); output written to a file\n`);
    io.stdout('cards   format  findings  ms        ms/1k cards  ratio vs smallest  output MB  peak heap MB\n');
    for (const format of ['csv', 'html', 'json'] as const) {
      auditOnce(dir, 200, format); // warm-up (module and holiday tables), not printed
      let base: number | null = null;
      for (const cards of sizes) {
        const r = auditOnce(dir, cards, format);
        base ??= r.msPer1k;
        io.stdout(
          `${String(cards).padEnd(8)}${format.padEnd(8)}${String(r.findings).padEnd(10)}${r.ms.toFixed(0).padEnd(10)}${r.msPer1k.toFixed(0).padEnd(13)}${(r.msPer1k / base).toFixed(2).padEnd(19)}${r.outMB.toFixed(1).padEnd(11)}${r.heapMB.toFixed(0)}\n`,
        );
      }
    }
    io.stdout('Linear when ms/1k cards stays roughly constant (ratio ≈ 1); the heap grows with the export (cards in memory), not with the findings.\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
