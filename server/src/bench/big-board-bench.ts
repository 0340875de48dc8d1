// Big-board benchmark (docs/operations.md "Limits"): one board with 400 customer cards and two years of entries
// (~250,000 comments) in a SQLite store, then the board × two-year evidence report (`nabiz report … --format
// json`) and the manager dashboard's data request (`nabiz serve`, signed in through a dashboard link), each in
// a child process whose peak RSS is read from /proc. Printed, never asserted; the targets are shown beside.
// The generator is shared with test/server/reports/big-board.test.ts (same board, counts derived from it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, dateKey, isoWeekday } from '../../../shared/calendar.js';
import type { BoardSnapshot } from '../../../shared/types.js';
import type { CliIO } from '../cli/types.js';
import { signDashboardLink } from '../reports/access.js';
import type { LedgerInput } from '../store/ledger.js';
import { runMeasured } from './child.js';
import { openStore } from '../store/store.js';
import { present } from '../../../shared/guards.js';

export const name = 'big-board';

export const BIG_NOW = new Date('2026-11-23T12:00:00Z');
const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
export const BIG_BOARD = `6b${hex(1, 22)}`;
const LIST = `6e${hex(1, 22)}`;
const cardId = (c: number) => `6c${hex(1, 10)}${hex(c, 12)}`;
const memberId = (m: number) => `6d${hex(m, 22)}`;
export const BIG_MANAGER = `6f${hex(1, 22)}`;
export const BIG_SPECIALISTS = 8;

export interface BigBoard {
  snapshot: BoardSnapshot;
  inputs: LedgerInput[];
  specialists: string[];
  /** Comments per kind (what the generator posted), for the tests' independent counts. */
  posted: { daily: number; weekly: number; monthly: number };
}

/**
 * 400 cards (card c belongs to specialist c mod 8), `days` days back from BIG_NOW: a daily per weekday per card
 * (about one in 23 skipped, so there are findings), a weekly on Fridays, a monthly on the month's last day.
 */
export function bigBoard(o: { cards?: number; days?: number } = {}): BigBoard {
  const cards = o.cards ?? 400;
  const days = o.days ?? 730;
  const today = dateKey(BIG_NOW);
  const start = addDays(today, -days - 7);
  const specialists = Array.from({ length: BIG_SPECIALISTS }, (_, m) => memberId(m));
  const snapshot: BoardSnapshot = {
    id: BIG_BOARD,
    name: 'Gelişmiş Destek — büyük pano',
    lists: [{ id: LIST, name: 'Müşteriler', closed: false }],
    members: specialists.map((id, m) => ({ id, fullName: `Uzman ${m + 1}`, username: `uzman${m + 1}` })),
    cards: Array.from({ length: cards }, (_, c) => ({
      id: cardId(c),
      name: `musteri-${c}.com.tr`,
      idList: LIST,
      closed: false,
      idMembers: [present(specialists[c % BIG_SPECIALISTS], 'a specialist')],
      pluginData: [
        {
          value: JSON.stringify({
            profile: { v: 1, site: `musteri-${c}.com.tr`, assignedAt: start, specialist: specialists[c % BIG_SPECIALISTS], trainingSlot: '10:00' },
          }),
        },
      ],
    })),
    pluginData: [],
    comments: [],
    historyCut: false,
  };
  const inputs: LedgerInput[] = [];
  const posted = { daily: 0, weekly: 0, monthly: 0 };
  let seq = 0;
  for (let d = days; d >= 1; d--) {
    const day = addDays(today, -d);
    const wd = isoWeekday(day);
    if (wd > 5) continue;
    for (let c = 0; c < cards; c++) {
      const m = c % BIG_SPECIALISTS;
      const post = (minutes: number, text: string) => {
        const t = new Date(`${day}T07:00:00Z`).getTime() + minutes * 60_000;
        const id = `${hex(Math.floor(t / 1000), 8)}${hex(1, 4)}${hex(seq++, 12)}`;
        inputs.push({
          type: 'comment',
          actionId: id,
          boardId: BIG_BOARD,
          cardId: cardId(c),
          authorId: present(specialists[m], 'a specialist'),
          authorName: `Uzman ${m + 1}`,
          postedAt: new Date(t).toISOString(),
          text,
          recordedAt: BIG_NOW.toISOString(),
          source: 'scan',
        });
      };
      if ((c * 7 + d) % 23 !== 0) {
        post(60 + ((c * 13 + d) % 300), `#günlük ${day} müşteri arandı, ödeme adımı ve kargo entegrasyonu kontrol edildi, sorun yok`);
        posted.daily++;
      }
      if (wd === 5) {
        post(400, `#haftalık ${day}\nDisk: ${(c % 4) + 1},2 / 10 GB\nTrafik: ${20 + (c % 50)}/200 GB\nSipariş akışı normal`);
        posted.weekly++;
      }
      if (addDays(day, 1).slice(0, 7) !== day.slice(0, 7)) {
        post(420, `#aylık ${day.slice(0, 7)} ay özeti: kampanya sonuçları ve iade oranı görüşüldü`);
        posted.monthly++;
      }
    }
  }
  return { snapshot, inputs, specialists, posted };
}

/** Appends the board's records to a SQLite store at `location` through the store port, as a backfilled scan leaves them. */
export async function seedBigBoard(location: string, big: BigBoard): Promise<number> {
  const store = await openStore(location);
  try {
    const { inputs, snapshot } = big;
    const recs = await store.append(inputs, (s) => {
      s.boards[BIG_BOARD] = {
        id: BIG_BOARD,
        name: snapshot.name,
        backfilled: true,
        cursor: present(inputs.at(-1), 'the last input').actionId,
        lastScanAt: BIG_NOW.toISOString(),
        snapshot,
      };
    });
    return recs.length;
  } finally {
    await store.close();
  }
}

/** The same board as a Trello JSON export (board menu → Export as JSON), every comment a commentCard action. */
export function bigBoardExport(big: BigBoard): Record<string, unknown> {
  const s = big.snapshot;
  return {
    id: s.id,
    name: s.name,
    closed: false,
    lists: s.lists,
    members: s.members,
    cards: s.cards.map((c) => ({
      ...c,
      pluginData: c.pluginData.map((p, i) => ({ id: `pd${i}${c.id}`, idPlugin: 'plug', scope: 'card', idModel: c.id, value: p.value, access: 'shared' })),
    })),
    pluginData: [],
    actions: big.inputs.map((i) => {
      return {
        id: i.actionId,
        type: 'commentCard',
        date: i.postedAt,
        idMemberCreator: i.authorId,
        memberCreator: { id: i.authorId, fullName: i.authorName },
        data: { text: i.text, card: { id: i.cardId }, board: { id: s.id } },
      };
    }),
  };
}

const freePort = () =>
  new Promise<number>((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(a && typeof a === 'object' ? a.port : 0));
    });
  });

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

export async function run(io: Pick<CliIO, 'stdout' | 'stderr'>, opts: { quick?: boolean } = {}): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-bench-big-'));
  try {
    const db = join(dir, 'big.sqlite');
    const big = bigBoard(opts.quick ? { cards: 100 } : {});
    io.stderr(`  seeding ${fmt(big.inputs.length)} comments on ${big.snapshot.cards.length} cards…\n`);
    await seedBigBoard(db, big);

    io.stderr('  board × two-year report (json)…\n');
    const out = join(dir, 'r.json');
    const report = await runMeasured([
      'report',
      '--db',
      db,
      '--board',
      BIG_BOARD,
      '--from',
      '2025-01-01',
      '--to',
      '2026-11-22',
      '--format',
      'json',
      '--out',
      out,
      '--now',
      BIG_NOW.toISOString(),
    ]);

    io.stderr('  dashboard data (serve)…\n');
    const port = await freePort();
    const secret = 'bench-dashboard-link-secret-0123456789';
    const env = {
      DATABASE_URL: db,
      TRELLO_KEY: 'benchkey',
      TRELLO_TOKEN: 'benchtoken',
      TRELLO_API_URL: 'http://127.0.0.1:9',
      NABIZ_BOARDS: BIG_BOARD,
      SCAN_ON_START: 'false',
      PORT: String(port),
      LOG_LEVEL: 'info',
      NOTIFY_LABELS: 'false',
      DATA_FILE: join(dir, 'none.json'),
      DASHBOARD_LINK_SECRET: secret,
      NABIZ_PEOPLE: JSON.stringify([{ name: 'Yönetici', trelloId: BIG_MANAGER, role: 'manager' }]),
    };
    const dash = await runMeasured(['serve'], env, async (text) => {
      const t = performance.now();
      while (!/Press Ctrl\+C/.test(text())) {
        if (performance.now() - t > 600_000) throw new Error('serve did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
      const base = `http://127.0.0.1:${port}`;
      const link = signDashboardLink({ trelloId: BIG_MANAGER, exp: Math.floor(Date.now() / 1000) + 3600 }, secret);
      const setCookie = (await fetch(`${base}/dashboard?link=${link}`, { redirect: 'manual' })).headers.get('set-cookie');
      const cookie = present(setCookie, 'the dashboard session cookie').split(';')[0] ?? '';
      const t0 = performance.now();
      const r = await fetch(`${base}/dashboard/api/data`, { headers: { Cookie: cookie } });
      await r.arrayBuffer();
      return { status: r.status, ms: performance.now() - t0 };
    });
    const d = dash.during ?? new Error('the dashboard request did not finish');
    const reportOk = report.code === 0 ? 'exit 0' : `exit ${report.code}: ${report.out.trim().split('\n').at(-1)}`;
    const dashOk = d instanceof Error ? `failed: ${d.message}` : `HTTP ${d.status}`;
    io.stdout(
      [
        `big board: ${big.snapshot.cards.length} cards, ${fmt(big.inputs.length)} comments, SQLite`,
        '| what | result | time s (target ≤ 10) | CPU s | peak RSS MB (target ≤ 400) |',
        '|---|---|---:|---:|---:|',
        `| nabiz report board × 2025-01-01…2026-11-22 json | ${reportOk} | ${fmt(report.ms / 1000, 1)} | ${fmt(report.cpuS, 1)} | ${fmt(report.peakMB)} |`,
        `| GET /dashboard/api/data (manager), request / serve process | ${dashOk} | ${d instanceof Error ? '–' : fmt(d.ms / 1000, 1)} | ${fmt(dash.cpuS, 1)} (serve, start included) | ${fmt(dash.peakMB)} |`,
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'done'), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
