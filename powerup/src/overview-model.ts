// Uyum tablosu rows: every customer × today/daily/weekly/monthly, from the one board status (docs/powerup.md).
import { todayState, type TodayState } from '../../shared/badges.js';
import type { BoardStatus, CardStatus, Finding } from '../../shared/types.js';

export type KindCol = 'daily' | 'weekly' | 'monthly';
export const KIND_COLS: KindCol[] = ['daily', 'weekly', 'monthly'];

export interface Cell {
  /** Periods with no entry (or incomplete weekly). null = unknown (server unreachable). */
  missing: number | null;
  late: number;
  last?: string;
}

export interface OverviewRow {
  cardId: string;
  name: string;
  memberId: string;
  /** Today's daily (R31): null when today needs none or the server is unreachable. */
  today: TodayState | null;
  cells: Record<KindCol, Cell>;
}

function cell(status: CardStatus | undefined, kind: KindCol): Cell {
  if (!status) return { missing: null, late: 0 };
  const of = (f: Finding) => f.rule === kind;
  const last = status.lastEntry[kind];
  return {
    missing: status.findings.filter((f) => of(f) && (f.status === 'missing' || f.status === 'incomplete')).length,
    late: status.findings.filter((f) => of(f) && f.status === 'late').length,
    ...(last ? { last } : {}),
  };
}

/** Rows for the customers the server evaluated; every open card with `?` when the server is unreachable. */
export function overviewRows(cards: Array<{ id: string; name: string; idMembers: string[] }>, status: BoardStatus | null, now: Date): OverviewRow[] {
  const rows: OverviewRow[] = [];
  for (const c of cards) {
    const s = status?.cards[c.id];
    if (status && !s) continue; // not a customer (untracked list, archived)
    rows.push({
      cardId: c.id,
      name: c.name,
      memberId: s?.memberId ?? c.idMembers[0] ?? '',
      today: todayState(s, now),
      cells: { daily: cell(s, 'daily'), weekly: cell(s, 'weekly'), monthly: cell(s, 'monthly') },
    });
  }
  // What is still due today comes first (pending, or missed after 18:15), then the rest, each by name.
  const due = (r: OverviewRow) => (r.today === 'pending' || r.today === 'over' ? 0 : 1);
  return rows.sort((a, b) => due(a) - due(b) || a.name.localeCompare(b.name, 'tr'));
}

/** Per responsible member: customers whose daily for today is still due (`pending`) or overdue after 18:15 (`over`). */
export function todayPending(rows: readonly OverviewRow[]): Array<{ memberId: string; pending: number; over: number; cards: string[] }> {
  const by = new Map<string, { memberId: string; pending: number; over: number; cards: string[] }>();
  for (const r of rows) {
    if (r.today !== 'pending' && r.today !== 'over') continue;
    let e = by.get(r.memberId);
    if (!e) by.set(r.memberId, (e = { memberId: r.memberId, pending: 0, over: 0, cards: [] }));
    e[r.today]++;
    e.cards.push(r.name);
  }
  return [...by.values()].sort((a, b) => b.pending + b.over - (a.pending + a.over));
}
