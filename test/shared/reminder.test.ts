// The personal reminder's pure plan (shared/reminder.ts): at most one a day, only on a working day, from the chosen
// Istanbul time until the working day ends (18:15, A12), and only while a daily is pending (R31).
import { describe, expect, it } from 'vitest';
import { planReminder, reminderMessageId, reminderText, reminderTimeError, type PendingCard } from '../../shared/reminder.js';

/** An Istanbul wall-clock time as an instant (UTC+3 all year). */
const ist = (s: string) => new Date(`${s}:00+03:00`);
const cards: PendingCard[] = [
  { boardId: 'b', cardId: 'c2', name: 'Zeytin.com.tr' },
  { boardId: 'b', cardId: 'c1', name: 'Çiçek.com.tr' },
  { boardId: 'b', cardId: 'c3', name: 'Ayva.com.tr' },
];
const base = { at: '17:30', workingDay: true, pending: cards, alreadyToday: false };

describe('planReminder', () => {
  it('is due from the chosen time until 18:15, with the cards in Turkish order', () => {
    expect(planReminder({ ...base, now: ist('2026-12-07T17:29') })).toEqual({ due: false, why: 'not-yet' });
    const d = planReminder({ ...base, now: ist('2026-12-07T17:30') });
    expect(d).toEqual({ due: true, cards: [cards[2], cards[1], cards[0]] });
    expect(planReminder({ ...base, now: ist('2026-12-07T18:14') }).due).toBe(true);
    expect(planReminder({ ...base, now: ist('2026-12-07T18:15') })).toEqual({ due: false, why: 'day-over' });
  });

  it('never: switched off, on a holiday or weekend, a second time the same day, or when everything is written (leave and frozen days have nothing pending)', () => {
    const now = ist('2026-12-07T17:45');
    expect(planReminder({ ...base, now, at: null })).toEqual({ due: false, why: 'off' });
    expect(planReminder({ ...base, now, workingDay: false })).toEqual({ due: false, why: 'not-working-day' });
    expect(planReminder({ ...base, now, alreadyToday: true })).toEqual({ due: false, why: 'already' });
    expect(planReminder({ ...base, now, pending: [] })).toEqual({ due: false, why: 'all-done' });
  });

  it('one message id per specialist and Istanbul day', () => {
    expect(reminderMessageId('m1', ist('2026-12-07T17:30'))).toBe('reminder|m1|2026-12-07');
    // 23:30 UTC on the 7th is already the 8th in Istanbul.
    expect(reminderMessageId('m1', new Date('2026-12-07T23:30:00Z'))).toBe('reminder|m1|2026-12-08');
  });
});

describe('reminderText', () => {
  it('names the cards, mentions by username, carries no #tag', () => {
    const text = reminderText({
      mention: 'ayse',
      fullName: 'Ayşe',
      at: '17:30',
      cards: [{ boardId: 'b', cardId: 'c', name: '#günlük Acme' }, cards[0]!],
      countdown: "18:15'e 45 dk",
    });
    expect(text).toBe("@ayse Kişisel hatırlatma (saat 17:30): 2 kartta bugünün günlük kaydı henüz yok: günlük Acme, Zeytin.com.tr (18:15'e 45 dk).");
    expect(text).not.toContain('#');
    expect(reminderText({ mention: undefined, fullName: 'Ayşe Demir', at: '17:00', cards: [cards[0]!], countdown: null })).toBe(
      'Ayşe Demir Kişisel hatırlatma (saat 17:00): bu kartta bugünün günlük kaydı henüz yok.',
    );
  });

  it('in English for a member in NOTIFY_ENGLISH_MEMBERS', () => {
    expect(reminderText({ mention: 'ayse', fullName: 'Ayşe', at: '17:30', cards: [cards[2]!, cards[0]!], countdown: '45 min to 18:15', lang: 'en' })).toBe(
      '@ayse Personal reminder (17:30): 2 cards have no daily entry for today yet: Ayva.com.tr, Zeytin.com.tr (45 min to 18:15).',
    );
    expect(reminderText({ mention: 'ayse', fullName: 'Ayşe', at: '17:30', cards: [cards[0]!], countdown: null, lang: 'en' })).toBe(
      '@ayse Personal reminder (17:30): this card has no daily entry for today yet.',
    );
  });

  it('says how many more beyond five', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ boardId: 'b', cardId: `c${i}`, name: `m${i}` }));
    expect(reminderText({ mention: 'a', fullName: 'A', at: '17:30', cards: many, countdown: null })).toBe(
      '@a Kişisel hatırlatma (saat 17:30): 8 kartta bugünün günlük kaydı henüz yok: m0, m1, m2, m3, m4 ve 3 kart daha.',
    );
  });
});

describe('reminderTimeError', () => {
  it('accepts 08:00–18:00 and says why otherwise, in Turkish', () => {
    expect(reminderTimeError('17:30')).toBeNull();
    expect(reminderTimeError('08:00')).toBeNull();
    expect(reminderTimeError('18:00')).toBeNull();
    expect(reminderTimeError('18:30')).toMatch(/08:00 ile 18:00 arasında olmalı/);
    expect(reminderTimeError('7:30')).toMatch(/SS:DD/);
    expect(reminderTimeError('24:00')).toMatch(/SS:DD/);
  });
});
