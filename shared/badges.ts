/**
 * Badge view models (docs/powerup.md) for the Power-Up's card-badges and card-detail-badges and for the
 * dashboard. Pure, and free of holiday data so the Power-Up bundle stays small: the inputs are the
 * card's own profile (pluginData, always in the iframe) and the board status from the server
 * (`status` undefined = the server could not be reached; go-live and slot still render).
 *
 * @example
 *   cardBadges({ profile, status, now, locale: 'tr' })
 *   // [{ id: 'disk', text: 'Disk 3,1/4 GB', color: 'yellow' }, { id: 'golive', text: 'Canlı: 23 gün', color: null }, …]
 */
import { goLiveDeadline, withExtraDays } from './compliance/rules/golive.js';
import { dateKey, daysBetween, timeOfDay } from './dates.js';
import { formatDate, formatNumber, formatPercent, translate, type TextKey } from './i18n.js';
import { WORKDAY_END } from './requirements.js';
import { DEFAULT_THRESHOLDS, type Profile } from './profile.js';
import type { BadgeColor, BadgeView, CardStatus, DateKey, Locale, Reading, StatusFinding } from './types.js';

export interface BadgeInput {
  profile: Profile;
  /** This card's entry of the board status; undefined when the server is unreachable. */
  status?: CardStatus;
  now: Date;
  locale: Locale;
  /** The board's thresholds (`BoardStatus.thresholds`, i.e. `thresholdsOf(settings)`); the defaults when absent. */
  thresholds?: { high: number; critical: number };
}

/**
 * docs/powerup.md: the rules' one threshold set (A9, board settings `thresholds`): none below `high`,
 * yellow from `high` (80 % by default), red from `critical` (95 %). Exact percentages, as the rules compare.
 */
export function readingColor(percent: number | undefined, thresholds: { high: number; critical: number } = DEFAULT_THRESHOLDS): BadgeColor {
  if (percent === undefined) return null;
  if (percent >= thresholds.critical) return 'red';
  if (percent >= thresholds.high) return 'yellow';
  return null;
}

interface ReadingView {
  value: string;
  color: BadgeColor;
}

/** `3,1/4 GB` (TB when the total is 1 TB or more), `%78` when no total is known, `sınırsız` for unlimited traffic. */
function readingView(
  r: Reading & { stale?: boolean },
  profileTotal: number | undefined,
  locale: Locale,
  thresholds: { high: number; critical: number } = DEFAULT_THRESHOLDS,
): ReadingView | null {
  const stale = r.stale ? '!' : '';
  if (r.unlimited) return { value: translate('badge.unlimited', locale) + stale, color: null };
  const total = r.totalGB ?? profileTotal;
  const used = r.usedGB ?? (typeof r.percent === 'number' && total ? (r.percent * total) / 100 : undefined);
  const percent = r.percent ?? (used !== undefined && total ? (used / total) * 100 : undefined);
  let value: string;
  if (used !== undefined && total) {
    const tb = total >= 1024;
    const k = tb ? 1024 : 1;
    value = `${formatNumber(used / k, locale)}/${formatNumber(total / k, locale)} ${tb ? 'TB' : 'GB'}`;
  } else if (percent !== undefined) {
    value = formatPercent(Math.round(percent * 10) / 10, locale);
  } else if (used !== undefined) {
    value = `${formatNumber(used, locale)} GB`;
  } else {
    return null;
  }
  return { value: value + stale, color: readingColor(percent, thresholds) };
}

interface GoLiveView {
  daysLeft: number;
  /** Share of the 60/90-day period gone (R27, A6), 0…1 and more once overdue. */
  gone: number;
  /** R57: leave days added as extra service days (fixed-term customers). */
  extraDays: number;
  /** R29: go-live steps ticked / all, when the card has the "Nabız: canlıya geçiş" checklist. */
  steps?: { done: number; total: number };
}

function goLiveView(input: BadgeInput): GoLiveView | null {
  const { profile, status, now } = input;
  if (profile.liveAt || status?.goLive.live) return null; // hidden once live
  const extra = status?.goLive.extraDays ?? [];
  const steps = status?.goLive.steps;
  const daysLeft = daysBetween(dateKey(now), withExtraDays(goLiveDeadline(profile), extra));
  const span = goLiveSpan(profile.assignedAt, daysLeft, now);
  return { daysLeft, gone: span.gone / span.total, extraDays: extra.length, ...(steps && steps.total > 0 ? { steps } : {}) };
}

/** `Canlı: 38 gün`, or with the go-live checklist `Canlı: 14/24 · 38 gün`: progress and countdown together (R27, R29). */
function goLiveText(gl: GoLiveView, locale: Locale): string {
  const d = gl.daysLeft;
  if (gl.steps) {
    const v = { done: gl.steps.done, total: gl.steps.total };
    if (d < 0) return translate('badge.golive.steps.late', locale, { ...v, days: -d });
    return d === 0 ? translate('badge.golive.steps.today', locale, v) : translate('badge.golive.steps.left', locale, { ...v, days: d });
  }
  return d < 0
    ? translate('badge.golive.late', locale, { days: -d })
    : d === 0
      ? translate('badge.golive.today', locale)
      : translate('badge.golive.left', locale, { days: d });
}

/**
 * docs/powerup.md: none > 14 days, yellow ≤ 14, red overdue; also yellow while the go-live steps (R29) lag the time
 * gone by a quarter of the period or more (`behind`: goLiveBehind), so a slow start shows before the last two weeks.
 */
export function goLiveColor(daysLeft: number, behind = false): BadgeColor {
  if (daysLeft < 0) return 'red';
  if (daysLeft <= 14 || behind) return 'yellow';
  return null;
}

/** The steps ticked (R29) lag the share of the period gone (R27) by `GOLIVE_BEHIND` or more. */
export const GOLIVE_BEHIND = 0.25;
function goLiveBehind(gl: GoLiveView): boolean {
  return Boolean(gl.steps && gl.gone - gl.steps.done / gl.steps.total >= GOLIVE_BEHIND);
}

// Today's daily (R31). Kept here rather than in the domain dictionary: the connector bundle carries only what it shows.
const TODAY_TEXT: Record<Locale, Record<'pending' | 'over' | 'done' | 'title', string>> = {
  tr: { pending: 'bekliyor', over: 'eksik', done: '✓', title: 'Bugün' },
  en: { pending: 'pending', over: 'missing', done: '✓', title: 'Today' },
};

export type TodayState = 'pending' | 'over' | 'done';

/**
 * Today's daily for one card: null when today needs none (weekend, holiday, leave, frozen: the daily rule's
 * calendar decides on the server) or the status is from another day; `pending` until the working day ends
 * (18:15 Istanbul), `over` after it, `done` once a daily, intro or unreachable entry for today is in.
 */
export function todayState(status: CardStatus | undefined, now: Date): TodayState | null {
  const t = status?.today;
  if (!t?.required || t.date !== dateKey(now)) return null;
  if (t.done) return 'done';
  return timeOfDay(now.toISOString()) >= WORKDAY_END ? 'over' : 'pending';
}

export interface Countdown {
  /** `18:15'e 3 sa 20 dk`, `18:15'e 45 dk` / `3 h 20 min to 18:15`. */
  text: string;
  minutesLeft: number;
  /** The last hour before the working day ends (A12): shown amber. */
  amber: boolean;
}

/**
 * How long today's pending dailies have until the working day ends (18:15 Istanbul, A12); null once it has ended.
 * The board overview and the lead's strip show it beside `bekliyor`.
 */
export function todayCountdown(now: Date, locale: Locale): Countdown | null {
  const toMin = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
  const left = toMin(WORKDAY_END) - toMin(timeOfDay(now.toISOString()));
  if (left <= 0) return null;
  const h = Math.floor(left / 60);
  const m = left % 60;
  const span = locale === 'tr' ? [h ? `${h} sa` : '', m ? `${m} dk` : ''] : [h ? `${h} h` : '', m ? `${m} min` : ''];
  const d = span.filter(Boolean).join(' ');
  return { text: locale === 'tr' ? `${WORKDAY_END}'e ${d}` : `${d} to ${WORKDAY_END}`, minutesLeft: left, amber: left <= 60 };
}

function todayBadge(state: TodayState | null, locale: Locale, detail: boolean): BadgeView | null {
  if (!state || (state === 'done' && !detail)) return null; // the front shows only what still needs doing
  const w = TODAY_TEXT[locale];
  const color: BadgeColor = state === 'over' ? 'red' : state === 'done' ? 'green' : null;
  return detail ? { id: 'today', title: w.title, text: w[state], color, form: 'daily' } : { id: 'today', text: `${w.title}: ${w[state]}`, color };
}

/**
 * Findings that are something to fix, or a risk the team lead should know (docs/powerup.md "One honest card
 * state"): `late` (the entry exists, A26),
 * `due-soon` and plain warnings are information, as is any `info` finding. The digest, the card label and the
 * compliance badge share this one test.
 */
export function isOpenFinding(f: { status: string; severity: string; class?: string }): boolean {
  // A risk (the customer's site state, docs/rules.md "Compliance and risk") is for the team lead to know,
  // whatever its status: a full disk with every action recorded, abnormal growth.
  if (f.class === 'risk') return f.severity !== 'info';
  return f.status !== 'late' && f.status !== 'due-soon' && f.status !== 'warning' && f.severity !== 'info';
}

/** Rules whose `missing`/`incomplete` findings are counted as "eksik" (shared/status.ts missingCount). */
const ENTRY_RULES: ReadonlySet<string> = new Set(['daily', 'weekly', 'monthly', 'intro', 'golive-reason']);

export interface ComplianceCount {
  /** Required entries never made: the server's count, plus today's daily once the working day is over (18:15, A12). */
  missing: number;
  /** Other open findings on the card (a full disk without its actions, an overdue go-live, a stale reading…). */
  warnings: number;
  /** Some open warning is critical. */
  critical: boolean;
}

/**
 * What the compliance badge counts (one honest card state): it is green only when nothing is missing, today's
 * daily is not missed, and no open finding stands. Reads the status defensively (older or slimmed answers may
 * lack `findings`).
 */
export function complianceCount(status: CardStatus, now: Date): ComplianceCount {
  const findings: readonly StatusFinding[] = Array.isArray(status.findings) ? status.findings : [];
  const open = findings.filter((f) => isOpenFinding(f) && !(ENTRY_RULES.has(f.rule) && (f.status === 'missing' || f.status === 'incomplete')));
  const missing = (typeof status.missing === 'number' ? status.missing : 0) + (todayState(status, now) === 'over' ? 1 : 0);
  // `more`: findings of the same rule and status the status API counts instead of sending (shared/status.ts).
  return { missing, warnings: open.reduce((n, f) => n + 1 + (f.more ?? 0), 0), critical: open.some((f) => f.severity === 'critical') };
}

/** The compliance badge: `Uyum ✓` (green), `2 eksik · 1 uyarı` (red), `1 uyarı` (yellow; red when critical), `Uyum ?`. */
export function complianceBadge(status: CardStatus | undefined, now: Date, locale: Locale, detail: boolean): BadgeView {
  const t = (key: TextKey, vars?: Record<string, string | number>): string => translate(key, locale, vars);
  const keys = detail
    ? ({ ok: 'badge.detail.compliance.ok', missing: 'badge.detail.compliance.missing', unknown: 'badge.detail.compliance.unknown' } as const)
    : ({ ok: 'badge.compliance.ok', missing: 'badge.compliance.missing', unknown: 'badge.compliance.unknown' } as const);
  const title = detail ? { title: t('badge.title.compliance') } : {};
  const form = detail ? { form: 'daily' as const } : {};
  if (!status) return { id: 'compliance', ...title, text: t(keys.unknown), color: 'light-gray', ...form };
  const c = complianceCount(status, now);
  if (c.missing === 0 && c.warnings === 0) return { id: 'compliance', ...title, text: t(keys.ok), color: 'green', ...form };
  const parts: string[] = [];
  if (c.missing) parts.push(t(keys.missing, { count: c.missing }));
  if (c.warnings) parts.push(t('badge.compliance.warnings', { count: c.warnings, warningsWord: c.warnings === 1 ? 'warning' : 'warnings' }));
  const color: BadgeColor = c.missing || c.critical ? 'red' : 'yellow';
  return { id: 'compliance', ...title, text: parts.join(' · '), color, ...form };
}

/**
 * Which form the go-live badge opens: the delay reason while R28 still lacks it; once an overdue go-live has its reason,
 * a neutral choice (a new reason, or the go-live entry), never the go-live form straight away; before the deadline the
 * go-live entry (whose form asks for the day and a confirmation).
 */
export function goLiveForm(status: CardStatus | undefined, daysLeft: number): 'golive' | 'delay' | 'golive-choice' {
  if (daysLeft >= 0) return 'golive';
  return status?.goLive.reasonGiven === true ? 'golive-choice' : 'delay';
}

/**
 * Front-of-card badges in this order (docs/powerup.md): disk, traffic, go-live, today's daily (while due), compliance, slot.
 * Readings need the status (no badge without it); compliance falls back to `Uyum ?` (light-gray).
 */
export function cardBadges(input: BadgeInput): BadgeView[] {
  const { profile, status, locale } = input;
  const out: BadgeView[] = [];
  const disk = status?.readings.disk ? readingView(status.readings.disk, profile.quotaTotalGB, locale, input.thresholds) : null;
  // Card aging (docs/powerup.md): the disk's direction since the week before, ↑ ↓ →.
  const trend = status?.readings.disk?.trend;
  if (disk) out.push({ id: 'disk', text: `${translate('badge.disk', locale)} ${disk.value}${trend ? ` ${TREND[trend]}` : ''}`, color: disk.color });
  const traffic = status?.readings.traffic ? readingView(status.readings.traffic, profile.trafficTotalGB, locale, input.thresholds) : null;
  if (traffic) out.push({ id: 'traffic', text: `${translate('badge.traffic', locale)} ${traffic.value}`, color: traffic.color });

  const gl = goLiveView(input);
  if (gl) {
    // The front's compact bar: five segments of the 60/90-day period gone (card aging), beside the steps and days left.
    out.push({ id: 'golive', text: `${goLiveText(gl, locale)} ${goLiveCells(gl.gone, 5)}`, color: goLiveColor(gl.daysLeft, goLiveBehind(gl)) });
  }

  const today = todayBadge(todayState(status, input.now), locale, false);
  if (today) out.push(today);
  // Never green beside a missed today or an open finding (docs/powerup.md "One honest card state").
  out.push(complianceBadge(status, input.now, locale, false));

  if (profile.pool) out.push({ id: 'slot', text: poolText(status, input.now, locale), color: null });
  // Says what the time is (a bare `15:30` did not): `Eğitim saati 15:30`.
  else if (profile.trainingSlot) out.push({ id: 'slot', text: `${translate('badge.title.slot', locale)} ${profile.trainingSlot}`, color: null });
  return out;
}

const TREND = { up: '↑', down: '↓', flat: '→' } as const;

/** A pool customer (no fixed slot): days since the newest entry of any kind, `Havuz · 12 gün` (card aging). */
function poolText(status: CardStatus | undefined, now: Date, locale: Locale): string {
  const base = translate('badge.pool', locale);
  const last = Object.values(status?.lastEntry ?? {})
    .sort()
    .pop();
  if (!last) return base;
  const ago = daysBetween(dateKey(last), dateKey(now));
  return `${base} · ${ago ? `${ago} ${locale === 'tr' ? 'gün' : 'd'}` : locale === 'tr' ? 'bugün' : 'today'}`;
}

/**
 * The 60/90-day go-live period (R26) as ten segments and `gün 22/60` (card back; card aging): how much of the period
 * has gone, beside how much is left. Leave extra days (R57) lengthen the period.
 */
export function goLiveBar(assignedAt: DateKey, daysLeft: number, now: Date, locale: Locale): string {
  const { gone, total } = goLiveSpan(assignedAt, daysLeft, now);
  return `${goLiveCells(gone / total, 10)} ${locale === 'tr' ? 'gün' : 'day'} ${Math.min(gone, total)}/${total}`;
}

/** Days gone since assignment and the whole period (gone + left, at least 1). */
function goLiveSpan(assignedAt: DateKey, daysLeft: number, now: Date): { gone: number; total: number } {
  const gone = daysBetween(assignedAt, dateKey(now));
  return { gone, total: Math.max(1, gone + daysLeft) };
}

/** `share` (0…1, more is full) as `cells` segments: `▰▰▰▱▱`. */
function goLiveCells(share: number, cells: number): string {
  const filled = Math.min(cells, Math.max(0, Math.round(share * cells)));
  return `${'▰'.repeat(filled)}${'▱'.repeat(cells - filled)}`;
}

/** `bugün 10:42`, `dün 09:15`, else `20.11.2026 14:03` (Istanbul time). */
export function lastEntryText(postedAt: string | undefined, now: Date, locale: Locale): string {
  if (!postedAt) return translate('badge.last.none', locale);
  const day = dateKey(postedAt);
  const time = timeOfDay(postedAt);
  const ago = daysBetween(day, dateKey(now));
  if (ago === 0) return translate('badge.last.today', locale, { time });
  if (ago === 1) return translate('badge.last.yesterday', locale, { time });
  return translate('badge.last.date', locale, { date: formatDate(day, locale), time });
}

/**
 * Card-back badges: the same facts with a title and the form a click opens, plus the newest daily
 * ("Son günlük: bugün 10:42"). Order: today's daily, last daily, compliance, disk, traffic, go-live, slot.
 * The go-live badge opens the delay-reason form while an overdue go-live lacks its reason (R28), else the go-live form.
 */
export function cardDetailBadges(input: BadgeInput): BadgeView[] {
  const { profile, status, now, locale } = input;
  const t = (key: TextKey, vars?: Record<string, string | number>): string => translate(key, locale, vars);
  const out: BadgeView[] = [];
  const today = todayBadge(todayState(status, now), locale, true);
  if (today) out.push(today);
  if (status) {
    out.push({ id: 'last-daily', title: t('badge.title.last-daily'), text: lastEntryText(status.lastEntry.daily, now, locale), color: null, form: 'daily' });
  }
  out.push(complianceBadge(status, now, locale, true));

  const disk = status?.readings.disk ? readingView(status.readings.disk, profile.quotaTotalGB, locale, input.thresholds) : null;
  if (disk) out.push({ id: 'disk', title: t('badge.title.disk'), text: disk.value, color: disk.color, form: 'weekly' });
  const traffic = status?.readings.traffic ? readingView(status.readings.traffic, profile.trafficTotalGB, locale, input.thresholds) : null;
  if (traffic) out.push({ id: 'traffic', title: t('badge.title.traffic'), text: traffic.value, color: traffic.color, form: 'weekly' });

  const gl = goLiveView(input);
  if (gl) {
    const d = gl.daysLeft;
    const base = d < 0 ? t('badge.detail.golive.late', { days: -d }) : d === 0 ? t('badge.detail.golive.today') : t('badge.detail.golive.left', { days: d });
    const countdown = gl.extraDays ? `${base} · ${t('badge.detail.golive.extra', { days: gl.extraDays })}` : base;
    const steps = gl.steps ? t('badge.detail.golive.steps', { done: gl.steps.done, total: gl.steps.total, rest: countdown }) : countdown;
    const text = d >= 0 ? `${goLiveBar(profile.assignedAt, d, now, locale)} · ${steps}` : steps;
    out.push({ id: 'golive', title: t('badge.title.golive'), text, color: goLiveColor(d, goLiveBehind(gl)), form: goLiveForm(status, d) });
  }
  const slotText = profile.pool ? t('badge.pool') : (profile.trainingSlot ?? t('badge.slot.none'));
  out.push({ id: 'slot', title: t('badge.title.slot'), text: slotText, color: null, form: 'profile' });
  return out;
}
