/**
 * The team lead's month-end review (R17: «Her gelişmiş destek uzmanı ay sonunda takım lideri tarafından aranarak
 * müşteri listesi ve durumu için bilgi alınır.»; docs/rules.md "Month-end review"). Pure: names and matching only.
 *
 * The lead keeps one card on the board, `Nabız: takım lideri` (not a customer card: shared/customers.ts). On it the
 * scan keeps one checklist per month, `Nabız: ay sonu 2026-12`, with one item per specialist in force that month,
 * named `Ayşe Yılmaz (@ayse)`. The lead ticks an item after the call; Trello records who ticked and when
 * (`updateCheckItemStateOnCard`), which is the fact the rule judges. The `(@username)` (or `(memberId)` for a member
 * without a username) at the end is the match key: the lead may edit the rest of the text.
 */
import type { MemberInfo, MonthKey } from './types.js';

/** The lead's card: found by this exact name (trimmed), first open one in board order. */
export const LEAD_CARD_NAME = 'Nabız: takım lideri';

const CHECKLIST_PREFIX = 'Nabız: ay sonu ';

/** `Nabız: ay sonu 2026-12`. */
export function monthReviewChecklistName(month: MonthKey): string {
  return `${CHECKLIST_PREFIX}${month}`;
}

/** The month a checklist name is for, or null when it is no month-end checklist. */
export function monthOfChecklist(name: string): MonthKey | null {
  const m = /^Nabız: ay sonu (\d{4}-(0[1-9]|1[0-2]))$/.exec(name.trim());
  return m?.[1] ?? null;
}

/** The item text for a specialist: `Ayşe Yılmaz (@ayse)`, or `Ayşe Yılmaz (5f…)` without a username. */
export function reviewItemName(memberId: string, member: MemberInfo | undefined): string {
  const name = member?.fullName?.trim() || memberId;
  return member?.username ? `${name} (@${member.username})` : `${name} (${memberId})`;
}

/** The member id an item is for (its trailing `(@username)` or `(memberId)`), or null when it names no member. */
export function reviewItemMember(itemName: string, members: readonly MemberInfo[]): string | null {
  const m = /\(\s*(@?)([^()\s]+)\s*\)\s*$/.exec(itemName);
  if (!m) return null;
  const key = m[2] ?? '';
  if (m[1]) return members.find((x) => x.username?.toLowerCase() === key.toLowerCase())?.id ?? null;
  return members.find((x) => x.id === key)?.id ?? (/^[0-9a-f]{24}$/i.test(key) ? key : null);
}
