// The manager dashboard from the verdict rows (docs/architecture.md "Evaluation path"): per board its card summaries
// (each with the dashboard counters and status part kept when the card was judged, shared/dashboard-part.ts and
// shared/status.ts) and its cross-card rows; the open findings counted and the first MAX_FINDING_ITEMS picked in SQL.
// No board is held in memory with its comments. Same data as buildDashboard (dashboard-model.ts) over whole boards:
// the equivalence test holds them equal. Null when the rows cannot answer (a board judged on an earlier day or under
// another rule set revision, rows kept before the parts existed, a first scan still backfilling): the route then takes
// the whole-board path.
import type { BoardSnapshot, Finding, Severity } from '../../../shared/types.js';
import { dateKey } from '../../../shared/calendar.js';
import { sortFindings } from '../../../shared/compliance/evaluate.js';
import { RULES } from '../../../shared/compliance/registry.js';
import { dashboardWindow, type DashboardCardView, type MemberCounts } from '../../../shared/dashboard-part.js';
import { translate } from '../../../shared/i18n.js';
import { firstCompleteDay } from '../../../shared/compliance/context.js';
import type { Person } from '../config.js';
import type { Store } from '../store/store.js';
import { rowsCurrent } from '../store/judge.js';
import type { FindingScope, PickedFinding } from '../store/verdicts.js';
import { present } from '../../../shared/guards.js';
import { canSeeBoard, canSeeMember, type Viewer } from './access.js';
import {
  MAX_FINDING_ITEMS,
  byTr,
  cardUrl,
  finishDashboard,
  pct,
  type AtRiskCustomer,
  type DashboardCard,
  type DashboardData,
  type DashboardFinding,
  type DashboardSpecialist,
  type RulePcts,
} from './dashboard-model.js';

type StoredSnapshot = Pick<BoardSnapshot, 'id' | 'name' | 'url' | 'members' | 'cards' | 'historyCut' | 'historyFrom'>;

interface Acc {
  w: number[];
  m: number[];
  missing: number;
  late: number;
}

const emptyAcc = (weeks: number): Acc => ({ w: new Array<number>(weeks * 4).fill(0), m: new Array<number>(12).fill(0), missing: 0, late: 0 });
function add(into: Acc, c: Pick<MemberCounts, 'w' | 'm' | 'missing' | 'late'>): void {
  for (let i = 0; i < into.w.length; i++) into.w[i] = at(into.w, i) + at(c.w, i);
  for (let i = 0; i < 12; i++) into.m[i] = at(into.m, i) + at(c.m, i);
  into.missing += c.missing;
  into.late += c.late;
}
/** A counter of a zero-filled accumulator (every index inside it is a number). */
const at = (xs: readonly number[], i: number): number => xs[i] ?? 0;
const monthPcts = (m: number[], o: 0 | 6): RulePcts => ({
  daily: pct(at(m, o), at(m, o + 1)),
  weekly: pct(at(m, o + 2), at(m, o + 3)),
  monthly: pct(at(m, o + 4), at(m, o + 5)),
});

/**
 * Dashboard data for one viewer from the rows of `boardKeys` (state keys, in tracked order), or null when some
 * board's rows cannot answer for `now`'s day.
 */
export async function dashboardFromRows(
  store: Store,
  input: { boardKeys: readonly string[]; viewer: Viewer; people: Person[]; now: Date; focus?: { member?: string; board?: string }; attempt?: number },
): Promise<DashboardData | null> {
  const { viewer, now } = input;
  const focus = input.focus ?? {};
  const win = dashboardWindow(dateKey(now));
  const { today, week, month, lastMonth, weeks } = win;
  const weekIdx = weeks.indexOf(week);

  type Spec = { name: string; boards: Set<string>; cards: number; acc: Acc; any: boolean; today: DashboardSpecialist['today'] };
  const specialists = new Map<string, Spec>();
  const spec = (id: string, name: string): Spec => {
    let s = specialists.get(id);
    if (!s)
      specialists.set(id, (s = { name, boards: new Set(), cards: 0, acc: emptyAcc(weeks.length), any: false, today: { required: 0, done: 0, pending: [] } }));
    return s;
  };
  const cards: DashboardCard[] = [];
  const atRisk: AtRiskCustomer[] = [];
  const boards: DashboardData['boards'] = [];
  /** Per visible board: what the findings lists need. */
  const seen: Array<{ key: string; snap: StoredSnapshot; summaries: Map<string, DashboardCardView>; cardOrder: Map<string, number> }> = [];
  // One row per board (shared/dashboard-part.ts BoardDashboardView), kept at judge time: never a card's summary.
  const views = await store.verdicts.boardDashboards(input.boardKeys);

  for (const key of input.boardKeys) {
    const b = store.boards.get(key);
    const snap: StoredSnapshot | undefined = store.snapshots.get(key);
    if (!b || !snap) continue;
    if (!canSeeBoard(viewer, snap.id)) continue;
    // While a first scan backfills, the rows' "complete from" moves with every page: the whole-board path answers.
    if (b.backfilled === false) return null;
    // Judged into rows today (the board's row is written at every judge) by these rules, each card with its parts.
    const view = views.get(key);
    if (!view || view.day !== today || !view.complete || !rowsCurrent(store.evaluations.get(key))) return null;
    const summaries = new Map(view.cards.map((c) => [c.id, c]));
    // Board order, as prepareBoard and the stored result list the customers.
    const order = snap.cards.map((c) => c.id).filter((id) => summaries.has(id));
    const cardOrder = new Map(order.map((id, i) => [id, i]));
    seen.push({ key, snap, summaries, cardOrder });
    const memberName = (id: string) => snap.members.find((m) => m.id === id)?.fullName ?? (id ? translate('audit.notOnBoard', 'tr') : '—');
    const byId = new Map(snap.cards.map((c) => [c.id, c]));

    // The window's counters per responsible member, summed over the report's sections when the board was judged.
    for (const m of view.members) {
      if (!canSeeMember(viewer, m.id)) continue;
      add(spec(m.id, memberName(m.id)).acc, m);
    }
    // The report's history note: only a cut export or an unfinished backfill (the latter answered above).
    const historyDay = snap.historyCut && snap.historyFrom ? firstCompleteDay(snap.historyFrom) : undefined;
    const historyNote =
      historyDay && view.sections
        ? {
            tr: `Trello geçmişi kesik (dışa aktarma sınırı): ${historyDay} öncesindeki dönemler değerlendirilmedi.`,
            en: `Trello history is cut (export cap): periods before ${historyDay} were not judged.`,
          }
        : undefined;
    boards.push({
      id: snap.id,
      name: snap.name,
      ...(snap.url ? { url: snap.url } : {}),
      ...(b.lastScanAt ? { lastScanAt: b.lastScanAt } : {}),
      ...(historyNote ? { historyNote } : {}),
    });

    for (const id of order) {
      const info = present(summaries.get(id), `line of card ${id}`);
      const card = byId.get(id);
      const url = card ? cardUrl(card) : `https://trello.com/c/${id}`;
      // Today's dailies, from who answers for today (a cover on leave days).
      if (info.today && canSeeMember(viewer, info.today.member)) {
        const t = spec(info.today.member, memberName(info.today.member));
        t.boards.add(snap.id);
        t.today.required++;
        if (info.today.done) t.today.done++;
        else t.today.pending.push({ boardId: snap.id, cardId: id, name: card?.name ?? info.name, url });
      }
      if (!canSeeMember(viewer, info.member)) continue;
      // This month's counters of the members the viewer may see (a section's only).
      const mine = new Array<number>(12).fill(0);
      for (const m of info.m ?? []) if (canSeeMember(viewer, m.id)) for (let i = 0; i < 12; i++) mine[i] = at(mine, i) + at(m.m, i);
      cards.push({ boardId: snap.id, cardId: id, name: info.name, url, memberId: info.member, thisMonth: monthPcts(mine, 0), findings: info.findings });
      const s = spec(info.member, memberName(info.member));
      s.boards.add(snap.id);
      s.cards++;
      if (info.risk) atRisk.push({ boardId: snap.id, cardId: id, name: card?.name ?? info.name, url, memberId: info.member, ...info.risk });
    }
  }

  // ───── open findings: counted and the first ones picked in SQL, the cross-card rows of each board here ─────
  const scope: FindingScope = { ...(viewer.specialists ? { members: viewer.specialists } : {}), ...(focus.member ? { member: focus.member } : {}) };
  const keys = seen.filter((s) => !focus.board || s.snap.id === focus.board).map((s) => s.key);
  const bySeverity: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  let total = 0;
  for (const c of await store.verdicts.findingCounts(keys, scope)) {
    if (c.class === 'risk') continue;
    if (c.severity === 'critical' || c.severity === 'warning' || c.severity === 'info') bySeverity[c.severity] += c.n;
    total += c.n;
  }
  const compliance = await store.verdicts.topFindings(keys, 'compliance', MAX_FINDING_ITEMS, scope);
  const risky = await store.verdicts.topFindings(keys, 'risk', MAX_FINDING_ITEMS, scope);
  /** Per board its candidates; `f` read from the columns (its text read once it is among those shown), or whole. */
  type Candidate = { cardId: string; ord: number; f: PickedFinding['finding'] };
  const picked = new Map<string, Candidate[]>();
  const pick = (boardId: string, cardId: string, ord: number, f: Candidate['f']) => {
    const l = picked.get(boardId) ?? [];
    l.push({ cardId, ord, f });
    picked.set(boardId, l);
  };
  for (const r of [...compliance, ...risky]) pick(r.boardId, r.cardId, r.ord, r.finding);
  // Board-level findings naming no member: scoped by their card's specialist here (few: settings, leave notice).
  const boardOf = new Map(seen.map((x) => [x.key, x]));
  for (const r of await store.verdicts.unassigned(keys)) {
    const cardMember = boardOf.get(r.boardId)?.summaries.get(r.finding.cardId)?.member ?? '';
    if (!canSeeMember(viewer, cardMember)) continue;
    if (focus.member && cardMember !== focus.member) continue;
    pick(r.boardId, '', r.ord, r.finding);
    if (r.finding.class !== 'risk') {
      bySeverity[r.finding.severity]++;
      total++;
    }
  }
  const findings: DashboardFinding[] = [];
  /** The place of each listed finding whose text is still to be read. */
  const untold = new Map<DashboardFinding, { boardId: string; cardId: string; ord: number; f: Pick<Finding, 'rule' | 'period' | 'status' | 'cardId'> }>();
  for (const { key, snap, summaries, cardOrder } of seen) {
    if (focus.board && snap.id !== focus.board) continue;
    const byId = new Map(snap.cards.map((c) => [c.id, c]));
    const cardMember = (cardId: string) => summaries.get(cardId)?.member ?? '';
    // Each source in its judged order (a card's rows, the board-level rows); sortFindings then gives the stored
    // result's order (evaluateBoard's): its ties are only ever within one rule of one source.
    const candidates = (picked.get(key) ?? []).sort((a, b) => (cardOrder.get(a.cardId) ?? -1) - (cardOrder.get(b.cardId) ?? -1) || a.ord - b.ord);
    for (const c of sortFindings(
      candidates.map((x) => ({ ...x.f, place: x })),
      RULES,
      cardOrder,
    )) {
      const { place, ...f } = c;
      const card = byId.get(f.cardId);
      const onBoard = f.cardId === '';
      const item: DashboardFinding = {
        boardId: snap.id,
        cardId: f.cardId,
        cardName: onBoard ? snap.name : (card?.name ?? summaries.get(f.cardId)?.name ?? f.cardId),
        cardUrl: onBoard ? (snap.url ?? `https://trello.com/b/${snap.id}`) : card ? cardUrl(card) : `https://trello.com/c/${f.cardId}`,
        memberId: f.memberId || cardMember(f.cardId),
        rule: f.rule,
        period: f.period,
        status: f.status,
        severity: f.severity,
        detail: 'detail' in f ? f.detail : NOT_READ,
        class: f.class === 'risk' ? 'risk' : 'compliance',
      };
      findings.push(item);
      if (!('detail' in f)) untold.set(item, { boardId: key, cardId: place.cardId, ord: place.ord, f });
    }
  }

  const specialistList: DashboardSpecialist[] = [...specialists.entries()]
    .filter(([id]) => id && canSeeMember(viewer, id))
    .map(([id, s]) => {
      const a = s.acc;
      const weekPcts = (i: number): RulePcts => ({
        daily: pct(at(a.w, i * 4), at(a.w, i * 4 + 1)),
        weekly: pct(at(a.w, i * 4 + 2), at(a.w, i * 4 + 3)),
        monthly: pct(0, 0),
      });
      return {
        id,
        name: s.name,
        boards: [...s.boards],
        cards: s.cards,
        thisWeek: weekPcts(weekIdx),
        thisMonth: monthPcts(a.m, 0),
        lastMonth: monthPcts(a.m, 6),
        trend: weeks.map((_, i) => pct(at(a.w, i * 4) + at(a.w, i * 4 + 2), at(a.w, i * 4 + 1) + at(a.w, i * 4 + 3)).percent),
        missing: a.missing,
        late: a.late,
        today: { ...s.today, pending: s.today.pending.sort((x, y) => byTr(x.name, y.name)) },
      };
    })
    .sort((a, b) => byTr(a.name, b.name));

  const options = { specialists: specialistList.map((x) => ({ id: x.id, name: x.name })), boards: boards.map((b) => ({ id: b.id, name: b.name })) };
  const data = finishDashboard({
    now,
    today,
    week,
    month,
    lastMonth,
    weeks,
    viewer,
    people: input.people,
    focus,
    options,
    specialists: specialistList,
    findings,
    counts: { bySeverity, total },
    atRisk,
    boards,
    cards,
  });
  // The texts of the findings shown (at most MAX_FINDING_ITEMS of each class), read by their place. A judge that
  // rewrote a card's rows meanwhile moves them: then the whole answer is read again.
  const shown = [...data.findings.items, ...data.risks].flatMap((item) => {
    const at = untold.get(item);
    return at ? [{ item, at }] : [];
  });
  const docs = await store.verdicts.findingDocs(shown.map((x) => x.at));
  for (const { item, at } of shown) {
    const doc = docs.get(`${at.boardId}|${at.cardId}|${at.ord}`);
    if (!doc || doc.rule !== at.f.rule || doc.period !== at.f.period || doc.status !== at.f.status || doc.cardId !== at.f.cardId) {
      return (input.attempt ?? 0) < 2 ? dashboardFromRows(store, { ...input, attempt: (input.attempt ?? 0) + 1 }) : null;
    }
    item.detail = doc.detail;
  }
  return data;
}

/** A listed finding's text before it is read (every shown one is read before the answer leaves). */
const NOT_READ: DashboardFinding['detail'] = Object.freeze({ tr: '', en: '' });
