// Notify settings derived from Config (zod-validated env) plus the Istanbul clock arithmetic the
// ladder and the sender need. No wall-clock reads here: every function takes `now`.
import { ConfigError, type Config } from '../config.js';
import { TIME_ZONE, addDays, dateKey, dayStart, isoWeekday, publicHoliday } from '../../../shared/calendar.js';
import type { DateKey } from '../../../shared/types.js';

export interface CriticalMatcher {
  rule: string;
  status?: string;
}

export interface NotifySettings {
  /** True: nothing is persisted or sent; `plan` shows what would go to whom (docs/conventions.md §8). */
  dryRun: boolean;
  /** Which channels are configured (a channel that is not configured never gets outbox items). */
  channels: { email: boolean; chat: boolean; trello: boolean };
  teamLeadAfter: number;
  managerAfter: number;
  critical: CriticalMatcher[];
  /** Minutes after midnight (Istanbul). Quiet window wraps midnight when from > to. */
  quietFrom: number;
  quietTo: number;
  digestAt: number;
  mentions: boolean;
  /** Trello member ids/usernames that get their mention comments in English (NOTIFY_ENGLISH_MEMBERS). */
  englishMembers: string[];
  /** Label name kept on cards with open findings; null = labels off. */
  label: string | null;
  maxPerRun: number;
  maxLines: number;
  expireHours: number;
  /** A first-seen miss older than this (days since its period ended) gets no mention (backfill guard). */
  mentionMaxAgeDays: number;
  mailFrom: string;
  chatFormat: 'slack' | 'teams';
  /** Base of links in messages to this service's /outbox page (PUBLIC_URL), if any. */
  publicUrl?: string;
}

const hm = (s: string): number => {
  const [h = 0, m = 0] = s.split(':').map(Number); // HH:MM: the config schema checked it
  if (h > 23 || m > 59) throw new ConfigError(`not a time of day: ${s} (NOTIFY_QUIET_HOURS / DIGEST_TIME)`);
  return h * 60 + m;
};

/**
 * Settings from config. `trello` tells whether a Trello writer is available (token or the demo emulator).
 * @example notifySettings(loadConfig({}), { trello: false }).dryRun === true
 */
export function notifySettings(config: Config, opts: { trello: boolean; dryRun?: boolean }): NotifySettings {
  const channels = {
    email: Boolean(config.SMTP_URL),
    chat: Boolean(config.CHAT_WEBHOOK_URL),
    trello: opts.trello && (config.NOTIFY_MENTIONS || config.NOTIFY_LABELS),
  };
  const anyChannel = channels.email || channels.chat || channels.trello;
  const [qf = '', qt = ''] = config.NOTIFY_QUIET_HOURS.split('-'); // HH:MM-HH:MM: the config schema checked it
  const quiet = { quietFrom: hm(qf), quietTo: hm(qt) };
  const digestAt = hm(config.DIGEST_TIME);
  if (inQuietHours(new Date(Date.UTC(2026, 0, 5, 0, digestAt) - 3 * 3600e3), quiet)) {
    // A digest time inside the quiet window would never send anything: refuse at start.
    throw new ConfigError(`DIGEST_TIME: ${config.DIGEST_TIME} falls inside NOTIFY_QUIET_HOURS (${config.NOTIFY_QUIET_HOURS}); no digest would ever be sent`);
  }
  return {
    dryRun: opts.dryRun ?? (config.NOTIFY_DRY_RUN || !anyChannel),
    channels,
    teamLeadAfter: config.NOTIFY_TEAMLEAD_AFTER,
    managerAfter: Math.max(config.NOTIFY_MANAGER_AFTER, config.NOTIFY_TEAMLEAD_AFTER),
    critical: parseCritical(config.NOTIFY_CRITICAL),
    ...quiet,
    digestAt,
    mentions: config.NOTIFY_MENTIONS,
    englishMembers: config.NOTIFY_ENGLISH_MEMBERS ?? [],
    label: config.NOTIFY_LABELS ? config.NOTIFY_LABEL : null,
    maxPerRun: config.NOTIFY_MAX_PER_RUN,
    maxLines: config.NOTIFY_MAX_LINES,
    expireHours: config.NOTIFY_EXPIRE_HOURS,
    mentionMaxAgeDays: 7,
    mailFrom: config.MAIL_FROM,
    chatFormat: config.CHAT_WEBHOOK_FORMAT,
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
  };
}

export function parseCritical(spec: string): CriticalMatcher[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [rule = '', status] = s.split(':');
      return status ? { rule, status } : { rule };
    });
}

/** Critical at once (docs/operations.md): golive-reason, unreachable, disk/traffic critical by default (R11, R28, A9). */
export function isCritical(f: { rule: string; status: string }, matchers: CriticalMatcher[]): boolean {
  return matchers.some((m) => m.rule === f.rule && (!m.status || m.status === f.status));
}

/**
 * Findings that are something to fix, or a risk the team lead should know. `late` (the entry exists), `due-soon` and plain warnings are
 * information for the badge, not a miss: they neither flag nor label (R62 counts missing entries).
 * The same test keeps the card's compliance badge from showing green (shared/badges.ts).
 */
export { isOpenFinding } from '../../../shared/badges.js';

const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Minutes after midnight in Istanbul. */
export function minuteOfDay(now: Date): number {
  const parts = timeFmt.formatToParts(now);
  const h = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const m = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return h * 60 + m;
}

export function inQuietHours(now: Date, s: Pick<NotifySettings, 'quietFrom' | 'quietTo'>): boolean {
  const t = minuteOfDay(now);
  if (s.quietFrom === s.quietTo) return false;
  return s.quietFrom > s.quietTo ? t >= s.quietFrom || t < s.quietTo : t >= s.quietFrom && t < s.quietTo;
}

/** Team working day: Monday–Friday minus Turkish public holidays (A2). Saturdays follow personal rotas only. */
export function isOrgWorkingDay(day: DateKey): boolean {
  return isoWeekday(day) <= 5 && !publicHoliday(day);
}

/** Working days d with from < d ≤ to. */
export function workingDaysAfter(from: DateKey, to: DateKey): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isOrgWorkingDay(d)) n++;
  return n;
}

/** May anything (mention, digest, retry) be sent now? Working days, outside quiet hours (docs/operations.md). */
export function maySendAt(now: Date, s: NotifySettings): boolean {
  return isOrgWorkingDay(dateKey(now)) && !inQuietHours(now, s);
}

/** Is today's digest due at `now` (working day, at/after DIGEST_TIME, not quiet)? */
export function digestDue(now: Date, s: NotifySettings): boolean {
  return maySendAt(now, s) && minuteOfDay(now) >= s.digestAt;
}

/** The next instant at or after `now` when the digest is due (for dry-run previews). */
export function nextDigestTime(now: Date, s: NotifySettings): Date {
  if (digestDue(now, s)) return now;
  let day = dateKey(now);
  for (let i = 0; i < 30; i++) {
    const at = new Date(dayStart(day).getTime() + s.digestAt * 60_000);
    if (isOrgWorkingDay(day) && at.getTime() > now.getTime()) return at;
    day = addDays(day, 1);
  }
  return now;
}

/** The day a period ends (docs/rules.md, period keys): a day, the Sunday of an ISO week, the last of a month. */
export function periodEnd(period: string, today: DateKey): DateKey {
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return period;
  const w = /^(\d{4})-W(\d{2})$/.exec(period);
  if (w) {
    // ISO week: Monday of week 1 is the Monday on or before 4 January.
    const jan4 = `${w[1]}-01-04`;
    const monday1 = addDays(jan4, 1 - isoWeekday(jan4));
    return addDays(monday1, (Number(w[2]) - 1) * 7 + 6);
  }
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
    return addDays(next, -1);
  }
  return today;
}
