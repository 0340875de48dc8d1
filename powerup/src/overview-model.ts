// Uyum tablosu rows: every customer × daily/weekly/monthly, from the one board status (DESIGN §6).
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
export function overviewRows(cards: Array<{ id: string; name: string; idMembers: string[] }>, status: BoardStatus | null): OverviewRow[] {
  const rows: OverviewRow[] = [];
  for (const c of cards) {
    const s = status?.cards[c.id];
    if (status && !s) continue; // not a customer (untracked list, archived)
    rows.push({
      cardId: c.id,
      name: c.name,
      memberId: s?.memberId ?? c.idMembers[0] ?? '',
      cells: { daily: cell(s, 'daily'), weekly: cell(s, 'weekly'), monthly: cell(s, 'monthly') },
    });
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'tr'));
}
