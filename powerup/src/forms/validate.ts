// Pure validation of the entry forms (no DOM): input strings → an EntryDraft for shared/entries' formatEntry,
// or messages in the member's language. Nothing is posted unless this says ok (docs/powerup.md).
import { isDateKey, monthKey, weekDates, weekKey } from '../../../shared/dates.js';
import { formatDate, formatMonth } from '../../../shared/i18n.js';
import { isCriticalReading, quotaActionsMissing } from '../../../shared/requirements.js';
import type { DateKey, EntryDraft, EntryKind, Locale, QuotaAction, Reading } from '../../../shared/types.js';
import { escalationLine, type EscalationTo, type EscalationTopic } from '../../../shared/escalations.js';
import { msg } from '../i18n.js';

export type FormResult =
  | { ok: true; draft: EntryDraft }
  | { ok: false; errors: string[] /** Fields whose used > total wait for the confirmation box. */; needsConfirm?: Array<'disk' | 'traffic'> };

export interface FormContext {
  /** Today in Europe/Istanbul. */
  today: DateKey;
  locale: Locale;
  /** The board's quota thresholds (A9; 80 % / 95 % by default): the same numbers the rules judge with. */
  thresholds?: { high: number; critical: number };
}

const DEFAULT_LIMITS = { high: 80, critical: 95 };

/** A week as people read it: `23.11.2026–29.11.2026` (the ISO key only when it is no real week). */
export function weekRange(week: string, locale: Locale): string {
  try {
    const [first, , , , , , last] = weekDates(week);
    return first && last ? `${formatDate(first, locale)}–${formatDate(last, locale)}` : week;
  } catch {
    return week;
  }
}

/** `3,1` / `3.1` / ` 4 ` → number; letters, empty or several separators → null. */
export function parseDecimal(raw: string): number | null {
  const s = raw.trim().replace(/\s+/g, '');
  if (!/^-?\d+(?:[.,]\d+)?$/.test(s)) return null;
  return Number(s.replace(',', '.'));
}

const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

export type DailyKind = Extract<EntryKind, 'daily' | 'intro' | 'unreachable'>;

/** A past or present day with an optional note, for an entry of one kind. */
function validateDay(kind: EntryKind, input: { date: string; note: string }, ctx: FormContext): FormResult {
  const date = input.date.trim();
  if (!isDateKey(date)) return { ok: false, errors: [msg(ctx.locale, 'err.badDate', { value: date || '—' })] };
  if (date > ctx.today) return { ok: false, errors: [msg(ctx.locale, 'err.future', { value: formatDate(date, ctx.locale) })] };
  const note = input.note.trim();
  return { ok: true, draft: { kinds: [kind], forDate: date, ...(note ? { note } : {}) } };
}

export function validateDaily(input: { kind: DailyKind; date: string; note: string }, ctx: FormContext): FormResult {
  return validateDay(input.kind, input, ctx);
}

/**
 * `#canlı <date>`: the site went live that day (R26–R28). It ends the go-live countdown for good, so the day is
 * never assumed: it has to be picked, and the member confirms it (`confirmed`: the confirmation box).
 */
export function validateGoLive(input: { date: string; note: string; confirmed: boolean }, ctx: FormContext): FormResult {
  if (!input.date.trim()) return { ok: false, errors: [msg(ctx.locale, 'err.liveDateRequired')] };
  const r = validateDay('golive', input, ctx);
  if (r.ok && !input.confirmed) return { ok: false, errors: [msg(ctx.locale, 'err.liveConfirm', { date: formatDate(r.draft.forDate ?? '', ctx.locale) })] };
  return r;
}

/** `#gecikme`: why the go-live is late (R28); written today, so it counts as given since the deadline. */
export function validateDelay(input: { reason: string }, ctx: FormContext): FormResult {
  const reason = input.reason.trim();
  if (!reason) return { ok: false, errors: [msg(ctx.locale, 'err.reasonRequired')] };
  return { ok: true, draft: { kinds: ['delay'], forDate: ctx.today, note: reason } };
}

export function validateMonthly(input: { month: string; note: string }, ctx: FormContext): FormResult {
  const month = input.month.trim();
  const m = MONTH_RE.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return { ok: false, errors: [msg(ctx.locale, 'err.badDate', { value: month || '—' })] };
  if (month > monthKey(ctx.today)) return { ok: false, errors: [msg(ctx.locale, 'err.future', { value: formatMonth(month, ctx.locale) })] };
  const note = input.note.trim();
  return { ok: true, draft: { kinds: ['monthly'], forMonth: month, ...(note ? { note } : {}) } };
}

export interface WeeklyInput {
  week: string;
  diskUsed: string;
  diskTotal: string;
  trafficUsed: string;
  trafficTotal: string;
  actions: QuotaAction[];
  /** The member confirmed used > total (sites do run over quota). */
  confirmOver: { disk: boolean; traffic: boolean };
  note: string;
}

/** Percent used, one decimal (what the form shows beside each reading). */
export function percentOf(used: number, total: number): number {
  return Math.round((used / total) * 1000) / 10;
}

function reading(
  field: 'disk' | 'traffic',
  usedRaw: string,
  totalRaw: string,
  ctx: FormContext,
  errors: string[],
): { usedGB: number; totalGB: number; percent: number } | null {
  const label = msg(ctx.locale, field === 'disk' ? 'form.disk' : 'form.traffic').replace(/\s*\(.*\)$/, '');
  const vals: number[] = [];
  for (const [raw, which] of [
    [usedRaw, 'form.used'],
    [totalRaw, 'form.total'],
  ] as const) {
    const name = `${label} — ${msg(ctx.locale, which)}`;
    if (!raw.trim()) {
      errors.push(msg(ctx.locale, 'err.required', { field: name }));
      continue;
    }
    const n = parseDecimal(raw);
    if (n === null) errors.push(msg(ctx.locale, 'err.number', { field: name, value: raw.trim() }));
    else vals.push(n);
  }
  const [used, total] = vals;
  if (used === undefined || total === undefined) return null;
  let ok = true;
  if (total <= 0) {
    errors.push(msg(ctx.locale, 'err.totalPositive', { field: label }));
    ok = false;
  }
  if (used < 0) {
    errors.push(msg(ctx.locale, 'err.usedNegative', { field: label }));
    ok = false;
  }
  return ok ? { usedGB: used, totalGB: total, percent: percentOf(used, total) } : null;
}

export function validateWeekly(input: WeeklyInput, ctx: FormContext): FormResult {
  const errors: string[] = [];
  const week = input.week.trim();
  const wm = WEEK_RE.exec(week);
  if (!wm || Number(wm[2]) < 1 || Number(wm[2]) > 53) errors.push(msg(ctx.locale, 'err.badDate', { value: week || '—' }));
  else if (week > weekKey(ctx.today)) errors.push(msg(ctx.locale, 'err.future', { value: weekRange(week, ctx.locale) }));
  const disk = reading('disk', input.diskUsed, input.diskTotal, ctx, errors);
  const traffic = reading('traffic', input.trafficUsed, input.trafficTotal, ctx, errors);
  if (errors.length) return { ok: false, errors };

  const limits = ctx.thresholds ?? DEFAULT_LIMITS;
  const needsConfirm: Array<'disk' | 'traffic'> = [];
  for (const [field, r] of [
    ['disk', disk],
    ['traffic', traffic],
  ] as const) {
    const label = msg(ctx.locale, field === 'disk' ? 'form.disk' : 'form.traffic').replace(/\s*\(.*\)$/, '');
    if (r && r.usedGB > r.totalGB && !input.confirmOver[field]) {
      needsConfirm.push(field);
      errors.push(msg(ctx.locale, 'err.confirmOver', { field: label }));
    }
    // R38 from shared/requirements, the same function the quota rule judges with: what the form lets through
    // can never come back as a "high" finding for this week.
    const needs = r ? quotaActionsMissing(r.percent, input.actions, limits) : [];
    if (r && needs.length) {
      const pct = ctx.locale === 'tr' ? String(r.percent).replace('.', ',') : String(r.percent);
      const what = needs.map((n) => msg(ctx.locale, n === 'informed' ? 'need.informed' : 'need.remedy')).join(msg(ctx.locale, 'need.and'));
      errors.push(msg(ctx.locale, 'err.actionsNeeded', { field: label, percent: pct, high: limits.high, what }));
    }
  }
  if (errors.length) return { ok: false, errors, ...(needsConfirm.length ? { needsConfirm } : {}) };
  const readings: { disk?: Reading; traffic?: Reading } = {};
  if (disk) readings.disk = disk;
  if (traffic) readings.traffic = traffic;
  const note = input.note.trim();
  // Actions only matter (and are only written) when a reading is high (docs/grammar.md, quota actions).
  const high = [disk, traffic].some((r) => r && r.percent >= limits.high);
  return {
    ok: true,
    draft: { kinds: ['weekly'], forWeek: week, readings, ...(high && input.actions.length ? { actions: input.actions } : {}), ...(note ? { note } : {}) },
  };
}

/** Readings at or above the critical threshold: saved, but flagged critical at once (A9); the form says so first. */
export function criticalReadings(draft: EntryDraft, ctx: FormContext): Array<'disk' | 'traffic'> {
  const limits = ctx.thresholds ?? DEFAULT_LIMITS;
  return (['disk', 'traffic'] as const).filter((f) => isCriticalReading(draft.readings?.[f]?.percent, limits));
}

/**
 * `#bildirildi` (P11, P20, R14): whom the specialist told and about what, written today in the words the rules read
 * back (shared/escalations.ts), then the optional note.
 */
export function validateEscalation(input: { to: EscalationTo; topic: EscalationTopic; note: string }, ctx: FormContext): FormResult {
  const note = [escalationLine(input.to, input.topic), input.note.trim()].filter(Boolean).join('\n');
  return { ok: true, draft: { kinds: ['escalation'], forDate: ctx.today, note } };
}
