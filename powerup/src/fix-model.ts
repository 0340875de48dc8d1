// The one-click fix beside a finding on the card back (docs/powerup.md "One-click fixes"): which form mends an open
// finding, and what that form starts with. Pure (no DOM, no Trello): the card back maps, the forms read the prefill
// back through `t.arg('prefill')` and never submit by themselves. Its words live here, in the pages bundle only: the
// connector never shows a fix (42 KB gzip budget).
import { z } from 'zod';
import type { Locale, StatusFinding } from '../../shared/types.js';
import type { FormId } from './pages-map.js';

/** What a form starts with when a fix opens it. Every field optional: a form without one keeps its own default. */
export const PrefillSchema = z.object({
  /** Daily form: the day (`YYYY-MM-DD`). */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** Daily form: which kind of day entry (R31: a daily, an intro call or an unreachable attempt). */
  kind: z.enum(['daily', 'intro', 'unreachable']).optional(),
  /** Weekly form: the ISO week (`YYYY-Www`). */
  week: z
    .string()
    .regex(/^\d{4}-W\d{2}$/)
    .optional(),
  /** Weekly form: the R38 actions to tick. */
  actions: z.array(z.enum(['informed', 'optimized', 'upgradeSuggested'])).optional(),
  /** Monthly form: the month (`YYYY-MM`). */
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
});
export type Prefill = z.infer<typeof PrefillSchema>;

export type FixLabel = 'daily' | 'intro' | 'weekly' | 'reading' | 'informed' | 'monthly' | 'delay';

export interface Fix {
  form: Extract<FormId, 'daily' | 'weekly' | 'monthly' | 'delay'>;
  prefill: Prefill;
  label: FixLabel;
}

// Button words (docs/glossary.md): what the click adds, not what went wrong.
export const FIX_TEXT: Record<Locale, Record<FixLabel, string>> = {
  tr: {
    daily: 'Günlük ekle',
    intro: 'Tanışma kaydı ekle',
    weekly: 'Haftalık ekle',
    reading: 'Okuma ekle',
    informed: 'Bilgilendirildi ekle',
    monthly: 'Aylık rapor ekle',
    delay: 'Gecikme nedeni ekle',
  },
  en: {
    daily: 'Add daily',
    intro: 'Add intro call',
    weekly: 'Add weekly',
    reading: 'Add reading',
    informed: 'Add “informed”',
    monthly: 'Add monthly report',
    delay: 'Add delay reason',
  },
};

/** The weekly form's hint when a fix opened it for a week the last reading is not from (`lastReadingFits`). */
export const OTHER_WEEK_HINT: Record<Locale, string> = {
  tr: 'Toplamlar müşteri profilinden geldi; kullanılan değerleri bu haftanın okumasından yazın.',
  en: 'Totals come from the customer profile; enter the used values from this week’s reading.',
};

/**
 * The form that mends `f`, or null when no single form does (late entries stay late, A26; a critical reading with
 * every R38 action recorded is the site's state, a risk with nothing to add; an overdue go-live whose reason exists
 * needs the go-live itself, which is never one click: docs/powerup.md "Canlıya geçiş"). `today` is Istanbul's day.
 */
export function findingFix(f: Pick<StatusFinding, 'rule' | 'status' | 'period' | 'class'>, today: string): Fix | null {
  switch (f.rule) {
    case 'daily':
      // R31: any missing working day; a past day is still written (it then counts as late, never as on time).
      return f.status === 'missing' && isDay(f.period) && f.period <= today
        ? { form: 'daily', prefill: { date: f.period, kind: 'daily' }, label: 'daily' }
        : null;
    case 'intro':
      return f.status === 'missing' && isDay(f.period) && f.period <= today
        ? { form: 'daily', prefill: { date: f.period, kind: 'intro' }, label: 'intro' }
        : null;
    case 'weekly':
      // R37: no weekly, or one without both readings: the weekly form for that week.
      return (f.status === 'missing' || f.status === 'incomplete') && isWeek(f.period)
        ? { form: 'weekly', prefill: { week: f.period }, label: 'weekly' }
        : null;
    case 'monthly':
      return f.status === 'missing' && isMonth(f.period) ? { form: 'monthly', prefill: { month: f.period }, label: 'monthly' } : null;
    case 'disk':
    case 'traffic':
      if (!isWeek(f.period)) return null;
      // R38: a reading at `high` (or `critical` without its actions) needs "informed" in that week; R45: a week after
      // a postponement needs a reminder, which "informed" is. A critical risk already has every action.
      if (f.status === 'high' || f.status === 'postponed' || (f.status === 'critical' && f.class !== 'risk')) {
        return { form: 'weekly', prefill: { week: f.period, actions: ['informed'] }, label: 'informed' };
      }
      // A stale reading: a new one for this week.
      if (f.status === 'stale') return { form: 'weekly', prefill: {}, label: 'reading' };
      return null;
    case 'golive-reason':
      // R28: an overdue go-live without a reason since its deadline.
      return f.status === 'missing' ? { form: 'delay', prefill: {}, label: 'delay' } : null;
    default:
      return null;
  }
}

/** Today's daily still due (the card's `today` state, not a finding yet): the daily form for today. */
export function todayFix(state: 'pending' | 'over' | 'done' | null, today: string): Fix | null {
  return state === 'pending' || state === 'over' ? { form: 'daily', prefill: { date: today, kind: 'daily' }, label: 'daily' } : null;
}

/**
 * May the weekly form start with the last reading's used values? Not when a fix opened it for another week: a
 * reading from one week posted as another week's would be false evidence (R37), so the member types that week's.
 */
export function lastReadingFits(prefill: Prefill, readingWeek: string | undefined): boolean {
  return prefill.week === undefined || prefill.week === readingWeek;
}

/** The prefill a form was opened with (`t.arg('prefill')`), checked: anything malformed is ignored, never guessed. */
export function readPrefill(raw: unknown): Prefill {
  const r = PrefillSchema.safeParse(raw);
  return r.success ? r.data : {};
}

const isDay = (p: string) => /^\d{4}-\d{2}-\d{2}$/.test(p);
const isWeek = (p: string) => /^\d{4}-W\d{2}$/.test(p);
const isMonth = (p: string) => /^\d{4}-\d{2}$/.test(p);
