// Who hears about a finding (docs/operations.md). People come from server config (NABIZ_PEOPLE, zod-checked in
// config.ts) — never from pluginData, which any board member can write (docs/architecture.md).
import type { Person } from '../config.js';
import type { Level } from '../store/notify-schema.js';

/** Does this person oversee that board (and, for a team lead, that specialist)? */
export function oversees(p: Person, boardId: string, memberId: string): boolean {
  if (p.boards && !p.boards.includes(boardId)) return false;
  if (p.role === 'teamLead' && p.specialists && memberId && !p.specialists.includes(memberId)) return false;
  return true;
}

/**
 * Digest recipients for a flag at a ladder level. Levels are cumulative: a manager-level flag also
 * reaches the team lead (who may not have been told yet, e.g. a critical finding).
 */
export function digestRecipients(people: Person[], boardId: string, memberId: string, level: Level): Person[] {
  if (level === 'specialist') return [];
  return people.filter((p) => oversees(p, boardId, memberId) && (p.role === 'teamLead' || level === 'manager'));
}

export function personByTrelloId(people: Person[], id: string): Person | undefined {
  return people.find((p) => p.trelloId === id);
}

/** "Ayşe Yılmaz <ayse@ornek.com>" for e-mail headers (nodemailer quotes the name). */
export function mailbox(p: Person): { name: string; address: string } | null {
  return p.email ? { name: p.name, address: p.email } : null;
}

/**
 * Who hears about a risk (docs/rules.md "Compliance and risk"): the team leads overseeing the specialist, as
 * risk; the managers only when no team lead with e-mail oversees them (someone must know; it is no escalation).
 */
export function riskRecipients(people: Person[], boardId: string, memberId: string): Person[] {
  const leads = people.filter((p) => p.role === 'teamLead' && oversees(p, boardId, memberId));
  if (leads.some((p) => p.email)) return leads;
  return people.filter((p) => p.role === 'manager' && oversees(p, boardId, memberId));
}

/**
 * Who hears about a team lead's own duty (R17 month-end review): that lead and the managers overseeing the board;
 * with no lead named (none configured for a specialist), every lead and manager of the board, so someone fixes it.
 */
export function leadDutyRecipients(people: Person[], boardId: string, leadId: string): Person[] {
  const onBoard = people.filter((p) => !p.boards || p.boards.includes(boardId));
  return onBoard.filter((p) => p.role === 'manager' || !leadId || p.trelloId === leadId);
}
