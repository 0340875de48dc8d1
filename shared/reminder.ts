// A specialist's personal reminder (docs/powerup.md "Nudges"): at a time they chose, on a day their dailies are due,
// while cards of theirs still have no daily for today (R31, before 18:15: A12), they get ONE @mention comment.
// Pure: the notifier (server/src/notify/reminders.ts) gives the clock, the preference and today's card states.
import { dateKey, timeOfDay } from './dates.js';
import { WORKDAY_END } from './requirements.js';

/** The time a specialist opting in starts with. */
export const DEFAULT_REMINDER_AT = '17:30';
/** The earliest time that may be chosen: the working day has begun (docs/operations.md quiet hours end 08:00). */
export const REMINDER_EARLIEST = '08:00';
/** The latest: before the working day ends (A12), or the reminder would come after the day was already missed. */
export const REMINDER_LATEST = '18:00';

const HM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Why `at` is no reminder time (Turkish, for the form and the API's 400), or null when it is one. */
export function reminderTimeError(at: string): string | null {
  if (!HM.test(at)) return `Saat SS:DD biçiminde olmalı (ör. ${DEFAULT_REMINDER_AT}).`;
  if (at < REMINDER_EARLIEST || at > REMINDER_LATEST)
    return `Hatırlatma saati ${REMINDER_EARLIEST} ile ${REMINDER_LATEST} arasında olmalı: iş günü ${WORKDAY_END}'te biter.`;
  return null;
}

/** One card whose daily for today is still pending, as the reminder names it. */
export interface PendingCard {
  boardId: string;
  cardId: string;
  name: string;
}

export interface ReminderInput {
  now: Date;
  /** The specialist's chosen Istanbul time, `HH:MM`; null = no reminder. */
  at: string | null;
  /** A working day for the team (weekends and public holidays are not: A2). */
  workingDay: boolean;
  /** Their cards whose daily is due today and not yet written (a day on leave or frozen has none: R31). */
  pending: readonly PendingCard[];
  /** A reminder was already planned for them today. */
  alreadyToday: boolean;
}

export type ReminderDecision =
  | { due: true; cards: PendingCard[] }
  | { due: false; why: 'off' | 'not-working-day' | 'not-yet' | 'day-over' | 'already' | 'all-done' };

/**
 * Is the specialist's reminder due now? At most one a day, only on a working day, only from the chosen time until
 * the working day ends, and only while something is pending. The cards come back in a stable order (by name).
 */
export function planReminder(i: ReminderInput): ReminderDecision {
  if (!i.at) return { due: false, why: 'off' };
  if (!i.workingDay) return { due: false, why: 'not-working-day' };
  if (i.alreadyToday) return { due: false, why: 'already' };
  const t = timeOfDay(i.now.toISOString());
  if (t < i.at) return { due: false, why: 'not-yet' };
  if (t >= WORKDAY_END) return { due: false, why: 'day-over' };
  if (!i.pending.length) return { due: false, why: 'all-done' };
  return { due: true, cards: [...i.pending].sort((a, b) => a.name.localeCompare(b.name, 'tr') || a.cardId.localeCompare(b.cardId)) };
}

/** The message id: one per specialist per Istanbul day (the outbox refuses a second with the same id). */
export function reminderMessageId(memberId: string, now: Date): string {
  return `reminder|${memberId}|${dateKey(now)}`;
}

/** How many other cards the comment names before it says "ve N kart daha". */
const NAMED = 5;

/**
 * The comment, posted on the first pending card:
 * `@ayse Kişisel hatırlatma (saat 17:30): 3 kartta bugünün günlük kaydı henüz yok: Acme, Beta, Gamma (18:15'e 45 dk).`
 * Never a `#`: the next scan must not read it as an entry (docs/operations.md "Mentions").
 */
export function reminderText(o: {
  mention: string | undefined;
  fullName: string;
  at: string;
  cards: readonly PendingCard[];
  countdown: string | null;
  lang?: 'tr' | 'en';
}): string {
  const who = o.mention ? `@${o.mention}` : o.fullName.replace(/#/g, '');
  const names = o.cards.slice(0, NAMED).map((c) => c.name.replace(/#/g, '').trim() || c.cardId);
  const n = o.cards.length;
  const left = o.countdown ? ` (${o.countdown})` : '';
  if (o.lang === 'en') {
    // NOTIFY_ENGLISH_MEMBERS (docs/operations.md "Mentions"): the same message in English.
    const more = n > NAMED ? ` and ${n - NAMED} more` : '';
    const what = n === 1 ? 'this card has no daily entry for today yet' : `${n} cards have no daily entry for today yet: ${names.join(', ')}${more}`;
    return `${who} Personal reminder (${o.at}): ${what}${left}.`;
  }
  const more = n > NAMED ? ` ve ${n - NAMED} kart daha` : '';
  const what = n === 1 ? 'bu kartta bugünün günlük kaydı henüz yok' : `${n} kartta bugünün günlük kaydı henüz yok: ${names.join(', ')}${more}`;
  return `${who} Kişisel hatırlatma (saat ${o.at}): ${what}${left}.`;
}

/** What the Power-Up shows as the current setting. */
export function reminderSettingLine(at: string | null): string {
  return at ? `Açık: her iş günü saat ${at}; bugünün günlük kaydı bekleyen kartın varsa tek bir @bahsetme yorumu gelir.` : 'Kapalı.';
}
