// Who may see which message and outbox line on /outbox (docs/operations.md, "Access model"). Pure.
// - everyone sees their own messages;
// - a team lead also sees the mention comments to their own team's specialists (they are on the cards anyway),
//   never another person's digest nor the team chat (it lists every team);
// - a manager sees their team's: mentions and team-lead digests on boards they oversee, and the team chat
//   when they oversee every board; never another manager's digest.
// Whatever is shown, signed links inside it are redacted by the page (server/src/link-tokens.ts redactSignedLinks).
import type { Person } from '../config.js';
import { oversees } from './recipients.js';
import type { Channel } from '../store/notify-schema.js';

/** The viewer of the outbox: a configured person, or everything (the demo only). */
export type OutboxScope = { all: true } | { all: false; person: Person };

interface MessageLike {
  kind: 'digest' | 'mention' | 'reminder';
  channel: Channel;
  recipient: string;
  boardId?: string | undefined;
}

interface ItemLike {
  channel: Channel;
  recipient: string;
  boardId: string;
  memberId: string;
}

/** Every board of `other` is one `viewer` oversees (a manager without a board list oversees all). */
function coversBoards(viewer: Person, other: Person): boolean {
  const mine = viewer.boards;
  if (!mine) return true;
  return Boolean(other.boards?.length && other.boards.every((b) => mine.includes(b)));
}

export function mayOpenMessage(scope: OutboxScope, m: MessageLike, people: Person[]): boolean {
  if (scope.all) return true;
  const me = scope.person;
  if (m.recipient === me.trelloId && m.channel !== 'trello') return true;
  if (m.kind === 'mention' || m.kind === 'reminder') return m.boardId ? oversees(me, m.boardId, m.recipient) : false;
  if (me.role !== 'manager') return false;
  if (m.channel === 'chat') return !me.boards;
  const other = people.find((p) => p.trelloId === m.recipient);
  return Boolean(other && other.role === 'teamLead' && coversBoards(me, other));
}

export function mayOpenItem(scope: OutboxScope, i: ItemLike, people: Person[]): boolean {
  if (scope.all) return true;
  const me = scope.person;
  if (i.recipient === me.trelloId && i.channel !== 'trello') return true;
  if (i.channel === 'trello') return oversees(me, i.boardId, i.memberId);
  if (me.role !== 'manager' || !oversees(me, i.boardId, i.memberId)) return false;
  if (i.channel === 'chat') return !me.boards;
  const other = people.find((p) => p.trelloId === i.recipient);
  return Boolean(other && other.role === 'teamLead');
}
