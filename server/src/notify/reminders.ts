// Personal reminders (docs/powerup.md "Nudges", docs/operations.md): the I/O around shared/reminder.ts. Each
// specialist's choice is a `reminder` record in the ledger (set from the Power-Up: routes/reminder.ts); the notifier
// reads the latest per member, and when one is due it reads today's card states (the same boardStatus the badges
// show) and adds ONE mention message per specialist and day to the outbox, which the plan → claim → deliver loop sends
// (or, in a dry run, records). The channel is the Trello @mention the specialist already gets for misses: specialists
// are not in NABIZ_PEOPLE, so they have no e-mail here, and the team chat is no personal channel.
import { todayCountdown, todayState } from '../../../shared/badges.js';
import { addDays, dateKey, dayStart } from '../../../shared/calendar.js';
import { planReminder, reminderMessageId, reminderText, type PendingCard } from '../../../shared/reminder.js';
import { WORKDAY_END } from '../../../shared/requirements.js';
import type { Person } from '../config.js';
import { evaluateOptions } from '../scan/scan-boards.js';
import { evaluatedBoards } from '../store/open-findings.js';
import { storedBoardStatus } from '../store/status-rows.js';
import type { MessageRecord } from '../store/notify-schema.js';
import type { LedgerRecord } from '../store/schema.js';
import type { NotifyBook } from '../store/repos.js';
import type { Store } from '../store/store.js';
import { isOrgWorkingDay } from './settings.js';

/** A specialist's current choice: the latest `reminder` record they wrote on any tracked board. */
export interface ReminderPref {
  memberId: string;
  /** `HH:MM` (Istanbul), or null: switched off. */
  at: string | null;
  /** When they chose it, and on which board. */
  setAt: string;
  boardId: string;
}

/** The ledger record's value: `HH:MM`, or `off`. */
export const REMINDER_OFF = 'off';

export function prefOf(r: LedgerRecord): ReminderPref | null {
  if (r.type !== 'reminder' || !r.value) return null;
  return { memberId: r.authorId, at: r.value === REMINDER_OFF ? null : r.value, setAt: r.postedAt, boardId: r.boardId };
}

/** Latest choice per member among `records` (any boards). */
export function latestPrefs(records: Iterable<LedgerRecord>): Map<string, ReminderPref> {
  const out = new Map<string, ReminderPref>();
  for (const r of records) {
    const p = prefOf(r);
    if (!p) continue;
    const prev = out.get(p.memberId);
    if (!prev || p.setAt >= prev.setAt) out.set(p.memberId, p);
  }
  return out;
}

/**
 * Reads the preferences from the ledger (the reminder records alone, one indexed read: store.ledger.reminders), but
 * only when the ledger has grown since the last read (the reminder job asks every minute).
 */
export function createReminderPrefs(
  store: Store,
  /** The tracked boards (store/open-findings.ts trackedBoards); default every evaluated board. */
  boardsOf: () => readonly string[] = () => evaluatedBoards(store),
): { read(): Promise<Map<string, ReminderPref>> } {
  let cached: { count: number; boards: string; prefs: Map<string, ReminderPref> } | null = null;
  return {
    async read() {
      const head = await store.ledger.head();
      const tracked = boardsOf();
      const key = tracked.join(',');
      if (cached && cached.count === head.count && cached.boards === key) return cached.prefs;
      const boards = new Set(tracked);
      const records = (await store.ledger.reminders()).filter((r) => boards.has(r.boardId));
      cached = { count: head.count, boards: key, prefs: latestPrefs(records) };
      return cached.prefs;
    },
  };
}

/** One planned reminder, ready to become an outbox message. */
export interface PlannedReminder {
  id: string;
  memberId: string;
  at: string;
  cards: PendingCard[];
  text: string;
  to: string;
}

/** Who is due now (before reading any board status): chose a time that has come, no reminder yet today, a working day. */
export function dueMembers(prefs: Map<string, ReminderPref>, digests: readonly MessageRecord[], now: Date): ReminderPref[] {
  const existing = new Set(digests.map((m) => m.id));
  const workingDay = isOrgWorkingDay(dateKey(now));
  // `pending: [placeholder]`: the cards are read only for those whose time has come.
  const probe: PendingCard[] = [{ boardId: '', cardId: '', name: '' }];
  return [...prefs.values()].filter(
    (p) => planReminder({ now, at: p.at, workingDay, pending: probe, alreadyToday: existing.has(reminderMessageId(p.memberId, now)) }).due,
  );
}

/**
 * The reminders due at `now`, with today's pending cards read from the boards' status (R31: a day on leave, frozen
 * or a holiday has nothing pending, so nothing is sent). `idle`: members whose time has come with nothing pending
 * (a written card stays written: the caller need not read the boards for them again today). `skip`: members the
 * caller already knows about.
 */
export async function planReminders(
  store: Store,
  people: readonly Person[],
  prefs: Map<string, ReminderPref>,
  now: Date,
  skip: (memberId: string) => boolean = () => false,
  /** NOTIFY_ENGLISH_MEMBERS: member ids or usernames who get their mentions in English. */
  english: readonly string[] = [],
  /** The boards to read (the tracked ones: store/open-findings.ts trackedBoards); default every evaluated board. */
  boards: readonly string[] = evaluatedBoards(store),
): Promise<{ planned: PlannedReminder[]; idle: string[] }> {
  const due = dueMembers(prefs, store.messages.digests(), now).filter((p) => !skip(p.memberId));
  if (!due.length) return { planned: [], idle: [] };
  let read = 0;
  const wanted = new Set(due.map((p) => p.memberId));
  const pending = new Map<string, PendingCard[]>();
  const who = new Map<string, { fullName: string; username?: string }>();
  for (const boardId of boards) {
    // As the badges say (the verdict rows); the stored snapshot (no comments) names members and cards.
    const snapshot = store.snapshots.get(boardId);
    const status = snapshot ? await storedBoardStatus(store, boardId, now, evaluateOptions(people)) : null;
    if (!snapshot || !status) continue;
    read++;
    for (const m of snapshot.members)
      if (wanted.has(m.id) && !who.has(m.id)) who.set(m.id, { fullName: m.fullName, ...(m.username ? { username: m.username } : {}) });
    const names = new Map(snapshot.cards.map((c) => [c.id, c.name]));
    for (const [cardId, st] of Object.entries(status.cards)) {
      if (!wanted.has(st.memberId) || todayState(st, now) !== 'pending') continue;
      const name = names.get(cardId) ?? cardId;
      pending.set(st.memberId, [...(pending.get(st.memberId) ?? []), { boardId, cardId, name }]);
    }
  }
  const out: PlannedReminder[] = [];
  const idle: string[] = [];
  for (const p of due) {
    const at = p.at;
    const d = planReminder({ now, at, workingDay: true, pending: pending.get(p.memberId) ?? [], alreadyToday: false });
    if (!d.due && d.why === 'all-done' && read > 0) idle.push(p.memberId);
    if (!at || !d.due) continue;
    const m = who.get(p.memberId);
    const lang = english.includes(p.memberId) || (m?.username !== undefined && english.includes(m.username)) ? 'en' : 'tr';
    const text = reminderText({
      mention: m?.username,
      fullName: m?.fullName ?? p.memberId,
      at,
      cards: d.cards,
      countdown: todayCountdown(now, lang)?.text ?? null,
      lang,
    });
    out.push({
      id: reminderMessageId(p.memberId, now),
      memberId: p.memberId,
      at,
      cards: d.cards,
      text,
      to: m?.username ? `@${m.username}` : (m?.fullName ?? p.memberId),
    });
  }
  return { planned: out, idle };
}

/** The end of today's working day (A12): a reminder not sent by then is moot and expires. */
export function workdayEnd(now: Date): string {
  const minutes = Number(WORKDAY_END.slice(0, 2)) * 60 + Number(WORKDAY_END.slice(3, 5));
  const day = dateKey(now);
  const end = new Date(dayStart(day).getTime() + minutes * 60_000);
  return (end.getTime() > now.getTime() ? end : dayStart(addDays(day, 1))).toISOString();
}

/** Add the planned reminders to the outbox as messages (plain mutation; idempotent by id). */
export function addReminders(state: Pick<NotifyBook, 'digests'>, planned: readonly PlannedReminder[], now: Date): string[] {
  const existing = new Set(state.digests.map((m) => m.id));
  const t = now.toISOString();
  const created: string[] = [];
  for (const r of planned) {
    const first = r.cards[0];
    if (existing.has(r.id) || !first) continue;
    const rec: MessageRecord = {
      id: r.id,
      kind: 'reminder',
      channel: 'trello',
      recipient: r.memberId,
      to: r.to,
      day: dateKey(now),
      boardId: first.boardId,
      cardId: first.cardId,
      itemKeys: r.cards.map((c) => `reminder|${c.boardId}|${c.cardId}`),
      subject: `Kişisel hatırlatma (${r.at}): ${r.cards.length} kart bekliyor`,
      text: r.text,
      state: 'pending',
      attempts: 0,
      createdAt: t,
      expiresAt: workdayEnd(now),
      reportedTo: [],
      heldLines: 0,
    };
    state.digests.push(rec);
    existing.add(r.id);
    created.push(r.id);
  }
  return created;
}
