/**
 * R17, the team lead's month-end review («Her gelişmiş destek uzmanı ay sonunda takım lideri tarafından aranarak
 * müşteri listesi ve durumu için bilgi alınır.»; docs/rules.md "Month-end review"). Per month M and specialist S in
 * force in M (an owner of a customer card on a judged day of M), the item for S on the lead's checklist
 * `Nabız: ay sonu M` (shared/month-review.ts) must be ticked by a team lead by the end of M's last working day
 * (Mon–Fri minus holidays and board days off; a lead's own leave does not move it).
 *
 * - The state at the deadline decides (the last tick by then; an untick counts). A tick by a specialist (a card owner)
 *   does not count, and the finding says who ticked. A tick by someone else outside today's leads (NABIZ_PEOPLE has no
 *   history: they may have been a lead then) is not judged, said so in a warning.
 * - Ticked by a lead after the deadline and still ticked now: late. Otherwise: missing.
 * - Not judged, said so in a warning: no team lead configured for S, no checklist for M on the lead's card, no item
 *   for S, a ticked item whose tick is not on record (created ticked, or before a cut history).
 * - Not judged, silently: no people list (`nabiz audit` of an export), no lead card on the board, M not ended, a
 *   checklist or the lead's card added after M's deadline.
 *
 * One finding per responsible lead and month (the lead overseeing S, else any lead of the board), listing each
 * specialist; board-level (`cardId` ''), period M. Blame: the lead, never the specialist.
 */
import { type CheckTick, stateAt } from '../../checklists.js';
import { dayEnd, monthDates, monthKey, trelloIdTime } from '../../dates.js';
import { text2, type TextVars } from '../../i18n.js';
import { monthReviewChecklistName, reviewItemMember } from '../../month-review.js';
import type { DateKey, Finding, FindingStatus, MemberInfo, MonthKey, Text2 } from '../../types.js';
import type { Calendar } from '../../calendar.js';
import type { Approver } from '../facts-in-force.js';
import { boardRule, type LightBoard } from '../rule.js';

/** The last working day of `month` on the board's calendar (R17: «ay sonunda»). */
export function monthReviewDeadline(cal: Calendar, month: MonthKey): DateKey {
  const days = monthDates(month);
  // '' is no member: Mon–Fri minus holidays, no Saturday rota, no leave (calendar.isWorkingDay).
  for (let i = days.length - 1; i >= 0; i--) {
    const d = days[i];
    if (d !== undefined && cal.isWorkingDay('', d)) return d;
  }
  return days.at(-1) ?? month;
}

type Outcome =
  | { kind: 'ok' }
  | { kind: 'late'; tick: CheckTick }
  | { kind: 'missing'; other?: CheckTick }
  | { kind: 'unknown'; why: 'noItem' | 'unknown' | 'noLead' };

/** One specialist's item judged at the deadline (`endMs`) and at `nowMs`. */
export function judgeItem(
  item: { id: string; state: 'complete' | 'incomplete' },
  ticks: readonly CheckTick[],
  leadIds: ReadonlySet<string>,
  endMs: number,
  nowMs: number,
): Outcome {
  const mine = ticks.filter((t) => t.itemId === item.id && Date.parse(t.at) <= nowMs);
  const atEnd = stateAt(item, mine, endMs);
  if (atEnd === null) return { kind: 'unknown', why: 'unknown' };
  const lastBy = (ms: number) => mine.filter((t) => Date.parse(t.at) <= ms).at(-1);
  const inForce = lastBy(endMs);
  if (atEnd === 'complete' && inForce && leadIds.has(inForce.memberId)) return { kind: 'ok' };
  const now = lastBy(nowMs);
  if (now && now.state === 'complete' && leadIds.has(now.memberId) && Date.parse(now.at) > endMs) return { kind: 'late', tick: now };
  const other = [...mine].reverse().find((t) => t.state === 'complete' && !leadIds.has(t.memberId));
  return other ? { kind: 'missing', other } : { kind: 'missing' };
}

/** The lead a specialist's review is the duty of: the lead overseeing them, else one overseeing everyone. */
function leadOf(leads: readonly Approver[], specialist: string): string | undefined {
  return (leads.find((p) => p.specialists?.includes(specialist)) ?? leads.find((p) => !p.specialists))?.trelloId;
}

const RANK: Record<string, number> = { missing: 3, late: 2, warning: 1 };

function joinText(parts: readonly Text2[]): Text2 {
  return { tr: parts.map((p) => p.tr).join('; '), en: parts.map((p) => p.en).join('; ') };
}

function monthReviewFindings(board: LightBoard, now: Date): Array<Finding<'month-review'>> {
  const leads = board.leads;
  const card = board.leadCard;
  // Not judged without a people list or without the lead's card (the board does not use the review).
  if (!leads || !card || board.cards.length === 0) return [];
  const leadIds = new Set(leads.map((p) => p.trelloId));
  const names = new Map<string, MemberInfo>(board.members.map((m) => [m.id, m]));
  const nameOf = (id: string) => names.get(id)?.fullName || id;
  const owners = new Map<MonthKey, Set<string>>();
  for (const c of board.cards) {
    for (const [m, set] of c.monthOwners) {
      const all = owners.get(m) ?? new Set<string>();
      for (const id of set) all.add(id);
      owners.set(m, all);
    }
  }
  // Everyone who owned a customer card in a judged month: a tick by one of them is never a lead's.
  const specialists = new Set<string>();
  for (const set of owners.values()) for (const id of set) specialists.add(id);
  const nowMs = now.getTime();
  const cardFrom = trelloIdTime(card.id)?.getTime();
  const out: Array<Finding<'month-review'>> = [];
  for (const month of [...owners.keys()].sort()) {
    if (month >= monthKey(board.today)) continue; // not ended
    const deadline = monthReviewDeadline(board.cal, month);
    const endMs = dayEnd(deadline).getTime();
    if (nowMs < endMs) continue;
    const listName = monthReviewChecklistName(month);
    const cl = card.checklists.find((c) => c.name === listName);
    const added = cl ? trelloIdTime(cl.id)?.getTime() : undefined;
    if (added !== undefined && added > endMs) continue; // came after the deadline
    if (cardFrom !== undefined && cardFrom > endMs) continue; // the month ended before the lead's card existed
    // Per responsible lead ('' = none configured): [status, line].
    const byLead = new Map<string, Array<{ status: FindingStatus; line: Text2 }>>();
    const add = (lead: string, status: FindingStatus, key: Parameters<typeof text2>[0], vars: TextVars) => {
      const list = byLead.get(lead) ?? [];
      list.push({ status, line: text2(key, vars) });
      byLead.set(lead, list);
    };
    const noList = new Map<string, string[]>();
    for (const s of [...(owners.get(month) ?? [])].sort()) {
      const name = nameOf(s);
      const lead = leadOf(leads, s);
      if (!lead) {
        add('', 'warning', 'finding.month-review.item.noLead', { name });
        continue;
      }
      if (!cl) {
        const list = noList.get(lead) ?? [];
        list.push(name);
        noList.set(lead, list);
        continue;
      }
      const item = cl.items.find((i) => reviewItemMember(i.name, board.members) === s);
      if (!item) {
        add(lead, 'warning', 'finding.month-review.item.noItem', { name });
        continue;
      }
      const o = judgeItem(item, card.ticks, leadIds, endMs, nowMs);
      if (o.kind === 'ok') continue;
      if (o.kind === 'unknown') add(lead, 'warning', 'finding.month-review.item.unknown', { name });
      else if (o.kind === 'late') add(lead, 'late', 'finding.month-review.item.late', { name, posted: o.tick.at, by: nameOf(o.tick.memberId) });
      else if (o.other && !specialists.has(o.other.memberId)) {
        // NABIZ_PEOPLE has no history: someone outside today's leads who is no specialist may have been a lead
        // then. The data cannot decide, so it is said, not blamed (docs/rules.md "Month-end review").
        add(lead, 'warning', 'finding.month-review.item.outsider', { name, by: nameOf(o.other.memberId), posted: o.other.at });
      } else if (o.other) add(lead, 'missing', 'finding.month-review.item.other', { name, by: nameOf(o.other.memberId), posted: o.other.at });
      else add(lead, 'missing', 'finding.month-review.item.missing', { name });
    }
    for (const [lead, list] of noList) add(lead, 'warning', 'finding.month-review.item.noChecklist', { name: list.join(', '), checklist: listName });
    for (const [lead, lines] of [...byLead].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const worst = lines.reduce<FindingStatus>((w, l) => ((RANK[l.status] ?? 0) > (RANK[w] ?? 0) ? l.status : w), 'warning');
      const key = worst === 'missing' ? 'finding.month-review.missing' : worst === 'late' ? 'finding.month-review.late' : 'finding.month-review.notJudged';
      const detail = text2(key, { month, deadline, items: joinText(lines.map((l) => l.line)) });
      out.push({ rule: 'month-review', cardId: '', memberId: lead, period: month, status: worst, detail, severity: worst === 'missing' ? 'warning' : 'info' });
    }
  }
  return out;
}

export const monthReviewRule = boardRule({
  id: 'month-review',
  periods: ['month'],
  reach: 'cards',
  evaluate: (board) => ({ findings: monthReviewFindings(board, board.now) }),
});
